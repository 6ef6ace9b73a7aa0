import assert from "node:assert/strict";
import { PizzaWorkflow } from "../../components/PizzaWorkflow";
import { runUnderMocks } from "../../scripts/pulumiMocks";

describe("PizzaWorkflow arguments and instances", function () {
  this.timeout(60_000);

  it("lets two instances live in one stack without a name collision", async () => {
    const { resources } = await runUnderMocks(async () => {
      new PizzaWorkflow("lunch");
      new PizzaWorkflow("dinner");
      return {};
    });
    const names = resources.map((resource) => `${resource.type} ${resource.name}`);
    assert.equal(new Set(names).size, names.length, "resource names repeat");
    const logGroups = resources
      .filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")
      .map((r) => String(r.inputs.name));
    assert.equal(logGroups.length, 6);
    assert.equal(new Set(logGroups).size, 6, `log group names repeat: ${logGroups.join(", ")}`);
  });

  const invalid: [string, ConstructorParameters<typeof PizzaWorkflow>[1], RegExp][] = [
    [
      "a log retention CloudWatch does not offer",
      { logRetentionDays: 2 },
      /^\[logRetentionDays\] must be one of 1, 3, 5, 7, 14, .*got 2$/,
    ],
    [
      "a zero rate limit",
      { throttlingRateLimit: 0 },
      /^\[throttlingRateLimit\] must be a whole number between 1 and 10000, got 0$/,
    ],
    [
      "too little Lambda memory",
      { lambdaMemorySize: 64 },
      /^\[lambdaMemorySize\] must be a whole number between 128 and 10240, got 64$/,
    ],
    [
      "a Lambda timeout longer than the workflow's",
      { lambdaTimeoutSeconds: 30 },
      /^\[lambdaTimeoutSeconds\] must be a whole number between 1 and 24, got 30$/,
    ],
  ];
  for (const [what, args, message] of invalid) {
    it(`rejects ${what}, naming the argument`, async () => {
      await runUnderMocks(async () => {
        assert.throws(
          () => new PizzaWorkflow(`bad-${what.length}`, args),
          (error: Error) => message.test(error.message),
        );
        return {};
      });
    });
  }
});
