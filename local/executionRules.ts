/**
 * The checks Step Functions applies before it starts an execution (name rules, input size and
 * syntax) and the ARNs it gives executions, kept apart from the service so each reads on its own.
 */
import { randomUUID } from "node:crypto";
import { ServiceError } from "./serviceErrors";

/** Step Functions' limit on execution input and output: 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 262_144;
/** Characters an execution name cannot contain (besides white space and control characters). */
const FORBIDDEN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** The name to run under: the requested one if valid, else a fresh UUID as AWS picks. */
export function checkedName(name: string | undefined): string {
  if (name === undefined) return randomUUID();
  if (name.length < 1 || name.length > 80 || FORBIDDEN_NAME.test(name)) {
    throw new ServiceError(
      "InvalidName",
      `Invalid Name: '${name}' (1 to 80 characters; no spaces, brackets, wildcards, control characters or any of "#%\\^|~\`$&,;:/)`,
    );
  }
  return name;
}

/** The input as the execution gets it: JSON text of at most 256 KiB; `{}` when absent, as AWS does. */
export function checkedInput(input: string | undefined): string {
  return parsedInput(input).text;
}

/** `checkedInput`, with the value it parsed to (so a caller that runs it does not parse it twice). */
export function parsedInput(input: string | undefined): { text: string; value: unknown } {
  const text = input ?? "{}";
  checkNesting(text);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new ServiceError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: the input is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} bytes (256 KiB)`,
    );
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw new ServiceError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: '${(error as Error).message}'`,
    );
  }
}

/** A STANDARD execution's ARN: unique per machine and name, which is what makes names idempotent. */
export function standardExecutionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

/** An EXPRESS execution's ARN: names are not unique for EXPRESS, so AWS appends an id. */
export function expressExecutionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":express:")}:${name}:${randomUUID()}`;
}

/** The service's answer to a required member left out of a request. */
export function missing(member: string): ServiceError {
  return new ServiceError(
    "ValidationException",
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

/**
 * The deepest nesting the local engines process: they walk data recursively, and a deeper document
 * would otherwise fail deep inside them with "Maximum call stack size exceeded". AWS documents no
 * nesting limit; this one is the local stack's, and says so in its message.
 */
export const MAX_NESTING_DEPTH = 1000;

/** Refuses input nested deeper than MAX_NESTING_DEPTH, counted without recursion. */
function checkNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92)
        i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      if (++depth > MAX_NESTING_DEPTH)
        throw new ServiceError(
          "InvalidExecutionInput",
          `Invalid State Machine Execution Input: the input is nested more than ${MAX_NESTING_DEPTH} levels deep (objects and arrays); the local stack processes at most ${MAX_NESTING_DEPTH}`,
        );
    } else if (char === 125 || char === 93) depth--;
  }
}
