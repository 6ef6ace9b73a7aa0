import * as pulumi from "@pulumi/pulumi";
import type { ResolverCall } from "../handlers/booking/resolvers";
import type { StatementInput } from "./policy";

/** The resources a resolver's calls act on. */
export interface ResolverTargets {
  readonly tableArn: pulumi.Input<string>;
  readonly stateMachineArn: pulumi.Input<string>;
}

/**
 * The IAM statements a resolver needs, derived from the calls the manifest lists for it: DynamoDB
 * actions on the table, StartExecution on the state machine, DescribeExecution on its executions.
 */
export function resolverStatements(
  calls: readonly ResolverCall[],
  targets: ResolverTargets,
): StatementInput[] {
  const executions = pulumi
    .output(targets.stateMachineArn)
    .apply((arn) => `${arn.replace(":stateMachine:", ":execution:")}:*`);
  const resourceOf = (call: ResolverCall): pulumi.Input<string> => {
    if (call.startsWith("dynamodb:")) return targets.tableArn;
    return call === "states:StartExecution" ? targets.stateMachineArn : executions;
  };
  const byResource = new Map<pulumi.Input<string>, string[]>();
  for (const call of calls)
    byResource.set(resourceOf(call), [...(byResource.get(resourceOf(call)) ?? []), call]);
  return [...byResource.entries()].map(([resource, actions]) => ({
    Effect: "Allow",
    Action: actions.sort(),
    Resource: [resource],
  }));
}
