import assert from "node:assert/strict";
import {
  Chain,
  Choice,
  Condition,
  Errors,
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
import type { AslDefinition } from "../../definitions/asl";
import { FN_ARN } from "./fixtures";

const asl = (start: Parameters<typeof StateMachineDefinition.fromChain>[0]): AslDefinition =>
  StateMachineDefinition.fromChain(start).toAsl();

const lambdaTask = (name: string, extra: Partial<ConstructorParameters<typeof Task>[1]> = {}) =>
  new Task(name, {
    integration: { resource: FN_ARN, permissions: [], pattern: "REQUEST_RESPONSE" },
    ...extra,
  });

describe("ASL builder: states", () => {
  it("renders a Pass state with every option, ending the workflow", () => {
    const pass = new Pass("Shape Order", {
      comment: "reshape",
      inputPath: "$.order",
      outputPath: "$.shaped",
      parameters: { "flavour.$": "$.flavour", size: "large" },
      resultPath: "$.shaped",
    });
    assert.deepStrictEqual(asl(pass), {
      StartAt: "Shape Order",
      States: {
        "Shape Order": {
          Type: "Pass",
          Comment: "reshape",
          InputPath: "$.order",
          OutputPath: "$.shaped",
          Parameters: { "flavour.$": "$.flavour", size: "large" },
          ResultPath: "$.shaped",
          End: true,
        },
      },
    });
  });

  it("renders a Pass with a fixed Result, and null paths that discard", () => {
    const pass = new Pass("Fixed", {
      result: { ok: true },
      resultPath: null,
      inputPath: null,
      outputPath: null,
    });
    assert.deepStrictEqual(asl(pass).States.Fixed, {
      Type: "Pass",
      InputPath: null,
      OutputPath: null,
      Result: { ok: true },
      ResultPath: null,
      End: true,
    });
  });

  it("chains states with Next and ends the last one with End, never both", () => {
    const definition = asl(Chain.sequence(new Pass("One"), new Pass("Two"), new Succeed("Done")));
    assert.deepStrictEqual(definition.States, {
      One: { Type: "Pass", Next: "Two" },
      Two: { Type: "Pass", Next: "Done" },
      Done: { Type: "Succeed" },
    });
  });

  it("renders a Task with result shaping, timeouts, retries and catches", () => {
    const failed = new Fail("Give Up", { error: "Broken", cause: "it broke" });
    const task = lambdaTask("Call", {
      resultSelector: { "value.$": "$.Payload" },
      resultPath: "$.call",
      timeoutSeconds: 30,
      heartbeatSeconds: 10,
    })
      .addRetry({
        errors: ["Lambda.ServiceException"],
        intervalSeconds: 2,
        maxAttempts: 6,
        backoffRate: 2,
        maxDelaySeconds: 20,
        jitterStrategy: "FULL",
      })
      .addRetry({})
      .addCatch(failed, { errors: ["Custom.Error"], resultPath: "$.error" })
      .addCatch(failed);
    assert.deepStrictEqual(asl(task), {
      StartAt: "Call",
      States: {
        Call: {
          Type: "Task",
          Resource: FN_ARN,
          ResultSelector: { "value.$": "$.Payload" },
          ResultPath: "$.call",
          TimeoutSeconds: 30,
          HeartbeatSeconds: 10,
          Retry: [
            {
              ErrorEquals: ["Lambda.ServiceException"],
              IntervalSeconds: 2,
              MaxAttempts: 6,
              BackoffRate: 2,
              MaxDelaySeconds: 20,
              JitterStrategy: "FULL",
            },
            { ErrorEquals: [Errors.ALL] },
          ],
          Catch: [
            { ErrorEquals: ["Custom.Error"], ResultPath: "$.error", Next: "Give Up" },
            { ErrorEquals: [Errors.ALL], Next: "Give Up" },
          ],
          End: true,
        },
        "Give Up": { Type: "Fail", Error: "Broken", Cause: "it broke" },
      },
    });
  });

  it("renders TimeoutSecondsPath and HeartbeatSecondsPath", () => {
    const task = lambdaTask("Call", { timeoutSecondsPath: "$.timeout", heartbeatSecondsPath: "$.beat" });
    assert.deepStrictEqual(asl(task).States.Call, {
      Type: "Task",
      Resource: FN_ARN,
      TimeoutSecondsPath: "$.timeout",
      HeartbeatSecondsPath: "$.beat",
      End: true,
    });
  });

  const waits: [string, WaitTime, object][] = [
    ["Seconds", WaitTime.duration(60), { Seconds: 60 }],
    ["SecondsPath", WaitTime.secondsPath("$.delay"), { SecondsPath: "$.delay" }],
    ["Timestamp", WaitTime.timestamp("2026-11-22T16:00:00Z"), { Timestamp: "2026-11-22T16:00:00Z" }],
    ["TimestampPath", WaitTime.timestampPath("$.until"), { TimestampPath: "$.until" }],
  ];
  for (const [field, time, expected] of waits) {
    it(`renders a Wait state with ${field}`, () => {
      assert.deepStrictEqual(asl(new Wait("Pause", { time, comment: "breathe" })).States.Pause, {
        Type: "Wait",
        Comment: "breathe",
        ...expected,
        End: true,
      });
    });
  }

  it("renders Succeed and Fail, including ErrorPath and CausePath", () => {
    const choice = new Choice("Decide")
      .when(Condition.booleanEquals("$.ok", true), new Succeed("Yes", { outputPath: "$.result" }))
      .otherwise(new Fail("No", { errorPath: "$.error", causePath: "$.cause", comment: "from input" }));
    assert.deepStrictEqual(asl(choice).States, {
      Decide: {
        Type: "Choice",
        Choices: [{ Variable: "$.ok", BooleanEquals: true, Next: "Yes" }],
        Default: "No",
      },
      Yes: { Type: "Succeed", OutputPath: "$.result" },
      No: { Type: "Fail", Comment: "from input", ErrorPath: "$.error", CausePath: "$.cause" },
    });
  });

  it("takes a string intrinsic as a Fail's ErrorPath or CausePath, as AWS allows", () => {
    // Found by the corpus: aws-samples/aws-stepfunctions-examples app-dataquality-using-lambda has
    // "ErrorPath": "States.Format('Data Quality check failed for the input file')".
    const failed = new Fail("FailState", {
      errorPath: "States.Format('Data Quality check failed for the input file')",
      causePath: "States.JsonToString($.QualityResults)",
    });
    assert.deepStrictEqual(asl(failed).States.FailState, {
      Type: "Fail",
      ErrorPath: "States.Format('Data Quality check failed for the input file')",
      CausePath: "States.JsonToString($.QualityResults)",
    });
    assert.throws(
      () => new Fail("F", { errorPath: "States.MathAdd(1, 2)" }),
      /State "F" ErrorPath: "States.MathAdd\(1, 2\)" is neither a reference path nor one of the intrinsics that return a string/,
    );
    assert.throws(
      () => new Fail("F", { causePath: "States.Format('x', " }),
      /State "F" CausePath: Intrinsic.parse/,
    );
    assert.throws(() => new Fail("F", { causePath: "$.a[*]" }), /uses a wildcard/);
  });

  it("renders a Choice with rule comments, And/Not, a default and a join with afterwards()", () => {
    const small = new Pass("Small");
    const large = new Pass("Large");
    const choice = new Choice("Size?", { comment: "by size", inputPath: "$.order" })
      .when(Condition.and(Condition.isPresent("$.size"), Condition.numberLessThan("$.size", 10)), small, {
        comment: "small ones",
      })
      .when(Condition.not(Condition.stringEquals("$.kind", "x")), large)
      .otherwise(large);
    const definition = asl(choice.afterwards().next(new Succeed("Bake")));
    assert.deepStrictEqual(definition.States, {
      "Size?": {
        Type: "Choice",
        Comment: "by size",
        InputPath: "$.order",
        Choices: [
          {
            And: [
              { Variable: "$.size", IsPresent: true },
              { Variable: "$.size", NumericLessThan: 10 },
            ],
            Comment: "small ones",
            Next: "Small",
          },
          { Not: { Variable: "$.kind", StringEquals: "x" }, Next: "Large" },
        ],
        Default: "Large",
      },
      Small: { Type: "Pass", Next: "Bake" },
      Large: { Type: "Pass", Next: "Bake" },
      Bake: { Type: "Succeed" },
    });
  });

  it("renders a Parallel with branches, parameters, result shaping, retry and catch", () => {
    const recover = new Pass("Recover");
    const parallel = new Parallel("Both", {
      parameters: { "id.$": "$.id" },
      resultSelector: { "first.$": "$[0]" },
      resultPath: "$.both",
    })
      .branch(new Pass("Left"), Chain.sequence(new Pass("Right 1"), new Pass("Right 2")))
      .addRetry({ errors: [Errors.BRANCH_FAILED], maxAttempts: 1 })
      .addCatch(recover);
    assert.deepStrictEqual(asl(parallel).States, {
      Both: {
        Type: "Parallel",
        Branches: [
          { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
          {
            StartAt: "Right 1",
            States: { "Right 1": { Type: "Pass", Next: "Right 2" }, "Right 2": { Type: "Pass", End: true } },
          },
        ],
        Parameters: { "id.$": "$.id" },
        ResultSelector: { "first.$": "$[0]" },
        ResultPath: "$.both",
        Retry: [{ ErrorEquals: [Errors.BRANCH_FAILED], MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: [Errors.ALL], Next: "Recover" }],
        End: true,
      },
      Recover: { Type: "Pass", End: true },
    });
  });

  it("renders an inline Map with ItemsPath, ItemSelector and MaxConcurrency", () => {
    const map = new Map("Each Pizza", {
      itemsPath: "$.pizzas",
      itemSelector: { "pizza.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
      maxConcurrency: 5,
      resultPath: "$.made",
    }).itemProcessor(new Pass("Make One"));
    assert.deepStrictEqual(asl(map).States["Each Pizza"], {
      Type: "Map",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Make One",
        States: { "Make One": { Type: "Pass", End: true } },
      },
      ItemsPath: "$.pizzas",
      ItemSelector: { "pizza.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
      MaxConcurrency: 5,
      ResultPath: "$.made",
      End: true,
    });
  });

  it("renders the definition's Comment and TimeoutSeconds", () => {
    const definition = StateMachineDefinition.fromChain(new Succeed("Done"), {
      comment: "c",
      timeoutSeconds: 25,
    });
    assert.deepStrictEqual(definition.toAsl(), {
      Comment: "c",
      StartAt: "Done",
      States: { Done: { Type: "Succeed" } },
      TimeoutSeconds: 25,
    });
    assert.equal(
      definition.toJson(0),
      '{"Comment":"c","StartAt":"Done","States":{"Done":{"Type":"Succeed"}},"TimeoutSeconds":25}',
    );
  });

  it("returns a copy from toAsl(), so callers cannot change the definition", () => {
    const definition = StateMachineDefinition.fromChain(new Succeed("Done"));
    (definition.toAsl().States as Record<string, unknown>).Done = { Type: "Fail" };
    assert.deepStrictEqual(definition.toAsl().States.Done, { Type: "Succeed" });
  });
});
