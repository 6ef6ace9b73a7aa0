import assert from "node:assert/strict";
import {
  Chain,
  Choice,
  Condition,
  DefinitionError,
  Fail,
  Map,
  Parallel,
  Pass,
  StateMachineDefinition,
  Succeed,
  Task,
  Wait,
  WaitTime,
} from "../../definitions/asl";
import { FN_ARN } from "./fixtures";

/** Asserts that building throws a DefinitionError whose problems include one matching `pattern`. */
function assertProblem(build: () => unknown, pattern: RegExp): void {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${String(error)}`);
    assert.ok(
      error.problems.some((problem) => pattern.test(problem)),
      `no problem matches ${pattern}:\n${error.problems.join("\n")}`,
    );
    return true;
  });
}

describe("ASL builder: validation", () => {
  describe("when a state is created", () => {
    it("rejects a state name over 80 characters, naming it", () => {
      const name = `Order ${"x".repeat(80)}`;
      assert.throws(
        () => new Pass(name),
        new RegExp(`State "${name}": the name is 86 characters long; Step Functions allows at most 80`),
      );
    });

    it("rejects an invalid JSONPath, naming the state and the field", () => {
      assert.throws(
        () => new Pass("Shape", { inputPath: "flavour" }),
        /State "Shape" InputPath: "flavour" is not a valid JSONPath/,
      );
      assert.throws(() => new Pass("Shape", { resultPath: "$$.Execution" }), /State "Shape" ResultPath/);
      assert.throws(
        () => new Pass("Shape", { parameters: { "flavour.$": "flavour" } }),
        /State "Shape" Parameters.flavour.\$: "flavour" is not a valid JSONPath/,
      );
    });

    it("rejects a Parameters key ending in .$ whose value is not a string", () => {
      assert.throws(
        () => new Pass("Shape", { parameters: { "n.$": 3 } }),
        /State "Shape" Parameters.n.\$: a key ending in ".\$" needs a JSONPath/,
      );
    });

    it("rejects a retry with a backoff below 1 and States.ALL mixed with other errors", () => {
      const task = () =>
        new Task("Call", { integration: { resource: FN_ARN, permissions: [], pattern: "REQUEST_RESPONSE" } });
      assert.throws(
        () => task().addRetry({ backoffRate: 0.5 }),
        /State "Call" Retry: BackoffRate must be at least 1/,
      );
      assert.throws(
        () => task().addCatch(new Succeed("x"), { errors: ["States.ALL", "Foo"] }),
        /State "Call" Catch: "States.ALL" must be alone/,
      );
    });

    it("rejects a retrier or catcher added after the one for States.ALL, which would never be used", () => {
      const task = new Task("Call", {
        integration: { resource: FN_ARN, permissions: [], pattern: "REQUEST_RESPONSE" },
      });
      task.addRetry({}).addCatch(new Succeed("Recover"));
      assert.throws(
        () => task.addRetry({ errors: ["Lambda.ServiceException"] }),
        /State "Call" Retry: the retry for "States.ALL" must come last/,
      );
      assert.throws(
        () => task.addCatch(new Succeed("Other"), { errors: ["Custom"] }),
        /State "Call" Catch: the catch for "States.ALL" must come last/,
      );
    });
  });

  describe("when states are chained", () => {
    it("refuses to continue after a Succeed state, naming it", () => {
      assert.throws(
        () =>
          Chain.start(new Pass("Prepare")).next(new Succeed("Lets make your pizza")).next(new Pass("More")),
        /Cannot add to chain: "Lets make your pizza" is a Succeed state and ends the workflow/,
      );
    });

    it("refuses to continue after a Fail state, naming it", () => {
      assert.throws(
        () => Chain.start(new Fail("Sorry")).next(new Pass("More")),
        /"Sorry" is a Fail state and ends the workflow/,
      );
    });

    it("refuses to continue a Choice with next(), pointing at afterwards()", () => {
      const choice = new Choice("With Pineapple?").when(Condition.isPresent("$.a"), new Pass("A"));
      assert.throws(
        () => Chain.start(choice).next(new Pass("B")),
        /"With Pineapple\?" is a Choice state; continue after its branches with .afterwards\(\)/,
      );
    });

    it("refuses a second Next for the same state", () => {
      const first = new Pass("First");
      first.next(new Pass("Second"));
      assert.throws(
        () => first.next(new Pass("Third")),
        /State "First" already continues with "Second"; it cannot also continue with "Third"/,
      );
    });
  });

  describe("when the definition is built", () => {
    it("rejects two different states with the same name", () => {
      assertProblem(
        () => StateMachineDefinition.fromChain(Chain.sequence(new Pass("Bake"), new Pass("Bake"))),
        /State "Bake" is declared twice/,
      );
    });

    it("rejects the same name used in a Parallel branch and at the top level", () => {
      const parallel = new Parallel("Both").branch(new Pass("Bake"), new Pass("Box"));
      assertProblem(
        () => StateMachineDefinition.fromChain(parallel.next(new Pass("Bake"))),
        /State "Bake" is declared twice/,
      );
    });

    it("rejects the same name in a Map item processor and at the top level", () => {
      const map = new Map("Each").itemProcessor(new Pass("Box"));
      assertProblem(
        () => StateMachineDefinition.fromChain(map.next(new Succeed("Box"))),
        /State "Box" is declared twice/,
      );
    });

    it("rejects a path that can never end, naming the states in the loop", () => {
      const poll = new Wait("Wait A Bit", { time: WaitTime.duration(1) });
      const check = new Pass("Check Again");
      poll.next(check);
      check.next(poll);
      assertProblem(() => StateMachineDefinition.fromChain(poll), /State "Wait A Bit" can never end/);
      assertProblem(() => StateMachineDefinition.fromChain(poll), /State "Check Again" can never end/);
    });

    it("accepts a loop with a way out", () => {
      const poll = new Wait("Wait A Bit", { time: WaitTime.duration(1) });
      const done = new Choice("Done?")
        .when(Condition.booleanEquals("$.done", true), new Succeed("Finished"))
        .otherwise(poll);
      poll.next(done);
      assert.deepStrictEqual(StateMachineDefinition.fromChain(poll).stateNames, [
        "Wait A Bit",
        "Done?",
        "Finished",
      ]);
    });

    it("rejects a Choice without rules", () => {
      assertProblem(
        () => StateMachineDefinition.fromChain(new Choice("Decide").otherwise(new Succeed("Done"))),
        /State "Decide" is a Choice without rules: add at least one .when\(condition, next\)/,
      );
    });

    it("rejects a Parallel without branches", () => {
      assertProblem(
        () => StateMachineDefinition.fromChain(new Parallel("Both")),
        /State "Both" is a Parallel without branches/,
      );
    });

    it("rejects a Map without states", () => {
      assertProblem(
        () => StateMachineDefinition.fromChain(new Map("Each")),
        /State "Each" is a Map without states/,
      );
    });

    it("rejects a definition timeout outside 1 s .. 1 year", () => {
      assertProblem(
        () => StateMachineDefinition.fromChain(new Succeed("Done"), { timeoutSeconds: 0 }),
        /TimeoutSeconds must be a whole number/,
      );
    });
  });

  describe("when ASL JSON is wrapped with fromAsl", () => {
    it("rejects a target that does not exist, naming the state and the known states", () => {
      const raw = { StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } };
      assertProblem(
        () => StateMachineDefinition.fromAsl(raw as never),
        /State "A" goes to "Nowhere", which does not exist in the workflow \(its states: "A"\)/,
      );
    });

    it("rejects an unreachable state", () => {
      const raw = { StartAt: "A", States: { A: { Type: "Succeed" }, Orphan: { Type: "Succeed" } } } as const;
      assertProblem(
        () => StateMachineDefinition.fromAsl(raw),
        /State "Orphan" is unreachable from "A": connect it with a transition or remove it/,
      );
    });

    it("rejects a StartAt that does not exist", () => {
      const raw = { StartAt: "Missing", States: { A: { Type: "Succeed" } } };
      assertProblem(
        () => StateMachineDefinition.fromAsl(raw as never),
        /the workflow starts at "Missing", which does not exist/,
      );
    });

    it("rejects a name used in two Parallel branches", () => {
      const build = () =>
        StateMachineDefinition.fromAsl({
          StartAt: "Both",
          States: {
            Both: {
              Type: "Parallel",
              Branches: [
                { StartAt: "Same", States: { Same: { Type: "Succeed" } } },
                { StartAt: "Same", States: { Same: { Type: "Succeed" } } },
              ],
              End: true,
            },
          },
        });
      assertProblem(
        build,
        /State "Same" is declared twice \(in branch 1 of "Both" and in branch 2 of "Both"\)/,
      );
    });

    it("accepts a sound definition and keeps it as written", () => {
      const raw = {
        StartAt: "A",
        States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } },
      } as const;
      assert.deepStrictEqual(StateMachineDefinition.fromAsl(raw).toAsl(), raw);
    });
  });
});
