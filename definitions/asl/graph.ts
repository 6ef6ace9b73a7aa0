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
  checkLanguages(asl, asl.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath", problems);
  return [...new Set(problems)];
}

/**
 * The transitions of a state: normal ones (Next, Choice rules, Default) and error ones (Catch).
 * Tolerates malformed JSON (a missing list, a rule that is not an object): what is not a transition
 * is left for the validator to report, so raw input never causes a TypeError here.
 */
export function edgesOf(state: StateJson): { normal: string[]; onError: string[] } {
  const normal: string[] = [];
  const fields = state as unknown as Record<string, unknown>;
  if (typeof fields.Next === "string") normal.push(fields.Next);
  if (fields.Type === "Choice") {
    for (const rule of objects(fields.Choices)) if (typeof rule.Next === "string") normal.push(rule.Next);
    if (typeof fields.Default === "string") normal.push(fields.Default);
  }
  const onError = objects(fields.Catch)
    .map((catcher) => catcher.Next)
    .filter((next): next is string => typeof next === "string");
  return { normal, onError };
}

/**
 * The nested state machines of a state: Parallel branches, a Map's item processor (or its legacy
 * `Iterator`). Only well-formed ones (an object with a `States` object) are returned.
 */
export function nestedScopes(state: StateJson): BranchJson[] {
  const fields = state as unknown as Record<string, unknown>;
  const scopes =
    fields.Type === "Parallel"
      ? objects(fields.Branches)
      : fields.Type === "Map"
        ? objects([fields.ItemProcessor ?? fields.Iterator])
        : [];
  return scopes.filter((scope) => isObject(scope.States)) as unknown as BranchJson[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The plain objects in `value` when it is an array; none otherwise. */
function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function checkScope(scope: BranchJson, label: string, problems: string[], seen: Map<string, string>): void {
  if (!isObject(scope.States)) return; // the validator says what is wrong
  // Only states that are objects are checked here; the validator reports the others.
  const states = Object.fromEntries(
    Object.entries(scope.States).filter(([, state]) => isObject(state)),
  ) as Record<string, StateJson>;
  const names = Object.keys(scope.States);
  if (typeof scope.StartAt !== "string") return;
  if (!Object.hasOwn(scope.States, scope.StartAt)) {
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
      if (!Object.hasOwn(scope.States, target)) {
        problems.push(
          `${where} goes to "${target}", which does not exist in ${label} (its states: ${list(names)})`,
        );
      }
    }
    if (state.Type === "Choice" && Array.isArray(state.Choices) && state.Choices.length === 0) {
      problems.push(`${where} is a Choice without rules: add at least one .when(condition, next)`);
    }
    if (state.Type === "Parallel" && Array.isArray(state.Branches) && state.Branches.length === 0) {
      problems.push(`${where} is a Parallel without branches: add at least one with .branch(...)`);
    }
    const processor = state.Type === "Map" ? nestedScopes(state)[0] : undefined;
    if (state.Type === "Map" && processor === undefined) {
      problems.push(
        `${where} is a Map without an ItemProcessor (a nested StartAt and States): give it one with .itemProcessor(...)`,
      );
    }
    if (processor !== undefined && Object.keys(processor.States).length === 0) {
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
  if (!Object.hasOwn(states, startAt)) return;
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const { normal, onError } = edgesOf(states[queue.shift() as string]);
    for (const target of [...normal, ...onError]) {
      if (Object.hasOwn(states, target) && !reached.has(target)) {
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

/**
 * Fields that exist in only one query language (AWS rejects the others when the machine is created:
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). AWS's validator service
 * does not check this, so the builder does, for JSON from `fromAsl`.
 */
const ONLY_IN: Record<"JSONPath" | "JSONata", readonly string[]> = {
  JSONPath: [
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "Result",
    "ItemsPath",
    "Iterator",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
  ],
  JSONata: ["Arguments", "Output", "Items"],
};

function checkLanguages(
  scope: BranchJson,
  definitionLanguage: "JSONPath" | "JSONata",
  problems: string[],
): void {
  if (!isObject(scope.States)) return;
  for (const [name, value] of Object.entries(scope.States as Record<string, unknown>)) {
    if (!isObject(value)) continue;
    const state = value;
    const language =
      state.QueryLanguage === "JSONata" || state.QueryLanguage === "JSONPath"
        ? state.QueryLanguage
        : definitionLanguage;
    const other = language === "JSONata" ? "JSONPath" : "JSONata";
    const wrong = ONLY_IN[other].filter((field) => field in state);
    if (language === "JSONPath" && objects(state.Choices).some((rule) => "Condition" in rule))
      wrong.push("Choices[].Condition");
    if (language === "JSONata" && objects(state.Choices).some((rule) => "Variable" in rule))
      wrong.push("Choices[].Variable");
    for (const field of wrong) {
      problems.push(
        `State "${name}" /${field}: a ${other} field in a ${language} state; ${
          language === "JSONata"
            ? 'use Arguments/Output with {% %} expressions, or set "QueryLanguage": "JSONPath" on the state'
            : 'set "QueryLanguage": "JSONata" on the state'
        }`,
      );
    }
    nestedScopes(state as unknown as StateJson).forEach((nested) =>
      checkLanguages(nested, definitionLanguage, problems),
    );
  }
}

function list(names: string[]): string {
  return names.length > 0 ? names.map((name) => `"${name}"`).join(", ") : "none";
}
