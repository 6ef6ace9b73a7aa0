import assert from "node:assert/strict";
import { Intrinsic } from "../../definitions/asl";

const $ = Intrinsic.path;

describe("ASL builder: intrinsic functions", () => {
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

  it("nests calls", () => {
    assert.equal(
      Intrinsic.format("id-{}", Intrinsic.uuid()).toString(),
      "States.Format('id-{}', States.UUID())",
    );
  });

  it("escapes quotes, braces and backslashes in literal strings", () => {
    assert.equal(Intrinsic.array("it's {x} \\").toString(), "States.Array('it\\'s \\{x\\} \\\\')");
    assert.equal(Intrinsic.format("it's {}", 1).toString(), "States.Format('it\\'s {}', 1)");
  });

  it("checks the number of Format arguments and the hash algorithm", () => {
    assert.throws(
      () => Intrinsic.format("{} and {}", 1),
      /the template has 2 "\{\}" but 1 argument\(s\) were given/,
    );
    assert.throws(() => Intrinsic.hash("x", "SHA-2" as never), /unknown algorithm "SHA-2"/);
  });

  it("checks path arguments", () => {
    assert.throws(() => Intrinsic.path("name"), /Intrinsic.path: "name" is not a valid JSONPath/);
  });
});
