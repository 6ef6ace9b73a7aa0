import assert from "node:assert/strict";
import { Condition, conditionLabel } from "../../definitions/asl/condition";
import type { ConditionJson } from "../../definitions/asl/types";

const V = "$.value";
const TIME = "2026-11-22T16:00:00Z";

/** Every factory, the JSON it must render and the label it must draw. */
const FACTORIES: [string, Condition, ConditionJson, string][] = [
  ["stringEquals", Condition.stringEquals(V, "b"), { Variable: V, StringEquals: "b" }, '$.value == "b"'],
  [
    "stringEqualsPath",
    Condition.stringEqualsPath(V, "$.o"),
    { Variable: V, StringEqualsPath: "$.o" },
    "$.value == $.o",
  ],
  ["stringLessThan", Condition.stringLessThan(V, "b"), { Variable: V, StringLessThan: "b" }, '$.value < "b"'],
  [
    "stringLessThanPath",
    Condition.stringLessThanPath(V, "$.o"),
    { Variable: V, StringLessThanPath: "$.o" },
    "$.value < $.o",
  ],
  [
    "stringGreaterThan",
    Condition.stringGreaterThan(V, "b"),
    { Variable: V, StringGreaterThan: "b" },
    '$.value > "b"',
  ],
  [
    "stringGreaterThanPath",
    Condition.stringGreaterThanPath(V, "$.o"),
    { Variable: V, StringGreaterThanPath: "$.o" },
    "$.value > $.o",
  ],
  [
    "stringLessThanEquals",
    Condition.stringLessThanEquals(V, "b"),
    { Variable: V, StringLessThanEquals: "b" },
    '$.value <= "b"',
  ],
  [
    "stringLessThanEqualsPath",
    Condition.stringLessThanEqualsPath(V, "$.o"),
    { Variable: V, StringLessThanEqualsPath: "$.o" },
    "$.value <= $.o",
  ],
  [
    "stringGreaterThanEquals",
    Condition.stringGreaterThanEquals(V, "b"),
    { Variable: V, StringGreaterThanEquals: "b" },
    '$.value >= "b"',
  ],
  [
    "stringGreaterThanEqualsPath",
    Condition.stringGreaterThanEqualsPath(V, "$.o"),
    { Variable: V, StringGreaterThanEqualsPath: "$.o" },
    "$.value >= $.o",
  ],
  ["numberEquals", Condition.numberEquals(V, 3), { Variable: V, NumericEquals: 3 }, "$.value == 3"],
  [
    "numberEqualsPath",
    Condition.numberEqualsPath(V, "$.o"),
    { Variable: V, NumericEqualsPath: "$.o" },
    "$.value == $.o",
  ],
  ["numberLessThan", Condition.numberLessThan(V, 3), { Variable: V, NumericLessThan: 3 }, "$.value < 3"],
  [
    "numberLessThanPath",
    Condition.numberLessThanPath(V, "$.o"),
    { Variable: V, NumericLessThanPath: "$.o" },
    "$.value < $.o",
  ],
  [
    "numberGreaterThan",
    Condition.numberGreaterThan(V, 3),
    { Variable: V, NumericGreaterThan: 3 },
    "$.value > 3",
  ],
  [
    "numberGreaterThanPath",
    Condition.numberGreaterThanPath(V, "$.o"),
    { Variable: V, NumericGreaterThanPath: "$.o" },
    "$.value > $.o",
  ],
  [
    "numberLessThanEquals",
    Condition.numberLessThanEquals(V, 3),
    { Variable: V, NumericLessThanEquals: 3 },
    "$.value <= 3",
  ],
  [
    "numberLessThanEqualsPath",
    Condition.numberLessThanEqualsPath(V, "$.o"),
    { Variable: V, NumericLessThanEqualsPath: "$.o" },
    "$.value <= $.o",
  ],
  [
    "numberGreaterThanEquals",
    Condition.numberGreaterThanEquals(V, 3),
    { Variable: V, NumericGreaterThanEquals: 3 },
    "$.value >= 3",
  ],
  [
    "numberGreaterThanEqualsPath",
    Condition.numberGreaterThanEqualsPath(V, "$.o"),
    { Variable: V, NumericGreaterThanEqualsPath: "$.o" },
    "$.value >= $.o",
  ],
  [
    "timestampEquals",
    Condition.timestampEquals(V, TIME),
    { Variable: V, TimestampEquals: TIME },
    `$.value == "${TIME}"`,
  ],
  [
    "timestampEqualsPath",
    Condition.timestampEqualsPath(V, "$.o"),
    { Variable: V, TimestampEqualsPath: "$.o" },
    "$.value == $.o",
  ],
  [
    "timestampLessThan",
    Condition.timestampLessThan(V, TIME),
    { Variable: V, TimestampLessThan: TIME },
    `$.value < "${TIME}"`,
  ],
  [
    "timestampLessThanPath",
    Condition.timestampLessThanPath(V, "$.o"),
    { Variable: V, TimestampLessThanPath: "$.o" },
    "$.value < $.o",
  ],
  [
    "timestampGreaterThan",
    Condition.timestampGreaterThan(V, TIME),
    { Variable: V, TimestampGreaterThan: TIME },
    `$.value > "${TIME}"`,
  ],
  [
    "timestampGreaterThanPath",
    Condition.timestampGreaterThanPath(V, "$.o"),
    { Variable: V, TimestampGreaterThanPath: "$.o" },
    "$.value > $.o",
  ],
  [
    "timestampLessThanEquals",
    Condition.timestampLessThanEquals(V, TIME),
    { Variable: V, TimestampLessThanEquals: TIME },
    `$.value <= "${TIME}"`,
  ],
  [
    "timestampLessThanEqualsPath",
    Condition.timestampLessThanEqualsPath(V, "$.o"),
    { Variable: V, TimestampLessThanEqualsPath: "$.o" },
    "$.value <= $.o",
  ],
  [
    "timestampGreaterThanEquals",
    Condition.timestampGreaterThanEquals(V, TIME),
    { Variable: V, TimestampGreaterThanEquals: TIME },
    `$.value >= "${TIME}"`,
  ],
  [
    "timestampGreaterThanEqualsPath",
    Condition.timestampGreaterThanEqualsPath(V, "$.o"),
    { Variable: V, TimestampGreaterThanEqualsPath: "$.o" },
    "$.value >= $.o",
  ],
  [
    "booleanEquals",
    Condition.booleanEquals(V, true),
    { Variable: V, BooleanEquals: true },
    "$.value == true",
  ],
  [
    "booleanEqualsPath",
    Condition.booleanEqualsPath(V, "$.o"),
    { Variable: V, BooleanEqualsPath: "$.o" },
    "$.value == $.o",
  ],
  [
    "stringMatches",
    Condition.stringMatches(V, "pine\\*apple*"),
    { Variable: V, StringMatches: "pine\\*apple*" },
    '$.value matches "pine\\\\*apple*"',
  ],
  ["isPresent", Condition.isPresent(V), { Variable: V, IsPresent: true }, "$.value is present"],
  ["isNotPresent", Condition.isNotPresent(V), { Variable: V, IsPresent: false }, "$.value is not present"],
  ["isNull", Condition.isNull(V), { Variable: V, IsNull: true }, "$.value is null"],
  ["isNotNull", Condition.isNotNull(V), { Variable: V, IsNull: false }, "$.value is not null"],
  ["isString", Condition.isString(V), { Variable: V, IsString: true }, "$.value is string"],
  ["isNotString", Condition.isNotString(V), { Variable: V, IsString: false }, "$.value is not string"],
  ["isNumeric", Condition.isNumeric(V), { Variable: V, IsNumeric: true }, "$.value is numeric"],
  ["isNotNumeric", Condition.isNotNumeric(V), { Variable: V, IsNumeric: false }, "$.value is not numeric"],
  ["isBoolean", Condition.isBoolean(V), { Variable: V, IsBoolean: true }, "$.value is boolean"],
  ["isNotBoolean", Condition.isNotBoolean(V), { Variable: V, IsBoolean: false }, "$.value is not boolean"],
  ["isTimestamp", Condition.isTimestamp(V), { Variable: V, IsTimestamp: true }, "$.value is timestamp"],
  [
    "isNotTimestamp",
    Condition.isNotTimestamp(V),
    { Variable: V, IsTimestamp: false },
    "$.value is not timestamp",
  ],
];

describe("ASL builder: conditions", () => {
  describe("every factory renders its ASL JSON", () => {
    for (const [factory, condition, json] of FACTORIES) {
      it(`renders ${factory} as ${JSON.stringify(json)}`, () => {
        assert.deepStrictEqual(condition.toJson(), json);
      });
    }
  });

  describe("every factory has a short label for diagrams, the same from the condition or its JSON", () => {
    for (const [factory, condition, json, label] of FACTORIES) {
      it(`labels ${factory} as ${label}`, () => {
        assert.equal(condition.toString(), label);
        assert.equal(conditionLabel(json), label);
      });
    }
  });

  it("renders And, Or and Not around nested conditions, and labels them with parentheses", () => {
    const condition = Condition.or(
      Condition.and(Condition.stringEquals("$.a", "x"), Condition.isPresent("$.b")),
      Condition.not(Condition.isString("$.a")),
    );
    assert.deepStrictEqual(condition.toJson(), {
      Or: [
        {
          And: [
            { Variable: "$.a", StringEquals: "x" },
            { Variable: "$.b", IsPresent: true },
          ],
        },
        { Not: { Variable: "$.a", IsString: true } },
      ],
    });
    assert.equal(condition.toString(), '(($.a == "x") and ($.b is present)) or (not ($.a is string))');
  });

  it("labels a rule's JSON, ignoring its Next and Comment", () => {
    assert.equal(
      conditionLabel({ Variable: "$.n", NumericLessThan: 3, Comment: "few", Next: "X" } as ConditionJson),
      "$.n < 3",
    );
  });

  it("hands out copies of its JSON, so changing one does not change the condition", () => {
    const condition = Condition.and(Condition.isNull("$.a"));
    condition.toJson().And?.push({ Variable: "$.b", IsNull: true });
    assert.deepStrictEqual(condition.toJson(), { And: [{ Variable: "$.a", IsNull: true }] });
  });

  it("accepts the context object as a variable", () => {
    assert.deepStrictEqual(Condition.isPresent("$$.Execution.Input.x").toJson(), {
      Variable: "$$.Execution.Input.x",
      IsPresent: true,
    });
  });

  describe("checks every variable and path operand as a reference path when created", () => {
    const cases: [string, () => Condition, RegExp][] = [
      [
        "a variable without $",
        () => Condition.stringEquals("flavour", "x"),
        /^Error: Condition StringEquals: "flavour" is not a valid JSONPath: must start with "\$"$/,
      ],
      [
        "a variable with a wildcard",
        () => Condition.isPresent("$.items[*]"),
        /^Error: Condition IsPresent: "\$\.items\[\*\]" is not a valid JSONPath: uses a wildcard, which a reference path cannot$/,
      ],
      [
        "a variable with a filter",
        () => Condition.numberEquals("$.a[?(@.n > 1)]", 1),
        /Condition NumericEquals: .* uses a filter/,
      ],
      [
        "a Path operand without $",
        () => Condition.stringEqualsPath("$.a", "b"),
        /^Error: Condition StringEqualsPath: "b" is not a valid JSONPath: must start with "\$"$/,
      ],
      [
        "a Path operand with '..'",
        () => Condition.numberLessThanPath("$.a", "$..max"),
        /Condition NumericLessThanPath: "\$\.\.max" .* uses "\.\."/,
      ],
      [
        "a BooleanEqualsPath operand",
        () => Condition.booleanEqualsPath("$.a", "$.b[0:1]"),
        /Condition BooleanEqualsPath: .* uses a slice/,
      ],
      [
        "a StringMatches variable",
        () => Condition.stringMatches("$.a b", "x*"),
        /Condition StringMatches: "\$\.a b" .* needs brackets/,
      ],
    ];
    for (const [what, make, message] of cases) {
      it(`rejects ${what}`, () => assert.throws(make, message));
    }
  });

  describe("accepts only RFC 3339 timestamps, with an upper-case T and a Z or offset", () => {
    for (const good of ["2026-11-22T16:00:00Z", "2026-11-22T16:00:00.123Z", "2026-11-22T16:00:00+01:00"]) {
      it(`accepts ${good}`, () => {
        assert.equal(Condition.timestampLessThan("$.t", good).toJson().TimestampLessThan, good);
      });
    }
    for (const bad of [
      "22/11/2026",
      "2026-11-22",
      "2026-11-22t16:00:00Z",
      "2026-11-22T16:00:00",
      "2026-11-22 16:00:00Z",
      "2026-13-45T16:00:00Z",
    ]) {
      it(`rejects ${bad}`, () => {
        assert.throws(() => Condition.timestampEquals("$.t", bad), {
          message: `Condition TimestampEquals: "${bad}" is not an RFC 3339 timestamp (like 2026-11-22T16:00:00Z)`,
        });
      });
    }
  });

  it("rejects numbers that are not finite", () => {
    assert.throws(
      () => Condition.numberEquals("$.n", Number.NaN),
      /^Error: Condition NumericEquals: NaN is not a finite number$/,
    );
    assert.throws(
      () => Condition.numberGreaterThan("$.n", Infinity),
      /Condition NumericGreaterThan: Infinity is not a finite number/,
    );
  });

  it("needs at least one condition in And and Or", () => {
    assert.throws(() => Condition.and(), /^Error: Condition.and needs at least one condition$/);
    assert.throws(() => Condition.or(), /^Error: Condition.or needs at least one condition$/);
  });
});
