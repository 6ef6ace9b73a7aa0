import assert from "node:assert/strict";
import type { PolicyRule } from "../../scripts/policy/rule";
import { POLICY_RULES } from "../../scripts/policy/rules";
import type { PlannedResource } from "../../scripts/pulumiMocks";
import { EDGE_CASES } from "./edgeCases";

const DAY_MS = 86_400_000;
const ROLE_ARN = "arn:aws:iam::123456789012:role/fn-role-1234567";

/** A planned resource of `type`, as the mocks record it. */
const resource = (
  type: string,
  inputs: Record<string, unknown>,
  extra: Partial<PlannedResource> = {},
): PlannedResource => ({
  type,
  name: extra.name ?? type.split(":").pop()!.toLowerCase(),
  inputs,
  ...extra,
});
const machine = (
  definition: object,
  inputs: Record<string, unknown> = {},
  extra: Partial<PlannedResource> = {},
) =>
  resource(
    "aws:sfn/stateMachine:StateMachine",
    {
      definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" } }, ...definition }),
      tracingConfiguration: { enabled: true },
      loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: "arn:aws:logs:x:*" },
      tags: { "execution-data": "not-sensitive" },
      ...inputs,
    },
    extra,
  );
const fn = (inputs: Record<string, unknown>) =>
  resource("aws:lambda/function:Function", {
    runtime: "nodejs24.x",
    timeout: 10,
    memorySize: 256,
    tracingConfig: { mode: "Active" },
    ...inputs,
  });
const policy = (statement: object) =>
  resource("aws:iam/rolePolicy:RolePolicy", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
  });
const role = (principal: unknown) =>
  resource("aws:iam/role:Role", {
    assumeRolePolicy: JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
    }),
  });
const table = (inputs: Record<string, unknown>, extra: Partial<PlannedResource> = {}) =>
  resource(
    "aws:dynamodb/table:Table",
    {
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
      ...inputs,
    },
    { protect: true, retainOnDelete: true, ...extra },
  );
const apiKey = (expires: unknown) => resource("aws:appsync/apiKey:ApiKey", { expires });
const inDays = (days: number) =>
  new Date(Math.floor((Date.now() + days * DAY_MS) / 1000) * 1000).toISOString().replace(".000Z", "Z");
const graphqlApi = (inputs: Record<string, unknown>) =>
  resource("aws:appsync/graphQLApi:GraphQLApi", {
    schema: "type Query { a: Int }",
    xrayEnabled: true,
    logConfig: { fieldLogLevel: "ERROR", cloudwatchLogsRoleArn: ROLE_ARN },
    ...inputs,
  });
const stage = (inputs: Record<string, unknown>) =>
  resource("aws:apigatewayv2/stage:Stage", {
    defaultRouteSettings: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    accessLogSettings: { destinationArn: "arn:aws:logs:x", format: "{}" },
    ...inputs,
  });
const syncIntegration = (timeoutMilliseconds: number) =>
  resource("aws:apigatewayv2/integration:Integration", {
    integrationSubtype: "StepFunctions-StartSyncExecution",
    requestParameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m" },
    timeoutMilliseconds,
  });
const expressMachine = (timeout: number) =>
  machine(
    { TimeoutSeconds: timeout },
    {},
    { outputs: { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:m" } },
  );

/** Per rule: a stack it breaks and one it passes (the stack name matters for prod-only rules). */
const CASES: Record<string, { breaks: PlannedResource[]; passes: PlannedResource[]; stack?: string }> = {
  ...EDGE_CASES,
  "state-machine-tracing": {
    breaks: [machine({}, { tracingConfiguration: { enabled: false } })],
    passes: [machine({})],
  },
  "state-machine-logging": {
    breaks: [machine({}, { tags: { "execution-data": "sensitive" } })],
    passes: [
      machine(
        {},
        {
          tags: { "execution-data": "sensitive" },
          loggingConfiguration: {
            level: "ERROR",
            includeExecutionData: false,
            logDestination: "arn:aws:logs:x:*",
          },
        },
      ),
    ],
  },
  "state-machine-timeout": { breaks: [machine({})], passes: [machine({ TimeoutSeconds: 3600 })] },
  "express-under-http-api-timeout": {
    breaks: [expressMachine(29), syncIntegration(29_000)],
    passes: [expressMachine(25), syncIntegration(29_000)],
  },
  "state-machine-service-errors": {
    breaks: [
      machine({
        States: {
          A: { Type: "Task", End: true, Retry: [{ ErrorEquals: ["DynamoDB.InternalServerErrorException"] }] },
        },
      }),
    ],
    passes: [
      machine({
        States: {
          A: { Type: "Task", End: true, Retry: [{ ErrorEquals: ["DynamoDB.InternalServerError"] }] },
        },
      }),
    ],
  },
  "http-api-throttling": { breaks: [stage({ defaultRouteSettings: {} })], passes: [stage({})] },
  "http-api-access-logs": { breaks: [stage({ accessLogSettings: undefined })], passes: [stage({})] },
  "http-api-route-authorization": {
    breaks: [resource("aws:apigatewayv2/route:Route", { routeKey: "POST /" })],
    passes: [resource("aws:apigatewayv2/route:Route", { routeKey: "POST /", authorizationType: "NONE" })],
  },
  "appsync-logging": {
    breaks: [graphqlApi({ logConfig: { fieldLogLevel: "NONE" } })],
    passes: [graphqlApi({})],
  },
  "appsync-xray": { breaks: [graphqlApi({ xrayEnabled: false })], passes: [graphqlApi({})] },
  "appsync-api-key-expiry": {
    breaks: [
      apiKey(inDays(400)),
      apiKey(new Date(Date.now() + 30 * DAY_MS).toISOString()),
      apiKey(undefined),
    ],
    passes: [apiKey(inDays(30))],
  },
  "appsync-schema": {
    breaks: [graphqlApi({ schema: 'enum S { "Free." VACANT } type Query { s: S }' })],
    passes: [
      graphqlApi({ schema: "enum S { VACANT } type Query { s: S @aws_api_key @aws_cognito_user_pools }" }),
    ],
  },
  "dynamodb-point-in-time-recovery": {
    breaks: [table({ pointInTimeRecovery: { enabled: false } })],
    passes: [table({})],
  },
  "dynamodb-encryption": { breaks: [table({ serverSideEncryption: undefined })], passes: [table({})] },
  "dynamodb-deletion-protection": {
    stack: "prod",
    breaks: [table({ deletionProtectionEnabled: false })],
    passes: [table({})],
  },
  "dynamodb-protect": {
    stack: "prod",
    breaks: [table({}, { protect: undefined }), resource("aws:dynamodb/tableItem:TableItem", {})],
    passes: [table({}), resource("aws:dynamodb/tableItem:TableItem", {}, { retainOnDelete: true })],
  },
  "lambda-runtime": { breaks: [fn({ runtime: "nodejs18.x" })], passes: [fn({})] },
  "lambda-limits": { breaks: [fn({ timeout: undefined })], passes: [fn({})] },
  "lambda-tracing": { breaks: [fn({ tracingConfig: { mode: "PassThrough" } })], passes: [fn({})] },
  "lambda-no-secret-environment": {
    breaks: [
      fn({ environment: { variables: { DB_PASSWORD: "hunter2" } } }),
      fn({ environment: { variables: { UPSTREAM: "AKIAIOSFODNN7EXAMPLE" } } }),
    ],
    passes: [
      fn({
        environment: {
          variables: { TABLE_NAME: "t", API_KEY_SECRET: "arn:aws:secretsmanager:us-east-1:1:secret:k" },
        },
      }),
    ],
  },
  "iam-no-wildcard-action": {
    breaks: [policy({ Effect: "Allow", Action: ["dynamodb:*"], Resource: ["arn:aws:dynamodb:x:1:table/t"] })],
    passes: [
      policy({ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["arn:aws:dynamodb:x:1:table/t"] }),
    ],
  },
  "iam-wildcard-resource": {
    breaks: [policy({ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: ["*"] })],
    passes: [
      policy({
        Effect: "Allow",
        Action: ["xray:PutTraceSegments", "logs:CreateLogDelivery"],
        Resource: ["*"],
      }),
      // An action with no resource-level permissions, from the builder's UNSCOPED_ACTIONS table.
      policy({ Effect: "Allow", Action: ["batch:DescribeJobs"], Resource: ["*"] }),
      policy({
        Effect: "Allow",
        Action: ["logs:PutLogEvents"],
        Resource: ["arn:aws:logs:x:1:log-group:g:*"],
      }),
    ],
  },
  "iam-trust-one-service": {
    breaks: [role({ Service: ["lambda.amazonaws.com", "states.amazonaws.com"] }), role({ AWS: "*" })],
    passes: [role({ Service: "lambda.amazonaws.com" })],
  },
  "iam-policy-before-use": {
    breaks: [
      resource("aws:iam/role:Role", {}, { name: "fn-role", outputs: { arn: ROLE_ARN } }),
      resource("aws:iam/rolePolicy:RolePolicy", {}, { name: "fn-policy", dependsOn: ["fn-role"] }),
      resource("aws:lambda/function:Function", { role: ROLE_ARN }, { name: "fn", dependsOn: ["fn-role"] }),
    ],
    passes: [
      resource("aws:iam/role:Role", {}, { name: "fn-role", outputs: { arn: ROLE_ARN } }),
      resource("aws:iam/rolePolicy:RolePolicy", {}, { name: "fn-policy", dependsOn: ["fn-role"] }),
      resource(
        "aws:lambda/function:Function",
        { role: ROLE_ARN },
        { name: "fn", dependsOn: ["fn-policy", "fn-role"] },
      ),
    ],
  },
  "log-retention": {
    breaks: [resource("aws:cloudwatch/logGroup:LogGroup", { name: "/aws/lambda/x" })],
    passes: [resource("aws:cloudwatch/logGroup:LogGroup", { name: "/aws/lambda/x", retentionInDays: 14 })],
  },
};

describe("policy rules", () => {
  it("has a breaking and a passing case for every rule", () => {
    assert.deepStrictEqual(
      POLICY_RULES.map((rule) => rule.id).filter((id) => !(id in CASES)),
      [],
      "add a case to CASES for each rule listed",
    );
  });

  const run = (rule: PolicyRule, resources: PlannedResource[], stack = "dev") =>
    rule.check({ stack, resources });
  for (const rule of POLICY_RULES) {
    const cases = CASES[rule.id];
    if (!cases) continue;
    describe(`${rule.id}: ${rule.description}`, () => {
      it("reports the breaking resources, each with what to change", () => {
        const violations = run(rule, cases.breaks, cases.stack);
        assert.ok(violations.length > 0, "no violation reported");
        for (const violation of violations) {
          assert.equal(violation.rule, rule.id);
          assert.match(violation.resource, /^\S+ \(\S+\)$/);
          assert.ok(violation.fix.length > 10, violation.fix);
        }
      });
      it("accepts the passing resources", () => {
        assert.deepStrictEqual(run(rule, cases.passes, cases.stack), []);
      });
    });
  }
});
