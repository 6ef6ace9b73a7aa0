import assert from "node:assert/strict";
import { plan } from "../../scripts/plan";
import type { PlanResult } from "../../scripts/pulumiMocks";

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

  it("turns GraphQL introspection on in dev only, and limits open bookings per user to 2", async () => {
    const introspection = (plan: typeof dev) =>
      plan.resources.find((r) => r.type === "aws:appsync/graphQLApi:GraphQLApi")?.inputs.introspectionConfig;
    assert.equal(introspection(dev), "ENABLED");
    assert.equal(introspection(await plan("prod")), "DISABLED");
    const fn = dev.resources.find((r) => r.name === "booking-book-apartment-fn")?.inputs as {
      environment: { variables: Record<string, string> };
    };
    assert.equal(fn.environment.variables.MAX_OPEN_BOOKINGS, "2");
  });

  it("gives the dev stack a 30 s payment window", () => {
    const fn = dev.resources.find((r) => r.name === "booking-book-apartment-fn")?.inputs as {
      environment: { variables: Record<string, string> };
    };
    assert.equal(fn.environment.variables.PAYMENT_WINDOW_SECONDS, "30");
  });

  it("exports exactly the seven stack outputs, the API key as a secret", () => {
    assert.deepStrictEqual(Object.keys(dev.outputs).sort(), [
      "bookingApiKey",
      "bookingGraphqlUrl",
      "bookingStateMachineArn",
      "bookingUserPoolClientId",
      "bookingUserPoolId",
      "pizzaApiUrl",
      "pizzaStateMachineArn",
    ]);
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

  describe("the prod stack", () => {
    let prod: PlanResult;
    before(async () => {
      prod = await plan("prod");
    });

    it("deploys to eu-west-1 with longer retention, more headroom and a protected table", () => {
      const inputsOf = (type: string, name: string) =>
        prod.resources.find((r) => r.type === type && r.name === name)?.inputs;
      assert.match(String(prod.outputs.pizzaApiUrl), /execute-api\.eu-west-1\.amazonaws\.com/);
      assert.match(String(prod.outputs.bookingStateMachineArn), /^arn:aws:states:eu-west-1:/);
      assert.equal(
        inputsOf("aws:cloudwatch/logGroup:LogGroup", "pizza-state-machine-logs")?.retentionInDays,
        90,
      );
      assert.deepStrictEqual(inputsOf("aws:apigatewayv2/stage:Stage", "pizza-stage")?.defaultRouteSettings, {
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
      });
      assert.equal(
        inputsOf("aws:dynamodb/table:Table", "booking-apartments")?.deletionProtectionEnabled,
        true,
      );
      assert.equal(prod.resources.filter((r) => r.type === "aws:dynamodb/tableItem:TableItem").length, 5);
    });

    it("is the same resource set as dev, apartments aside", () => {
      const shape = (result: PlanResult) =>
        result.resources
          .filter((r) => r.type !== "aws:dynamodb/tableItem:TableItem")
          .map((r) => `${r.type} ${r.name}`)
          .sort();
      assert.deepStrictEqual(shape(prod), shape(dev));
    });
  });
});
