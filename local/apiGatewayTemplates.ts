/**
 * API Gateway REST API mapping templates, rendered locally with velocityjs (a VTL engine, the one
 * serverless-offline uses for the same job), with the parts of API Gateway's template context the
 * pizza API's templates use: `$input` (body, json, path), `$util` (escapeJavaScript, parseJson) and
 * `$context.responseOverride.status`. Modelled on
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html.
 * AWS runs VTL on Java, so strings returned by `$util` behave as Java strings (`replaceAll` takes
 * a regular expression), which the templates rely on.
 */
import { render } from "velocityjs";

/** What rendering a template produced: the text, and the status the template asked for, if any. */
export interface RenderedTemplate {
  readonly body: string;
  readonly statusOverride?: number;
}

/** A Java string as VTL on AWS sees it: `replaceAll` takes a regular expression. */
class JavaString {
  constructor(private readonly value: string) {}
  replaceAll(regex: string, replacement: string): JavaString {
    return new JavaString(this.value.replace(new RegExp(regex, "g"), () => replacement));
  }
  toString(): string {
    return this.value;
  }
}

/**
 * Apache Commons' `escapeJavaScript`, which `$util.escapeJavaScript` is: backslash escapes for
 * quotes, backslash and slash, short escapes for control characters, `\uXXXX` beyond ASCII.
 */
export function escapeJavaScript(text: string): string {
  const short: Record<string, string> = { "\b": "\\b", "\n": "\\n", "\t": "\\t", "\f": "\\f", "\r": "\\r" };
  let escaped = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "'" || char === '"' || char === "\\" || char === "/") escaped += `\\${char}`;
    else if (short[char]) escaped += short[char];
    else if (code < 0x20 || code > 0x7e) {
      // Beyond the BMP, Java escapes each UTF-16 unit.
      for (const unit of char.length === 2 ? [char.charCodeAt(0), char.charCodeAt(1)] : [code])
        escaped += `\\u${unit.toString(16).toUpperCase().padStart(4, "0")}`;
    } else escaped += char;
  }
  return escaped;
}

/** The value at a simple JSONPath (`$`, `$.a.b`) of a JSON text; undefined if the text is not JSON. */
function valueAt(body: string, jsonPath: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!/^\$(\.[A-Za-z_][\w]*)*$/.test(jsonPath))
    throw new Error(`The local template engine supports JSONPath "$" and "$.a.b" only, got "${jsonPath}"`);
  for (const key of jsonPath.split(".").slice(1))
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Renders `template` against a request or integration response `body`. */
export function renderTemplate(template: string, body: string): RenderedTemplate {
  const context = { responseOverride: { status: undefined as unknown, header: {} } };
  const text = render(template, {
    input: {
      body,
      json: (jsonPath: string) => JSON.stringify(valueAt(body, jsonPath) ?? null),
      path: (jsonPath: string) => valueAt(body, jsonPath),
    },
    util: {
      escapeJavaScript: (value: unknown) => new JavaString(escapeJavaScript(String(value ?? ""))),
      parseJson: (value: string) => JSON.parse(value) as unknown,
    },
    context,
  });
  const status = Number(context.responseOverride.status);
  return { body: text.trim(), ...(Number.isInteger(status) && status > 0 ? { statusOverride: status } : {}) };
}
