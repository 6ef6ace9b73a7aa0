import assert from "node:assert/strict";
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
        tableName: booking.tableName,
        tableArn: booking.tableArn,
        stateMachineArn: booking.stateMachineArn,
        definition: booking.definition,
      };
    });
    planned = new Planned(result);
    tableArn = String(result.outputs.tableArn);
    smArn = String(result.outputs.stateMachineArn);
  });

  it("creates the table, its apartments, the state machine, the API and one function per resolver", () => {
    const count = (type: string) => planned.ofType(type).length;
    assert.equal(count("aws:dynamodb/table:Table"), 1);
    assert.deepStrictEqual(
      planned.ofType("aws:dynamodb/tableItem:TableItem").map((r) => r.name),
      ["booking-apartment-A-101", "booking-apartment-A-102"],
    );
    assert.equal(count("aws:sfn/stateMachine:StateMachine"), 1);
    assert.equal(count("aws:appsync/graphQLApi:GraphQLApi"), 1);
    assert.equal(count("aws:appsync/apiKey:ApiKey"), 1);
    assert.equal(count("aws:lambda/function:Function"), BOOKING_RESOLVERS.length);
    assert.equal(count("aws:appsync/dataSource:DataSource"), BOOKING_RESOLVERS.length);
    assert.equal(count("aws:appsync/resolver:Resolver"), BOOKING_RESOLVERS.length);
    // roles: state machine, API logs, and a function role plus a data-source role per resolver
    assert.equal(count("aws:iam/role:Role"), 2 + 2 * BOOKING_RESOLVERS.length);
    assert.equal(count("aws:cloudwatch/logGroup:LogGroup"), 2 + BOOKING_RESOLVERS.length);
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

  it("deploys a STANDARD state machine running the builder's definition on this table, logged and traced", () => {
    const sm = planned.one("aws:sfn/stateMachine:StateMachine", "booking-state-machine").inputs;
    assert.equal(sm.type, "STANDARD");
    assert.deepStrictEqual(sm.tracingConfiguration, { enabled: true });
    assert.equal((sm.loggingConfiguration as { level: string }).level, "ALL");
    const tableName = String(planned.result.outputs.tableName);
    assert.deepStrictEqual(
      JSON.parse(String(sm.definition)),
      bookingDefinition({ tableName, tableArn }).toAsl(),
    );
  });

  it("lets the state machine read and update only its table, plus log delivery and X-Ray", () => {
    assert.deepStrictEqual(planned.policy("booking-state-machine-policy"), [
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [tableArn] },
      { Effect: "Allow", Action: [...LOG_DELIVERY.Action], Resource: ["*"] },
      XRAY_STATEMENT,
    ]);
  });

  it("protects the GraphQL API with an API key, traces it and logs errors", () => {
    const api = planned.one("aws:appsync/graphQLApi:GraphQLApi", "booking-api").inputs as Record<
      string,
      unknown
    > & { logConfig: Record<string, unknown> };
    assert.equal(api.authenticationType, "API_KEY");
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
    assert.equal(key.expires, apiKeyExpiry(365));
    assert.equal(apiKeyExpiry(30, new Date("2026-11-22T16:45:00Z")), "2026-12-22T00:00:00.000Z");
  });

  for (const resolver of BOOKING_RESOLVERS) {
    const id = `booking-${resolver.fieldName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    it(`wires ${resolver.typeName}.${resolver.fieldName} to its own data source and function`, () => {
      const wired = planned.one("aws:appsync/resolver:Resolver", `${id}-resolver`).inputs;
      assert.deepStrictEqual(
        [wired.type, wired.field, wired.kind, wired.dataSource],
        [resolver.typeName, resolver.fieldName, "UNIT", `${resolver.fieldName}Function`],
      );
      assert.equal(wired.requestTemplate, undefined, "a direct Lambda resolver has no mapping template");
      const source = planned.one("aws:appsync/dataSource:DataSource", `${id}-ds`).inputs as {
        type: string;
        lambdaConfig: { functionArn: string };
      };
      assert.equal(source.type, "AWS_LAMBDA");
      assert.match(source.lambdaConfig.functionArn, new RegExp(`function:${id}-fn-`));
      assert.deepStrictEqual(planned.policy(`${id}-ds-policy`), [
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [source.lambdaConfig.functionArn] },
      ]);
    });

    it(`allows ${resolver.fieldName} exactly the calls it makes, and gives it only its environment`, () => {
      const statements = planned.policy(`${id}-fn-policy`).slice(2); // after its own logs and X-Ray
      const executions = `${smArn.replace(":stateMachine:", ":execution:")}:*`;
      const expected = new Map<string, string[]>();
      for (const call of resolver.calls) {
        const resource = call.startsWith("dynamodb:")
          ? tableArn
          : call === "states:StartExecution"
            ? smArn
            : executions;
        expected.set(resource, [...(expected.get(resource) ?? []), call].sort());
      }
      assert.deepStrictEqual(
        statements,
        [...expected].map(([resource, actions]) => ({
          Effect: "Allow",
          Action: actions,
          Resource: [resource],
        })),
      );
      const fn = planned.one("aws:lambda/function:Function", `${id}-fn`).inputs as {
        environment: { variables: Record<string, string> };
      };
      assert.deepStrictEqual(Object.keys(fn.environment.variables).sort(), [...resolver.environment].sort());
    });
  }

  it("passes the payment window to the resolver that starts bookings", () => {
    const fn = planned.one("aws:lambda/function:Function", "booking-book-apartment-fn").inputs as {
      environment: { variables: Record<string, string> };
    };
    assert.equal(fn.environment.variables.PAYMENT_WINDOW_SECONDS, "120");
    assert.equal(fn.environment.variables.STATE_MACHINE_ARN, smArn);
  });

  it("exports the GraphQL URL and the API key as a secret", () => {
    assert.match(
      String(planned.result.outputs.graphqlUrl),
      /^https:\/\/\w+\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/,
    );
    assert.deepStrictEqual(Object.keys(planned.result.outputs.apiKey as object), ["secret"]);
  });

  const invalid: [string, ConstructorParameters<typeof BookingWorkflow>[1], RegExp][] = [
    [
      "a zero payment window",
      { paymentWindowSeconds: 0 },
      /^\[paymentWindowSeconds\] must be a whole number between 1 and 604800, got 0$/,
    ],
    [
      "an API key living over a year",
      { apiKeyExpiryDays: 400 },
      /^\[apiKeyExpiryDays\] must be a whole number between 1 and 365, got 400$/,
    ],
    ["an apartment id with a space", { apartments: ["A 1"] }, /^\[apartments\] ids must be 1-64 letters/],
    ["an apartment listed twice", { apartments: ["A-1", "A-1"] }, /^\[apartments\] lists an id twice/],
  ];
  for (const [what, args, message] of invalid) {
    it(`rejects ${what}, naming the argument`, async () => {
      await runUnderMocks(async () => {
        assert.throws(
          () => new BookingWorkflow(`bad-${what.length}`, args),
          (error: Error) => message.test(error.message),
        );
        return {};
      });
    });
  }
});
