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

  it("exports the seven workflow outputs and the dashboard, the API key as a secret", () => {
    assert.deepStrictEqual(Object.keys(dev.outputs).sort(), [
      "bookingApiKey",
      "bookingGraphqlUrl",
      "bookingStateMachineArn",
      "bookingUserPoolClientId",
      "bookingUserPoolId",
      "dashboardName",
      "pizzaApiUrl",
      "pizzaStateMachineArn",
    ]);
  });

  it("has no edge when config `edge` is off (dev): no distribution, firewall, certificate or us-east-1 provider", () => {
    const edgeTypes = dev.resources.filter(
      (r) =>
        /^aws:(cloudfront|wafv2|acm|route53)\//.test(r.type) ||
        r.type === "pulumi:providers:aws" ||
        r.type === "pizza-booking:edge:Edge" ||
        r.type.startsWith("aws:cloudwatch/logDelivery"),
    );
    assert.deepStrictEqual(edgeTypes, []);
    assert.equal(dev.outputs.edgeUrl, undefined);
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
      assert.deepStrictEqual(
        inputsOf("aws:apigateway/methodSettings:MethodSettings", "pizza-rest-throttling")?.settings,
        {
          throttlingRateLimit: 200,
          throttlingBurstLimit: 400,
          metricsEnabled: true,
        },
      );
      assert.equal(
        inputsOf("aws:dynamodb/table:Table", "booking-apartments")?.deletionProtectionEnabled,
        true,
      );
      assert.equal(prod.resources.filter((r) => r.type === "aws:dynamodb/tableItem:TableItem").length, 5);
    });

    it("deploys no web console: dev wants one but has no edge to serve it, prod has the edge and does not want one", () => {
      // The console's bucket is private and only the edge serves it (consoleEdge.test.ts deploys
      // dev with the edge on); an unreachable bucket is not deployed.
      for (const stack of [dev, prod])
        assert.ok(
          !stack.resources.some(
            (r) => r.type === "pizza-booking:console:ConsoleSite" || r.parent === "console",
          ),
        );
    });

    it("is the dev resource set plus the edge, less the console, with the mapped REST API in place of the HTTP API", () => {
      const shape = (result: PlanResult) =>
        result.resources
          .filter(
            (r) =>
              r.type !== "aws:dynamodb/tableItem:TableItem" &&
              !/^aws:(apigateway|apigatewayv2)\//.test(r.type) &&
              ![
                "pizza-api-role",
                "pizza-api-policy",
                "pizza-rest-api-role",
                "pizza-rest-api-policy",
                "pizza-access-logs",
              ].includes(r.name) &&
              r.parent !== "edge" &&
              r.name !== "edge" &&
              r.name !== "monitoring-waf-blocked-spike" &&
              r.type !== "pizza-booking:console:ConsoleSite" &&
              r.parent !== "console",
          )
          .map((r) => `${r.type} ${r.name}`)
          .sort();
      assert.deepStrictEqual(shape(prod), shape(dev));
      assert.ok(prod.resources.some((r) => r.type === "aws:apigateway/restApi:RestApi"));
      assert.ok(!prod.resources.some((r) => r.type === "aws:apigatewayv2/api:Api"));
      assert.match(String(prod.outputs.edgeUrl), /^https:\/\/d\w+\.cloudfront\.net\/$/);
    });
  });
});
