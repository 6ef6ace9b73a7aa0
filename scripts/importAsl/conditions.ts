import type { Source } from "./source";

/**
 * Writes a Choice rule's condition (JSONPath) as `Condition` factory calls, the only way the chain
 * API makes conditions: `{Variable, StringEquals}` becomes `Condition.stringEquals(variable, value)`.
 */

/** Operator suffixes and their factory names (`NumericEquals` is `numberEquals`). */
const TYPES: Record<string, string> = {
  String: "string",
  Numeric: "number",
  Timestamp: "timestamp",
  Boolean: "boolean",
};
const TESTS: Record<string, [string, string]> = {
  IsPresent: ["isPresent", "isNotPresent"],
  IsNull: ["isNull", "isNotNull"],
  IsString: ["isString", "isNotString"],
  IsNumeric: ["isNumeric", "isNotNumeric"],
  IsBoolean: ["isBoolean", "isNotBoolean"],
  IsTimestamp: ["isTimestamp", "isNotTimestamp"],
};

export function emitCondition(
  condition: Record<string, unknown>,
  source: Source,
  report: (problem: string) => void,
): string {
  const keys = Object.keys(condition);
  for (const combinator of ["And", "Or"] as const) {
    if (combinator in condition) {
      if (keys.length !== 1)
        report(
          `a ${combinator} condition with other fields (${keys.join(", ")}) has no chain API equivalent`,
        );
      const inner = (condition[combinator] as Record<string, unknown>[]).map((item) =>
        emitCondition(item, source, report),
      );
      return `Condition.${combinator.toLowerCase()}(${inner.join(", ")})`;
    }
  }
  if ("Not" in condition) {
    if (keys.length !== 1)
      report(`a Not condition with other fields (${keys.join(", ")}) has no chain API equivalent`);
    return `Condition.not(${emitCondition(condition.Not as Record<string, unknown>, source, report)})`;
  }
  const operators = keys.filter((key) => key !== "Variable");
  if (operators.length !== 1 || typeof condition.Variable !== "string") {
    report(
      `the condition ${JSON.stringify(condition)} has no chain API equivalent (one Variable and one operator expected)`,
    );
    return 'Condition.isPresent("$")';
  }
  const [operator] = operators;
  const variable = source.value(condition.Variable);
  const operand = condition[operator];
  if (operator in TESTS) return `Condition.${TESTS[operator][operand === false ? 1 : 0]}(${variable})`;
  if (operator === "StringMatches") return `Condition.stringMatches(${variable}, ${source.value(operand)})`;
  const match =
    /^(String|Numeric|Timestamp|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(
      operator,
    );
  if (!match || (match[1] === "Boolean" && match[2] !== "Equals")) {
    report(`the operator ${operator} has no Condition factory`);
    return 'Condition.isPresent("$")';
  }
  return `Condition.${TYPES[match[1]]}${match[2]}${match[3] ?? ""}(${variable}, ${source.value(operand)})`;
}
