import type { AslDefinition } from "./types";

/** One error as asl-validator 4 reports it. */
interface AslValidatorError {
  readonly "Error code": string;
  readonly Message: string;
}

/** The part of asl-validator's API we use; the package ships no types. */
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
 * Runs asl-validator (the community JSON-schema validator of ASL) on top of the builder's own checks.
 * It mutates its input (it fills in `QueryLanguage`), so it is given a clone.
 */
export function aslValidatorErrors(asl: AslDefinition): string[] {
  const text = JSON.stringify(asl);
  let errors = verdicts.get(text);
  if (errors === undefined) {
    errors = validate(JSON.parse(text)).errors.map((error) => `${error["Error code"]}: ${error.Message}`);
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
