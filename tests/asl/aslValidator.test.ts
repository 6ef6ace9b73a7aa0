import assert from "node:assert/strict";
import { aslValidatorErrors, assertAslValid } from "../../definitions/asl";
import type { AslDefinition } from "../../definitions/asl";

describe("ASL builder: asl-validator", () => {
  it("finds no error in a valid definition", () => {
    assert.deepStrictEqual(aslValidatorErrors({ StartAt: "A", States: { A: { Type: "Succeed" } } }), []);
  });

  it("reports a missing target and a Task without Resource", () => {
    const broken = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } } as AslDefinition;
    assert.deepStrictEqual(aslValidatorErrors(broken), [
      "MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: B",
      "MISSING_TERMINAL_STATE: State machine fsm1 is missing a terminal state",
    ]);
    const noResource = {
      StartAt: "A",
      States: { A: { Type: "Task", End: true } },
    } as unknown as AslDefinition;
    assert.throws(
      () => assertAslValid(noResource, "orders"),
      /State machine "orders" is not valid ASL according to asl-validator/,
    );
  });

  it("does not change the definition it checks (asl-validator itself mutates its input)", () => {
    const definition: AslDefinition = { StartAt: "A", States: { A: { Type: "Succeed" } } };
    aslValidatorErrors(definition);
    assert.deepStrictEqual(definition, { StartAt: "A", States: { A: { Type: "Succeed" } } });
  });
});
