/**
 * How an IAM resource is found in a Task's request: the vocabulary the integration table
 * (`catalog.ts`) uses, so each entry stays data while this file holds the little logic there is.
 */

/** Where the state machine runs: fills `{partition}`, `{region}` and `{account}` in ARN templates. */
export interface AwsEnvironment {
  /** @default "aws" */
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
  /** The state machine's own name, which the HTTP Task's `states:InvokeHTTPEndpoint` is granted on. */
  readonly stateMachineName?: string;
}

/**
 * One IAM resource of a grant.
 * - `param`: the request field holding the resource (`"TopicArn"`, `"Entries[].EventBusName"`,
 *   `"Overrides.TaskRoleArn"`). Without it the template needs only the environment (managed rules).
 * - `arn`: an ARN template with `{partition}`, `{region}`, `{account}`, `{value}` (the field's value),
 *   `{name}` (its last `/` or `:` segment when it is an ARN, else the value) and `{lname}` (lower case).
 *   Left out, the field must itself hold the ARN.
 * - `arnAsIs`: a field that holds an ARN is used unchanged (a Lambda ARN with its qualifier).
 * - `default`: the value the service assumes when the field is absent (`"primary"` work group).
 * - `optional`: an absent field grants nothing (an optional role to pass).
 * - `convert`: a field whose value needs parsing (an SQS queue URL, an API Gateway endpoint).
 */
export interface ResourceSpec {
  readonly param?: string;
  readonly arn?: string;
  readonly arnAsIs?: boolean;
  readonly default?: string;
  readonly optional?: boolean;
  readonly convert?: "sqsQueueUrl" | "apiGatewayInvoke" | "connectionSecret";
}

/** What resolving a spec gave: the ARNs, or why they cannot be known before the state runs. */
export type Resolved = { readonly arns: string[] } | { readonly problem: string };

/** A request as a Task renders it: `Parameters` (JSONPath) or `Arguments` (JSONata). */
export type Request = Readonly<Record<string, unknown>>;

/** True when a string is evaluated at run time: a JSONata `{% %}` expression. */
function isJsonata(value: unknown): boolean {
  return typeof value === "string" && value.trimStart().startsWith("{%");
}

/**
 * Reads `a.b[].c` from the request: each value found, or a problem when one is only known at run time.
 * `context` resolves context-object paths the builder knows before the run (`$$.StateMachine.Id`).
 */
export function readField(
  request: Request,
  field: string,
  context: Readonly<Record<string, string>> = {},
): { values: unknown[] } | { problem: string } {
  let current: unknown[] = [request];
  const steps = field.split(".");
  for (const [index, raw] of steps.entries()) {
    const each = raw.endsWith("[]");
    const key = each ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const holder of current) {
      if (holder === null || typeof holder !== "object") continue;
      const record = holder as Record<string, unknown>;
      const where = steps.slice(0, index + 1).join(".");
      const path = record[`${key}.$`];
      if (typeof path === "string" && path in context) {
        next.push(context[path]);
        continue;
      }
      if (path !== undefined) return { problem: `${where} is read from a path at run time` };
      const value = record[key];
      if (isJsonata(value)) return { problem: `${where} is a JSONata expression evaluated at run time` };
      if (value === undefined) continue;
      if (each) {
        if (!Array.isArray(value)) return { problem: `${where} is not a literal array` };
        next.push(...value);
      } else next.push(value);
    }
    current = next;
  }
  return { values: current };
}

/** Splits an ARN into its environment and its last segment; `undefined` when it is not an ARN. */
function arnParts(value: string) {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const resource = parts.slice(5).join(":");
  return {
    partition: parts[1],
    region: parts[3],
    account: parts[4],
    name: resource.split(/[/:]/).filter(Boolean).pop() ?? resource,
  };
}

/** Fills an ARN template; a problem names the environment part that is missing. */
function fill(template: string, env: AwsEnvironment, value?: string): Resolved {
  const fromArn = value === undefined ? undefined : arnParts(value);
  const tokens: Record<string, string | undefined> = {
    partition: fromArn?.partition ?? env.partition ?? "aws",
    region: fromArn?.region || env.region,
    account: fromArn?.account || env.account,
    value,
    name: fromArn?.name ?? value,
    lname: (fromArn?.name ?? value)?.toLowerCase(),
    stateMachineName: env.stateMachineName,
  };
  let missing: string | undefined;
  const arn = template.replace(/\{(\w+)\}/g, (_, token: string) => {
    const filled = tokens[token];
    if (filled === undefined || filled === "") missing ??= token;
    return filled ?? "";
  });
  if (missing !== undefined) {
    return {
      problem: `its ARN needs the ${missing === "value" || missing === "name" ? "resource name" : missing}, which neither the request nor the environment gives (pass environment: { ${missing} })`,
    };
  }
  return { arns: [arn] };
}

/**
 * Context-object paths whose value the environment fixes: `$$.StateMachine.Id` is the state
 * machine's own ARN (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
 */
function knownContext(env: AwsEnvironment): Record<string, string> {
  if (!env.region || !env.account || !env.stateMachineName) return {};
  const arn = `arn:${env.partition ?? "aws"}:states:${env.region}:${env.account}:stateMachine:${env.stateMachineName}`;
  return { "$$.StateMachine.Id": arn };
}

/** Turns one field value into ARNs according to the spec. */
function resolveValue(spec: ResourceSpec, value: unknown, env: AwsEnvironment): Resolved {
  if (typeof value !== "string" || value === "") {
    return { problem: `${spec.param} is ${JSON.stringify(value)}, not a resource name or ARN` };
  }
  switch (spec.convert) {
    case "sqsQueueUrl": {
      // https://sqs.<region>.amazonaws.com/<account>/<queue> is arn:<partition>:sqs:<region>:<account>:<queue>
      const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([\w.-]+)$/.exec(value);
      if (!match) return { problem: `${spec.param} "${value}" is not an SQS queue URL` };
      const partition = value.includes(".amazonaws.com.cn") ? "aws-cn" : (env.partition ?? "aws");
      return { arns: [`arn:${partition}:sqs:${match[1]}:${match[2]}:${match[3]}`] };
    }
    case "connectionSecret": {
      // An EventBridge connection keeps its credentials in a secret named events!connection/<name>/...
      const parts = arnParts(value);
      const name = parts ? value.split(":").slice(5).join(":").split("/")[1] : undefined;
      if (!parts || !name)
        return { problem: `${spec.param} "${value}" is not an EventBridge connection ARN` };
      return fill(
        `arn:{partition}:secretsmanager:{region}:{account}:secret:events!connection/${name}/*`,
        env,
        value,
      );
    }
    default:
      break;
  }
  if (spec.arn === undefined || (spec.arnAsIs && value.startsWith("arn:"))) {
    if (!value.startsWith("arn:")) return { problem: `${spec.param} "${value}" is not an ARN` };
    return { arns: [value] };
  }
  return fill(spec.arn, env, value);
}

/** The ARNs a spec names in `request`, or why they cannot be known until the state runs. */
export function resolveResource(spec: ResourceSpec, request: Request, env: AwsEnvironment): Resolved {
  if (spec.param === undefined) return fill(spec.arn ?? "", env);
  if (spec.convert === "apiGatewayInvoke") return apiGatewayInvoke(request, env);
  const read = readField(request, spec.param, knownContext(env));
  if ("problem" in read) return read;
  const values = read.values.length > 0 ? read.values : spec.default !== undefined ? [spec.default] : [];
  if (values.length === 0) {
    return spec.optional ? { arns: [] } : { problem: `${spec.param} is missing from the request` };
  }
  const arns: string[] = [];
  for (const value of values) {
    const resolved = resolveValue(spec, value, env);
    if ("problem" in resolved) return resolved;
    arns.push(...resolved.arns);
  }
  return { arns };
}

/**
 * `execute-api:Invoke` on `arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html),
 * read from the optimized integration's `ApiEndpoint` (`<api-id>.execute-api.<region>.amazonaws.com`),
 * `Stage`, `Method` and `Path`.
 */
function apiGatewayInvoke(request: Request, env: AwsEnvironment): Resolved {
  const fields: Record<string, string> = {};
  for (const field of ["ApiEndpoint", "Method", "Stage", "Path"]) {
    const read = readField(request, field);
    if ("problem" in read) return read;
    const value = read.values[0];
    if (value !== undefined && typeof value !== "string") return { problem: `${field} is not a string` };
    if (value !== undefined) fields[field] = value;
  }
  const match = /^([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(fields.ApiEndpoint ?? "");
  if (!match)
    return {
      problem: `ApiEndpoint "${fields.ApiEndpoint}" is not <api-id>.execute-api.<region>.amazonaws.com`,
    };
  if (!env.account) return { problem: "its ARN needs the account (pass environment: { account })" };
  if (fields.Method === undefined) return { problem: "Method is missing from the request" };
  const stage = fields.Stage ?? "$default";
  const path = (fields.Path ?? "").replace(/^\//, "");
  return {
    arns: [
      `arn:${env.partition ?? "aws"}:execute-api:${match[2]}:${env.account}:${match[1]}/${stage}/${fields.Method}/${path}`,
    ],
  };
}
