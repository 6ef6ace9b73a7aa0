/**
 * Writes JSON values as TypeScript source, turning `${...}` placeholders into references to the
 * generated function's parameters (or into fixed text for `--substitute`d ones).
 */

/** A placeholder and the parameter it became. */
export interface Placeholder {
  readonly placeholder: string;
  readonly identifier: string;
}

/** `${Name}`, `${AWS::Region}`, `${Fn.Arn}`: what SAM, CDK and Terraform substitute in ASL text. */
const PLACEHOLDER = /\$\{([^}]+)\}/g;

export class Source {
  private readonly found = new Map<string, string>();

  constructor(private readonly substitutions: Readonly<Record<string, string>>) {}

  /** The parameters met so far, in order of appearance. */
  parameters(): Placeholder[] {
    return [...this.found].map(([placeholder, identifier]) => ({ placeholder, identifier }));
  }

  /** True when the text holds a placeholder that becomes a parameter. */
  hasPlaceholder(text: string): boolean {
    return [...text.matchAll(PLACEHOLDER)].some((match) => !(match[1] in this.substitutions));
  }

  /** A JSON value as a TypeScript expression. */
  value(value: unknown): string {
    if (typeof value === "string") return this.string(value);
    if (Array.isArray(value)) return `[${value.map((item) => this.value(item)).join(", ")}]`;
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value).map(([key, inner]) => {
        const name = this.hasPlaceholder(key) ? `[${this.string(key)}]` : JSON.stringify(key);
        return `${name}: ${this.value(inner)}`;
      });
      return entries.length > 0 ? `{ ${entries.join(", ")} }` : "{}";
    }
    return JSON.stringify(value);
  }

  /** A string literal, or a template literal when it holds parameters. */
  private string(text: string): string {
    const substituted = text.replace(PLACEHOLDER, (whole, name: string) => this.substitutions[name] ?? whole);
    if (!this.hasPlaceholder(substituted)) return JSON.stringify(substituted);
    const whole = /^\$\{([^}]+)\}$/.exec(substituted);
    if (whole) return `parameters.${this.parameter(whole[1])}`;
    let out = "";
    let last = 0;
    for (const match of substituted.matchAll(PLACEHOLDER)) {
      out += escapeTemplate(substituted.slice(last, match.index));
      out += `\${parameters.${this.parameter(match[1])}}`;
      last = (match.index ?? 0) + match[0].length;
    }
    return `\`${out}${escapeTemplate(substituted.slice(last))}\``;
  }

  private parameter(placeholder: string): string {
    let identifier = this.found.get(placeholder);
    if (identifier === undefined) {
      const base = parameterName(placeholder);
      identifier = base;
      const taken = new Set(this.found.values());
      for (let n = 2; taken.has(identifier) || ["options", "parameters"].includes(identifier); n += 1) {
        identifier = `${base}${n}`;
      }
      this.found.set(placeholder, identifier);
    }
    return identifier;
  }
}

/** The parameter a placeholder becomes: `${AWS::Region}` is `AWS_Region` (numbered if two collide). */
export function parameterName(placeholder: string): string {
  return placeholder.replace(/[^A-Za-z0-9_$]+/g, "_").replace(/^(\d)/, "_$1");
}

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}
