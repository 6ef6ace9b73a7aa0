import assert from "node:assert/strict";
import { Condition } from "../../definitions/asl";

describe("ASL builder: conditions", () => {
  const V = "$.value";
  const comparisons: [string, Condition, object][] = [];
  const values = { String: "b", Numeric: 3, Timestamp: "2026-11-22T16:00:00Z" } as const;
  const prefixes = { String: "string", Numeric: "number", Timestamp: "timestamp" } as const;
  for (const type of ["String", "Numeric", "Timestamp"] as const) {
    for (const op of ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"] as const) {
      const factory = `${prefixes[type]}${op}` as const;
      const make = Condition[factory] as (variable: string, value: string | number) => Condition;
      comparisons.push([factory, make(V, values[type]), { Variable: V, [`${type}${op}`]: values[type] }]);
      const makePath = Condition[`${factory}Path`] as (variable: string, path: string) => Condition;
      comparisons.push([
        `${factory}Path`,
        makePath(V, "$.other"),
        { Variable: V, [`${type}${op}Path`]: "$.other" },
      ]);
    }
  }
  comparisons.push(
    ["booleanEquals", Condition.booleanEquals(V, true), { Variable: V, BooleanEquals: true }],
    [
      "booleanEqualsPath",
      Condition.booleanEqualsPath(V, "$.other"),
      { Variable: V, BooleanEqualsPath: "$.other" },
    ],
    ["stringMatches", Condition.stringMatches(V, "pine*"), { Variable: V, StringMatches: "pine*" }],
  );
  const typeTests = ["Present", "Null", "String", "Numeric", "Boolean", "Timestamp"] as const;
  for (const test of typeTests) {
    const is = Condition[`is${test}`] as (variable: string) => Condition;
    const isNot = Condition[`isNot${test}`] as (variable: string) => Condition;
    comparisons.push([`is${test}`, is(V), { Variable: V, [`Is${test}`]: true }]);
    comparisons.push([`isNot${test}`, isNot(V), { Variable: V, [`Is${test}`]: false }]);
  }

  for (const [factory, condition, json] of comparisons) {
    it(`renders ${factory} as ${JSON.stringify(json)}`, () => {
      assert.deepStrictEqual(condition.toJson(), json);
    });
  }

  it("renders And, Or and Not around nested conditions", () => {
    const condition = Condition.or(
      Condition.and(Condition.isPresent("$.a"), Condition.stringEquals("$.a", "x")),
      Condition.not(Condition.numberGreaterThan("$.n", 1)),
    );
    assert.deepStrictEqual(condition.toJson(), {
      Or: [
        {
          And: [
            { Variable: "$.a", IsPresent: true },
            { Variable: "$.a", StringEquals: "x" },
          ],
        },
        { Not: { Variable: "$.n", NumericGreaterThan: 1 } },
      ],
    });
  });

  it("labels conditions for diagrams", () => {
    assert.equal(Condition.stringEquals("$.flavour", "pepperoni").toString(), '$.flavour == "pepperoni"');
    assert.equal(Condition.numberLessThanEqualsPath("$.n", "$.max").toString(), "$.n <= $.max");
    assert.equal(Condition.isNotPresent("$.x").toString(), "$.x is not present");
    assert.equal(
      Condition.and(
        Condition.isString("$.a"),
        Condition.not(Condition.booleanEquals("$.b", false)),
      ).toString(),
      "($.a is string) and (not ($.b == false))",
    );
  });

  it("checks the variable and path operands when created", () => {
    assert.throws(
      () => Condition.stringEquals("flavour", "x"),
      /Condition StringEquals: "flavour" is not a valid JSONPath/,
    );
    assert.throws(
      () => Condition.isPresent("$.items[*]"),
      /Condition IsPresent: "\$.items\[\*\]" is not a valid JSONPath/,
    );
    assert.throws(
      () => Condition.stringEqualsPath("$.a", "b"),
      /Condition StringEqualsPath: "b" is not a valid JSONPath/,
    );
  });

  it("rejects timestamps that are not RFC 3339 and numbers that are not finite", () => {
    assert.throws(
      () => Condition.timestampEquals("$.t", "22/11/2026"),
      /"22\/11\/2026" is not an RFC 3339 timestamp/,
    );
    assert.throws(() => Condition.numberEquals("$.n", Number.NaN), /NaN is not a finite number/);
  });

  it("needs at least one condition in And and Or", () => {
    assert.throws(() => Condition.and(), /Condition.and needs at least one condition/);
    assert.throws(() => Condition.or(), /Condition.or needs at least one condition/);
  });
});
