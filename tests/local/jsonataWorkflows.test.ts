/**
 * JSONata state machines run by the local stack, with the results AWS documents. Where an example
 * comes from the AWS Step Functions Developer Guide, the test names the page:
 * - transforming-data: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 * - workflow-variables: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 * - intrinsic-functions (States.Hash, whose JSONata equivalent is $hash):
 *   https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { ExecutionOutcome } from "../../local/engine";
import { LocalWorkflow } from "../../local/engine";
import { ExecutionHistory } from "../../local/executionHistory";
import { taskHandlersFor } from "../../local/taskResources";

const GREETER = "arn:aws:lambda:us-east-1:000000000000:function:greeter";
const lambdas = new Map([
  [GREETER, async (event: unknown) => ({ greeting: `Hello, ${(event as { name: string }).name}!` })],
]);

let runs = 0;
/** Runs a JSONata definition once and returns its outcome (and the history it wrote). */
async function run(
  states: Record<string, unknown>,
  input: unknown,
  extra: Record<string, unknown> = {},
): Promise<ExecutionOutcome & { history: ExecutionHistory }> {
  const asl = { QueryLanguage: "JSONata", StartAt: Object.keys(states)[0], States: states, ...extra };
  const handlers = taskHandlersFor("m", asl, {
    lambdas,
    dynamodb: new DynamoDBClient({ region: "us-east-1" }),
  });
  const workflow = new LocalWorkflow(
    "m",
    "arn:aws:states:us-east-1:000000000000:stateMachine:m",
    "STANDARD",
    asl,
    handlers,
  );
  const history = new ExecutionHistory();
  const name = `run-${++runs}`;
  const outcome = await workflow.run(
    input,
    {
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${name}`,
      name,
      startTime: new Date(),
    },
    { history },
  ).outcome;
  return { ...outcome, history };
}

describe("JSONata state machines, run locally", () => {
  it("Arguments: evaluates {% %} strings, keeps literals (transforming-data's JSONPath-to-JSONata sample)", async () => {
    const outcome = await run(
      {
        "Set Name": { Type: "Pass", Assign: { customerName: "María" }, Next: "Call" },
        Call: {
          Type: "Pass",
          // A Pass state has no Arguments; the sample's Arguments object is evaluated as Output here
          // and as Arguments by the Task test below: the rules for {% %} are the same in both.
          Output: {
            static: "Hello",
            title: "{% $states.input.title %}",
            name: "{% $customerName %}",
            "not-evaluated": "$customerName",
          },
          End: true,
        },
      },
      { title: "Doctor" },
    );
    // The result the page gives for input { "title": "Doctor" } and customerName "María".
    assert.deepStrictEqual(outcome.output, {
      static: "Hello",
      title: "Doctor",
      name: "María",
      "not-evaluated": "$customerName",
    });
  });

  it("Task: Arguments go to the function, Output shapes $states.result", async () => {
    const outcome = await run(
      {
        Greet: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: GREETER, Payload: { name: "{% $states.input.user.first %}" } },
          Output: "{% $states.result.Payload.greeting %}",
          End: true,
        },
      },
      { user: { first: "Ada" } },
    );
    assert.deepStrictEqual(outcome, { status: "SUCCEEDED", output: "Hello, Ada!", history: outcome.history });
    const scheduled = outcome.history.events.find((event) => event.type === "TaskScheduled");
    assert.deepStrictEqual(
      JSON.parse(String((scheduled?.taskScheduledEventDetails as { parameters: string }).parameters)),
      {
        FunctionName: GREETER,
        Payload: { name: "Ada" },
      },
    );
  });

  it("Assign: every expression of a state sees the variables as they were on entry (workflow-variables)", async () => {
    const outcome = await run(
      {
        Start: { Type: "Pass", Assign: { a: 1, b: 2 }, Next: "Swap" },
        Swap: {
          Type: "Pass",
          Assign: { a: "{% $b %}", b: "{% $a %}" },
          Output: { aBefore: "{% $a %}" },
          Next: "Read",
        },
        Read: {
          Type: "Pass",
          Output: { a: "{% $a %}", b: "{% $b %}", before: "{% $states.input.aBefore %}" },
          End: true,
        },
      },
      {},
    );
    assert.deepStrictEqual(outcome.output, { a: 2, b: 1, before: 1 });
    const exited = outcome.history.events.find(
      (event) =>
        event.type === "PassStateExited" &&
        (event.stateExitedEventDetails as { name: string }).name === "Swap",
    );
    assert.deepStrictEqual(
      (exited?.stateExitedEventDetails as { assignedVariables: unknown }).assignedVariables,
      {
        a: "2",
        b: "1",
      },
    );
  });

  it("Choice: the first rule whose Condition is true wins; its Output and Assign apply", async () => {
    const states = {
      Route: {
        Type: "Choice",
        Choices: [
          { Condition: "{% $states.input.total > 100 %}", Assign: { tier: "gold" }, Next: "Done" },
          { Condition: "{% $states.input.total > 10 %}", Output: { silver: true }, Next: "Done" },
        ],
        Default: "Too Small",
      },
      Done: {
        Type: "Succeed",
        Output: { input: "{% $states.input %}", tier: "{% $exists($tier) ? $tier : 'none' %}" },
      },
      "Too Small": {
        Type: "Fail",
        Error: "TooSmall",
        Cause: "{% 'Total ' & $string($states.input.total) & ' is too small' %}",
      },
    };
    assert.deepStrictEqual((await run(states, { total: 500 })).output, {
      input: { total: 500 },
      tier: "gold",
    });
    assert.deepStrictEqual((await run(states, { total: 50 })).output, {
      input: { silver: true },
      tier: "none",
    });
    const small = await run(states, { total: 5 });
    assert.deepStrictEqual(
      [small.status, small.error, small.cause],
      ["FAILED", "TooSmall", "Total 5 is too small"],
    );
    assert.ok(small.history.events.some((event) => event.type === "ChoiceStateEntered"));
  });

  it("Map: Items and ItemSelector with $states.context.Map.Item; iterations read outer variables, not the reverse", async () => {
    const outcome = await run(
      {
        Init: { Type: "Pass", Assign: { rate: 2 }, Next: "Each" },
        Each: {
          Type: "Map",
          Items: "{% $states.input.orders %}",
          ItemSelector: {
            index: "{% $states.context.Map.Item.Index %}",
            order: "{% $states.context.Map.Item.Value %}",
          },
          ItemProcessor: {
            StartAt: "Price",
            States: {
              Price: {
                Type: "Pass",
                Assign: { inner: true },
                Output: { n: "{% $states.input.index %}", price: "{% $states.input.order.qty * $rate %}" },
                End: true,
              },
            },
          },
          Output: { prices: "{% $states.result.price %}", innerVisible: "{% $exists($inner) %}" },
          End: true,
        },
      },
      { orders: [{ qty: 1 }, { qty: 5 }] },
    );
    assert.deepStrictEqual(outcome.output, { prices: [2, 10], innerVisible: false });
    const mapEvents = outcome.history.events
      .map((event) => event.type)
      .filter((type) => type.startsWith("Map"));
    // Iterations run concurrently, so their events interleave; the state's own events frame them.
    assert.deepStrictEqual(mapEvents.slice(0, 2), ["MapStateEntered", "MapStateStarted"]);
    assert.deepStrictEqual(mapEvents.slice(-2), ["MapStateSucceeded", "MapStateExited"]);
    assert.deepStrictEqual(mapEvents.slice(2, -2).sort(), [
      "MapIterationStarted",
      "MapIterationStarted",
      "MapIterationSucceeded",
      "MapIterationSucceeded",
    ]);
  });

  it("Step Functions' JSONata functions: $partition, $range, $hash, $parse, $uuid, seeded $random", async () => {
    const outcome = await run(
      {
        Compute: {
          Type: "Pass",
          Output: {
            // transforming-data's examples.
            partition: "{% $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3) %}",
            range: "{% $range(0, 10, 2) %}",
            // The digest intrinsic-functions gives for States.Hash("input data", "SHA-1").
            hash: "{% $hash('input data', 'SHA-1') %}",
            parsed: "{% $parse($states.input.json).a %}",
            uuid: "{% $uuid() %}",
            sameSeed: "{% $random(7) = $random(7) %}",
          },
          End: true,
        },
      },
      { json: '{"a":[1,2]}' },
    );
    const output = outcome.output as Record<string, unknown>;
    assert.deepStrictEqual(output.partition, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    assert.deepStrictEqual(output.range, [0, 2, 4, 6, 8, 10]);
    assert.equal(output.hash, "aaff4a450a104cd177d28d18d74485e8cae074b7");
    assert.deepStrictEqual(output.parsed, [1, 2]);
    assert.match(
      String(output.uuid),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(output.sameSeed, true);
  });

  it("Parallel: Arguments feed every branch; $states.result is the branches' outputs in order", async () => {
    const outcome = await run(
      {
        Both: {
          Type: "Parallel",
          Arguments: { n: "{% $states.input.n %}" },
          Branches: [
            {
              StartAt: "Double",
              States: { Double: { Type: "Pass", Output: "{% $states.input.n * 2 %}", End: true } },
            },
            {
              StartAt: "Square",
              States: {
                Square: { Type: "Pass", Output: "{% $states.input.n * $states.input.n %}", End: true },
              },
            },
          ],
          Output: { sum: "{% $sum($states.result) %}" },
          End: true,
        },
      },
      { n: 3 },
    );
    assert.deepStrictEqual(outcome.output, { sum: 15 });
  });

  it("Retry, then Catch with $states.errorOutput; an expression error is States.QueryEvaluationError", async () => {
    let calls = 0;
    lambdas.set("arn:aws:lambda:us-east-1:000000000000:function:flaky", async () => {
      calls++;
      throw Object.assign(new Error("try later"), { name: "Busy" });
    });
    const outcome = await run(
      {
        Call: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:000000000000:function:flaky",
          Retry: [{ ErrorEquals: ["Busy"], IntervalSeconds: 0.01, MaxAttempts: 2, BackoffRate: 1 }],
          Catch: [
            {
              ErrorEquals: ["States.ALL"],
              Output: { caught: "{% $states.errorOutput.Error %}" },
              Next: "Bad Expression",
            },
          ],
          Next: "Bad Expression",
        },
        "Bad Expression": {
          Type: "Pass",
          Output: "{% $states.input.missing.field %}",
          End: true,
        },
      },
      {},
    );
    assert.equal(calls, 3, "the first call and two retries");
    assert.deepStrictEqual([outcome.status, outcome.error], ["FAILED", "States.QueryEvaluationError"]);
    assert.match(
      String(outcome.cause),
      /'\$states\.input\.missing\.field' specified for the field 'Output' of the state 'Bad Expression' returned nothing/,
    );
    assert.ok(outcome.history.events.some((event) => event.type === "LambdaFunctionFailed"));
  });

  it("Wait: Seconds from an expression; $states.context carries the execution", async () => {
    const outcome = await run(
      {
        Pause: { Type: "Wait", Seconds: "{% $states.input.delay %}", Next: "Who" },
        Who: {
          Type: "Pass",
          Output: {
            name: "{% $states.context.Execution.Name %}",
            state: "{% $states.context.State.Name %}",
            input: "{% $states.context.Execution.Input %}",
          },
          End: true,
        },
      },
      { delay: 0 },
    );
    const output = outcome.output as { name: string; state: string; input: unknown };
    assert.match(output.name, /^run-\d+$/);
    assert.deepStrictEqual([output.state, output.input], ["Who", { delay: 0 }]);
  });

  it("times out at the machine's TimeoutSeconds with States.Timeout", async () => {
    const outcome = await run(
      { Pause: { Type: "Wait", Seconds: 5, End: true } },
      {},
      { TimeoutSeconds: 0.05 },
    );
    assert.deepStrictEqual([outcome.status, outcome.error], ["TIMED_OUT", "States.Timeout"]);
  });
});
