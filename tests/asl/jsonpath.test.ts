import assert from "node:assert/strict";
import { assertPath, isPath, pathProblem } from "../../definitions/asl/jsonpath";
import type { PathKind } from "../../definitions/asl/jsonpath";

const KINDS: PathKind[] = ["path", "reference", "result"];

describe("ASL builder: JSONPath checks", () => {
  describe("reference paths (plain steps only) are accepted as every kind", () => {
    const plain = [
      "$",
      "$.flavour",
      "$.order.items[0].name",
      "$['flavour name']",
      '$["a.b"].c',
      "$['it\\'s']",
      "$[0][1]",
      "$.items[-1]",
      "$.order-id",
      "$.pineappleAnalysis.containsPineapple",
    ];
    for (const path of plain) {
      it(`accepts ${path} as ${KINDS.join(", ")}`, () => {
        assert.deepStrictEqual(
          KINDS.map((kind) => pathProblem(path, kind)),
          [undefined, undefined, undefined],
        );
      });
    }
  });

  describe("the context object $$ may start a path or a reference, never a result path", () => {
    for (const path of ["$$", "$$.Execution.Id", "$$.Task.Token", "$$.Map.Item.Value['id']"]) {
      it(`accepts ${path} as a path and a reference, rejects it as a result path`, () => {
        assert.equal(pathProblem(path, "path"), undefined);
        assert.equal(pathProblem(path, "reference"), undefined);
        assert.equal(pathProblem(path, "result"), 'must start with "$" (not the context object "$$")');
      });
    }
  });

  describe("wildcards, '..', slices, unions and filters are paths, never references", () => {
    const cases: [string, string][] = [
      ["$.items[*].id", "uses a wildcard, which a reference path cannot"],
      ["$.items.*", "uses a wildcard, which a reference path cannot"],
      ["$..id", 'uses ".." (a descendant search), which a reference path cannot'],
      ["$..[0]", 'uses ".." (a descendant search), which a reference path cannot'],
      ["$.items[1:3]", "uses a slice, which a reference path cannot"],
      ["$.items[:2]", "uses a slice, which a reference path cannot"],
      ["$.items[0,2]", "uses a union, which a reference path cannot"],
      ["$['a','b']", "uses a union, which a reference path cannot"],
      ["$.items[?(@.price > 10)]", "uses a filter, which a reference path cannot"],
      ["$.items[?(@.tags[0] == 'x]')].id", "uses a filter, which a reference path cannot"],
    ];
    for (const [path, problem] of cases) {
      it(`accepts ${path} as a path; as a reference or result it ${problem}`, () => {
        assert.equal(pathProblem(path, "path"), undefined);
        assert.equal(pathProblem(path, "reference"), problem);
        assert.equal(pathProblem(path, "result"), problem);
      });
    }
  });

  describe("malformed paths are rejected as every kind, saying what is wrong", () => {
    const cases: [string, string][] = [
      ["flavour", 'must start with "$"'],
      ["", 'must start with "$"'],
      ["$.items[0", 'has an unclosed "[" at position 7'],
      ["$['it's']", 'has an unclosed "[" at position 1'],
      ["$.", 'has an empty name after "." at position 2'],
      ["$.a..", 'has an empty name after "." at position 5'],
      ["$.a b", `has the name "a b" at position 2, which needs brackets: use ['a b']`],
      ["$.a[]", 'has an invalid "[]" at position 3'],
      ["$.a[x]", 'has an invalid "[x]" at position 3'],
      ["$.a!b[0]x", 'has an unexpected "x" at position 8: a step starts with "." or "["'],
      ["$-x", 'has an unexpected "-" at position 1: a step starts with "." or "["'],
    ];
    for (const [path, problem] of cases) {
      it(`rejects ${JSON.stringify(path)}: ${problem}`, () => {
        for (const kind of KINDS) assert.equal(pathProblem(path, kind), problem, kind);
      });
    }
  });

  describe("paths AWS accepts that asl-validator rejected (issue #10)", () => {
    for (const path of ["$.[0]", "$.[*]['a','b']", "$.items[?(@.price > 10 && @.stock < 5)]", "$.['a'].b"]) {
      it(`accepts ${path} as a path`, () => assert.equal(pathProblem(path, "path"), undefined));
    }
  });

  describe("whitespace around a path is ignored, as Jayway JsonPath trims it", () => {
    // Found by the corpus: aws-samples/aws-stepfunctions-examples app-decompose-for-parallelism
    // passes "execution_name.$": "$$.Execution.Name " (trailing space) and deploys.
    for (const path of ["$$.Execution.Name ", " $.items[0]", "$.a\n"]) {
      it(`accepts ${JSON.stringify(path)} as a path`, () =>
        assert.equal(pathProblem(path, "path"), undefined));
    }
    it("still rejects whitespace inside a name", () => {
      assert.match(pathProblem("$.a b ", "path") ?? "", /has the name "a b"/);
    });
  });

  describe("workflow variables ($name) are read like paths but never written as results", () => {
    for (const path of ["$customer", "$order.items[0].name", "$_x1['a b']"]) {
      it(`accepts ${path} as a path and a reference, not as a result path`, () => {
        assert.equal(pathProblem(path, "path"), undefined);
        assert.equal(pathProblem(path, "reference"), undefined);
        assert.match(
          pathProblem(path, "result") ?? "",
          /names the variable "\$\w+"; a result path writes into the state's input/,
        );
      });
    }
  });

  it("assertPath throws naming where the path was used, the path and the problem", () => {
    assert.throws(() => assertPath("flavour", "path", 'State "Order Pizza Job" InputPath'), {
      message: 'State "Order Pizza Job" InputPath: "flavour" is not a valid JSONPath: must start with "$"',
    });
    assert.throws(
      () => assertPath("$.items[*]", "reference", "Condition IsPresent"),
      /^Error: Condition IsPresent: "\$\.items\[\*\]" is not a valid JSONPath: uses a wildcard/,
    );
  });

  it("assertPath returns quietly for a valid path", () => {
    assert.equal(assertPath("$.a", "result", "ResultPath"), undefined);
  });

  it("isPath is true exactly for strings starting with $", () => {
    assert.deepStrictEqual(["$", "$.a", "$$.Task.Token", "a", "", " $.a"].map(isPath), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
