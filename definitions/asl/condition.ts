import { assertPath } from "./jsonpath";
import type { ConditionJson } from "./types";

/** RFC 3339 as Step Functions accepts it in timestamp comparisons. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

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
  private constructor(private readonly json: ConditionJson) {}

  static stringEquals = (variable: string, value: string) =>
    Condition.compare("String", "Equals", variable, value);
  static stringEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "Equals", variable, path);
  static stringLessThan = (variable: string, value: string) =>
    Condition.compare("String", "LessThan", variable, value);
  static stringLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("String", "LessThan", variable, path);
  static stringGreaterThan = (variable: string, value: string) =>
    Condition.compare("String", "GreaterThan", variable, value);
  static stringGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("String", "GreaterThan", variable, path);
  static stringLessThanEquals = (variable: string, value: string) =>
    Condition.compare("String", "LessThanEquals", variable, value);
  static stringLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "LessThanEquals", variable, path);
  static stringGreaterThanEquals = (variable: string, value: string) =>
    Condition.compare("String", "GreaterThanEquals", variable, value);
  static stringGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("String", "GreaterThanEquals", variable, path);

  static numberEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "Equals", variable, value);
  static numberEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "Equals", variable, path);
  static numberLessThan = (variable: string, value: number) =>
    Condition.compare("Numeric", "LessThan", variable, value);
  static numberLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "LessThan", variable, path);
  static numberGreaterThan = (variable: string, value: number) =>
    Condition.compare("Numeric", "GreaterThan", variable, value);
  static numberGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "GreaterThan", variable, path);
  static numberLessThanEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "LessThanEquals", variable, value);
  static numberLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "LessThanEquals", variable, path);
  static numberGreaterThanEquals = (variable: string, value: number) =>
    Condition.compare("Numeric", "GreaterThanEquals", variable, value);
  static numberGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Numeric", "GreaterThanEquals", variable, path);

  static timestampEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "Equals", variable, value);
  static timestampEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "Equals", variable, path);
  static timestampLessThan = (variable: string, value: string) =>
    Condition.compare("Timestamp", "LessThan", variable, value);
  static timestampLessThanPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "LessThan", variable, path);
  static timestampGreaterThan = (variable: string, value: string) =>
    Condition.compare("Timestamp", "GreaterThan", variable, value);
  static timestampGreaterThanPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "GreaterThan", variable, path);
  static timestampLessThanEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "LessThanEquals", variable, value);
  static timestampLessThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "LessThanEquals", variable, path);
  static timestampGreaterThanEquals = (variable: string, value: string) =>
    Condition.compare("Timestamp", "GreaterThanEquals", variable, value);
  static timestampGreaterThanEqualsPath = (variable: string, path: string) =>
    Condition.comparePath("Timestamp", "GreaterThanEquals", variable, path);

  /** `BooleanEquals`. */
  static booleanEquals(variable: string, value: boolean): Condition {
    return new Condition({ Variable: Condition.variable(variable, "BooleanEquals"), BooleanEquals: value });
  }
  /** `BooleanEqualsPath`. */
  static booleanEqualsPath(variable: string, path: string): Condition {
    assertPath(path, "reference", "Condition BooleanEqualsPath");
    return new Condition({
      Variable: Condition.variable(variable, "BooleanEqualsPath"),
      BooleanEqualsPath: path,
    });
  }
  /** `StringMatches`: `*` matches any run of characters; `\\*` is a literal star. */
  static stringMatches(variable: string, pattern: string): Condition {
    return new Condition({ Variable: Condition.variable(variable, "StringMatches"), StringMatches: pattern });
  }

  static isPresent = (variable: string) => Condition.typeTest("IsPresent", variable, true);
  static isNotPresent = (variable: string) => Condition.typeTest("IsPresent", variable, false);
  static isNull = (variable: string) => Condition.typeTest("IsNull", variable, true);
  static isNotNull = (variable: string) => Condition.typeTest("IsNull", variable, false);
  static isString = (variable: string) => Condition.typeTest("IsString", variable, true);
  static isNotString = (variable: string) => Condition.typeTest("IsString", variable, false);
  static isNumeric = (variable: string) => Condition.typeTest("IsNumeric", variable, true);
  static isNotNumeric = (variable: string) => Condition.typeTest("IsNumeric", variable, false);
  static isBoolean = (variable: string) => Condition.typeTest("IsBoolean", variable, true);
  static isNotBoolean = (variable: string) => Condition.typeTest("IsBoolean", variable, false);
  static isTimestamp = (variable: string) => Condition.typeTest("IsTimestamp", variable, true);
  static isNotTimestamp = (variable: string) => Condition.typeTest("IsTimestamp", variable, false);

  /** Matches when every condition matches. */
  static and(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error("Condition.and needs at least one condition");
    return new Condition({ And: conditions.map((condition) => condition.toJson()) });
  }
  /** Matches when any condition matches. */
  static or(...conditions: Condition[]): Condition {
    if (conditions.length === 0) throw new Error("Condition.or needs at least one condition");
    return new Condition({ Or: conditions.map((condition) => condition.toJson()) });
  }
  /** Matches when the condition does not. */
  static not(condition: Condition): Condition {
    return new Condition({ Not: condition.toJson() });
  }

  /** The condition as ASL JSON (a copy). */
  toJson(): ConditionJson {
    return structuredClone(this.json);
  }

  /** A short label, as drawn on diagram edges: `$.flavour == "pepperoni"`. */
  toString(): string {
    return conditionLabel(this.json);
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
    if (type === "Timestamp" && !RFC3339.test(String(value))) {
      throw new Error(
        `Condition ${operator}: "${value}" is not an RFC 3339 timestamp (like 2026-11-22T16:00:00Z)`,
      );
    }
    if (type === "Numeric" && !Number.isFinite(value))
      throw new Error(`Condition ${operator}: ${value} is not a finite number`);
    return new Condition({ Variable: Condition.variable(variable, operator), [operator]: value });
  }

  private static comparePath(
    type: "String" | "Numeric" | "Timestamp",
    comparison: Comparison,
    variable: string,
    path: string,
  ): Condition {
    const operator = `${type}${comparison}Path`;
    assertPath(path, "reference", `Condition ${operator}`);
    return new Condition({ Variable: Condition.variable(variable, operator), [operator]: path });
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
