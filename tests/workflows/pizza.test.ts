import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EXAMPLE_ARNS } from "../../definitions/examples";
import { PINEAPPLE_CAUSE, PINEAPPLE_ERROR, pizzaDefinition } from "../../definitions/pizza";
import { handler as orderPizza } from "../../handlers/orderPizza";
import { LocalWorkflow } from "../../local/engine";
import type { ExecutionOutcome } from "../../local/engine";
import { taskHandlersFor } from "../../local/taskResources";

describe("pizza workflow, executed (ASL engine + the real orderPizza handler)", () => {
  const FN = EXAMPLE_ARNS.orderPizzaFunction;
  const asl = pizzaDefinition({ orderPizzaFunctionArn: FN }).toAsl();
  // DynamoDB is never called by this workflow; the client only satisfies the task targets.
  const tasks = taskHandlersFor("pizza", asl, {
    lambdas: new Map([[FN, orderPizza]]),
    dynamodb: new DynamoDBClient({ region: "us-east-1" }),
  });
  const workflow = new LocalWorkflow(
    "pizza",
    "arn:aws:states:us-east-1:123456789012:stateMachine:pizza",
    "EXPRESS",
    asl,
    tasks,
  );
  let count = 0;
  const order = (input: unknown): Promise<ExecutionOutcome> =>
    workflow.run(input, {
      executionArn: `arn:aws:states:us-east-1:123456789012:express:pizza:${++count}`,
      name: String(count),
      startTime: new Date(),
    }).outcome;

  it("makes a pepperoni pizza and outputs {containsPineapple: false}", async () => {
    assert.deepStrictEqual(await order({ flavour: "pepperoni" }), {
      status: "SUCCEEDED",
      output: { containsPineapple: false },
    });
  });

  for (const flavour of ["pineapple", "hawaiian", " Hawaiian ", "PINEAPPLE"]) {
    it(`fails ${JSON.stringify(flavour)} orders with 'Failed To Make Pizza'`, async () => {
      assert.deepStrictEqual(await order({ flavour }), {
        status: "FAILED",
        error: PINEAPPLE_ERROR,
        cause: PINEAPPLE_CAUSE,
      });
    });
  }

  it("fails an order without a flavour as InvalidOrder, saying what to send", async () => {
    assert.deepStrictEqual(await order({ size: "large" }), {
      status: "FAILED",
      error: "InvalidOrder",
      cause: 'The order has no "flavour": send a JSON body like {"flavour": "pepperoni"}',
    });
  });

  it("fails a numeric flavour as InvalidOrder", async () => {
    assert.deepStrictEqual(await order({ flavour: 42 }), {
      status: "FAILED",
      error: "InvalidOrder",
      cause: '"flavour" must be a string: send a JSON body like {"flavour": "pepperoni"}',
    });
  });

  for (const flavour of ["", "   "]) {
    it(`fails the blank flavour ${JSON.stringify(flavour)} as InvalidOrder with the handler's message`, async () => {
      assert.deepStrictEqual(await order({ flavour }), {
        status: "FAILED",
        error: "InvalidOrder",
        cause: '"flavour" must not be empty or blank; send {"flavour": "pepperoni"}',
      });
    });
  }

  it("fails when the kitchen itself breaks, without retrying a function error", async () => {
    let calls = 0;
    const broken = new LocalWorkflow(
      "pizza-broken",
      "arn:aws:states:us-east-1:123456789012:stateMachine:pizza-broken",
      "EXPRESS",
      asl,
      taskHandlersFor("pizza-broken", asl, {
        lambdas: new Map([
          [
            FN,
            async () => {
              calls++;
              throw new TypeError("oven on fire");
            },
          ],
        ]),
        dynamodb: new DynamoDBClient({ region: "us-east-1" }),
      }),
    );
    const outcome = await broken.run(
      { flavour: "pepperoni" },
      { executionArn: "arn:x", name: "x", startTime: new Date() },
    ).outcome;
    assert.deepStrictEqual(outcome, {
      status: "FAILED",
      error: "OrderFailed",
      cause: "The kitchen could not take the order right now; please try again",
    });
    assert.equal(calls, 1);
  });
});
