import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  MAPPED_CONTENT_TYPES,
  PIZZA_INTEGRATION_RESPONSES,
  PIZZA_MAPPED_STATUS_CODES,
  pizzaRequestTemplate,
} from "../definitions/pizzaApiMapping";
import { serviceRole } from "./serviceRole";

/** The stage of the mapped-mode REST API: its invoke URL ends with it. */
export const PIZZA_REST_STAGE = "api";

/** Options of the pizza REST API. */
export interface PizzaRestApiArgs {
  /** The EXPRESS state machine `POST /` starts synchronously. */
  readonly stateMachineArn: pulumi.Input<string>;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly tracing: boolean;
  readonly tags: Record<string, string>;
}

/** The REST API of the mapped response mode. */
export interface PizzaRestApi {
  readonly restApi: aws.apigateway.RestApi;
  readonly stage: aws.apigateway.Stage;
  /** The invoke URL, ending in `/`: POST orders here. */
  readonly url: pulumi.Output<string>;
}

/**
 * The pizza API in the `mapped` response mode: a REST API whose `POST /` is an AWS integration
 * with Step Functions' StartSyncExecution (no proxy Lambda), and whose mapping templates turn the
 * execution's status into an HTTP status (definitions/pizzaApiMapping.ts has the templates and
 * the AWS references). An HTTP API cannot do this: its StartSyncExecution integration is
 * AWS_PROXY, which has no response mapping.
 *
 * The stage has no access log: REST API logging needs an account-wide CloudWatch role set in API
 * Gateway's account settings (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html),
 * which one stack should not own; the state machine's own logs (level ALL) record every order.
 */
export function pizzaRestApi(name: string, args: PizzaRestApiArgs, parent: pulumi.Resource): PizzaRestApi {
  const region = aws.getRegionOutput({}, { parent }).name;
  const restApi = new aws.apigateway.RestApi(
    `${name}-rest-api`,
    {
      description: 'Order a pizza: POST {"flavour": "..."}; answers 200, 422, 504 or 500',
      endpointConfiguration: { types: "REGIONAL" },
      tags: args.tags,
    },
    { parent },
  );
  // API Gateway calls Step Functions with this role, which can start sync executions of this machine only.
  const { role } = serviceRole(
    `${name}-rest-api`,
    "apigateway.amazonaws.com",
    [{ Effect: "Allow", Action: ["states:StartSyncExecution"], Resource: [args.stateMachineArn] }],
    args.tags,
    parent,
  );
  const method = new aws.apigateway.Method(
    `${name}-order-method`,
    { restApi: restApi.id, resourceId: restApi.rootResourceId, httpMethod: "POST", authorization: "NONE" },
    { parent },
  );
  const requestTemplate = pulumi.output(args.stateMachineArn).apply(pizzaRequestTemplate);
  const integration = new aws.apigateway.Integration(
    `${name}-start-sync-execution`,
    {
      restApi: restApi.id,
      resourceId: restApi.rootResourceId,
      httpMethod: method.httpMethod,
      type: "AWS",
      integrationHttpMethod: "POST",
      uri: pulumi.interpolate`arn:aws:apigateway:${region}:states:action/StartSyncExecution`,
      credentials: role.arn,
      // A content type without a template is refused with 415 rather than passed on unmapped.
      passthroughBehavior: "NEVER",
      requestTemplates: Object.fromEntries(MAPPED_CONTENT_TYPES.map((type) => [type, requestTemplate])),
      timeoutMilliseconds: 29_000,
    },
    { parent },
  );
  const methodResponses = PIZZA_MAPPED_STATUS_CODES.map(
    (statusCode) =>
      new aws.apigateway.MethodResponse(
        `${name}-response-${statusCode}`,
        {
          restApi: restApi.id,
          resourceId: restApi.rootResourceId,
          httpMethod: method.httpMethod,
          statusCode,
          responseModels: { "application/json": "Empty" },
        },
        { parent },
      ),
  );
  const integrationResponses = PIZZA_INTEGRATION_RESPONSES.map(
    (response) =>
      new aws.apigateway.IntegrationResponse(
        `${name}-integration-${response.statusCode}`,
        {
          restApi: restApi.id,
          resourceId: restApi.rootResourceId,
          httpMethod: method.httpMethod,
          statusCode: response.statusCode,
          ...(response.selectionPattern ? { selectionPattern: response.selectionPattern } : {}),
          responseTemplates: { "application/json": response.template },
        },
        { parent, dependsOn: [integration, ...methodResponses] },
      ),
  );
  // A deployment is a snapshot: a new one whenever the templates or the machine change.
  const deployment = new aws.apigateway.Deployment(
    `${name}-deployment`,
    {
      restApi: restApi.id,
      triggers: {
        redeployment: requestTemplate.apply((template) =>
          createHash("sha256")
            .update(JSON.stringify([template, PIZZA_INTEGRATION_RESPONSES, MAPPED_CONTENT_TYPES]))
            .digest("hex"),
        ),
      },
    },
    { parent, dependsOn: [integration, ...integrationResponses] },
  );
  const stage = new aws.apigateway.Stage(
    `${name}-rest-stage`,
    {
      restApi: restApi.id,
      deployment: deployment.id,
      stageName: PIZZA_REST_STAGE,
      xrayTracingEnabled: args.tracing,
      tags: args.tags,
    },
    { parent },
  );
  new aws.apigateway.MethodSettings(
    `${name}-rest-throttling`,
    {
      restApi: restApi.id,
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: {
        throttlingRateLimit: args.throttlingRateLimit,
        throttlingBurstLimit: args.throttlingBurstLimit,
        metricsEnabled: true,
      },
    },
    { parent },
  );
  return { restApi, stage, url: pulumi.interpolate`${stage.invokeUrl}/` };
}
