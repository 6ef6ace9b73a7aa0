import type { PolicyStatement } from "./types";

/**
 * Merges IAM statements into the fewest statements that grant exactly the same (action, resource)
 * pairs: resources with the same set of actions share a statement. Output is sorted, so the policy
 * a definition derives is stable across runs and easy to compare in tests. An action granted on `*`
 * (derivation grants `*` only to actions IAM accepts on `*` alone, UNSCOPED_ACTIONS) keeps a
 * statement of its own: `*` never gathers several actions, nor joins a scoped resource.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const actionsByResource = new Map<string, Set<string>>();
  const star = new Set<string>();
  for (const statement of statements) {
    for (const resource of statement.Resource) {
      if (resource === "*") {
        statement.Action.forEach((action) => star.add(action));
        continue;
      }
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
  return [
    ...[...resourcesByActions.entries()].map(([actions, resources]) => ({
      Effect: "Allow" as const,
      Action: actions.split(" "),
      Resource: resources.sort(),
    })),
    ...[...star].map((action) => ({ Effect: "Allow" as const, Action: [action], Resource: ["*"] })),
  ].sort(
    (a, b) =>
      a.Action.join().localeCompare(b.Action.join()) || a.Resource.join().localeCompare(b.Resource.join()),
  );
}
