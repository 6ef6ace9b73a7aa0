import { assertPath } from "../jsonpath";
import type { JsonObject, JsonValue } from "../types";

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

/** True when the template passes the task token (`$$.Task.Token`) somewhere, as `.waitForTaskToken` needs. */
export function passesTaskToken(template: JsonValue | undefined): boolean {
  if (typeof template === "string") return template.includes("$$.Task.Token");
  if (Array.isArray(template)) return template.some(passesTaskToken);
  if (template === null || template === undefined || typeof template !== "object") return false;
  return Object.values(template).some(passesTaskToken);
}
