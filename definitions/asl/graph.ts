import { MAX_STATE_NAME_LENGTH } from "./states/state";
import type { AslDefinition, BranchJson, StateJson } from "./types";

/**
 * Structural checks of a rendered definition that neither TypeScript nor asl-validator make:
 * every target exists, every state is reachable, every path can end, names are unique across
 * nested branches, and Choice/Parallel/Map are not empty. Each problem names its state and says
 * what to do. Returns the problems (empty when the graph is sound).
 */
export function graphProblems(asl: AslDefinition | BranchJson): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  checkScope(asl, "the workflow", problems, seen);
  return [...new Set(problems)];
}

/** The transitions of a state: normal ones (Next, Choice rules, Default) and error ones (Catch). */
export function edgesOf(state: StateJson): { normal: string[]; onError: string[] } {
  const normal: string[] = [];
  if ("Next" in state && typeof state.Next === "string") normal.push(state.Next);
  if (state.Type === "Choice") {
    normal.push(...state.Choices.map((rule) => rule.Next));
    if (state.Default !== undefined) normal.push(state.Default);
  }
  const onError = "Catch" in state && state.Catch ? state.Catch.map((catcher) => catcher.Next) : [];
  return { normal, onError };
}

/** The nested state machines of a state (Parallel branches, a Map's item processor). */
export function nestedScopes(state: StateJson): BranchJson[] {
  if (state.Type === "Parallel") return state.Branches;
  if (state.Type === "Map") return [state.ItemProcessor];
  return [];
}

function checkScope(scope: BranchJson, label: string, problems: string[], seen: Map<string, string>): void {
  const states = scope.States as Record<string, StateJson>;
  const names = Object.keys(states);
  if (!(scope.StartAt in states)) {
    problems.push(`${label} starts at "${scope.StartAt}", which does not exist (its states: ${list(names)})`);
  }
  for (const [name, state] of Object.entries(states)) {
    const where = `State "${name}"`;
    const firstScope = seen.get(name);
    if (firstScope !== undefined) {
      problems.push(
        `${where} is declared twice (in ${firstScope} and in ${label}): state names must be unique across the whole definition, including Parallel branches and Map item processors`,
      );
    } else {
      seen.set(name, label);
    }
    if (name.length > MAX_STATE_NAME_LENGTH) {
      problems.push(
        `${where}: the name is ${name.length} characters long; Step Functions allows at most ${MAX_STATE_NAME_LENGTH}`,
      );
    }
    const { normal, onError } = edgesOf(state);
    for (const target of [...normal, ...onError]) {
      if (!(target in states)) {
        problems.push(
          `${where} goes to "${target}", which does not exist in ${label} (its states: ${list(names)})`,
        );
      }
    }
    if (state.Type === "Choice" && state.Choices.length === 0) {
      problems.push(`${where} is a Choice without rules: add at least one .when(condition, next)`);
    }
    if (state.Type === "Parallel" && state.Branches.length === 0) {
      problems.push(`${where} is a Parallel without branches: add at least one with .branch(...)`);
    }
    if (state.Type === "Map" && Object.keys(state.ItemProcessor.States).length === 0) {
      problems.push(`${where} is a Map without states: give it an item processor with .itemProcessor(...)`);
    }
    nestedScopes(state).forEach((branch, index) => {
      if (Object.keys(branch.States).length > 0) {
        const branchLabel =
          state.Type === "Map" ? `the item processor of "${name}"` : `branch ${index + 1} of "${name}"`;
        checkScope(branch, branchLabel, problems, seen);
      }
    });
  }
  checkReachability(scope.StartAt, states, problems);
  checkTermination(states, problems);
}

function checkReachability(startAt: string, states: Record<string, StateJson>, problems: string[]): void {
  if (!(startAt in states)) return;
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const { normal, onError } = edgesOf(states[queue.shift() as string]);
    for (const target of [...normal, ...onError]) {
      if (target in states && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name)) {
      problems.push(
        `State "${name}" is unreachable from "${startAt}": connect it with a transition or remove it`,
      );
    }
  }
}

/** A state can end if it is terminal or a normal transition leads to one that can (fixed point). */
function checkTermination(states: Record<string, StateJson>, problems: string[]): void {
  const canEnd = new Set<string>();
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === "Succeed" || state.Type === "Fail" || ("End" in state && state.End === true))
      canEnd.add(name);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, state] of Object.entries(states)) {
      if (!canEnd.has(name) && edgesOf(state).normal.some((target) => canEnd.has(target))) {
        canEnd.add(name);
        grew = true;
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!canEnd.has(name)) {
      problems.push(
        `State "${name}" can never end: every path from it loops forever; add a way out (End, a Succeed or Fail state, or a Choice rule that leaves the loop)`,
      );
    }
  }
}

function list(names: string[]): string {
  return names.length > 0 ? names.map((name) => `"${name}"`).join(", ") : "none";
}
