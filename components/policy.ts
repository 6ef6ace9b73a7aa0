import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../definitions/asl";

/** An IAM statement whose resources may still be Outputs (ARNs of resources being created). */
export interface StatementInput {
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly pulumi.Input<string>[];
  /** Why the statement exists; kept out of the JSON (IAM has no comment field). */
  readonly why?: string;
}

/**
 * A policy document as JSON text. `pulumi.jsonStringify` resolves the Outputs inside: a plain
 * `JSON.stringify` over Outputs would write "Calling [toJSON] on an [Output<T>]" into the policy.
 */
export function policyDocument(
  statements: pulumi.Input<readonly (StatementInput | PolicyStatement)[]>,
): pulumi.Output<string> {
  return pulumi.output(statements).apply((resolved) =>
    pulumi.jsonStringify({
      Version: "2012-10-17",
      Statement: resolved.map((statement) => ({
        Effect: statement.Effect,
        Action: [...statement.Action],
        Resource: [...statement.Resource],
      })),
    }),
  );
}

/** A trust policy that lets one AWS service assume the role. */
export function assumedBy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/**
 * X-Ray's write actions. AWS requires `*` for them: trace segments are not resources that IAM can
 * name (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_id-based-policy-examples.html).
 */
export const XRAY_WRITE: StatementInput = {
  Effect: "Allow",
  Action: [
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:PutTelemetryRecords",
    "xray:PutTraceSegments",
  ],
  Resource: ["*"],
  why: "X-Ray accepts no resource-level permissions",
};
