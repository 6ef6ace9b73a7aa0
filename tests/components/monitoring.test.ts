import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { Monitoring } from "../../components/Monitoring";
import type { MonitoringArgs } from "../../components/Monitoring";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned } from "./planHelpers";

const PIZZA_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:pizza";
const BOOKING_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:booking";

/** Runs a Monitoring under mocks, with an edge (and its us-east-1 provider) unless told otherwise. */
async function monitor(extra: Partial<MonitoringArgs> = {}, withEdge = true): Promise<Planned> {
  const result = await runUnderMocks(
    async () => {
      const usEast1 = new aws.Provider("edge-us-east-1", { region: "us-east-1" });
      new Monitoring("monitoring", {
        stateMachines: [
          { label: "pizza", arn: PIZZA_ARN },
          { label: "booking", arn: BOOKING_ARN },
        ],
        pizzaApi: { kind: "http", apiId: "abc123" },
        graphqlApiId: "gql456",
        functions: { "order-pizza": "order-fn", bookApartment: "book-fn" },
        tableName: "apartments",
        edge: withEdge ? { webAclName: "edge-waf-1", usEast1 } : undefined,
        ...extra,
      });
      return {};
    },
    { config: { "aws:region": "eu-west-1" } },
  );
  return new Planned(result);
}

type Alarm = {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  threshold: number;
  statistic?: string;
  extendedStatistic?: string;
  treatMissingData: string;
  alarmActions: string[];
};

describe("Monitoring component: alarms and the dashboard (awsx/classic, under Pulumi mocks)", function () {
  this.timeout(60_000);
  let planned: Planned;
  const alarm = (name: string) =>
    planned.one("aws:cloudwatch/metricAlarm:MetricAlarm", `monitoring-${name}`).inputs as unknown as Alarm;

  before(async () => (planned = await monitor({ alarmEmail: "ops@example.com" })));

  it("alarms on failed, timed-out and throttled executions of each state machine", () => {
    for (const [label, arn] of [
      ["pizza", PIZZA_ARN],
      ["booking", BOOKING_ARN],
    ])
      for (const [suffix, metricName] of [
        ["failed", "ExecutionsFailed"],
        ["timed-out", "ExecutionsTimedOut"],
        ["throttled", "ExecutionThrottled"],
      ]) {
        const found = alarm(`${label}-${suffix}`);
        assert.deepStrictEqual(
          [found.namespace, found.metricName, found.dimensions, found.statistic, found.threshold],
          ["AWS/States", metricName, { StateMachineArn: arn }, "Sum", 1],
        );
        assert.equal(found.treatMissingData, "notBreaching", "an idle stack is fine");
      }
  });

  it("alarms on the HTTP API's 5xx and p99 latency, and on AppSync's 5xx", () => {
    const errors = alarm("pizza-api-5xx");
    assert.deepStrictEqual(
      [errors.namespace, errors.metricName, errors.dimensions],
      ["AWS/ApiGateway", "5xx", { ApiId: "abc123" }],
    );
    const latency = alarm("pizza-api-latency-p99");
    assert.deepStrictEqual(
      [latency.metricName, latency.extendedStatistic, latency.threshold],
      ["Latency", "p99", 10_000],
    );
    const graphql = alarm("graphql-5xx");
    assert.deepStrictEqual(
      [graphql.namespace, graphql.metricName, graphql.dimensions],
      ["AWS/AppSync", "5XXError", { GraphQLAPIId: "gql456" }],
    );
  });

  it("alarms on Lambda errors and throttles per function, and on throttled table reads and writes", () => {
    for (const [label, fn] of [
      ["order-pizza", "order-fn"],
      ["bookApartment", "book-fn"],
    ]) {
      assert.deepStrictEqual(
        [
          alarm(`${label}-errors`).namespace,
          alarm(`${label}-errors`).metricName,
          alarm(`${label}-errors`).dimensions,
        ],
        ["AWS/Lambda", "Errors", { FunctionName: fn }],
      );
      assert.equal(alarm(`${label}-throttles`).metricName, "Throttles");
    }
    assert.deepStrictEqual(
      [
        alarm("table-read-throttles").metricName,
        alarm("table-write-throttles").metricName,
        alarm("table-read-throttles").dimensions,
      ],
      ["ReadThrottleEvents", "WriteThrottleEvents", { TableName: "apartments" }],
    );
  });

  it("alarms in us-east-1 on spikes of requests the edge's WAF blocked, notifying a us-east-1 topic", () => {
    const waf = planned.one("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-waf-blocked-spike");
    assert.equal(waf.provider, "edge-us-east-1");
    const inputs = waf.inputs as unknown as Alarm;
    assert.deepStrictEqual(
      [inputs.namespace, inputs.metricName, inputs.dimensions, inputs.threshold],
      ["AWS/WAFV2", "BlockedRequests", { WebACL: "edge-waf-1", Rule: "ALL" }, 100],
    );
    assert.match(inputs.alarmActions[0], /^arn:aws:sns:us-east-1:/);
    assert.equal(planned.one("aws:sns/topic:Topic", "monitoring-edge-alarms").provider, "edge-us-east-1");
  });

  it("sends every other alarm to an e-mail topic in the stack's region", () => {
    const subscription = planned.one(
      "aws:sns/topicSubscription:TopicSubscription",
      "monitoring-alarms-email",
    ).inputs;
    assert.deepStrictEqual([subscription.protocol, subscription.endpoint], ["email", "ops@example.com"]);
    const actions = alarm("pizza-failed").alarmActions;
    assert.equal(actions.length, 1);
    assert.match(actions[0], /^arn:aws:sns:eu-west-1:123456789012:monitoring-alarms/);
  });

  it("builds one dashboard per stack, the WAF graph reading us-east-1", () => {
    const [dashboard] = planned.ofType("aws:cloudwatch/dashboard:Dashboard");
    assert.equal(dashboard.inputs.dashboardName, "pizza-booking-dev");
    const body = JSON.parse(String(dashboard.inputs.dashboardBody)) as {
      widgets: { properties: { title: string; region: string } }[];
    };
    assert.deepStrictEqual(
      body.widgets.map((w) => [w.properties.title, w.properties.region]),
      [
        ["pizza executions", "eu-west-1"],
        ["booking executions", "eu-west-1"],
        ["Pizza API", "eu-west-1"],
        ["Booking GraphQL API and table", "eu-west-1"],
        ["Lambda errors and throttles", "eu-west-1"],
        ["Edge firewall (us-east-1)", "us-east-1"],
      ],
    );
  });

  it("without an edge has no WAF alarm, and without a topic no alarm actions", async () => {
    const quiet = await monitor({}, false);
    assert.ok(!quiet.result.resources.some((r) => r.name === "monitoring-waf-blocked-spike"));
    assert.deepStrictEqual(quiet.ofType("aws:sns/topic:Topic"), []);
    assert.deepStrictEqual(
      (
        quiet.one("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-pizza-failed")
          .inputs as unknown as Alarm
      ).alarmActions,
      [],
    );
  });

  it("uses the REST API metrics of awsx in the mapped mode (ApiName and Stage)", async () => {
    const rest = await runUnderMocks(async () => {
      const restApi = new aws.apigateway.RestApi("pizza-rest-api", { name: "pizza-rest" });
      new Monitoring("monitoring", {
        stateMachines: [],
        pizzaApi: { kind: "rest", restApi, stageName: "api" },
        graphqlApiId: "gql",
        functions: {},
        tableName: "t",
      });
      return {};
    });
    const found = new Planned(rest).one(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "monitoring-pizza-api-5xx",
    ).inputs;
    assert.deepStrictEqual(
      [found.metricName, found.dimensions],
      ["5XXError", { ApiName: "pizza-rest", Stage: "api" }],
    );
  });

  it("refuses both an e-mail and a topic, or a malformed one, saying which setting", async () => {
    await assert.rejects(
      monitor({ alarmEmail: "a@b.co", alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:t" }),
      /Set either \[alarmEmail\] or \[alarmTopicArn\]/,
    );
    await assert.rejects(
      monitor({ alarmEmail: "not-an-address" }),
      /\[alarmEmail\] must be an e-mail address/,
    );
    await assert.rejects(
      monitor({ alarmTopicArn: "my-topic" }),
      /\[alarmTopicArn\] must be an SNS topic ARN/,
    );
  });
});
