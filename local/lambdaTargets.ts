/**
 * Lambda functions a user's own state machine can call locally, found by function name or ARN (as
 * the Lambda API accepts either): a handler file given on the command line
 * (`--lambda my-fn=handlers/myFn.ts#handler`), else a Lambda-compatible endpoint
 * (`LOCAL_LAMBDA_ENDPOINT`, e.g. `sam local start-lambda`), called with the Lambda Invoke API
 * (`POST /2015-03-31/functions/<name>/invocations`; a function error is flagged by the
 * `X-Amz-Function-Error` header and described by `errorType` / `errorMessage` in the body).
 */
import path from "node:path";
import type { LambdaHandler } from "./taskResources";

/** Where functions come from. */
export interface LambdaSources {
  /** Function name → `file[#export]` (export defaults to `handler`), relative to `root`. */
  readonly handlerFiles?: Readonly<Record<string, string>>;
  /** A Lambda Invoke API endpoint for every other function. */
  readonly endpoint?: string;
  readonly root: string;
}

/** The function name in a function ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]`), or the name itself. */
export function functionName(nameOrArn: string): string {
  const arn = /^arn:[\w-]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  return arn ? arn[1] : nameOrArn;
}

/** Finds a function by name or ARN; undefined when neither a file nor an endpoint serves it. */
export function lambdaFinder(sources: LambdaSources): (nameOrArn: string) => LambdaHandler | undefined {
  const loaded = new Map<string, LambdaHandler>();
  return (nameOrArn) => {
    const name = functionName(nameOrArn);
    const cached = loaded.get(name);
    if (cached) return cached;
    const file = sources.handlerFiles?.[name];
    let handler: LambdaHandler | undefined;
    if (file) handler = loadHandler(name, file, sources.root);
    else if (sources.endpoint) handler = invokeOver(sources.endpoint, name);
    if (handler) loaded.set(name, handler);
    return handler;
  };
}

/** Parses `--lambda name=file[#export]`. */
export function parseLambdaOption(value: string | undefined): [string, string] {
  const match = /^([\w-]{1,64})=(.+)$/.exec(value ?? "");
  if (!match) throw new Error(`--lambda takes <function name>=<handler file>[#export], got "${value ?? ""}"`);
  return [match[1], match[2]];
}

function loadHandler(name: string, spec: string, root: string): LambdaHandler {
  const [file, exportName = "handler"] = spec.split("#");
  const resolved = path.resolve(root, file);
  let module: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(resolved) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Lambda function "${name}": cannot load ${resolved}: ${(error as Error).message}`);
  }
  const handler = module[exportName];
  if (typeof handler !== "function")
    throw new Error(`Lambda function "${name}": ${resolved} has no exported function "${exportName}"`);
  return (event) => Promise.resolve((handler as (event: unknown, context: unknown) => unknown)(event, {}));
}

function invokeOver(endpoint: string, name: string): LambdaHandler {
  const url = `${endpoint.replace(/\/$/, "")}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
  return async (event) => {
    const response = await fetch(url, { method: "POST", body: JSON.stringify(event ?? null) });
    const text = await response.text();
    const payload = text ? (JSON.parse(text) as unknown) : null;
    if (response.headers.get("x-amz-function-error") || !response.ok) {
      const { errorType = `Lambda.${response.status}`, errorMessage = text } = (payload ?? {}) as {
        errorType?: string;
        errorMessage?: string;
      };
      const error = new Error(errorMessage);
      error.name = errorType;
      throw error;
    }
    return payload;
  };
}
