import assert from "node:assert/strict";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

describe("local stack over HTTP: the pizza API", function () {
  this.timeout(30_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack()));
  after(() => stack.stop());

  it("answers a pepperoni order with the raw sync-execution result, status SUCCEEDED", async () => {
    const { status, body } = await stack.order('{"flavour":"pepperoni"}');
    assert.equal(status, 200);
    assert.deepStrictEqual(Object.keys(body).sort(), [
      "billingDetails",
      "executionArn",
      "input",
      "inputDetails",
      "name",
      "output",
      "outputDetails",
      "startDate",
      "stateMachineArn",
      "status",
      "stopDate",
      "traceHeader",
    ]);
    assert.equal(body.status, "SUCCEEDED");
    assert.equal(body.output, '{"containsPineapple":false}');
    assert.equal(body.input, '{"flavour":"pepperoni"}');
    assert.equal(body.stateMachineArn, stack.outputs.pizzaStateMachineArn);
    assert.match(
      String(body.executionArn),
      /^arn:aws:states:us-east-1:000000000000:express:pizza-booking-dev-pizza:/,
    );
    assert.equal(typeof body.startDate, "number");
    assert.match(String(body.traceHeader), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=1$/);
    // As the seed's sample answers from AWS show them.
    for (const details of [body.inputDetails, body.outputDetails])
      assert.deepStrictEqual(details, {
        __type: "com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails",
        included: true,
      });
  });

  for (const flavour of ["pineapple", "hawaiian", "Pineapple ", "HAWAIIAN"]) {
    it(`fails ${JSON.stringify(flavour)} with 200, status FAILED, 'Failed To Make Pizza' and no output`, async () => {
      const { status, body } = await stack.order(JSON.stringify({ flavour }));
      assert.equal(status, 200);
      assert.deepStrictEqual(
        [body.status, body.error, body.cause, "output" in body, body.outputDetails],
        [
          "FAILED",
          "Failed To Make Pizza",
          "They asked for Pineapple",
          false,
          { __type: "com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails", included: true },
        ],
      );
    });
  }

  const invalid: [string, string, RegExp][] = [
    ["a missing flavour", '{"size":"large"}', /has no "flavour"/],
    ["an empty flavour", '{"flavour":""}', /must not be empty or blank/],
    ["a numeric flavour", '{"flavour":42}', /"flavour" must be a string/],
  ];
  for (const [what, order, cause] of invalid) {
    it(`fails ${what} as InvalidOrder with a cause that says what was wrong`, async () => {
      const { status, body } = await stack.order(order);
      assert.deepStrictEqual([status, body.status, body.error], [200, "FAILED", "InvalidOrder"]);
      assert.match(String(body.cause), cause);
    });
  }

  it("answers malformed JSON with 400 InvalidExecutionInput, as Step Functions refuses it", async () => {
    const { status, body } = await stack.order('{"flavour": pepperoni}');
    assert.equal(status, 400);
    assert.equal(body.__type, "com.amazonaws.swf.service.v2.model#InvalidExecutionInput");
    assert.match(String(body.message), /^Invalid State Machine Execution Input: /);
  });

  it("answers a body over 256 KiB with 400 InvalidExecutionInput naming the limit", async () => {
    const { status, body } = await stack.order(
      JSON.stringify({ flavour: "pepperoni", note: "x".repeat(262_144) }),
    );
    assert.equal(status, 400);
    assert.match(String(body.message), /the limit is 262144 bytes \(256 KiB\)/);
  });

  it("answers an order nested 5,000 levels deep with 400 InvalidExecutionInput saying so, never a stack overflow", async () => {
    // Built as text: JSON.stringify itself overflows the stack on such a value.
    const deep = `${'{"n":'.repeat(4999)}1${"}".repeat(4999)}`;
    const { status, body } = await stack.order(`{"flavour":"pepperoni","extra":${deep}}`);
    assert.equal(status, 400);
    assert.equal(body.__type, "com.amazonaws.swf.service.v2.model#InvalidExecutionInput");
    assert.match(String(body.message), /nested more than 1000 levels deep/);
    assert.doesNotMatch(String(body.message), /call stack/i);
  });

  it("answers an unknown route and a wrong method with 404 Not Found, like an HTTP API", async () => {
    for (const [method, path] of [
      ["POST", "/orders"],
      ["GET", "/"],
      ["DELETE", "/graphql"],
    ]) {
      const response = await fetch(new URL(path, stack.outputs.pizzaApiUrl), { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.deepStrictEqual(await response.json(), { message: "Not Found" });
    }
  });
});
