/**
 * JSONPath checks made when a state or condition is created, so a mistyped path fails the build
 * instead of an execution. We check with our own small tokenizer because general JSONPath libraries
 * accept expressions ASL rejects (and vice versa), and none expresses ASL's "reference path" rule:
 * only plain steps (`.name`, `['name']`, `[0]`), because such a path must name a single node.
 */

/**
 * `path`: any JSONPath ASL accepts (InputPath, OutputPath, ItemsPath, `"key.$"` values), `$` or `$$`.
 * `reference`: ASL's reference path (Choice `Variable`, `...Path` fields): plain steps only.
 * `result`: a reference path into the state's own input, so it must start with `$`, not `$$`.
 */
export type PathKind = "path" | "reference" | "result";

/** True when the value is meant as a path (starts with `$`). */
export function isPath(value: string): boolean {
  return value.startsWith("$");
}

/** What is wrong with `path` for `kind` (a short phrase), or `undefined` when it is fine. */
export function pathProblem(written: string, kind: PathKind): string | undefined {
  // Jayway JsonPath, which AWS uses, trims the path before reading it (PathCompiler.compile), so
  // "$$.Execution.Name " is "$$.Execution.Name"; AWS's own sample app-decompose-for-parallelism
  // deploys with that trailing space.
  const path = written.trim();
  if (!path.startsWith("$")) return 'must start with "$"';
  const contextObject = path.startsWith("$$");
  if (contextObject && kind === "result") return 'must start with "$" (not the context object "$$")';
  // A workflow variable (`$name`, `$order.items[0]`) may be read wherever a path reads, but results
  // can only be written into the state's input: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
  const variable = contextObject ? undefined : VARIABLE.exec(path)?.[0];
  if (variable !== undefined && kind === "result") {
    return `names the variable "${variable}"; a result path writes into the state's input, so it must start with "$." (set variables with Assign)`;
  }
  const steps = tokenize(path, contextObject ? 2 : (variable?.length ?? 1));
  if (typeof steps === "string") return steps;
  if (kind === "path") return undefined;
  const step = steps.find((candidate) => candidate !== "name" && candidate !== "index");
  return step === undefined ? undefined : `uses ${STEP_NAMES[step]}, which a reference path cannot`;
}

/** Throws, naming where the path was used and what is wrong with it. */
export function assertPath(path: string, kind: PathKind, where: string): void {
  const problem = pathProblem(path, kind);
  if (problem !== undefined) throw new Error(`${where}: "${path}" is not a valid JSONPath: ${problem}`);
}

/** A variable reference at the start of a path: `$` then a name (not `$$`, not `$.`). */
const VARIABLE = /^\$[A-Za-z_][A-Za-z0-9_]*/;

/** The kinds of step a JSONPath is made of; only `name` and `index` may appear in a reference path. */
type Step = "name" | "index" | "wildcard" | "descendants" | "slice" | "union" | "filter";

const STEP_NAMES: Record<Exclude<Step, "name" | "index">, string> = {
  wildcard: "a wildcard",
  descendants: '".." (a descendant search)',
  slice: "a slice",
  union: "a union",
  filter: "a filter",
};

/** Splits the path after its `$`/`$$` into steps, or says what stops it from being read. */
function tokenize(path: string, start: number): Step[] | string {
  const steps: Step[] = [];
  let i = start;
  while (i < path.length) {
    const char = path[i];
    if (char === "[") {
      const close = closingBracket(path, i);
      if (close < 0) return `has an unclosed "[" at position ${i}`;
      const step = bracketStep(path.slice(i + 1, close).trim());
      if (step === undefined) return `has an invalid "${path.slice(i, close + 1)}" at position ${i}`;
      steps.push(step);
      i = close + 1;
      continue;
    }
    if (char !== ".") return `has an unexpected "${char}" at position ${i}: a step starts with "." or "["`;
    if (path[i + 1] === "[") {
      i += 1; // `$.[0]`, `$.['a']`: a dot before a bracket is allowed (Jayway JsonPath, which AWS uses)
      continue;
    }
    if (path[i + 1] === ".") {
      steps.push("descendants");
      i += 2;
      if (path[i] === "[") continue; // `$..[0]`
    } else {
      i += 1;
    }
    if (path[i] === "*") {
      steps.push("wildcard");
      i += 1;
      continue;
    }
    const nameStart = i;
    while (i < path.length && path[i] !== "." && path[i] !== "[") i += 1;
    const name = path.slice(nameStart, i);
    if (name === "") return `has an empty name after "." at position ${nameStart}`;
    if (/[\s'"\])(*@?,:]/.test(name)) {
      return `has the name "${name}" at position ${nameStart}, which needs brackets: use ['${name}']`;
    }
    steps.push("name");
  }
  return steps;
}

/** The index of the `]` closing the `[` at `open`, skipping quoted text and nested brackets; -1 if none. */
function closingBracket(path: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = open + 1; i < path.length; i++) {
    const char = path[i];
    if (quote !== undefined) {
      if (char === "\\") i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "[" || char === "(") {
      depth += 1;
    } else if (char === ")") {
      depth -= 1;
    } else if (char === "]") {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

const QUOTED = String.raw`(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const INDEX = String.raw`-?\d+`;
const BRACKET_STEPS: [RegExp, Step][] = [
  [new RegExp(`^${QUOTED}$`, "s"), "name"],
  [new RegExp(`^${INDEX}$`), "index"],
  [/^\*$/, "wildcard"],
  [new RegExp(`^(?:${INDEX})?:(?:${INDEX})?(?::${INDEX})?$`), "slice"],
  [new RegExp(`^(?:${INDEX}|${QUOTED})(?:\\s*,\\s*(?:${INDEX}|${QUOTED}))+$`, "s"), "union"],
  [/^\?\(.*\)$/s, "filter"],
];

/** What a bracket step is (`['name']`, `[0]`, `[*]`, `[1:3]`, `[0,2]`, `[?(...)]`), or undefined. */
function bracketStep(inner: string): Step | undefined {
  return BRACKET_STEPS.find(([pattern]) => pattern.test(inner))?.[1];
}
