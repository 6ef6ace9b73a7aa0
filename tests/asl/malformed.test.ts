import assert from "node:assert/strict";
import { DefinitionError, StateMachineDefinition } from "../../definitions/asl";

/** fromAsl as raw, untyped input reaches it (parsed JSON, another tool's output). */
const fromRaw = (input: unknown) => StateMachineDefinition.fromAsl(input as never);

/** Asserts a DefinitionError (never a TypeError) whose problems include one matching `expected`. */
function assertDefinitionError(input: unknown, expected?: RegExp): void {
  try {
    fromRaw(input);
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${String(error)}`);
    if (expected)
      assert.ok(
        error.problems.some((problem) => expected.test(problem)),
        error.message,
      );
    return;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

const VALID = {
  StartAt: "Decide",
  States: {
    Decide: {
      Type: "Choice",
      Choices: [{ Variable: "$.n", NumericLessThan: 3, Next: "Work" }],
      Default: "Each",
    },
    Work: {
      Type: "Task",
      Resource: "arn:aws:lambda:eu-west-1:111122223333:function:f",
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Each" }],
      Next: "Each",
    },
    Each: {
      Type: "Map",
      ItemProcessor: { StartAt: "Item", States: { Item: { Type: "Pass", End: true } } },
      Next: "Both",
    },
    Both: { Type: "Parallel", Branches: [{ StartAt: "L", States: { L: { Type: "Succeed" } } }], End: true },
  },
};

/** Deterministic pseudo-random numbers (a fixed seed), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1.5, "", "x", true, [], [1], {}, { Type: "Pass" }, [null], "$."];

/** Every (path to an object or array, key) in a value. */
function slots(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [
    [...path, key],
    ...slots((value as Record<string, unknown>)[key], [...path, key]),
  ]);
}

function mutate(input: unknown, slot: (string | number)[], replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of slot.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = slot[slot.length - 1];
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe("ASL builder: malformed input to fromAsl", () => {
  it("accepts the valid definition the fuzzing starts from", () => {
    assert.doesNotThrow(() => fromRaw(VALID));
  });

  describe("input that is not a definition at all", () => {
    const cases: [string, unknown, RegExp][] = [
      ["undefined", undefined, /must be a JSON object with StartAt and States, got undefined/],
      ["null", null, /got null/],
      ["a string", "{}", /got string \{\}/],
      ["an array", [], /got an array/],
      ["States that is a string", { StartAt: "A", States: "A" }, /States/],
      ["a state that is null", { StartAt: "A", States: { A: null } }, /State "A": Incorrect type/],
      [
        "Choices that is not an array",
        { StartAt: "C", States: { C: { Type: "Choice", Choices: "x" } } },
        /State "C" \/Choices/,
      ],
      [
        "a Parallel without Branches",
        { StartAt: "P", States: { P: { Type: "Parallel", End: true } } },
        /State "P": Missing property "Branches"/,
      ],
      [
        "a Map without processor",
        { StartAt: "M", States: { M: { Type: "Map", End: true } } },
        /State "M" is a Map without an ItemProcessor/,
      ],
      [
        "a function inside",
        { StartAt: "A", States: { A: { Type: "Pass", End: true, Result: () => 1 } } },
        /State "A" \/Result: a function is not a JSON value/,
      ],
      [
        "a BigInt inside",
        { StartAt: "A", States: { A: { Type: "Pass", End: true, Result: 1n } } },
        /the BigInt 1n is not a JSON value/,
      ],
      [
        "NaN inside",
        { StartAt: "A", States: { A: { Type: "Wait", Seconds: NaN, End: true } } },
        /State "A" \/Seconds: NaN is not a JSON number/,
      ],
    ];
    for (const [what, input, message] of cases) {
      it(what, () => assertDefinitionError(input, message));
    }

    it("a cycle", () => {
      const state: Record<string, unknown> = { Type: "Pass", End: true };
      state.Result = state;
      assertDefinitionError({ StartAt: "A", States: { A: state } }, /refers back to itself \(a cycle\)/);
    });
  });

  it("gives a DefinitionError or accepts, never anything else, for 300 random mutations of a valid definition", () => {
    const next = random(10);
    const places = slots(VALID);
    for (let round = 0; round < 300; round++) {
      const slot = places[Math.floor(next() * places.length)];
      const replacement = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
      const input = mutate(VALID, slot, replacement, next() < 0.3);
      try {
        fromRaw(input);
      } catch (error) {
        assert.ok(
          error instanceof DefinitionError,
          `mutating ${slot.join("/")} to ${JSON.stringify(replacement)} threw ${String(error)}`,
        );
        for (const problem of error.problems)
          assert.match(
            problem,
            /^(State "|at |the workflow|the item processor of "|branch \d+ of "|TimeoutSeconds)/,
            problem,
          );
      }
    }
  });

  it("accepts the legacy Map Iterator and Parameters, checks its names, and draws it", () => {
    const legacy = {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          Parameters: { "item.$": "$$.Map.Item.Value" },
          Iterator: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    } as const;
    const definition = StateMachineDefinition.fromAsl(legacy);
    assert.deepStrictEqual(definition.toAsl(), legacy);
    assert.match(definition.toMermaid(), /subgraph s0 \["Each"\][\s\S]*s1\["Work"\][\s\S]*s0_start --> s1/);
    assertDefinitionError(
      {
        ...legacy,
        States: {
          Each: {
            ...legacy.States.Each,
            Iterator: { StartAt: "Nope", States: { Work: { Type: "Pass", End: true } } },
          },
        },
      },
      /the item processor of "Each" starts at "Nope", which does not exist/,
    );
  });
});

describe("ASL builder: fields of the wrong query language in fromAsl JSON (AWS rejects them at creation)", () => {
  const cases: [string, unknown, RegExp][] = [
    [
      "Parameters in a JSONata definition",
      { QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass", Parameters: {}, End: true } } },
      /State "A" \/Parameters: a JSONPath field in a JSONata state/,
    ],
    [
      "Output in a JSONPath state",
      { StartAt: "A", States: { A: { Type: "Pass", Output: 1, End: true } } },
      /State "A" \/Output: a JSONata field in a JSONPath state; set "QueryLanguage": "JSONata"/,
    ],
    [
      "a JSONata Condition in a JSONPath Choice, inside a Parallel",
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            End: true,
            Branches: [
              {
                StartAt: "C",
                States: {
                  C: { Type: "Choice", Choices: [{ Condition: "{% true %}", Next: "D" }], Default: "D" },
                  D: { Type: "Succeed" },
                },
              },
            ],
          },
        },
      },
      /State "C" \/Choices\[\]\.Condition: a JSONata field in a JSONPath state/,
    ],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => assertDefinitionError(input, message));
  }

  it("accepts a JSONPath state that says so inside a JSONata definition", () => {
    assert.doesNotThrow(() =>
      fromRaw({
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: { A: { Type: "Pass", QueryLanguage: "JSONPath", ResultPath: "$.x", End: true } },
      }),
    );
  });
});
