import assert from "node:assert/strict";
import { getLanguageService, TextDocument } from "amazon-states-language-service";
import { aslDiagnostics, aslValidatorErrors, assertAslValid } from "../../definitions/asl/aslValidator";
import { DefinitionError } from "../../definitions/asl/definitionError";
import { Intrinsic } from "../../definitions/asl/intrinsics";
import type { AslDefinition } from "../../definitions/asl/types";

const FN_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:order";

/** A small definition using most state types, valid for AWS's validator. */
function validDefinition(): AslDefinition {
  return {
    Comment: "valid",
    StartAt: "Decide",
    States: {
      Decide: {
        Type: "Choice",
        Choices: [{ Variable: "$.n", NumericLessThan: 3, Next: "Call" }],
        Default: "Done",
      },
      Call: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: FN_ARN, "Payload.$": "$" },
        Retry: [{ ErrorEquals: ["Lambda.ServiceException"], MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
        Next: "Both",
      },
      Both: {
        Type: "Parallel",
        Branches: [{ StartAt: "Left", States: { Left: { Type: "Pass", End: true } } }],
        Next: "Done",
      },
      Done: { Type: "Succeed" },
      Failed: { Type: "Fail", Error: "Oops" },
    },
  };
}

/** Freezes every object in a value, so any attempt to change it throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Definitions AWS accepts that asl-validator 4 rejected (issue #10), each with why it was rejected. */
const ACCEPTED_BY_AWS: [string, unknown][] = [
  ["a dot before a bracket, $.[0]", pass({ InputPath: "$.[0]" })],
  ["a wildcard then a union of names", pass({ OutputPath: "$.[*]['a','b']" })],
  ["a filter with &&", pass({ InputPath: "$.items[?(@.price > 10 && @.stock < 5)]" })],
  [
    "JSONata Output: null",
    { QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass", Output: null, End: true } } },
  ],
  [
    "{%...%} without spaces",
    {
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: { A: { Type: "Pass", Output: "{%$states.input%}", End: true } },
    },
  ],
  [
    "the escaped StringSplit our Intrinsic helper renders",
    pass({ Parameters: { "parts.$": String(Intrinsic.stringSplit(Intrinsic.path("$.csv"), "{,}")) } }),
  ],
  [
    "a variable in Parameters and Assign",
    pass({ Parameters: { "name.$": "$customer" }, Assign: { "total.$": "$.total" } }),
  ],
  [
    "a legacy Map Iterator with Parameters",
    {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemsPath: "$.xs",
          Parameters: { "x.$": "$$.Map.Item.Value" },
          Iterator: { StartAt: "I", States: { I: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    },
  ],
];

function pass(fields: Record<string, unknown>): unknown {
  return { StartAt: "A", States: { A: { Type: "Pass", ...fields, End: true } } };
}

/** What AWS's service itself says through its public, asynchronous API, as the Toolkit calls it. */
async function officialErrors(definition: unknown): Promise<string[]> {
  const service = getLanguageService({});
  const document = TextDocument.create("file:///x.asl.json", "json", 0, JSON.stringify(definition, null, 1));
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 1)
    .map((diagnostic) => String(diagnostic.message));
}

describe("ASL builder: AWS's validator (amazon-states-language-service)", () => {
  it("finds no error in a valid definition", () => {
    assert.deepStrictEqual(aslValidatorErrors(validDefinition()), []);
    assert.doesNotThrow(() => assertAslValid(validDefinition(), "valid"));
  });

  describe("accepts what AWS accepts and asl-validator rejected", () => {
    for (const [what, definition] of ACCEPTED_BY_AWS) {
      it(what, () => assert.deepStrictEqual(aslValidatorErrors(definition as AslDefinition), []));
    }
  });

  it("reports a Next to a missing state, naming the state and the field", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } } as AslDefinition;
    assert.deepStrictEqual(aslValidatorErrors(broken), [
      'State "A" /Next: The value of "Next" property must be the name of an existing state.',
      'at /States: No terminal state. The state machine must have at least one terminal state (a state in which the "End" property is set to true).',
    ]);
  });

  it("reports a misspelled field where it is", () => {
    const typo = pass({ ResultPth: "$.x" }) as AslDefinition;
    assert.deepStrictEqual(aslValidatorErrors(typo), ['State "A" /ResultPth: Field is not supported.']);
  });

  it("reports a Task without Resource at the Task", () => {
    const errors = aslValidatorErrors({ StartAt: "A", States: { A: { Type: "Task", End: true } } } as never);
    assert.deepStrictEqual(errors, ['State "A": Missing property "Resource".']);
  });

  it("names the innermost state, escaping the name as a JSON pointer", () => {
    const asl = validDefinition();
    asl.States.Both = {
      Type: "Parallel",
      Branches: [{ StartAt: "L/1", States: { "L/1": { Type: "Pass", Next: "Done", Foo: 1 } as never } }],
      Next: "Done",
    };
    const errors = aslValidatorErrors(asl);
    assert.ok(errors.includes('State "L/1" /Foo: Field is not supported.'), errors.join("\n"));
    assert.ok(
      errors.includes(
        'State "L/1" /Next: The value of "Next" property must be the name of an existing state.',
      ),
      errors.join("\n"),
    );
  });

  it("says 'the root' when the error is about the whole definition", () => {
    assert.deepStrictEqual(
      aslValidatorErrors({ States: { A: { Type: "Succeed" } } } as unknown as AslDefinition),
      [
        'at the root: Missing property "StartAt".',
        'State "A": The state cannot be reached. It must be referenced by at least one other state.',
      ],
    );
  });

  it("assertAslValid throws a DefinitionError naming the state machine and listing every error", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } } as AslDefinition;
    assert.throws(
      () => assertAslValid(broken, "orders"),
      (error: unknown) =>
        error instanceof DefinitionError &&
        error.problems.length === 2 &&
        error.message.startsWith(
          `State machine "orders" is not valid ASL according to AWS's amazon-states-language-service:\n  - State "A" /Next: `,
        ),
    );
  });

  it("does not change the definition it checks", () => {
    const definition = deepFreeze(validDefinition());
    assert.deepStrictEqual(aslValidatorErrors(definition), []);
    assert.deepStrictEqual(definition, validDefinition());
  });

  it("hands out a fresh list each time, so a caller changing it cannot change a later verdict", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "C" } } } as AslDefinition;
    aslValidatorErrors(broken).length = 0;
    assert.equal(aslValidatorErrors(broken).length, 2);
  });

  describe("gives the verdict of the service's own doValidation", () => {
    const definitions: [string, unknown][] = [
      ["the valid definition", validDefinition()],
      ...ACCEPTED_BY_AWS,
      ["a missing target", { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }],
      ["an unknown state type", { StartAt: "A", States: { A: { Type: "Loop", End: true } } }],
      ["a misspelled field", pass({ ResultPth: "$.x" })],
      ["a Wait without a duration", { StartAt: "A", States: { A: { Type: "Wait", End: true } } }],
      [
        "a JSONata Choice",
        {
          QueryLanguage: "JSONata",
          StartAt: "C",
          States: {
            C: {
              Type: "Choice",
              Choices: [{ Condition: "{% $states.input.n > 1 %}", Next: "D" }],
              Default: "D",
            },
            D: { Type: "Succeed" },
          },
        },
      ],
      ["no States at all", { StartAt: "A" }],
      ["States that is an array", { StartAt: "A", States: [] }],
    ];
    for (const [what, definition] of definitions) {
      it(what, async () => {
        const ours = aslDiagnostics(JSON.stringify(definition, null, 1)).map(
          (diagnostic) => diagnostic.message,
        );
        assert.deepStrictEqual(
          [...new Set(ours)].sort(),
          [...new Set(await officialErrors(definition))].sort(),
        );
      });
    }
  });
});
