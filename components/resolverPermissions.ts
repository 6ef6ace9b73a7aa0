import type * as pulumi from "@pulumi/pulumi";
import type { ResolverCall, ResolverTable } from "../handlers/booking/resolvers";
import type { StatementInput } from "./policy";

/** The resources a resolver's calls act on. */
export interface ResolverTargets {
  readonly tables: Readonly<Record<ResolverTable, pulumi.Input<string>>>;
  readonly stateMachineArn: pulumi.Input<string>;
}

/**
 * The IAM statements a resolver needs, derived from the calls the manifest lists for it: each
 * DynamoDB action on the one table it names, StartExecution on the state machine. One statement
 * per resource, actions sorted.
 */
export function resolverStatements(
  calls: readonly ResolverCall[],
  targets: ResolverTargets,
): StatementInput[] {
  const byResource = new Map<string, { resource: pulumi.Input<string>; actions: string[] }>();
  for (const call of calls) {
    const [action, table] = call.split(" on ") as [string, ResolverTable | undefined];
    const key = table ?? "stateMachine";
    const resource = table ? targets.tables[table] : targets.stateMachineArn;
    const entry = byResource.get(key) ?? { resource, actions: [] };
    entry.actions.push(action);
    byResource.set(key, entry);
  }
  return [...byResource.values()].map(({ resource, actions }) => ({
    Effect: "Allow",
    Action: [...new Set(actions)].sort(),
    Resource: [resource],
  }));
}
