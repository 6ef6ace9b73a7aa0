import type { AslDefinition } from "./types";

/** One error as asl-validator 4 reports it (read from its `dist/src`: the package ships no types). */
interface AslValidatorError {
  readonly "Error code": string;
  readonly Message: string;
  /** Only on JSON-schema errors: `instancePath` is the JSON pointer of the offending value. */
  readonly schemaError?: { readonly instancePath: string; readonly schemaPath: string };
}

/** The part of asl-validator's API we use, declared here because the package ships no types. */
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errors: AslValidatorError[] };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS module, typed just above
const validate = require("asl-validator") as AslValidator;

/**
 * asl-validator compiles its JSON schemas on every call (about 100 ms, see `npm run bench`), so its
 * verdict is remembered per definition text: rebuilding an identical definition costs nothing.
 */
const verdicts = new Map<string, string[]>();
const MAX_REMEMBERED = 200;

/**
 * Runs asl-validator (the community JSON-schema validator of ASL) on top of the builder's own checks,
 * and returns its errors as `CODE at /json/pointer: message` (empty when valid). asl-validator mutates
 * its input (it fills in `QueryLanguage`), so it is given a copy: the caller's object is never changed.
 */
export function aslValidatorErrors(asl: AslDefinition): string[] {
  const text = JSON.stringify(asl);
  let errors = verdicts.get(text);
  if (errors === undefined) {
    const copy: unknown = JSON.parse(text); // the copy asl-validator may mutate
    const found = validate(copy).errors;
    const places = found.length > 0 ? indexPlaces(JSON.parse(text)) : undefined;
    errors = found.map((error) => formatError(error, places));
    if (verdicts.size >= MAX_REMEMBERED) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(text, errors);
  }
  return [...errors];
}

/** Throws, listing every asl-validator error, when the definition is not valid ASL. */
export function assertAslValid(asl: AslDefinition, name: string): void {
  const errors = aslValidatorErrors(asl);
  if (errors.length > 0) {
    throw new Error(
      `State machine "${name}" is not valid ASL according to asl-validator:\n${errors.map((error) => `  - ${error}`).join("\n")}`,
    );
  }
}

/** Where things are in a definition, as JSON pointers, to say where an error is. */
interface Places {
  /** Every `States` object, in the order asl-validator numbers them (`fsm1`, `fsm2`, ...). */
  containers: string[];
  /** Each state name's pointer(s). */
  states: Map<string, string[]>;
  /** The pointers of every `StartAt`, `Next` and `Default` naming a state. */
  targets: Map<string, string[]>;
}

/**
 * Non-schema errors carry no pointer, only a state name in their message; these patterns (from
 * asl-validator 4's checks) find the name, and `Places` turns it into pointers.
 */
const LOCATORS: [RegExp, (match: RegExpExecArray, places: Places) => string[] | undefined][] = [
  [/^State "(.+)" MUST /s, (match, places) => places.states.get(match[1])],
  [/^State (.+) is not reachable$/s, (match, places) => places.states.get(match[1])],
  [/^A state with this name already exists: (.+)$/s, (match, places) => places.states.get(match[1])],
  // A branch's outbound transition: the culprit is inside the branch, not the outer StartAt naming it.
  [
    /cannot transition to target: (.+)$/s,
    (match, places) =>
      places.targets.get(match[1])?.filter((pointer) => /\/(Branches|Iterator)\//.test(pointer)),
  ],
  [/target: (.+)$/s, (match, places) => places.targets.get(match[1])],
  [
    /^State machine fsm(\d+) /,
    (match, places) => places.containers.slice(Number(match[1]) - 1, Number(match[1])),
  ],
];

function formatError(error: AslValidatorError, places: Places | undefined): string {
  const code = error["Error code"];
  if (error.schemaError !== undefined) {
    const pointer = error.schemaError.instancePath;
    const message = error.Message.replace(`${pointer} is invalid. `, "");
    return `${code} at ${pointer === "" ? "the root" : pointer}: ${message}`;
  }
  for (const [pattern, locate] of LOCATORS) {
    const match = pattern.exec(error.Message);
    const pointers = match && places ? locate(match, places) : undefined;
    if (pointers !== undefined && pointers.length > 0) {
      return `${code} at ${pointers.map((pointer) => pointer || "the root").join(", ")}: ${error.Message}`;
    }
  }
  return `${code}: ${error.Message}`;
}

/** Walks the definition depth first, in key order, as asl-validator's `$..States` query does. */
function indexPlaces(definition: unknown): Places {
  const places: Places = { containers: [], states: new Map(), targets: new Map() };
  const add = (map: Map<string, string[]>, key: string, pointer: string) =>
    map.set(key, [...(map.get(key) ?? []), pointer]);
  const walk = (value: unknown, pointer: string): void => {
    if (typeof value !== "object" || value === null) return;
    const entries = Object.entries(value);
    const states: unknown = (value as Record<string, unknown>).States;
    if (!Array.isArray(value) && typeof states === "object" && states !== null) {
      places.containers.push(`${pointer}/States`);
      for (const name of Object.keys(states)) add(places.states, name, `${pointer}/States/${escape(name)}`);
    }
    for (const [key, child] of entries) {
      const childPointer = `${pointer}/${escape(key)}`;
      if (
        !Array.isArray(value) &&
        ["StartAt", "Next", "Default"].includes(key) &&
        typeof child === "string"
      ) {
        add(places.targets, child, childPointer);
      }
      walk(child, childPointer);
    }
  };
  walk(definition, "");
  return places;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
