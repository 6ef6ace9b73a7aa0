import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LAMBDA_RUNTIME, bundleHandler } from "./bundle";
import type { StatementInput } from "./policy";
import { XRAY_WRITE } from "./policy";
import { serviceRole } from "./serviceRole";

/** Options of a bundled Lambda function. */
export interface BundledFunctionArgs {
  /** The handler file, relative to the project root (it must `export const handler`). */
  readonly entry: string;
  /** What the function may call, besides writing its own logs. */
  readonly statements?: pulumi.Input<readonly StatementInput[]>;
  readonly environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly tracing: boolean;
  readonly tags: Record<string, string>;
  /** Unique per stack and component instance: log group names are physical names. */
  readonly logGroupName: string;
}

/** A Lambda function, its role and its log group. */
export interface BundledFunction {
  readonly fn: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/**
 * Creates a Lambda function from a handler file, with a log group of its own (so retention is ours
 * to set) and a role that may write only to that log group plus what `statements` grant. Not
 * AWSLambdaBasicExecutionRole: that managed policy allows writing to every log group.
 */
export function bundledFunction(
  name: string,
  args: BundledFunctionArgs,
  parent: pulumi.Resource,
): BundledFunction {
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: args.logGroupName, retentionInDays: args.logRetentionDays, tags: args.tags },
    { parent },
  );
  const statements = pulumi.output(args.statements ?? []).apply((granted) => [
    {
      Effect: "Allow" as const,
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [pulumi.interpolate`${logGroup.arn}:*`],
    },
    ...(args.tracing ? [XRAY_WRITE] : []),
    ...granted,
  ]);
  const { role, policy } = serviceRole(name, "lambda.amazonaws.com", statements, args.tags, parent);
  const fn = new aws.lambda.Function(
    name,
    {
      runtime: LAMBDA_RUNTIME,
      handler: "index.handler",
      code: bundleHandler(args.entry),
      role: role.arn,
      memorySize: args.memorySize,
      timeout: args.timeoutSeconds,
      architectures: ["arm64"],
      environment: args.environment ? { variables: args.environment } : undefined,
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      tracingConfig: { mode: args.tracing ? "Active" : "PassThrough" },
      tags: args.tags,
    },
    // The role's policy must exist before the function runs: IAM is eventually consistent, and a
    // function created first may be invoked (and refused its table or log group) before it does.
    { parent, dependsOn: [policy] },
  );
  return { fn, role, logGroup };
}
