import { assertPath } from "../jsonpath";
import type { JsonObject, JsonValue, QueryLanguage } from "../types";

/** Values of `"key.$"` fields may be a JSONPath or an intrinsic function call such as `States.Format(...)`. */
const INTRINSIC_CALL = /^States\.[A-Za-z0-9]+\(.*\)$/s;

/**
 * Checks a payload template (Parameters, ItemSelector, ResultSelector): every key ending in `.$` must
 * hold a string that is a JSONPath or an intrinsic function call, at any depth. ASL only finds these
 * mistakes when the state runs, so the builder reports them when the state is created instead.
 */
export function checkPayloadTemplate(template: JsonObject, where: string): void {
  visit(template, where);
}

function visit(value: JsonValue, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, `${where}[${index}]`));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    const at = `${where}.${key}`;
    if (key.endsWith(".$")) {
      if (typeof inner !== "string") {
        throw new Error(
          `${at}: a key ending in ".$" needs a JSONPath or intrinsic string, got ${JSON.stringify(inner)}`,
        );
      }
      if (!INTRINSIC_CALL.test(inner)) assertPath(inner, "path", at);
    } else {
      visit(inner, at);
    }
  }
}

/** True when the template passes the task token somewhere, as `.waitForTaskToken` needs. */
export function passesTaskToken(template: JsonValue | undefined): boolean {
  if (typeof template === "string") {
    return template.includes("$$.Task.Token") || /\$states\.context\.Task\.Token/.test(template);
  }
  if (Array.isArray(template)) return template.some(passesTaskToken);
  if (template === null || template === undefined || typeof template !== "object") return false;
  return Object.values(template).some(passesTaskToken);
}

/**
 * Checks an `Assign` block: in JSONPath its `.$` keys hold paths or intrinsics (as in Parameters, and
 * a path may name a variable, `$name`); in JSONata values are JSON or `{% %}` expressions. Variable
 * names follow AWS's rule: a letter or `_` first, then letters, digits and `_`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html).
 */
export function checkAssign(assign: JsonObject, where: string, language: QueryLanguage | undefined): void {
  for (const key of Object.keys(assign)) {
    const name = key.endsWith(".$") ? key.slice(0, -2) : key;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new Error(
        `${where}: "${name}" is not a valid variable name (start with a letter or "_", then letters, digits or "_")`,
      );
    }
    if (key.endsWith(".$") && language === "JSONata") {
      throw new Error(`${where}.${key}: JSONata has no ".$" keys; write "${name}": "{% ... %}"`);
    }
  }
  if (language !== "JSONata") visit(assign, where);
}

/** A whole-string JSONata expression as Step Functions reads it: `{%` ... `%}`, spaces optional. */
const JSONATA = /^\{%[\s\S]*%\}$/;

/** True when `value` is a JSONata expression string (`{% ... %}`). */
export function isJsonata(value: unknown): value is `{%${string}%}` {
  return typeof value === "string" && JSONATA.test(value);
}

/** Throws, naming the field, unless `value` is a `{% ... %}` expression with something inside. */
export function assertJsonata(value: string, where: string): void {
  if (!isJsonata(value) || value.slice(2, -2).trim() === "") {
    throw new Error(`${where}: "${value}" is not a JSONata expression; write it as "{% <expression> %}"`);
  }
}
