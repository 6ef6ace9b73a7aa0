import assert from "node:assert/strict";
import { assertPath, pathProblem } from "../../definitions/asl";
import type { PathKind } from "../../definitions/asl";

describe("ASL builder: JSONPath checks", () => {
  const valid: [string, PathKind][] = [
    ["$", "path"],
    ["$.flavour", "reference"],
    ["$.order.items[0].name", "reference"],
    ["$['flavour name']", "reference"],
    ['$["a.b"].c', "reference"],
    ["$$.Execution.Id", "reference"],
    ["$$.Task.Token", "path"],
    ["$.items[*].id", "path"],
    ["$..id", "path"],
    ["$.items[1:3]", "path"],
    ["$.items[0,2]", "path"],
    ["$.items[?(@.price > 10)]", "path"],
    ["$.pineappleAnalysis", "result"],
  ];
  for (const [path, kind] of valid) {
    it(`accepts ${path} as a ${kind} path`, () => {
      assert.equal(pathProblem(path, kind), undefined);
    });
  }

  const invalid: [string, PathKind, RegExp][] = [
    ["flavour", "path", /must start with "\$"/],
    ["$$.Execution", "result", /not the context object/],
    ["$.items[*]", "reference", /wildcard|which a reference path cannot/],
    ["$..id", "reference", /uses "\.\."/],
    ["$.items[0", "path", /unclosed "\["/],
    ["$.", "path", /empty name/],
    ["$.a b", "path", /space, quote or bracket/],
    ["$.a[]", "path", /empty "\[\]"/],
    ["$.a[x]", "path", /invalid "\[x\]"/],
    ["$x", "path", /unexpected "x"/],
  ];
  for (const [path, kind, problem] of invalid) {
    it(`rejects ${path} as a ${kind} path, saying why`, () => {
      assert.match(pathProblem(path, kind) ?? "", problem);
    });
  }

  it("names where the path was used when it throws", () => {
    assert.throws(
      () => assertPath("flavour", "path", 'State "Order" InputPath'),
      /^Error: State "Order" InputPath: "flavour" is not a valid JSONPath: must start with "\$"$/,
    );
  });
});
