/**
 * JSONPath checks made when a state or condition is created, so a mistyped path fails the build
 * instead of an execution. We check ourselves because general JSONPath libraries accept expressions
 * ASL rejects, and none expresses ASL's "reference path" rule (only plain steps, no wildcards).
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

/** What is wrong with `path` for `kind`, or `undefined` when it is fine. */
export function pathProblem(path: string, kind: PathKind): string | undefined {
  if (!path.startsWith("$")) return 'must start with "$"';
  const contextObject = path.startsWith("$$");
  if (contextObject && kind === "result") return 'must start with "$" (not the context object "$$")';
  let i = contextObject ? 2 : 1;
  while (i < path.length) {
    const char = path[i];
    if (char === ".") {
      if (path[i + 1] === ".") {
        if (kind !== "path") return 'uses "..", which a reference path cannot';
        i += 2;
        if (path[i] === "*") {
          i += 1;
          continue;
        }
      } else {
        i += 1;
      }
      if (path[i] === "*") {
        if (kind !== "path") return "uses a wildcard, which a reference path cannot";
        i += 1;
        continue;
      }
      const start = i;
      while (i < path.length && !".[".includes(path[i])) i += 1;
      if (i === start) return `has an empty name after "." at position ${start}`;
      if (/[\s'"\]()]/.test(path.slice(start, i)))
        return `has a name with a space, quote or bracket at position ${start}: use ['name']`;
    } else if (char === "[") {
      const close = closingBracket(path, i);
      if (close < 0) return `has an unclosed "[" at position ${i}`;
      const inner = path.slice(i + 1, close).trim();
      const problem = bracketProblem(inner, kind);
      if (problem) return problem;
      i = close + 1;
    } else {
      return `has an unexpected "${char}" at position ${i}`;
    }
  }
  return undefined;
}

/** Throws, naming where the path was used and what is wrong with it. */
export function assertPath(path: string, kind: PathKind, where: string): void {
  const problem = pathProblem(path, kind);
  if (problem !== undefined) throw new Error(`${where}: "${path}" is not a valid JSONPath: ${problem}`);
}

function closingBracket(path: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < path.length; i++) {
    const char = path[i];
    if (quote) {
      if (char === "\\") i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "]") {
      return i;
    }
  }
  return -1;
}

function bracketProblem(inner: string, kind: PathKind): string | undefined {
  if (inner === "") return 'has an empty "[]"';
  if (/^(['"]).*\1$/s.test(inner)) return undefined; // ['name'] or ["name"]
  if (/^-?\d+$/.test(inner)) return undefined; // [0], [-1]
  if (kind !== "path") return `uses "[${inner}]", which a reference path cannot (only [0] or ['name'])`;
  if (inner === "*") return undefined;
  if (/^-?\d*:-?\d*(:-?\d+)?$/.test(inner)) return undefined; // slices
  if (/^-?\d+(\s*,\s*-?\d+)+$/.test(inner)) return undefined; // unions
  if (/^\?\(.*\)$/s.test(inner)) return undefined; // filters
  return `has an invalid "[${inner}]"`;
}
