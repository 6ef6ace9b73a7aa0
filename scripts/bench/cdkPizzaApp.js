// The bench's optional baseline: the seed's pizza stack (cdk-patterns/serverless "the-state-machine",
// as /work/shared/REFERENCES.md records it) written with AWS CDK and synthesized, which is the work
// `cdk synth` does before the CLI reads the cloud assembly. aws-cdk-lib is not a project dependency:
// the bench installs it into its cache folder and points NODE_PATH there. Plain JavaScript, so
// nothing of ours is compiled for it. Output goes to CDK_OUTDIR.
"use strict";
const path = require("node:path");
const cdk = require("aws-cdk-lib");
const lambda = require("aws-cdk-lib/aws-lambda");
const sfn = require("aws-cdk-lib/aws-stepfunctions");
const tasks = require("aws-cdk-lib/aws-stepfunctions-tasks");
const apigw = require("aws-cdk-lib/aws-apigatewayv2");
const iam = require("aws-cdk-lib/aws-iam");

const app = new cdk.App({ outdir: process.env.CDK_OUTDIR });
const stack = new cdk.Stack(app, "TheStateMachineStack");

const orderPizza = new lambda.Function(stack, "pineappleCheckLambdaHandler", {
  runtime: lambda.Runtime.NODEJS_22_X,
  code: lambda.Code.fromAsset(path.join(__dirname, "../../handlers"), { exclude: ["booking"] }),
  handler: "orderPizza.handler",
});
const orderJob = new tasks.LambdaInvoke(stack, "Order Pizza Job", {
  lambdaFunction: orderPizza,
  inputPath: "$.flavour",
  resultPath: "$.pineappleAnalysis",
  payloadResponseOnly: true,
});
const cannotCook = new sfn.Fail(stack, "Sorry, We Dont add Pineapple", {
  cause: "They asked for Pineapple",
  error: "Failed To Make Pizza",
});
const cook = new sfn.Succeed(stack, "Lets make your pizza", { outputPath: "$.pineappleAnalysis" });
const definition = sfn.Chain.start(orderJob).next(
  new sfn.Choice(stack, "With Pineapple?")
    .when(sfn.Condition.booleanEquals("$.pineappleAnalysis.containsPineapple", true), cannotCook)
    .otherwise(cook),
);
const stateMachine = new sfn.StateMachine(stack, "StateMachine", {
  definitionBody: sfn.DefinitionBody.fromChainable(definition),
  timeout: cdk.Duration.minutes(5),
  tracingEnabled: true,
  stateMachineType: sfn.StateMachineType.EXPRESS,
});

const httpApiRole = new iam.Role(stack, "HttpApiRole", {
  assumedBy: new iam.ServicePrincipal("apigateway.amazonaws.com"),
  inlinePolicies: {
    AllowSFNExec: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["states:StartSyncExecution"],
          resources: [stateMachine.stateMachineArn],
        }),
      ],
    }),
  },
});
const api = new apigw.HttpApi(stack, "the-state-machine-api", { createDefaultStage: true });
const integration = new apigw.CfnIntegration(stack, "Integ", {
  apiId: api.httpApiId,
  integrationType: "AWS_PROXY",
  connectionType: "INTERNET",
  integrationSubtype: "StepFunctions-StartSyncExecution",
  credentialsArn: httpApiRole.roleArn,
  requestParameters: { Input: "$request.body", StateMachineArn: stateMachine.stateMachineArn },
  payloadFormatVersion: "1.0",
  timeoutInMillis: 10000,
});
new apigw.CfnRoute(stack, "DefaultRoute", {
  apiId: api.httpApiId,
  routeKey: apigw.HttpRouteKey.DEFAULT.key,
  target: `integrations/${integration.ref}`,
});
new cdk.CfnOutput(stack, "HTTP API Url", { value: api.url ?? "Something went wrong with the deploy" });

app.synth();
