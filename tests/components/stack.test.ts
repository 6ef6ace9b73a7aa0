import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { plan } from "../../scripts/plan";
import type { PlanResult } from "../../scripts/pulumiMocks";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

describe("the stack (index.ts under Pulumi mocks)", function () {
  this.timeout(120_000);
  let dev: PlanResult;

  before(async () => {
    dev = await plan("dev");
  });

  it("creates the pizza workflow from the stack's config", () => {
    const stage = dev.resources.find((r) => r.type === "aws:apigatewayv2/stage:Stage");
    assert.deepStrictEqual(stage?.inputs.defaultRouteSettings, {
      throttlingRateLimit: 50,
      throttlingBurstLimit: 100,
    });
    const logGroup = dev.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup");
    assert.equal(logGroup?.inputs.retentionInDays, 7, "Pulumi.dev.yaml sets 7 days");
  });

  it("creates the booking workflow with the stack's apartments", () => {
    const items = dev.resources
      .filter((r) => r.type === "aws:dynamodb/tableItem:TableItem")
      .map((r) => r.name);
    assert.deepStrictEqual(items, [
      "booking-apartment-A-101",
      "booking-apartment-A-102",
      "booking-apartment-A-103",
    ]);
    const table = dev.resources.find((r) => r.type === "aws:dynamodb/table:Table");
    assert.equal(
      table?.inputs.deletionProtectionEnabled,
      false,
      "Pulumi.dev.yaml switches deletion protection off",
    );
  });

  it("exports the booking endpoint, its API key as a secret, and the state machine ARN", () => {
    assert.match(
      String(dev.outputs.bookingGraphqlUrl),
      /^https:\/\/\w+\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/,
    );
    assert.deepStrictEqual(Object.keys(dev.outputs.bookingApiKey as object), ["secret"]);
    assert.match(String(dev.outputs.bookingStateMachineArn), /:stateMachine:booking-state-machine-\w+$/);
  });

  it("exports the pizza API URL and state machine ARN", () => {
    assert.match(
      String(dev.outputs.pizzaApiUrl),
      /^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/$/,
    );
    assert.match(
      String(dev.outputs.pizzaStateMachineArn),
      /^arn:aws:states:us-east-1:123456789012:stateMachine:pizza-state-machine-\w+$/,
    );
  });

  describe("npm run plan", () => {
    it("prints the resources and outputs as JSON with --json", async () => {
      const { stdout } = await run(
        "npx",
        ["ts-node", "--transpile-only", "scripts/plan.ts", "--stack", "prod", "--json"],
        { cwd: ROOT },
      );
      const printed = JSON.parse(stdout) as {
        resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
        outputs: Record<string, unknown>;
      };
      assert.ok(
        printed.resources.some((r) => r.type === "aws:sfn/stateMachine:StateMachine" && r.parent === "pizza"),
      );
      assert.ok(printed.resources.every((r) => typeof r.inputs === "object"));
      assert.match(
        String(printed.outputs.pizzaApiUrl),
        /execute-api\.eu-west-1\.amazonaws\.com/,
        "Pulumi.prod.yaml sets eu-west-1",
      );
    });

    it("refuses an unknown stack, listing the ones there are", async () => {
      await assert.rejects(
        run("npx", ["ts-node", "--transpile-only", "scripts/plan.ts", "--stack", "staging"], { cwd: ROOT }),
        (error: { stderr: string; code: number }) => {
          assert.equal(error.code, 1);
          assert.match(error.stderr, /No Pulumi\.staging\.yaml: available stacks are dev, prod/);
          return true;
        },
      );
    });
  });
});
