import assert from "node:assert/strict";
import { PizzaWorkflow } from "../../components/PizzaWorkflow";
import {
  MAPPED_CONTENT_TYPES,
  PIZZA_INTEGRATION_RESPONSES,
  PIZZA_MAPPED_STATUS_CODES,
  pizzaRequestTemplate,
} from "../../definitions/pizzaApiMapping";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned } from "./planHelpers";

describe("PizzaWorkflow in the mapped response mode (a REST API, under Pulumi mocks)", function () {
  this.timeout(60_000);
  let planned: Planned;
  let outputs: Record<string, unknown>;

  before(async () => {
    const result = await runUnderMocks(
      async () => {
        const pizza = new PizzaWorkflow("pizza", {
          responses: "mapped",
          throttlingRateLimit: 20,
          throttlingBurstLimit: 40,
        });
        return { url: pizza.url, stateMachineArn: pizza.stateMachineArn };
      },
      { config: { "aws:region": "eu-west-1" } },
    );
    planned = new Planned(result);
    outputs = result.outputs;
  });

  it("builds a REST API instead of the HTTP API", () => {
    assert.deepStrictEqual(planned.ofType("aws:apigatewayv2/api:Api"), []);
    assert.equal(planned.ofType("aws:apigateway/restApi:RestApi").length, 1);
    assert.match(String(outputs.url), /^https:\/\/\w+\.execute-api\.eu-west-1\.amazonaws\.com\/api\/$/);
  });

  it("integrates POST / with StartSyncExecution as an AWS integration, through a role that may only start this machine", () => {
    const integration = planned.one(
      "aws:apigateway/integration:Integration",
      "pizza-start-sync-execution",
    ).inputs;
    assert.deepStrictEqual(
      [integration.type, integration.integrationHttpMethod, integration.uri, integration.passthroughBehavior],
      ["AWS", "POST", "arn:aws:apigateway:eu-west-1:states:action/StartSyncExecution", "NEVER"],
    );
    const template = pizzaRequestTemplate(String(outputs.stateMachineArn));
    assert.deepStrictEqual(
      integration.requestTemplates,
      Object.fromEntries(MAPPED_CONTENT_TYPES.map((type) => [type, template])),
    );
    assert.deepStrictEqual(planned.policy("pizza-rest-api-policy"), [
      { Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: [String(outputs.stateMachineArn)] },
    ]);
    assert.equal(planned.trustedService("pizza-rest-api-role"), "apigateway.amazonaws.com");
  });

  it("maps the answers with the response templates and declares every status code it can answer", () => {
    const responses = planned
      .ofType("aws:apigateway/integrationResponse:IntegrationResponse")
      .map((r) => [
        r.inputs.statusCode,
        r.inputs.selectionPattern,
        (r.inputs.responseTemplates as Record<string, string>)["application/json"],
      ]);
    assert.deepStrictEqual(
      responses,
      PIZZA_INTEGRATION_RESPONSES.map((r) => [r.statusCode, r.selectionPattern, r.template]),
    );
    assert.deepStrictEqual(
      planned.ofType("aws:apigateway/methodResponse:MethodResponse").map((r) => r.inputs.statusCode),
      [...PIZZA_MAPPED_STATUS_CODES],
    );
  });

  it("throttles the stage and redeploys when the templates change", () => {
    const settings = planned.one(
      "aws:apigateway/methodSettings:MethodSettings",
      "pizza-rest-throttling",
    ).inputs;
    assert.deepStrictEqual(settings.settings, {
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      metricsEnabled: true,
    });
    const deployment = planned.one("aws:apigateway/deployment:Deployment", "pizza-deployment").inputs;
    assert.match(String((deployment.triggers as Record<string, string>).redeployment), /^[0-9a-f]{64}$/);
  });

  it("refuses an unknown response mode, naming the setting", () => {
    assert.throws(
      () => new PizzaWorkflow("pizza", { responses: "fancy" as "raw" }),
      /\[responses\] must be one of raw, mapped, got "fancy"/,
    );
  });
});
