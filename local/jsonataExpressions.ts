/**
 * JSONata in state fields, evaluated as Step Functions evaluates it ("Transforming data with
 * JSONata in Step Functions", AWS Step Functions Developer Guide): a string that starts with `{%` and
 * ends with `%}` is an expression, anywhere in a field's value (inside objects and arrays too); any
 * other string is a literal. Expressions see `$states` (input, result, errorOutput, context) and the
 * workflow variables, and the functions Step Functions adds: `$partition`, `$range`, `$hash`,
 * `$random`, `$uuid`, `$parse`. `$eval` is not available there. An expression that fails, or
 * returns nothing, fails the state with `States.QueryEvaluationError`.
 *
 * Evaluated with the `jsonata` package (the reference implementation Step Functions documents);
 * compiled expressions are cached by text.
 */
import { createHash, randomUUID } from "node:crypto";
import jsonata from "jsonata";
import { TaskError } from "./taskError";

/** The `$states` reserved variable. */
export interface StatesVariable {
  readonly input: unknown;
  readonly context: unknown;
  readonly result?: unknown;
  readonly errorOutput?: unknown;
}

/** Where an expression is evaluated: for messages that name the state and field. */
export interface FieldLocation {
  readonly state: string;
  readonly field: string;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
const compiled = new Map<string, jsonata.Expression>();

/** The algorithms `$hash` accepts, as Step Functions names them, mapped to node:crypto's names. */
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/** Step Functions' functions, bound into every evaluation. */
const AWS_FUNCTIONS = {
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array)) throw new Error("$partition: the first argument must be an array");
    if (!Number.isInteger(size) || size < 1)
      throw new Error("$partition: the size must be a positive integer");
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  range: (start: number, end: number, step: number) => {
    if (![start, end, step].every(Number.isInteger) || step === 0)
      throw new Error("$range: start, end and a non-zero step must be integers");
    const values: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
    return values;
  },
  hash: (data: unknown, algorithm: string) => {
    const name = HASH_ALGORITHMS[algorithm];
    if (!name)
      throw new Error(
        `$hash: the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(", ")}, got ${algorithm}`,
      );
    return createHash(name)
      .update(typeof data === "string" ? data : JSON.stringify(data))
      .digest("hex");
  },
  random: (seed?: number) => (seed === undefined ? Math.random() : seededRandom(seed)),
  uuid: () => randomUUID(),
  parse: (text: string) => JSON.parse(text) as unknown,
  eval: () => {
    throw new Error("$eval is not supported in Step Functions; use $parse");
  },
};

/** Whether a value is a `{% ... %}` expression. */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && EXPRESSION.test(value);
}

/**
 * Evaluates a field's value: expressions replaced by their results, recursively through objects and
 * arrays; literals kept.
 */
export async function evaluateField(
  value: unknown,
  states: StatesVariable,
  variables: Readonly<Record<string, unknown>>,
  where: FieldLocation,
): Promise<unknown> {
  if (typeof value === "string") {
    const match = EXPRESSION.exec(value);
    return match ? evaluateExpression(match[1], states, variables, where) : value;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await evaluateField(item, states, variables, where));
    return items;
  }
  if (value && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      result[key] = await evaluateField(item, states, variables, where);
    return result;
  }
  return value;
}

async function evaluateExpression(
  text: string,
  states: StatesVariable,
  variables: Readonly<Record<string, unknown>>,
  where: FieldLocation,
): Promise<unknown> {
  let result: unknown;
  try {
    let expression = compiled.get(text);
    if (!expression) {
      expression = jsonata(text);
      compiled.set(text, expression);
    }
    result = await expression.evaluate(undefined, { ...variables, ...AWS_FUNCTIONS, states });
  } catch (error) {
    const { message } = error as Error;
    throw new TaskError(
      "States.QueryEvaluationError",
      `An error occurred while evaluating the JSONata expression '${text.trim()}' in the field '${where.field}' of the state '${where.state}': ${message}`,
    );
  }
  if (result === undefined)
    throw new TaskError(
      "States.QueryEvaluationError",
      `The JSONata expression '${text.trim()}' specified for the field '${where.field}' of the state '${where.state}' returned nothing (undefined)`,
    );
  return plain(result);
}

/** JSONata results can carry its internal markers (sequences); the state data is plain JSON. */
function plain(value: unknown): unknown {
  return typeof value === "function" ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** A deterministic number in [0, 1) for a seed (mulberry32), so `$random(seed)` repeats, as AWS documents. */
function seededRandom(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
