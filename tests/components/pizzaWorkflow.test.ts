import assert from "node:assert/strict";
import { PizzaWorkflow } from "../../components/PizzaWorkflow";
import { LOG_DELIVERY } from "../../components/workflowStateMachine";
import { XRAY_WRITE } from "../../components/policy";
import { pizzaDefinition } from "../../definitions/pizza";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned, mockedArn } from "./planHelpers";

const LOG_DELIVERY_STATEMENT = { Effect: "Allow", Action: [...LOG_DELIVERY.Action], Resource: ["*"] };
const XRAY_STATEMENT = { Effect: "Allow", Action: [...XRAY_WRITE.Action], Resource: ["*"] };

describe("PizzaWorkflow component (under Pulumi mocks)", function () {
  this.timeout(60_000);
  let planned: Planned;
  let fnArn: string;
  let smArn: string;

  before(async () => {
    const result = await runUnderMocks(async () => {
      const pizza = new PizzaWorkflow("pizza", {
        throttlingRateLimit: 20,
        throttlingBurstLimit: 40,
        tags: { team: "kitchen" },
      });
      return {
        url: pizza.url,
        stateMachineArn: pizza.stateMachineArn,
        stateMachineName: pizza.stateMachineName,
        apiId: pizza.apiId,
        definition: pizza.definition,
        orderFunctionName: pizza.orderFunctionName,
      };
    });
    planned = new Planned(result);
    fnArn = mockedArn("lambda", `function:${String(result.outputs.orderFunctionName)}`);
    smArn = String(result.outputs.stateMachineArn);
  });

  it("creates exactly the function, the state machine, the HTTP API and their roles and logs", () => {
    assert.deepStrictEqual(planned.inventory(), [
      "aws:apigatewayv2/api:Api pizza-api",
      "aws:apigatewayv2/integration:Integration pizza-start-sync-execution",
      "aws:apigatewayv2/route:Route pizza-order-route",
      "aws:apigatewayv2/stage:Stage pizza-stage",
      "aws:cloudwatch/logGroup:LogGroup pizza-access-logs",
      "aws:cloudwatch/logGroup:LogGroup pizza-order-fn-logs",
      "aws:cloudwatch/logGroup:LogGroup pizza-state-machine-logs",
      "aws:iam/role:Role pizza-api-role",
      "aws:iam/role:Role pizza-order-fn-role",
      "aws:iam/role:Role pizza-state-machine-role",
      "aws:iam/rolePolicy:RolePolicy pizza-api-policy",
      "aws:iam/rolePolicy:RolePolicy pizza-order-fn-policy",
      "aws:iam/rolePolicy:RolePolicy pizza-state-machine-policy",
      "aws:lambda/function:Function pizza-order-fn",
      "aws:sfn/alias:Alias pizza-state-machine-live",
      "aws:sfn/stateMachine:StateMachine pizza-state-machine",
      "pizza-booking:workflows:PizzaWorkflow pizza",
    ]);
  });

  it("parents every resource to the component", () => {
    for (const resource of planned.result.resources.filter(
      (r) => r.type !== "pizza-booking:workflows:PizzaWorkflow",
    )) {
      assert.equal(resource.parent, "pizza", `${resource.type} ${resource.name}`);
    }
  });

  it("deploys an EXPRESS state machine with full logging to a vended log group, and tracing", () => {
    const sm = planned.one("aws:sfn/stateMachine:StateMachine", "pizza-state-machine").inputs;
    assert.equal(sm.type, "EXPRESS");
    const logGroup = planned.one("aws:cloudwatch/logGroup:LogGroup", "pizza-state-machine-logs").inputs;
    assert.equal(logGroup.name, "/aws/vendedlogs/states/pizza-booking-dev-pizza-state-machine");
    assert.equal(logGroup.retentionInDays, 14);
    assert.deepStrictEqual(sm.loggingConfiguration, {
      level: "ALL",
      includeExecutionData: true,
      logDestination: `arn:aws:logs:us-east-1:123456789012:log-group:${String(logGroup.name)}:*`,
    });
    assert.deepStrictEqual(sm.tracingConfiguration, { enabled: true });
  });

  it("deploys the builder's definition with the real function ARN, with no Output text leaking in", () => {
    const definition = String(
      planned.one("aws:sfn/stateMachine:StateMachine", "pizza-state-machine").inputs.definition,
    );
    assert.ok(!definition.includes("Calling [toJSON]"), definition);
    assert.deepStrictEqual(JSON.parse(definition), pizzaDefinition({ orderPizzaFunctionArn: fnArn }).toAsl());
    assert.equal(planned.result.outputs.definition, definition);
  });

  it("lets the state machine invoke only its order function, plus the log delivery and X-Ray AWS requires", () => {
    assert.equal(planned.trustedService("pizza-state-machine-role"), "states.amazonaws.com");
    assert.deepStrictEqual(planned.policy("pizza-state-machine-policy"), [
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [fnArn] },
      LOG_DELIVERY_STATEMENT,
      XRAY_STATEMENT,
    ]);
  });

  it("lets the order function write only to its own log group, plus X-Ray", () => {
    assert.equal(planned.trustedService("pizza-order-fn-role"), "lambda.amazonaws.com");
    const logGroup = String(
      planned.one("aws:cloudwatch/logGroup:LogGroup", "pizza-order-fn-logs").inputs.name,
    );
    assert.deepStrictEqual(planned.policy("pizza-order-fn-policy"), [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [`arn:aws:logs:us-east-1:123456789012:log-group:${logGroup}:*`],
      },
      XRAY_STATEMENT,
    ]);
  });

  it("lets API Gateway only start sync executions of this state machine", () => {
    assert.equal(planned.trustedService("pizza-api-role"), "apigateway.amazonaws.com");
    assert.deepStrictEqual(planned.policy("pizza-api-policy"), [
      { Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: [smArn] },
    ]);
  });

  it("integrates POST / directly with StartSyncExecution, passing the body as the input", () => {
    const integration = planned.one(
      "aws:apigatewayv2/integration:Integration",
      "pizza-start-sync-execution",
    ).inputs;
    assert.equal(integration.integrationType, "AWS_PROXY");
    assert.equal(integration.integrationSubtype, "StepFunctions-StartSyncExecution");
    assert.deepStrictEqual(integration.requestParameters, { StateMachineArn: smArn, Input: "$request.body" });
    assert.equal(integration.payloadFormatVersion, "1.0");
    assert.match(String(integration.credentialsArn), /^arn:aws:iam::123456789012:role\/pizza-api-role-\w+$/);
    assert.ok(Number(integration.timeoutMilliseconds) <= 30_000);
    const route = planned.one("aws:apigatewayv2/route:Route", "pizza-order-route").inputs;
    assert.equal(route.routeKey, "POST /");
    assert.equal(route.target, "integrations/pizza-start-sync-execution-id");
  });

  it("serves a $default stage that deploys itself, throttles and writes access logs", () => {
    const stage = planned.one("aws:apigatewayv2/stage:Stage", "pizza-stage").inputs as Record<
      string,
      Record<string, unknown>
    > & { name: string; autoDeploy: boolean };
    assert.equal(stage.name, "$default");
    assert.equal(stage.autoDeploy, true);
    assert.deepStrictEqual(stage.defaultRouteSettings, { throttlingRateLimit: 20, throttlingBurstLimit: 40 });
    assert.match(
      String(stage.accessLogSettings.destinationArn),
      /log-group:\/aws\/apigateway\/pizza-booking-dev-pizza-access$/,
    );
    assert.ok(JSON.parse(String(stage.accessLogSettings.format)).integrationError);
  });

  it("runs the bundled order handler on the newest Node.js runtime, logging to its own group", () => {
    const fn = planned.one("aws:lambda/function:Function", "pizza-order-fn").inputs;
    assert.equal(fn.runtime, "nodejs24.x");
    assert.equal(fn.handler, "index.handler");
    assert.deepStrictEqual(fn.loggingConfig, {
      logFormat: "JSON",
      logGroup: "/aws/lambda/pizza-booking-dev-pizza-order",
    });
    assert.deepStrictEqual(fn.tracingConfig, { mode: "Active" });
  });

  it("tags what it creates", () => {
    assert.deepStrictEqual(
      planned.one("aws:sfn/stateMachine:StateMachine", "pizza-state-machine").inputs.tags,
      { team: "kitchen", "execution-data": "not-sensitive" },
    );
  });

  it("exports the stage URL, the API id, the state machine and the order function", () => {
    const { url, apiId, stateMachineName, orderFunctionName } = planned.result.outputs;
    assert.equal(url, `https://${String(apiId)}.execute-api.us-east-1.amazonaws.com/`);
    assert.equal(planned.one("aws:apigatewayv2/stage:Stage", "pizza-stage").inputs.apiId, apiId);
    assert.match(smArn, /^arn:aws:states:us-east-1:123456789012:stateMachine:pizza-state-machine-\w+$/);
    assert.ok(smArn.endsWith(`:stateMachine:${String(stateMachineName)}`));
    assert.match(String(orderFunctionName), /^pizza-order-fn-\w+$/);
  });
});
