import assert from "node:assert/strict";
import { aslValidatorErrors, assertAslValid } from "../../definitions/asl/aslValidator";
import type { AslDefinition } from "../../definitions/asl/types";

const FN_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:order";

/** A small definition using most state types, valid as far as asl-validator can tell. */
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

describe("ASL builder: asl-validator", () => {
  it("finds no error in a valid definition", () => {
    assert.deepStrictEqual(aslValidatorErrors(validDefinition()), []);
    assert.doesNotThrow(() => assertAslValid(validDefinition(), "valid"));
  });

  it("reports a Next to a missing state, with the JSON pointer of the Next", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } } as AslDefinition;
    assert.deepStrictEqual(aslValidatorErrors(broken), [
      "MISSING_TRANSITION_TARGET at /States/A/Next: Missing 'StartAt'|'Next'|'Default' target: B",
      "MISSING_TERMINAL_STATE at /States: State machine fsm1 is missing a terminal state",
    ]);
  });

  it("reports a Task without Resource as a schema error at the Task", () => {
    const noResource = {
      StartAt: "A",
      States: { A: { Type: "Task", End: true } },
    } as unknown as AslDefinition;
    const errors = aslValidatorErrors(noResource);
    assert.ok(errors.length > 0);
    for (const error of errors) assert.match(error, /^SCHEMA_VALIDATION_FAILED at \/States\/A(\/\w+)?: /);
  });

  it("points at states by name, escaping the name as a JSON pointer", () => {
    const asl = {
      StartAt: "A/1",
      States: {
        "A/1": { Type: "Wait", End: true },
        Lost: { Type: "Pass", End: true },
      },
    } as AslDefinition;
    assert.deepStrictEqual(aslValidatorErrors(asl), [
      "MISSING_TRANSITION_TARGET at /States/Lost: State Lost is not reachable",
      'WAIT_DURATION at /States/A~11: State "A/1" MUST contain exactly one of "Seconds", "SecondsPath", "Timestamp", "TimestampPath"',
    ]);
  });

  it("points at the transition inside a Parallel branch that leaves the branch", () => {
    const asl = validDefinition();
    asl.States.Both = {
      Type: "Parallel",
      Branches: [{ StartAt: "Left", States: { Left: { Type: "Pass", Next: "Done" } } }],
      Next: "Done",
    };
    assert.deepStrictEqual(aslValidatorErrors(asl), [
      "BRANCH_OUTBOUND_TRANSITION_TARGET at /States/Both/Branches/0/States/Left/Next: Parallel branch state cannot transition to target: Done",
      "MISSING_TERMINAL_STATE at /States/Both/Branches/0/States: State machine fsm2 is missing a terminal state",
    ]);
  });

  it("says 'the root' when the error is about the whole definition", () => {
    assert.deepStrictEqual(aslValidatorErrors({ States: {} } as unknown as AslDefinition), [
      "SCHEMA_VALIDATION_FAILED at the root: must have required property 'StartAt'",
    ]);
  });

  it("assertAslValid throws naming the state machine and listing every error", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } } as AslDefinition;
    assert.throws(() => assertAslValid(broken, "orders"), {
      message: [
        'State machine "orders" is not valid ASL according to asl-validator:',
        "  - MISSING_TRANSITION_TARGET at /States/A/Next: Missing 'StartAt'|'Next'|'Default' target: B",
        "  - MISSING_TERMINAL_STATE at /States: State machine fsm1 is missing a terminal state",
      ].join("\n"),
    });
  });

  it("does not change the definition it checks (asl-validator itself mutates its input)", () => {
    const definition = deepFreeze(validDefinition());
    assert.deepStrictEqual(aslValidatorErrors(definition), []);
    assert.deepStrictEqual(definition, validDefinition());
  });

  it("hands out a fresh list each time, so a caller changing it cannot change a later verdict", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "C" } } } as AslDefinition;
    aslValidatorErrors(broken).length = 0;
    assert.equal(aslValidatorErrors(broken).length, 2);
  });
});
