/**
 * Reads an intrinsic call's text back into its parts: the inverse of `Intrinsic.toString()`. The
 * grammar is AWS's (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html):
 * `States.Name(arg, ...)`, where an argument is a quoted string (`\'`, `\{`, `\}`, `\\` escaped), a
 * number, `true`/`false`/`null`, a path (`$.x`, `$$.Execution.Id`, `$variable`) or another call.
 */
import type { IntrinsicArg, JsonPathRef, Template } from "./intrinsics";

/** How to build the parts (given by intrinsics.ts, so the two modules do not import each other). */
export interface IntrinsicMakers<T> {
  call(fn: string, args: (IntrinsicArg | Template)[]): T;
  path(path: string): JsonPathRef;
  template(text: string): Template;
}

export function parseIntrinsic<T extends IntrinsicArg>(text: string, make: IntrinsicMakers<T>): T {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`Intrinsic.parse: ${what} at position ${i} of ${JSON.stringify(text)}`);
  };
  const spaces = () => {
    while (text[i] === " ") i += 1;
  };
  const call = (): T => {
    const name = /^States\.([A-Za-z0-9]+)\(/.exec(text.slice(i));
    if (name === null) return fail('expected "States.<Function>("');
    i += name[0].length;
    const args: (IntrinsicArg | Template)[] = [];
    spaces();
    if (text[i] === ")") {
      i += 1;
      return make.call(name[1], args);
    }
    for (;;) {
      spaces();
      args.push(argument(name[1] === "Format" && args.length === 0));
      spaces();
      if (text[i] === ",") i += 1;
      else if (text[i] === ")") {
        i += 1;
        return make.call(name[1], args);
      } else fail('expected "," or ")"');
    }
  };
  const argument = (formatTemplate: boolean): IntrinsicArg | Template => {
    const char = text[i];
    if (char === "'") return quoted(formatTemplate);
    if (char === "$") return path();
    if (text.startsWith("States.", i)) return call();
    const literal = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)(?=[\s,)])/.exec(text.slice(i));
    if (literal === null) return fail("expected a string, number, true, false, null, path or call");
    i += literal[0].length;
    return JSON.parse(literal[1]) as IntrinsicArg;
  };
  const quoted = (formatTemplate: boolean): string | Template => {
    i += 1;
    let value = "";
    while (i < text.length && text[i] !== "'") {
      if (text[i] === "\\") {
        i += 1;
        if (i >= text.length) fail("unfinished escape");
      }
      value += text[i];
      i += 1;
    }
    if (text[i] !== "'") fail("unclosed string");
    i += 1;
    return formatTemplate ? make.template(value) : value;
  };
  const path = (): JsonPathRef => {
    // A path ends at a "," or ")" outside brackets, parentheses and quotes (filters hold all three).
    const start = i;
    let depth = 0;
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const char = text[i];
      if (quote !== undefined) {
        if (char === "\\") i += 1;
        else if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') quote = char;
      else if (char === "[" || char === "(") depth += 1;
      else if (char === "]" || char === ")") {
        if (depth === 0) break;
        depth -= 1;
      } else if (char === "," && depth === 0) break;
    }
    return make.path(text.slice(start, i).trimEnd());
  };
  const result = call();
  if (i !== text.length) fail("unexpected text after the call");
  return result;
}
