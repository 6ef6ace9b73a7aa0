import assert from "node:assert/strict";
import { Intrinsic, JsonPathRef } from "../../definitions/asl/intrinsics";

const $ = Intrinsic.path;

describe("ASL builder: intrinsic functions", () => {
  describe("every helper renders its States.* call", () => {
    const cases: [string, Intrinsic, string][] = [
      [
        "format",
        Intrinsic.format("Hello {}, you ordered {}", $("$.name"), $("$.flavour")),
        "States.Format('Hello {}, you ordered {}', $.name, $.flavour)",
      ],
      ["stringToJson", Intrinsic.stringToJson($("$.body")), "States.StringToJson($.body)"],
      ["jsonToString", Intrinsic.jsonToString($("$.order")), "States.JsonToString($.order)"],
      ["array", Intrinsic.array("a", 1, true, null, $("$.x")), "States.Array('a', 1, true, null, $.x)"],
      ["arrayPartition", Intrinsic.arrayPartition($("$.items"), 2), "States.ArrayPartition($.items, 2)"],
      ["arrayContains", Intrinsic.arrayContains($("$.items"), "x"), "States.ArrayContains($.items, 'x')"],
      ["arrayRange", Intrinsic.arrayRange(1, 9, 2), "States.ArrayRange(1, 9, 2)"],
      ["arrayGetItem", Intrinsic.arrayGetItem($("$.items"), 0), "States.ArrayGetItem($.items, 0)"],
      ["arrayLength", Intrinsic.arrayLength($("$.items")), "States.ArrayLength($.items)"],
      ["arrayUnique", Intrinsic.arrayUnique($("$.items")), "States.ArrayUnique($.items)"],
      ["base64Encode", Intrinsic.base64Encode($("$.data")), "States.Base64Encode($.data)"],
      ["base64Decode", Intrinsic.base64Decode($("$.data")), "States.Base64Decode($.data)"],
      ["hash", Intrinsic.hash($("$.data"), "SHA-256"), "States.Hash($.data, 'SHA-256')"],
      ["jsonMerge", Intrinsic.jsonMerge($("$.a"), $("$.b")), "States.JsonMerge($.a, $.b, false)"],
      ["mathRandom", Intrinsic.mathRandom(1, 100), "States.MathRandom(1, 100)"],
      ["mathAdd", Intrinsic.mathAdd($("$.n"), -1), "States.MathAdd($.n, -1)"],
      ["stringSplit", Intrinsic.stringSplit($("$.csv"), ","), "States.StringSplit($.csv, ',')"],
      ["uuid", Intrinsic.uuid(), "States.UUID()"],
    ];
    for (const [name, intrinsic, rendered] of cases) {
      it(`renders ${name} as ${rendered}`, () => {
        assert.equal(intrinsic.toString(), rendered);
      });
    }
  });

  it("renders nested calls inline", () => {
    assert.equal(
      Intrinsic.format("order-{}", Intrinsic.hash(Intrinsic.jsonToString($("$.order")), "MD5")).toString(),
      "States.Format('order-{}', States.Hash(States.JsonToString($.order), 'MD5'))",
    );
  });

  it("renders in template literals and JSON values through toString", () => {
    assert.deepStrictEqual({ "id.$": `${Intrinsic.uuid()}` }, { "id.$": "States.UUID()" });
  });

  describe("treats plain strings as literals, escaping ' { } and \\ with a backslash", () => {
    const cases: [string, string][] = [
      ["plain", "'plain'"],
      ["it's", "'it\\'s'"],
      ["{x}", "'\\{x\\}'"],
      ["a\\b", "'a\\\\b'"],
      ["$.looks.like.a.path", "'$.looks.like.a.path'"],
      ["", "''"],
    ];
    for (const [literal, rendered] of cases) {
      it(`renders ${JSON.stringify(literal)} as ${rendered}`, () => {
        assert.equal(Intrinsic.array(literal).toString(), `States.Array(${rendered})`);
      });
    }
  });

  it("keeps a Format template's {} placeholders but escapes its other special characters", () => {
    assert.equal(
      Intrinsic.format("it's {} of {total} \\ {}", 1, 2).toString(),
      "States.Format('it\\'s {} of \\{total\\} \\\\ {}', 1, 2)",
    );
  });

  it("checks path arguments as JSONPath", () => {
    assert.ok($("$$.Execution.Id") instanceof JsonPathRef);
    assert.equal($("$.items[0].id").toString(), "$.items[0].id");
    assert.throws(
      () => $("name"),
      /^Error: Intrinsic.path: "name" is not a valid JSONPath: must start with "\$"$/,
    );
  });

  describe("rejects arguments Step Functions would reject at run time", () => {
    const cases: [string, () => Intrinsic, string][] = [
      [
        "a Format with fewer arguments than {}",
        () => Intrinsic.format("{} and {}", 1),
        'Intrinsic.format: the template has 2 "{}" but 1 argument(s) were given',
      ],
      [
        "a Format with more arguments than {}",
        () => Intrinsic.format("no placeholder", 1),
        'Intrinsic.format: the template has 0 "{}" but 1 argument(s) were given',
      ],
      [
        "an unknown hash algorithm",
        () => Intrinsic.hash("x", "SHA-2" as never),
        'Intrinsic.hash: unknown algorithm "SHA-2" (use MD5, SHA-1, SHA-256, SHA-384, SHA-512)',
      ],
      [
        "a number that is not finite",
        () => Intrinsic.mathAdd(1, Number.NaN),
        "Intrinsic.mathAdd: NaN is not a finite number",
      ],
      [
        "an ArrayRange step of 0",
        () => Intrinsic.arrayRange(1, 9, 0),
        "Intrinsic.arrayRange: step must not be 0",
      ],
      [
        "an ArrayRange of more than 1000 items",
        () => Intrinsic.arrayRange(0, 1000, 1),
        "Intrinsic.arrayRange: 1001 items, more than the 1000 allowed",
      ],
      [
        "an ArrayPartition size of 0",
        () => Intrinsic.arrayPartition($("$.a"), 0),
        "Intrinsic.arrayPartition: size 0 is not a whole number > 0",
      ],
      [
        "a negative ArrayGetItem index",
        () => Intrinsic.arrayGetItem($("$.a"), -1),
        "Intrinsic.arrayGetItem: index -1 is not a whole number >= 0",
      ],
      [
        "a MathRandom start not below its end",
        () => Intrinsic.mathRandom(5, 5),
        "Intrinsic.mathRandom: start 5 must be less than end 5",
      ],
    ];
    for (const [what, make, message] of cases) {
      it(`rejects ${what}`, () => assert.throws(make, { message }));
    }
  });

  it("does not check arguments that are paths, since their values are only known at run time", () => {
    assert.equal(
      Intrinsic.arrayRange($("$.from"), $("$.to"), $("$.step")).toString(),
      "States.ArrayRange($.from, $.to, $.step)",
    );
  });
});

describe("ASL builder: intrinsic path arguments and round-trips (issue #10)", () => {
  it("takes a path as the Hash algorithm and as the Format template", () => {
    assert.equal(
      Intrinsic.hash($("$.data"), $("$.algorithm")).toString(),
      "States.Hash($.data, $.algorithm)",
    );
    assert.equal(
      Intrinsic.format($("$.template"), $("$.a"), 2).toString(),
      "States.Format($.template, $.a, 2)",
    );
    assert.equal(
      Intrinsic.arrayGetItem($("$items"), $("$index")).toString(),
      "States.ArrayGetItem($items, $index)",
    );
  });

  describe("parses what it renders back to the same text and the same values", () => {
    const calls: Intrinsic[] = [
      Intrinsic.format("Hello {}, it's {x} \\ done", $("$.name")),
      Intrinsic.stringSplit($("$.csv"), "{,}'"),
      Intrinsic.array("a", -1.5, true, null, $("$.items[?(@.a == 'x, y)')].b"), Intrinsic.uuid()),
      Intrinsic.hash(Intrinsic.jsonToString($$("$$.Execution.Input")), "SHA-256"),
      Intrinsic.format("{} and {}", $("$customer.name"), Intrinsic.mathAdd($("$.n"), 1)),
      Intrinsic.arrayRange(0, 10, 2),
    ];
    for (const call of calls) {
      it(call.toString(), () => {
        const parsed = Intrinsic.parse(call.toString());
        assert.equal(parsed.toString(), call.toString());
        assert.deepStrictEqual(parsed, call);
      });
    }
  });

  it("reads the escaped literal's value", () => {
    const parsed = Intrinsic.parse("States.StringSplit($.csv, '\\{,\\}\\'\\\\')");
    assert.equal(parsed.args[1], "{,}'\\");
  });

  describe("says where text is not an intrinsic call", () => {
    const cases: [string, RegExp][] = [
      ["Format('x')", /expected "States.<Function>\(" at position 0/],
      ["States.Format('x'", /expected "," or "\)" at position 17/],
      ["States.Format('x)", /unclosed string/],
      ["States.Array(nope)", /expected a string, number, true, false, null, path or call at position 13/],
      ["States.UUID() + 1", /unexpected text after the call at position 13/],
    ];
    for (const [text, message] of cases) {
      it(text, () => assert.throws(() => Intrinsic.parse(text), message));
    }
  });
});

function $$(path: string): JsonPathRef {
  return new JsonPathRef(path);
}
