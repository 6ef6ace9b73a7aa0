import assert from "node:assert/strict";
import { aslValidatorErrors } from "../../definitions/asl";
import type { TaskStateJson } from "../../definitions/asl";
import { EXAMPLE_ARNS } from "../../definitions/examples";
import {
  PINEAPPLE_CAUSE,
  PINEAPPLE_ERROR,
  PIZZA_TIMEOUT_SECONDS,
  pizzaDefinition,
} from "../../definitions/pizza";

const FN = EXAMPLE_ARNS.orderPizzaFunction;

describe("pizza workflow definition", () => {
  const definition = pizzaDefinition({ orderPizzaFunctionArn: FN });
  const asl = definition.toAsl();

  it("keeps the original's state names", () => {
    for (const name of [
      "Order Pizza Job",
      "With Pineapple?",
      "Sorry, We Dont add Pineapple",
      "Lets make your pizza",
    ]) {
      assert.ok(name in asl.States, `missing state "${name}"`);
    }
  });

  it("validates the order before calling the kitchen", () => {
    assert.equal(asl.StartAt, "Validate Order");
    assert.equal(asl.States["Validate Order"].Type, "Choice");
  });

  it("times out below the HTTP API's 30 s integration limit", () => {
    assert.equal(asl.TimeoutSeconds, PIZZA_TIMEOUT_SECONDS);
    assert.ok(PIZZA_TIMEOUT_SECONDS < 30);
  });

  it("passes the bare flavour to the Lambda and keeps its answer at $.pineappleAnalysis", () => {
    const order = asl.States["Order Pizza Job"] as TaskStateJson;
    assert.equal(order.Resource, FN);
    assert.equal(order.InputPath, "$.flavour");
    assert.equal(order.ResultPath, "$.pineappleAnalysis");
  });

  it("retries the Lambda errors AWS recommends, throttling included, quickly enough to fit a synchronous call", () => {
    const [retry] = (asl.States["Order Pizza Job"] as TaskStateJson).Retry ?? [];
    // https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
    assert.deepStrictEqual(retry.ErrorEquals, [
      "Lambda.ClientExecutionTimeoutException",
      "Lambda.ServiceException",
      "Lambda.AWSLambdaException",
      "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException",
    ]);
    const worstCase = Array.from({ length: retry.MaxAttempts ?? 3 }, (_, attempt) =>
      Math.min(
        (retry.IntervalSeconds ?? 1) * (retry.BackoffRate ?? 2) ** attempt,
        retry.MaxDelaySeconds ?? Infinity,
      ),
    ).reduce((sum, delay) => sum + delay, 0);
    assert.ok(worstCase < PIZZA_TIMEOUT_SECONDS / 2, `retries may wait ${worstCase} s`);
  });

  it("catches an unreadable order separately from everything else", () => {
    const catches = (asl.States["Order Pizza Job"] as TaskStateJson).Catch ?? [];
    assert.deepStrictEqual(
      catches.map((c) => c.ErrorEquals),
      [["InvalidOrder"], ["States.ALL"]],
    );
  });

  it("refuses pineapple with the original's error and cause", () => {
    assert.deepStrictEqual(asl.States["Sorry, We Dont add Pineapple"], {
      Type: "Fail",
      Error: PINEAPPLE_ERROR,
      Cause: PINEAPPLE_CAUSE,
    });
    assert.deepStrictEqual(asl.States["Lets make your pizza"], {
      Type: "Succeed",
      OutputPath: "$.pineappleAnalysis",
    });
  });

  it("needs only lambda:InvokeFunction on the order function", () => {
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN] },
    ]);
  });

  it("passes asl-validator", () => {
    assert.deepStrictEqual(aslValidatorErrors(asl), []);
  });
});
