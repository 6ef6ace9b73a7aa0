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
 * Runs asl-validator (the community JSON-schema validator of ASL) on top of the builder's own checks.
 * It mutates its input (it fills in `QueryLanguage`), so it is given a clone.
 */
export function aslValidatorErrors(asl: AslDefinition): string[] {
  const { errors } = validate(structuredClone(asl));
  return errors.map((error) => `${error["Error code"]}: ${error.Message}`);
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
