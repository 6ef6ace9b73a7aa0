import type { PolicyStatement } from "../types";
import type { IamGrant, PatternSuffix } from "./catalog";
import { integrationEntry } from "./catalog";
import type { AwsEnvironment, Request, Resolved } from "./iamResource";
import { resolveResource } from "./iamResource";
import { sdkIamActions, sdkResources } from "./sdkIam";
import { isUnscopedAction, unscopedStatement } from "./unscopedActions";

/** What `fromAsl` derives from a definition: the statements, and every state it could not derive for. */
export interface DerivedPermissions {
  readonly statements: PolicyStatement[];
  readonly problems: string[];
}

/** Options of the derivation, as `fromAsl` takes them. */
export interface DeriveOptions {
  /** Fills region and account into ARNs built from names (a table name, a Glue job name). */
  readonly environment?: AwsEnvironment;
  /**
   * Statements for named states whose resources are only known at run time (a path, a JSONata
   * expression): added to what can still be derived for the state, and its problems are waived.
   */
  readonly statePermissions?: Readonly<Record<string, readonly PolicyStatement[]>>;
}

/** `arn:<partition>:states:::<service>:<action><suffix>`, the service possibly `aws-sdk:<name>`. */
const INTEGRATION = /^arn:([\w-]+):states:::((?:aws-sdk:)?[\w-]+):(\w+)(\.sync(?::2)?|\.waitForTaskToken)?$/;
const LAMBDA_FUNCTION = /^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const ACTIVITY = /^arn:[\w-]+:states:[\w-]+:\d{12}:activity:[\w.-]+$/;
const SYNC: readonly PatternSuffix[] = [".sync", ".sync:2"];
/** The managed EventBridge rule a `.sync` integration needs: Step Functions puts and reads it. */
const RULE_ACTIONS = ["events:PutTargets", "events:PutRule", "events:DescribeRule"];

/**
 * Derives the IAM a definition's tasks need, from the integration table: every Task (nested ones
 * too) and a Distributed Map's ItemReader and ResultWriter. A state whose resources cannot be known
 * from the definition (a path, a JSONata expression) is a problem naming the state, unless
 * `statePermissions` gives its statements. Produces `*` only for an action IAM grants on `*` alone
 * (`UNSCOPED_ACTIONS`, unscopedActions.ts), each in a statement of its own.
 */
export function derivePermissions(definition: unknown, options: DeriveOptions = {}): DerivedPermissions {
  const statements: PolicyStatement[] = [];
  const problems: string[] = [];
  const env = options.environment ?? {};
  forEachState(definition, (name, state) => {
    const explicit = options.statePermissions?.[name];
    const found: Resolved[] = [];
    if (state.Type === "Task") found.push(...taskStatements(state, env, statements));
    if (state.Type === "Map") found.push(...mapStatements(state, env, statements));
    if (explicit) {
      // Given statements cover what the definition only knows at run time; the rest is still derived.
      statements.push(...explicit.map((statement) => ({ ...statement })));
      return;
    }
    for (const entry of found) {
      if ("problem" in entry) {
        problems.push(
          `State "${name}": ${entry.problem}. Pass its statements explicitly: fromAsl(definition, { statePermissions: { "${name}": [...] } })`,
        );
      }
    }
  });
  return { statements, problems: [...new Set(problems)] };
}

type StateRecord = Record<string, unknown>;

/** Visits every state, nested Parallel branches and Map processors (including legacy `Iterator`) too. */
export function forEachState(definition: unknown, visit: (name: string, state: StateRecord) => void): void {
  const walk = (machine: unknown) => {
    if (machine === null || typeof machine !== "object") return;
    const states = (machine as { States?: unknown }).States;
    if (states === null || typeof states !== "object") return;
    for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
      if (state === null || typeof state !== "object") continue;
      const record = state as StateRecord;
      visit(name, record);
      if (Array.isArray(record.Branches)) record.Branches.forEach(walk);
      walk(record.ItemProcessor);
      walk(record.Iterator);
    }
  };
  walk(definition);
}

/** The request a state renders: `Parameters` (JSONPath) or `Arguments` (JSONata). */
function requestOf(state: StateRecord): Request | string {
  const request = state.Arguments ?? state.Parameters ?? {};
  if (typeof request === "string") return "its Arguments are one JSONata expression evaluated at run time";
  return request as Request;
}

/** Fills region and account from the first ARN in the request when the environment does not give them. */
function environmentFor(request: Request, env: AwsEnvironment): AwsEnvironment {
  if (env.region && env.account) return env;
  const arn = JSON.stringify(request).match(/arn:([\w-]+):[\w-]+:([a-z0-9-]+):(\d{12}):/);
  return arn ? { partition: arn[1], region: arn[2], account: arn[3], ...stripEmpty(env) } : env;
}

function stripEmpty(env: AwsEnvironment): AwsEnvironment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value)) as AwsEnvironment;
}

function taskStatements(state: StateRecord, env: AwsEnvironment, out: PolicyStatement[]): Resolved[] {
  const resource = state.Resource;
  if (typeof resource !== "string") return [{ problem: "its Resource is not a string" }];
  if (ACTIVITY.test(resource)) return []; // Activities need nothing on the role (see ACTIVITY_DOC).
  if (LAMBDA_FUNCTION.test(resource)) {
    out.push({ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [resource] });
    return [];
  }
  const match = INTEGRATION.exec(resource);
  if (!match) {
    return [
      { problem: `its Resource "${resource}" is not a service integration, Lambda function or activity ARN` },
    ];
  }
  const [, partition, service, action, suffix = ""] = match;
  const request = requestOf(state);
  if (typeof request === "string") return [{ problem: request }];
  const taskEnv = environmentFor(request, { partition, ...env });
  const results: Resolved[] = [];
  if (state.Credentials !== undefined) {
    // A Task with Credentials calls its service as that role, so the state machine's role must be
    // allowed to assume it (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html).
    const credentials = state.Credentials as Request;
    results.push(
      grantStatement(
        { actions: ["sts:AssumeRole"], resources: [{ param: "RoleArn" }] },
        credentials,
        taskEnv,
        out,
      ),
    );
  }
  if (service.startsWith("aws-sdk:")) {
    return [
      sdkStatements(service.slice("aws-sdk:".length), action, suffix as PatternSuffix, request, taskEnv, out),
    ];
  }
  const entry = integrationEntry(service, action);
  if (!entry)
    return [
      {
        problem: `${service}:${action} is not in the integration table (definitions/asl/integrations/catalog.ts)`,
      },
    ];
  if (!entry.patterns.includes(suffix as PatternSuffix)) {
    return [
      {
        problem: `${service}:${action} does not support the "${suffix}" pattern (it supports ${entry.patterns.map((p) => `"${p}"`).join(", ")})`,
      },
    ];
  }
  for (const grant of entry.iam) {
    if (grant.when === undefined || grant.when.includes(suffix as PatternSuffix)) {
      results.push(grantStatement(grant, request, taskEnv, out));
    }
  }
  if (SYNC.includes(suffix as PatternSuffix) && entry.syncRule) {
    results.push(ruleStatement(entry.syncRule, taskEnv, out));
  }
  return results;
}

function grantStatement(
  grant: IamGrant,
  request: Request,
  env: AwsEnvironment,
  out: PolicyStatement[],
): Resolved {
  if (grant.unscoped)
    return (
      unscopedStatements(grant.actions, out) ?? {
        // A catalog grant marked unscoped whose actions the table does not list yet.
        problem: `${grant.unscoped}, and the builder grants "*" only to the actions in UNSCOPED_ACTIONS (definitions/asl/integrations/unscopedActions.ts), each added once its Service Authorization Reference row shows no resource type`,
      }
    );
  const arns: string[] = [];
  for (const spec of grant.resources) {
    const resolved = resolveResource(spec, request, env);
    if ("problem" in resolved) return { problem: `${grant.actions.join(", ")}: ${resolved.problem}` };
    arns.push(...resolved.arns);
  }
  if (arns.length > 0) out.push({ Effect: "Allow", Action: [...grant.actions], Resource: arns });
  return { arns };
}

/**
 * When every action is one IAM grants on `*` alone (`UNSCOPED_ACTIONS`), adds one statement per
 * action, `*` its only resource, never shared with another action; otherwise adds nothing.
 */
function unscopedStatements(actions: readonly string[], out: PolicyStatement[]): Resolved | undefined {
  if (actions.length === 0 || !actions.every(isUnscopedAction)) return undefined;
  out.push(...actions.map(unscopedStatement));
  return { arns: [] };
}

function ruleStatement(rule: string, env: AwsEnvironment, out: PolicyStatement[]): Resolved {
  return grantStatement(
    { actions: RULE_ACTIONS, resources: [{ arn: `arn:{partition}:events:{region}:{account}:rule/${rule}` }] },
    {},
    env,
    out,
  );
}

function sdkStatements(
  service: string,
  action: string,
  suffix: PatternSuffix,
  request: Request,
  env: AwsEnvironment,
  out: PolicyStatement[],
): Resolved {
  if (SYNC.includes(suffix)) return { problem: `AWS SDK integrations do not support "${suffix}"` };
  const iam = sdkIamActions(service, action);
  const unscoped = unscopedStatements(iam.actions, out);
  if (unscoped) return unscoped;
  if (iam.unscoped)
    return { problem: `${iam.unscoped} (${iam.source}), and the builder never grants on "*"` };
  const resolved = sdkResources(service, iam.actions[0], request, env);
  if ("problem" in resolved) return { problem: `${iam.actions.join(", ")}: ${resolved.problem}` };
  out.push({ Effect: "Allow", Action: [...iam.actions], Resource: resolved.arns });
  return resolved;
}

/**
 * A Distributed Map reads its items and writes its results with the role
 * (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
 */
function mapStatements(state: StateRecord, env: AwsEnvironment, out: PolicyStatement[]): Resolved[] {
  const processor = (state.ItemProcessor ?? {}) as { ProcessorConfig?: { Mode?: string } };
  if (processor.ProcessorConfig?.Mode !== "DISTRIBUTED") return [];
  // Child executions (states:StartExecution on the machine itself) are granted by
  // StateMachineDefinition.permissions({ stateMachineArn }), for chains and fromAsl alike.
  const results: Resolved[] = [];
  for (const [field, kind] of [
    ["ItemReader", "read"],
    ["ResultWriter", "write"],
  ] as const) {
    const part = state[field] as StateRecord | undefined;
    if (part === undefined || part.Resource === undefined) continue;
    results.push(s3Statements(part, kind, env, out));
  }
  return results;
}

function s3Statements(
  part: StateRecord,
  kind: "read" | "write",
  env: AwsEnvironment,
  out: PolicyStatement[],
): Resolved {
  const resource = String(part.Resource);
  const match = INTEGRATION.exec(resource);
  const request = requestOf(part);
  if (!match || match[2] !== "s3" || typeof request === "string") {
    return {
      problem: `its ${kind === "read" ? "ItemReader" : "ResultWriter"} Resource "${resource}" is not one the builder knows`,
    };
  }
  if (kind === "write") {
    const prefix = typeof request.Prefix === "string" ? `${request.Prefix.replace(/\/$/, "")}/` : "";
    const bucket = request.Bucket;
    if (typeof bucket !== "string" || bucket.includes("{%"))
      return { problem: "its ResultWriter Bucket is known only at run time" };
    out.push({
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
      Resource: [`arn:${env.partition ?? "aws"}:s3:::${bucket}/${prefix}*`],
    });
    return { arns: [] };
  }
  return sdkStatements("s3", match[3], "", request, env, out);
}
