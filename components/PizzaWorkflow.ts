import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PIZZA_TIMEOUT_SECONDS, pizzaDefinition } from "../definitions/pizza";
import type { PizzaResponses } from "../definitions/pizzaApiMapping";
import { PIZZA_RESPONSE_MODES } from "../definitions/pizzaApiMapping";
import { bundledFunction } from "./bundledFunction";
import { PIZZA_REST_STAGE, pizzaRestApi } from "./pizzaRestApi";
import { serviceRole } from "./serviceRole";
import { checkLogRetention, checkWholeNumber, physicalName } from "./validation";
import { workflowStateMachine } from "./workflowStateMachine";

/** The component's type token. */
export const PIZZA_WORKFLOW_TYPE = "pizza-booking:workflows:PizzaWorkflow";

/**
 * How long API Gateway waits for StartSyncExecution, in milliseconds: just under the HTTP API
 * limit of 30 s and above the machine's own timeout, so the caller always gets the execution's
 * result (FAILED or TIMED_OUT included) rather than a gateway timeout.
 */
const INTEGRATION_TIMEOUT_MS = 29_000;

/** Options of a PizzaWorkflow. */
export interface PizzaWorkflowArgs {
  /** Tags for every resource. @default {} */
  readonly tags?: Record<string, string>;
  /** Days to keep execution, function and access logs (a CloudWatch Logs retention value). @default 14 */
  readonly logRetentionDays?: number;
  /** Steady-state requests per second the API accepts (the account default is shared by all APIs). @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests the API accepts. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** Memory of the order function, in MB. @default 128 */
  readonly lambdaMemorySize?: number;
  /** Timeout of the order function, in seconds (below the machine's 25 s). @default 10 */
  readonly lambdaTimeoutSeconds?: number;
  /** X-Ray tracing for the state machine and the function. @default true */
  readonly tracing?: boolean;
  /**
   * How the API answers: `raw`, the HTTP API's 200 with the raw execution result; `mapped`, a
   * REST API answering 200/422/504/500 per outcome (components/pizzaRestApi.ts). @default "raw"
   */
  readonly responses?: PizzaResponses;
}

/**
 * The pizza workflow: an EXPRESS state machine behind an HTTP API whose `POST /` starts a
 * synchronous execution directly (no proxy Lambda) and answers with its raw result.
 */
export class PizzaWorkflow extends pulumi.ComponentResource {
  /** The API's base URL: `POST` an order here. */
  public readonly url: pulumi.Output<string>;
  public readonly apiId: pulumi.Output<string>;
  public readonly stateMachineArn: pulumi.Output<string>;
  public readonly stateMachineName: pulumi.Output<string>;
  public readonly orderFunctionName: pulumi.Output<string>;
  /** The deployed ASL, as JSON text. */
  public readonly definition: pulumi.Output<string>;
  /** The response mode, which decides the API's kind: `raw` an HTTP API, `mapped` a REST API. */
  public readonly responses: PizzaResponses;
  /** The API's stage name (`$default` for the HTTP API), for metrics. */
  public readonly stageName: string;
  /** The REST API of the `mapped` mode (its name is the `ApiName` of its metrics). */
  public readonly restApi?: aws.apigateway.RestApi;

  constructor(name: string, args: PizzaWorkflowArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    super(PIZZA_WORKFLOW_TYPE, name, {}, opts);
    const tags = args.tags ?? {};
    const retention = checkLogRetention("logRetentionDays", args.logRetentionDays ?? 14);
    const rateLimit = checkWholeNumber("throttlingRateLimit", args.throttlingRateLimit ?? 50, 1, 10_000);
    const burstLimit = checkWholeNumber("throttlingBurstLimit", args.throttlingBurstLimit ?? 100, 1, 5_000);
    const memorySize = checkWholeNumber("lambdaMemorySize", args.lambdaMemorySize ?? 128, 128, 10_240);
    const timeoutSeconds = checkWholeNumber(
      "lambdaTimeoutSeconds",
      args.lambdaTimeoutSeconds ?? 10,
      1,
      PIZZA_TIMEOUT_SECONDS - 1,
    );
    const tracing = args.tracing ?? true;
    this.responses = args.responses ?? "raw";
    if (!PIZZA_RESPONSE_MODES.includes(this.responses))
      throw new Error(
        `[responses] must be one of ${PIZZA_RESPONSE_MODES.join(", ")}, got "${this.responses}"`,
      );
    const logName = (suffix: string) => physicalName(pulumi.getProject(), pulumi.getStack(), name, suffix);

    const order = bundledFunction(
      `${name}-order-fn`,
      {
        entry: "handlers/orderPizza.ts",
        memorySize,
        timeoutSeconds,
        logRetentionDays: retention,
        tracing,
        tags,
        logGroupName: `/aws/lambda/${logName("order")}`,
      },
      this,
    );

    const { stateMachine } = workflowStateMachine(
      `${name}-state-machine`,
      {
        type: "EXPRESS",
        // A flavour is all an order carries.
        sensitiveExecutionData: false,
        definition: order.fn.arn.apply((orderPizzaFunctionArn) => pizzaDefinition({ orderPizzaFunctionArn })),
        logRetentionDays: retention,
        tracing,
        tags,
        logGroupName: `/aws/vendedlogs/states/${logName("state-machine")}`,
      },
      this,
    );

    this.stateMachineArn = stateMachine.arn;
    this.stateMachineName = stateMachine.name;
    this.orderFunctionName = order.fn.name;
    this.definition = stateMachine.definition;
    if (this.responses === "mapped") {
      const rest = pizzaRestApi(
        name,
        {
          stateMachineArn: stateMachine.arn,
          throttlingRateLimit: rateLimit,
          throttlingBurstLimit: burstLimit,
          tracing,
          tags,
        },
        this,
      );
      this.url = rest.url;
      this.apiId = rest.restApi.id;
      this.restApi = rest.restApi;
      this.stageName = PIZZA_REST_STAGE;
      this.registerPizzaOutputs();
      return;
    }

    const api = new aws.apigatewayv2.Api(
      `${name}-api`,
      { protocolType: "HTTP", description: 'Order a pizza: POST {"flavour": "..."}', tags },
      { parent: this },
    );
    // API Gateway calls Step Functions with this role, which can start sync executions of this machine only.
    const { role: apiRole, policy: apiPolicy } = serviceRole(
      `${name}-api`,
      "apigateway.amazonaws.com",
      [{ Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: [stateMachine.arn] }],
      tags,
      this,
    );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-start-sync-execution`,
      {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationSubtype: "StepFunctions-StartSyncExecution",
        connectionType: "INTERNET",
        credentialsArn: apiRole.arn,
        // This casing exactly: API Gateway rejects `stateMachineArn`.
        requestParameters: { StateMachineArn: stateMachine.arn, Input: "$request.body" },
        payloadFormatVersion: "1.0",
        timeoutMilliseconds: INTEGRATION_TIMEOUT_MS,
      },
      // API Gateway must be allowed to start executions before the first order arrives.
      { parent: this, dependsOn: [apiPolicy] },
    );
    new aws.apigatewayv2.Route(
      `${name}-order-route`,
      {
        apiId: api.id,
        routeKey: "POST /",
        target: pulumi.interpolate`integrations/${integration.id}`,
        // Public by design, like the original: anyone may order; the stage's throttling bounds the cost.
        authorizationType: "NONE",
      },
      { parent: this },
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: `/aws/apigateway/${logName("access")}`, retentionInDays: retention, tags },
      { parent: this },
    );
    const stage = new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: api.id,
        name: "$default",
        autoDeploy: true,
        defaultRouteSettings: { throttlingRateLimit: rateLimit, throttlingBurstLimit: burstLimit },
        accessLogSettings: {
          destinationArn: accessLogs.arn,
          format: JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            requestTime: "$context.requestTime",
            routeKey: "$context.routeKey",
            status: "$context.status",
            responseLength: "$context.responseLength",
            integrationStatus: "$context.integrationStatus",
            integrationError: "$context.integrationErrorMessage",
            latencyMs: "$context.responseLatency",
          }),
        },
        tags,
      },
      { parent: this },
    );

    this.url = stage.invokeUrl;
    this.apiId = api.id;
    this.stageName = "$default";
    this.registerPizzaOutputs();
  }

  private registerPizzaOutputs(): void {
    this.registerOutputs({
      url: this.url,
      apiId: this.apiId,
      stateMachineArn: this.stateMachineArn,
      stateMachineName: this.stateMachineName,
      orderFunctionName: this.orderFunctionName,
      definition: this.definition,
    });
  }
}
