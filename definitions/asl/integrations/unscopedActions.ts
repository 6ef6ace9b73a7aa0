import type { PolicyStatement } from "../types";

/**
 * IAM actions that support no resource-level permissions: in the Service Authorization Reference,
 * the action's "Resource types" column is empty, and then "you must specify all resources ("*") to
 * which the policy applies in the Resource element". `*` is the only resource IAM accepts for them,
 * so the least privilege for one is exactly that action, on `*`, in a statement of its own.
 *
 * This is THE table: derivation (catalog grants marked `unscoped`, AWS SDK integrations), the
 * explicit-statements check of `fromAsl`, and the deploy policy's IAM rule
 * (scripts/policy/rules/iam.ts) all read it. Each entry is the Service Authorization Reference page
 * of its service, where the action's row has no resource type. Add an action only after reading its
 * row there.
 */
const SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference";

export const UNSCOPED_ACTIONS: Readonly<Record<string, string>> = {
  // Batch `.sync` polls the job it submitted.
  "batch:DescribeJobs": `${SAR}/list_awsbatch.html`,
  "comprehend:DetectSentiment": `${SAR}/list_amazoncomprehend.html`,
  // EMR createCluster (elasticmapreduce:RunJobFlow creates the cluster, so no ARN exists yet).
  "elasticmapreduce:RunJobFlow": `${SAR}/list_amazonelasticmapreduce.html`,
  "emr-containers:CreateVirtualCluster": `${SAR}/list_amazonemroneksemrcontainers.html`,
  // s3:listBuckets through the AWS SDK integration.
  "s3:ListAllMyBuckets": `${SAR}/list_amazons3.html`,
  // Tracing (components/policy.ts XRAY_WRITE).
  "xray:GetSamplingRules": `${SAR}/list_awsx-ray.html`,
  "xray:GetSamplingTargets": `${SAR}/list_awsx-ray.html`,
  "xray:PutTelemetryRecords": `${SAR}/list_awsx-ray.html`,
  "xray:PutTraceSegments": `${SAR}/list_awsx-ray.html`,
};

/** Whether IAM accepts only `*` as the resource of `action` (it is in `UNSCOPED_ACTIONS`). */
export function isUnscopedAction(action: string): boolean {
  return Object.prototype.hasOwnProperty.call(UNSCOPED_ACTIONS, action);
}

/** The one statement an unscoped action is granted in: that action alone, on `*`. */
export function unscopedStatement(action: string): PolicyStatement {
  if (!isUnscopedAction(action)) {
    throw new Error(
      `${action} is not in UNSCOPED_ACTIONS (definitions/asl/integrations/unscopedActions.ts): name its resources`,
    );
  }
  return { Effect: "Allow", Action: [action], Resource: ["*"] };
}

/**
 * Whether a statement grants `*` only as the table allows: every action named (no wildcard) and in
 * `UNSCOPED_ACTIONS`, and `*` its only resource.
 */
export function isUnscopedStatement(statement: PolicyStatement): boolean {
  return (
    statement.Resource.length === 1 &&
    statement.Resource[0] === "*" &&
    statement.Action.length > 0 &&
    statement.Action.every(isUnscopedAction)
  );
}

/**
 * The wildcard a statement grants beyond what the table allows, if any: `*` or `service:*` in an
 * action, anywhere; `*` (or `service:*`) as a resource, unless the statement is an unscoped one.
 * Every statement a definition carries, derived or hand-written, is held to this.
 */
export function wildcardIn(statement: PolicyStatement): string | undefined {
  const wild = (part: string) => part === "*" || /^[\w-]+:\*$/.test(part);
  return (
    statement.Action.find(wild) ??
    (isUnscopedStatement(statement) ? undefined : statement.Resource.find(wild))
  );
}
