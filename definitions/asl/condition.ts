import { assertPath } from "./jsonpath";
import type { JsonataExpression } from "./mapTypes";
import { assertJsonata } from "./private/payload";
import type { ConditionJson } from "./types";

/** RFC 3339 as Step Functions accepts it in timestamp comparisons: upper-case `T`, `Z` or an offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isRfc3339(value: string): boolean {
  return RFC3339.test(value) && Number.isFinite(Date.parse(value));
}

type Comparison = "Equals" | "LessThan" | "GreaterThan" | "LessThanEquals" | "GreaterThanEquals";
type TypeTest = "IsPresent" | "IsNull" | "IsString" | "IsNumeric" | "IsBoolean" | "IsTimestamp";

const SYMBOL: Record<Comparison, string> = {
  Equals: "==",
  LessThan: "<",
  GreaterThan: ">",
  LessThanEquals: "<=",
  GreaterThanEquals: ">=",
};

/**
 * A Choice rule's condition. Made only through the static factories, which check every path when
 * the condition is created, so a mistyped variable fails the build rather than an execution.
 */
export class Condition {
  private constructor(
    private readonly json: ConditionJson,
    /** Set for a JSONata condition: the `{% %}` expression of the rule's `Condition`. */
    readonly jsonata?: JsonataExpression,
  ) {}

  /**
   * A JSONata condition (`"Condition": "{% $states.input.total > 100 %}"`): the rule matches when the
   * expression is true. The Choice becomes a JSONata state; its rules cannot mix with JSONPath ones.
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
   */
  static jsonata(expression: string): Condition {
    assertJsonata(expression, "Condition.jsonata");
    return new Condition({}, expression as JsonataExpression);
  }

  /** `StringEquals`: the variable equals the string. */
  static stringEquals = (variable: string, value: string) =>
    Condition.compare("String", "Equals", variable, value);
  /** `StringEqualsPath`: the variable equals the value at `path`. */
  static stringEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "Equals", variable, path);
  /** `StringLessThan`: the variable is less than the string. */
  static stringLessThan = (variable: string, value: string) =>
    Condition.compare("String", "LessThan", variable, value);
  /** `StringLessThanPath`: the variable is less than the value at `path`. */
  static stringLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("String", "LessThan", variable, path);
  /** `StringGreaterThan`: the variable is greater than the string. */
  static stringGreaterThan = (variable: string, value: string) =>
    Condition.compare("String", "GreaterThan", variable, value);
  /** `StringGreaterThanPath`: the variable is greater than the value at `path`. */
  static stringGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("String", "GreaterThan", variable, path);
  /** `StringLessThanEquals`: the variable is less than or equal to the string. */
  static stringLessThanEquals = (variable: string, value: string) =>
    Condition.compare("String", "LessThanEquals", variable, value);
  /** `StringLessThanEqualsPath`: the variable is less than or equal to the value at `path`. */
  static stringLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "LessThanEquals", variable, path);
  /** `StringGreaterThanEquals`: the variable is greater than or equal to the string. */
  static stringGreaterThanEquals = (variable: string, value: string) =>
    Condition.compare("String", "GreaterThanEquals", variable, value);
  /** `StringGreaterThanEqualsPath`: the variable is greater than or equal to the value at `path`. */
  static stringGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "GreaterThanEquals", variable, path);

  /** `NumericEquals`: the variable equals the number. */
  static numberEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "Equals", variable, value);
  /** `NumericEqualsPath`: the variable equals the value at `path`. */
  static numberEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "Equals", variable, path);
  /** `NumericLessThan`: the variable is less than the number. */
  static numberLessThan = (variable: string, value: number) =>
    Condition.compare("Numeric", "LessThan", variable, value);
  /** `NumericLessThanPath`: the variable is less than the value at `path`. */
  static numberLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "LessThan", variable, path);
  /** `NumericGreaterThan`: the variable is greater than the number. */
  static numberGreaterThan = (variable: string, value: number) =>
    Condition.compare("Numeric", "GreaterThan", variable, value);
  /** `NumericGreaterThanPath`: the variable is greater than the value at `path`. */
  static numberGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "GreaterThan", variable, path);
  /** `NumericLessThanEquals`: the variable is less than or equal to the number. */
  static numberLessThanEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "LessThanEquals", variable, value);
  /** `NumericLessThanEqualsPath`: the variable is less than or equal to the value at `path`. */
  static numberLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "LessThanEquals", variable, path);
  /** `NumericGreaterThanEquals`: the variable is greater than or equal to the number. */
  static numberGreaterThanEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "GreaterThanEquals", variable, value);
  /** `NumericGreaterThanEqualsPath`: the variable is greater than or equal to the value at `path`. */
  static numberGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "GreaterThanEquals", variable, path);

  /** `TimestampEquals`: the variable equals the RFC 3339 timestamp. */
  static timestampEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "Equals", variable, value);
  /** `TimestampEqualsPath`: the variable equals the value at `path`. */
  static timestampEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "Equals", variable, path);
  /** `TimestampLessThan`: the variable is less than the RFC 3339 timestamp. */
  static timestampLessThan = (variable: string, value: string) =>
    Condition.compare("Timestamp", "LessThan", variable, value);
  /** `TimestampLessThanPath`: the variable is less than the value at `path`. */
  static timestampLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "LessThan", variable, path);
  /** `TimestampGreaterThan`: the variable is greater than the RFC 3339 timestamp. */
  static timestampGreaterThan = (variable: string, value: string) =>
    Condition.compare("Timestamp", "GreaterThan", variable, value);
  /** `TimestampGreaterThanPath`: the variable is greater than the value at `path`. */
  static timestampGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "GreaterThan", variable, path);
  /** `TimestampLessThanEquals`: the variable is less than or equal to the RFC 3339 timestamp. */
  static timestampLessThanEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "LessThanEquals", variable, value);
  /** `TimestampLessThanEqualsPath`: the variable is less than or equal to the value at `path`. */
  static timestampLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "LessThanEquals", variable, path);
  /** `TimestampGreaterThanEquals`: the variable is greater than or equal to the RFC 3339 timestamp. */
  static timestampGreaterThanEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "GreaterThanEquals", variable, value);
  /** `TimestampGreaterThanEqualsPath`: the variable is greater than or equal to the value at `path`. */
  static timestampGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "GreaterThanEquals", variable, path);

  /** `BooleanEquals`: the variable is this boolean. */
  static booleanEquals(variable: string, value: boolean): Condition {
    return new Condition({ Variable: Condition.variable(variable, "BooleanEquals"), BooleanEquals: value });
  }
  /** `BooleanEqualsPath`: the variable equals the boolean at `path`. */
  static booleanEqualsPath(variable: string, path: string): Condition {
    return Condition.withPath("BooleanEqualsPath", variable, path);
  }
  /**
   * `StringMatches`: `*` matches any run of characters; a backslash makes a star literal (`"a\\*"` in
   * TypeScript matches `a*`). The pattern is passed on as is.
   */
  static stringMatches(variable: string, pattern: string): Condition {
    return new Condition({ Variable: Condition.variable(variable, "StringMatches"), StringMatches: pattern });
  }

  /** `IsPresent: true`: the variable exists in the input. */
  static isPresent = (variable: string) => Condition.typeTest("IsPresent", variable, true);
  /** `IsPresent: false`: the variable does not exist in the input. */
  static isNotPresent = (variable: string) => Condition.typeTest("IsPresent", variable, false);
  /** `IsNull: true`: the variable is `null`. */
  static isNull = (variable: string) => Condition.typeTest("IsNull", variable, true);
  /** `IsNull: false`: the variable is not `null`. */
  static isNotNull = (variable: string) => Condition.typeTest("IsNull", variable, false);
  /** `IsString: true`: the variable is a string. */
  static isString = (variable: string) => Condition.typeTest("IsString", variable, true);
  /** `IsString: false`: the variable is not a string. */
  static isNotString = (variable: string) => Condition.typeTest("IsString", variable, false);
  /** `IsNumeric: true`: the variable is a number. */
  static isNumeric = (variable: string) => Condition.typeTest("IsNumeric", variable, true);
  /** `IsNumeric: false`: the variable is not a number. */
  static isNotNumeric = (variable: string) => Condition.typeTest("IsNumeric", variable, false);
  /** `IsBoolean: true`: the variable is a boolean. */
  static isBoolean = (variable: string) => Condition.typeTest("IsBoolean", variable, true);
  /** `IsBoolean: false`: the variable is not a boolean. */
  static isNotBoolean = (variable: string) => Condition.typeTest("IsBoolean", variable, false);
  /** `IsTimestamp: true`: the variable is a timestamp. */
  static isTimestamp = (variable: string) => Condition.typeTest("IsTimestamp", variable, true);
  /** `IsTimestamp: false`: the variable is not a timestamp. */
  static isNotTimestamp = (variable: string) => Condition.typeTest("IsTimestamp", variable, false);

  /** Matches when every condition matches (JSONPath conditions; in JSONata write `and` in the expression). */
  static and(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error("Condition.and needs at least one condition");
    Condition.jsonPathOnly("and", conditions);
    return new Condition({ And: conditions.map((condition) => condition.toJson()) });
  }
  /** Matches when any condition matches. */
  static or(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error("Condition.or needs at least one condition");
    Condition.jsonPathOnly("or", conditions);
    return new Condition({ Or: conditions.map((condition) => condition.toJson()) });
  }
  /** Matches when the condition does not. */
  static not(condition: Condition): Condition {
    Condition.jsonPathOnly("not", [condition]);
    return new Condition({ Not: condition.toJson() });
  }

  /** The condition as ASL JSON (a copy). */
  toJson(): ConditionJson {
    return structuredClone(this.json);
  }

  /** A short label, as drawn on diagram edges: `$.flavour == "pepperoni"`. */
  toString(): string {
    return this.jsonata ?? conditionLabel(this.json);
  }

  private static jsonPathOnly(combinator: string, conditions: Condition[]): void {
    if (conditions.some((condition) => condition.jsonata !== undefined)) {
      throw new Error(
        `Condition.${combinator} combines JSONPath conditions; combine JSONata ones inside one expression ("{% a ${combinator} b %}")`,
      );
    }
  }

  private static variable(variable: string, operator: string): string {
    assertPath(variable, "reference", `Condition ${operator}`);
    return variable;
  }

  private static compare(
    type: "String" | "Numeric" | "Timestamp",
    comparison: Comparison,
    variable: string,
    value: string | number,
  ): Condition {
    const operator = `${type}${comparison}`;
    const checked = Condition.variable(variable, operator);
    if (type === "Timestamp" && !isRfc3339(String(value))) {
      throw new Error(
        `Condition ${operator}: "${value}" is not an RFC 3339 timestamp (like 2026-11-22T16:00:00Z)`,
      );
    }
    if (type === "Numeric" && !Number.isFinite(value)) {
      throw new Error(`Condition ${operator}: ${value} is not a finite number`);
    }
    return new Condition({ Variable: checked, [operator]: value });
  }

  private static comparePath(
    type: "String" | "Numeric" | "Timestamp",
    comparison: Comparison,
    variable: string,
    path: string,
  ): Condition {
    return Condition.withPath(`${type}${comparison}Path`, variable, path);
  }

  /** A `...Path` operator: both its variable and its operand are reference paths. */
  private static withPath(operator: string, variable: string, path: string): Condition {
    const checked = Condition.variable(variable, operator);
    assertPath(path, "reference", `Condition ${operator}`);
    return new Condition({ Variable: checked, [operator]: path });
  }

  private static typeTest(test: TypeTest, variable: string, expected: boolean): Condition {
    return new Condition({ Variable: Condition.variable(variable, test), [test]: expected });
  }
}

/** Renders any ASL condition (from the builder or from raw JSON) as a short human label. */
export function conditionLabel(json: ConditionJson): string {
  if (json.And) return json.And.map((inner) => `(${conditionLabel(inner)})`).join(" and ");
  if (json.Or) return json.Or.map((inner) => `(${conditionLabel(inner)})`).join(" or ");
  if (json.Not) return `not (${conditionLabel(json.Not)})`;
  const variable = json.Variable ?? "?";
  for (const [key, value] of Object.entries(json)) {
    if (key === "Variable" || key === "Comment" || key === "Next") continue;
    const test = /^Is(Present|Null|String|Numeric|Boolean|Timestamp)$/.exec(key);
    if (test) return `${variable} is ${value === false ? "not " : ""}${test[1].toLowerCase()}`;
    if (key === "StringMatches") return `${variable} matches ${JSON.stringify(value)}`;
    const comparison =
      /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
        key,
      );
    if (comparison) {
      const symbol = SYMBOL[comparison[2] as Comparison];
      return `${variable} ${symbol} ${comparison[3] ? String(value) : JSON.stringify(value)}`;
    }
  }
  return variable;
}
