import type { Branch, State } from "../states/state";
import type { BranchJson, QueryLanguage, StateJson } from "../types";

/** What rendering an object graph produced: the JSON, the states it visited, and any problems. */
export interface RenderedGraph {
  readonly json: BranchJson;
  readonly states: readonly State[];
  readonly problems: readonly string[];
}

/**
 * Walks the object graph from `start` (breadth first, so the rendered order follows the flow) and
 * renders every reachable state, nested branches included. Two different objects with one name are
 * reported here: in JSON they would silently overwrite each other.
 */
export function renderGraph(start: State, defaultLanguage: QueryLanguage = "JSONPath"): RenderedGraph {
  const byName = new Map<string, State>();
  const visited: State[] = [];
  const problems: string[] = [];

  const renderScope = (scopeStart: State): BranchJson => {
    const states: Record<string, StateJson> = {};
    const queue: State[] = [scopeStart];
    const inScope = new Set<State>([scopeStart]);
    while (queue.length > 0) {
      const state = queue.shift() as State;
      const known = byName.get(state.name);
      if (known !== undefined && known !== state) {
        problems.push(
          `State "${state.name}" is declared twice (two different states share the name): state names must be unique across the whole definition, including Parallel branches and Map item processors`,
        );
        continue;
      }
      byName.set(state.name, state);
      visited.push(state);
      states[state.name] = renderState(state, (branch: Branch) => renderScope(branch.start), defaultLanguage);
      for (const { target } of state.transitions()) {
        if (!inScope.has(target)) {
          inScope.add(target);
          queue.push(target);
        }
      }
    }
    return { StartAt: scopeStart.name, States: states };
  };

  const json = renderScope(start);
  return { json, states: visited, problems };
}

/**
 * Parallel and Map render their nested branches through the same walk, so names stay unique. A
 * state's `QueryLanguage` is rendered where it differs from the definition's, or where the author
 * gave it (an imported definition that restates the definition's language keeps it, so it round
 * trips); a language only implied by the state's fields is not added when it is the definition's.
 */
function renderState(
  state: State,
  renderBranch: (branch: Branch) => BranchJson,
  defaultLanguage: QueryLanguage,
): StateJson {
  const withBranches = state as State & { toStateJson(render?: (branch: Branch) => BranchJson): StateJson };
  const { Type, ...rest } = withBranches.toStateJson(renderBranch);
  const language = state.queryLanguage;
  return (
    language !== undefined && (language !== defaultLanguage || state.hasExplicitQueryLanguage)
      ? { Type, QueryLanguage: language, ...rest }
      : { Type, ...rest }
  ) as StateJson;
}
