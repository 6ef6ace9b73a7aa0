import type { PolicyStatement } from "./types";

/**
 * Merges IAM statements into the fewest statements that grant exactly the same (action, resource)
 * pairs: resources with the same set of actions share a statement. Output is sorted, so the policy
 * a definition derives is stable across runs and easy to compare in tests.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const actionsByResource = new Map<string, Set<string>>();
  for (const statement of statements) {
    for (const resource of statement.Resource) {
      const actions = actionsByResource.get(resource) ?? new Set<string>();
      statement.Action.forEach((action) => actions.add(action));
      actionsByResource.set(resource, actions);
    }
  }
  const resourcesByActions = new Map<string, string[]>();
  for (const [resource, actions] of actionsByResource) {
    const key = [...actions].sort().join(" ");
    resourcesByActions.set(key, [...(resourcesByActions.get(key) ?? []), resource]);
  }
  return [...resourcesByActions.entries()]
    .map(([actions, resources]) => ({
      Effect: "Allow" as const,
      Action: actions.split(" "),
      Resource: resources.sort(),
    }))
    .sort(
      (a, b) =>
        a.Action.join().localeCompare(b.Action.join()) || a.Resource.join().localeCompare(b.Resource.join()),
    );
}
