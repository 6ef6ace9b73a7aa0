import assert from "node:assert/strict";
import { Kind, parse, visit } from "graphql";
import { BookingWorkflow, apiKeyExpiry } from "../../components/BookingWorkflow";
import { XRAY_WRITE } from "../../components/policy";
import { LOG_DELIVERY } from "../../components/workflowStateMachine";
import { bookingDefinition } from "../../definitions/booking";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned } from "./planHelpers";

const XRAY_STATEMENT = { Effect: "Allow", Action: [...XRAY_WRITE.Action], Resource: ["*"] };

describe("BookingWorkflow component (under Pulumi mocks)", function () {
  this.timeout(60_000);
  let planned: Planned;
  let tableArn: string;
  let smArn: string;
  let bookingsArn: string;

  before(async () => {
    const result = await runUnderMocks(async () => {
      const booking = new BookingWorkflow("booking", {
        apartments: ["A-101", "A-102"],
        paymentWindowSeconds: 120,
        deletionProtection: false,
      });
      return {
        graphqlUrl: booking.graphqlUrl,
        apiKey: booking.apiKey,
        apiId: booking.apiId,
        tableName: booking.tableName,
        tableArn: booking.tableArn,
        stateMachineArn: booking.stateMachineArn,
        stateMachineName: booking.stateMachineName,
        definition: booking.definition,
        userPoolId: booking.userPoolId,
        userPoolClientId: booking.userPoolClientId,
        bookingsTableName: booking.bookingsTableName,
      };
    });
    planned = new Planned(result);
    tableArn = String(result.outputs.tableArn);
    bookingsArn = `arn:aws:dynamodb:us-east-1:123456789012:table/${String(result.outputs.bookingsTableName)}`;
    smArn = String(result.outputs.stateMachineArn);
  });

  it("creates exactly the table, its apartments, the state machine, the API and a function per resolver", () => {
    const perResolver = (id: string) => [
      `aws:appsync/dataSource:DataSource booking-${id}-ds`,
      `aws:appsync/resolver:Resolver booking-${id}-resolver`,
      `aws:cloudwatch/logGroup:LogGroup booking-${id}-fn-logs`,
      `aws:iam/role:Role booking-${id}-ds-role`,
      `aws:iam/role:Role booking-${id}-fn-role`,
      `aws:iam/rolePolicy:RolePolicy booking-${id}-ds-policy`,
      `aws:iam/rolePolicy:RolePolicy booking-${id}-fn-policy`,
      `aws:lambda/function:Function booking-${id}-fn`,
    ];
    assert.deepStrictEqual(
      planned.inventory(),
      [
        "aws:appsync/apiKey:ApiKey booking-api-key",
        "aws:appsync/graphQLApi:GraphQLApi booking-api",
        "aws:cloudwatch/logGroup:LogGroup booking-api-logs",
        "aws:cloudwatch/logGroup:LogGroup booking-state-machine-logs",
        "aws:cognito/userPool:UserPool booking-users",
        "aws:cognito/userPoolClient:UserPoolClient booking-client",
        "aws:dynamodb/table:Table booking-apartments",
        "aws:dynamodb/table:Table booking-bookings",
        "aws:dynamodb/tableItem:TableItem booking-apartment-A-101",
        "aws:dynamodb/tableItem:TableItem booking-apartment-A-102",
        "aws:iam/role:Role booking-api-logs-role",
        "aws:iam/role:Role booking-state-machine-role",
        "aws:iam/rolePolicy:RolePolicy booking-api-logs-policy",
        "aws:iam/rolePolicy:RolePolicy booking-state-machine-policy",
        "aws:sfn/stateMachine:StateMachine booking-state-machine",
        "pizza-booking:workflows:BookingWorkflow booking",
        ...["apartment", "apartments", "booking", "my-bookings", "book-apartment", "pay-booking"].flatMap(
          perResolver,
        ),
      ].sort(),
    );
  });

  it("parents every resource to the component", () => {
    for (const resource of planned.result.resources.filter((r) => r.name !== "booking"))
      assert.equal(resource.parent, "booking", `${resource.type} ${resource.name}`);
  });

  it("keys the table on Id (string), on demand, with point-in-time recovery", () => {
    const table = planned.one("aws:dynamodb/table:Table", "booking-apartments").inputs;
    assert.equal(table.hashKey, "Id");
    assert.deepStrictEqual(table.attributes, [{ name: "Id", type: "S" }]);
    assert.equal(table.billingMode, "PAY_PER_REQUEST");
    assert.deepStrictEqual(table.pointInTimeRecovery, { enabled: true });
    assert.equal(table.deletionProtectionEnabled, false);
  });

  it("seeds each apartment as VACANT", () => {
    const item = planned.one("aws:dynamodb/tableItem:TableItem", "booking-apartment-A-101").inputs;
    assert.equal(item.hashKey, "Id");
    assert.deepStrictEqual(JSON.parse(String(item.item)), { Id: { S: "A-101" }, Status: { S: "VACANT" } });
  });

  it("deploys a STANDARD state machine running the builder's definition on this table, logging errors without booking data, traced", () => {
    const sm = planned.one("aws:sfn/stateMachine:StateMachine", "booking-state-machine").inputs;
    assert.equal(sm.type, "STANDARD");
    assert.deepStrictEqual(sm.tracingConfiguration, { enabled: true });
    const logGroup = planned.one("aws:cloudwatch/logGroup:LogGroup", "booking-state-machine-logs").inputs;
    assert.equal(logGroup.name, "/aws/vendedlogs/states/pizza-booking-dev-booking-state-machine");
    assert.deepStrictEqual((sm.tags as Record<string, string>)["execution-data"], "sensitive");
    assert.deepStrictEqual(sm.loggingConfiguration, {
      level: "ERROR",
      includeExecutionData: false,
      logDestination: `arn:aws:logs:us-east-1:123456789012:log-group:${String(logGroup.name)}:*`,
    });
    const definition = String(sm.definition);
    assert.ok(!definition.includes("Calling [toJSON]"), definition);
    const tableName = String(planned.result.outputs.tableName);
    const bookingsTableName = String(planned.result.outputs.bookingsTableName);
    assert.deepStrictEqual(
      JSON.parse(definition),
      bookingDefinition({
        tableName,
        tableArn,
        bookingsTableName,
        bookingsTableArn: bookingsArn,
        paymentWindowSeconds: 120,
      }).toAsl(),
    );
    assert.equal(JSON.parse(definition).TimeoutSeconds, 120 + 1 + 300, "the payment window plus the margin");
    assert.equal(planned.result.outputs.definition, definition);
  });

  it("lets the state machine read and update apartments and update booking records only, plus log delivery and X-Ray", () => {
    assert.deepStrictEqual(planned.policy("booking-state-machine-policy"), [
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [tableArn] },
      { Effect: "Allow", Action: ["dynamodb:UpdateItem"], Resource: [bookingsArn] },
      { Effect: "Allow", Action: [...LOG_DELIVERY.Action], Resource: ["*"] },
      XRAY_STATEMENT,
    ]);
  });

  it("keeps booking records in their own table, keyed by owner and booking id, recoverable and protected", () => {
    const table = planned.one("aws:dynamodb/table:Table", "booking-bookings").inputs;
    assert.deepStrictEqual(
      [table.hashKey, table.rangeKey, table.attributes],
      [
        "Owner",
        "BookingId",
        [
          { name: "Owner", type: "S" },
          { name: "BookingId", type: "S" },
        ],
      ],
    );
    assert.equal(table.billingMode, "PAY_PER_REQUEST");
    assert.deepStrictEqual(table.pointInTimeRecovery, { enabled: true });
    assert.equal(table.deletionProtectionEnabled, false, "follows deletionProtection");
  });

  it("creates a user pool with email sign-in and a public app client for password and SRP sign-in", () => {
    const pool = planned.one("aws:cognito/userPool:UserPool", "booking-users").inputs as Record<
      string,
      unknown
    >;
    assert.deepStrictEqual(pool.usernameAttributes, ["email"]);
    assert.deepStrictEqual(pool.autoVerifiedAttributes, ["email"]);
    assert.equal((pool.passwordPolicy as { minimumLength: number }).minimumLength, 12);
    assert.equal(pool.deletionProtection, "INACTIVE", "follows deletionProtection");
    const client = planned.one("aws:cognito/userPoolClient:UserPoolClient", "booking-client")
      .inputs as Record<string, unknown>;
    assert.match(String(client.userPoolId), /^us-east-1_[0-9a-f]{9}$/);
    assert.equal(client.generateSecret, false, "a browser or CLI client cannot keep a secret");
    assert.deepStrictEqual(client.explicitAuthFlows, [
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ]);
    assert.equal(client.preventUserExistenceErrors, "ENABLED");
    assert.equal(planned.result.outputs.userPoolId, client.userPoolId);
    assert.match(String(planned.result.outputs.userPoolClientId), /^[0-9a-f]{26}$/);
  });

  it("authorizes with the user pool by default, this client's tokens only, and the API key as an extra mode", () => {
    const api = planned.one("aws:appsync/graphQLApi:GraphQLApi", "booking-api").inputs as Record<
      string,
      unknown
    >;
    assert.equal(api.authenticationType, "AMAZON_COGNITO_USER_POOLS");
    assert.deepStrictEqual(api.userPoolConfig, {
      userPoolId: planned.result.outputs.userPoolId,
      defaultAction: "ALLOW",
      appIdClientRegex: `^${String(planned.result.outputs.userPoolClientId)}$`,
    });
    assert.deepStrictEqual(api.additionalAuthenticationProviders, [{ authenticationType: "API_KEY" }]);
    // The API key reaches the public listing only: the schema marks nothing else with @aws_api_key.
    const publicNodes: string[] = [];
    visit(parse(String(api.schema)), {
      enter(node) {
        if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.FIELD_DEFINITION) return;
        const modes = (node.directives ?? []).map((directive) => directive.name.value);
        if (modes.length > 0) publicNodes.push(`${node.name.value}: ${modes.join(" ")}`);
      },
    });
    assert.deepStrictEqual(publicNodes, [
      "Apartment: aws_api_key aws_cognito_user_pools",
      "apartments: aws_api_key aws_cognito_user_pools",
    ]);
  });

  it("limits query depth and resolvers per request, and keeps introspection off unless asked", () => {
    const api = planned.one("aws:appsync/graphQLApi:GraphQLApi", "booking-api").inputs as Record<
      string,
      unknown
    >;
    assert.deepStrictEqual(
      [api.queryDepthLimit, api.resolverCountLimit, api.introspectionConfig],
      [5, 10, "DISABLED"],
    );
  });

  it("traces the GraphQL API and logs errors", () => {
    const api = planned.one("aws:appsync/graphQLApi:GraphQLApi", "booking-api").inputs as Record<
      string,
      unknown
    > & { logConfig: Record<string, unknown> };
    assert.equal(api.xrayEnabled, true);
    assert.equal(api.logConfig.fieldLogLevel, "ERROR");
    assert.match(String(api.logConfig.cloudwatchLogsRoleArn), /role\/booking-api-logs-role-/);
    assert.match(String(api.schema), /bookApartment\(apartmentId: ID!, bookingId: ID\): Booking!/);
    assert.equal(planned.trustedService("booking-api-logs-role"), "appsync.amazonaws.com");
    assert.deepStrictEqual(planned.policy("booking-api-logs-policy"), [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/appsync/apis/booking-api-id:*"],
      },
    ]);
  });

  it("gives the API key a long life, counted from the start of the day", () => {
    const key = planned.one("aws:appsync/apiKey:ApiKey", "booking-api-key").inputs;
    assert.equal(key.apiId, "booking-api-id");
    assert.equal(key.expires, apiKeyExpiry(365));
  });

  /** What each resolver may call: the manifest's `calls`, grouped by the resource they act on. */
  const grants = (field: string): { Action: string[]; Resource: string[] }[] => {
    const expected: Record<string, { Action: string[]; Resource: string[] }[]> = {
      apartment: [{ Action: ["dynamodb:GetItem"], Resource: [tableArn] }],
      apartments: [{ Action: ["dynamodb:Scan"], Resource: [tableArn] }],
      booking: [
        { Action: ["dynamodb:GetItem"], Resource: [bookingsArn] },
        { Action: ["dynamodb:GetItem"], Resource: [tableArn] },
      ],
      myBookings: [
        { Action: ["dynamodb:Query"], Resource: [bookingsArn] },
        { Action: ["dynamodb:GetItem"], Resource: [tableArn] },
      ],
      bookApartment: [
        {
          Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
          Resource: [bookingsArn],
        },
        { Action: ["states:StartExecution"], Resource: [smArn] },
        { Action: ["dynamodb:GetItem"], Resource: [tableArn] },
      ],
      payBooking: [
        { Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [bookingsArn] },
        { Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [tableArn] },
      ],
    };
    return expected[field];
  };

  it("has one resolver per field of the manifest", () => {
    assert.deepStrictEqual(
      BOOKING_RESOLVERS.map((r) => r.fieldName),
      ["apartment", "apartments", "booking", "myBookings", "bookApartment", "payBooking"],
    );
  });

  for (const resolver of BOOKING_RESOLVERS) {
    const id = `booking-${resolver.fieldName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    it(`wires ${resolver.typeName}.${resolver.fieldName} to its own data source and function`, () => {
      const wired = planned.one("aws:appsync/resolver:Resolver", `${id}-resolver`).inputs;
      assert.deepStrictEqual(
        [wired.type, wired.field, wired.kind, wired.dataSource, wired.apiId],
        [resolver.typeName, resolver.fieldName, "UNIT", `${resolver.fieldName}Function`, "booking-api-id"],
      );
      assert.equal(wired.requestTemplate, undefined, "a direct Lambda resolver has no mapping template");
      assert.equal(wired.responseTemplate, undefined);
      const source = planned.one("aws:appsync/dataSource:DataSource", `${id}-ds`).inputs as {
        name: string;
        type: string;
        serviceRoleArn: string;
        lambdaConfig: { functionArn: string };
      };
      assert.equal(source.name, `${resolver.fieldName}Function`);
      assert.equal(source.type, "AWS_LAMBDA");
      assert.match(source.lambdaConfig.functionArn, new RegExp(`function:${id}-fn-`));
      assert.match(source.serviceRoleArn, new RegExp(`role/${id}-ds-role-`));
      assert.equal(planned.trustedService(`${id}-ds-role`), "appsync.amazonaws.com");
      assert.deepStrictEqual(planned.policy(`${id}-ds-policy`), [
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [source.lambdaConfig.functionArn] },
      ]);
    });

    it(`allows ${resolver.fieldName} its own logs, X-Ray and exactly the calls it makes`, () => {
      const fn = planned.one("aws:lambda/function:Function", `${id}-fn`).inputs as {
        runtime: string;
        environment: { variables: Record<string, string> };
        loggingConfig: { logGroup: string };
      };
      assert.equal(fn.runtime, "nodejs24.x");
      assert.equal(planned.trustedService(`${id}-fn-role`), "lambda.amazonaws.com");
      assert.deepStrictEqual(planned.policy(`${id}-fn-policy`), [
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [`arn:aws:logs:us-east-1:123456789012:log-group:${fn.loggingConfig.logGroup}:*`],
        },
        XRAY_STATEMENT,
        ...grants(resolver.fieldName).map((grant) => ({ Effect: "Allow", ...grant })),
      ]);
      assert.deepStrictEqual(Object.keys(fn.environment.variables).sort(), [...resolver.environment].sort());
    });
  }

  it("passes the payment window to the resolver that starts bookings", () => {
    const fn = planned.one("aws:lambda/function:Function", "booking-book-apartment-fn").inputs as {
      environment: { variables: Record<string, string> };
    };
    assert.equal(fn.environment.variables.PAYMENT_WINDOW_SECONDS, "120");
    assert.equal(fn.environment.variables.STATE_MACHINE_ARN, smArn);
    assert.equal(fn.environment.variables.MAX_OPEN_BOOKINGS, "2", "maxOpenBookingsPerUser defaults to 2");
  });

  it("exports the GraphQL URL and the API key as a secret", () => {
    assert.match(
      String(planned.result.outputs.graphqlUrl),
      /^https:\/\/\w+\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/,
    );
    const apiKey = planned.result.outputs.apiKey as { secret: string };
    assert.deepStrictEqual(Object.keys(apiKey), ["secret"], "the key is a secret");
    assert.match(apiKey.secret, /^da2-\w+$/);
    const { apiId, tableName, stateMachineName } = planned.result.outputs;
    assert.equal(apiId, "booking-api-id");
    assert.equal(tableArn, `arn:aws:dynamodb:us-east-1:123456789012:table/${String(tableName)}`);
    assert.equal(smArn, `arn:aws:states:us-east-1:123456789012:stateMachine:${String(stateMachineName)}`);
  });
});
