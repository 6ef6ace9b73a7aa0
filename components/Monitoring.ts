import * as aws from "@pulumi/aws";
// The parts of @pulumi/awsx/classic used here, each alone: its index loads every service's module
// (ECS, with an AWS SDK client, among them), about 150 ms of every evaluation of the program.
import { metrics as apigatewayMetrics } from "@pulumi/awsx/classic/apigateway/metrics";
import * as cloudwatch from "@pulumi/awsx/classic/cloudwatch";
import { metrics as dynamodbMetrics } from "@pulumi/awsx/classic/dynamodb/metrics";
import { metrics as functionMetrics } from "@pulumi/awsx/classic/lambda/metrics";
import * as pulumi from "@pulumi/pulumi";

/** The component's type token. */
export const MONITORING_TYPE = "pizza-booking:operations:Monitoring";

/** A state machine to watch. */
export interface WatchedStateMachine {
  readonly label: string;
  readonly arn: pulumi.Input<string>;
}

/** The pizza API to watch: an HTTP API (raw mode) or a REST API (mapped mode). */
export type WatchedPizzaApi =
  | { readonly kind: "http"; readonly apiId: pulumi.Input<string> }
  | { readonly kind: "rest"; readonly restApi: aws.apigateway.RestApi; readonly stageName: string };

/** Options of the monitoring. */
export interface MonitoringArgs {
  readonly stateMachines: readonly WatchedStateMachine[];
  readonly pizzaApi: WatchedPizzaApi;
  /** The AppSync API id. */
  readonly graphqlApiId: pulumi.Input<string>;
  /** The functions to watch, by a label for alarm names. */
  readonly functions: Readonly<Record<string, pulumi.Input<string>>>;
  readonly tableName: pulumi.Input<string>;
  /** The edge's WAF web ACL, when there is an edge; its metrics and alarm live in us-east-1. */
  readonly edge?: { readonly webAclName: pulumi.Input<string>; readonly usEast1: aws.Provider };
  /** Subscribe this address to a new SNS topic (AWS mails a confirmation link first). */
  readonly alarmEmail?: string;
  /** Or notify this existing SNS topic. */
  readonly alarmTopicArn?: string;
  /** p99 latency of the pizza API above which it alarms, in ms. @default 10000 */
  readonly latencyP99Ms?: number;
  /** WAF blocked requests in 5 minutes above which it alarms. @default 100 */
  readonly wafBlockedPerFiveMinutes?: number;
  readonly tags?: Record<string, string>;
}

/**
 * Alarms and one CloudWatch dashboard for the stack, built on `@pulumi/awsx/classic`'s CloudWatch
 * `Metric` (and its `createAlarm`), `Dashboard` and widgets, with its metric helpers for Lambda,
 * DynamoDB and REST APIs. Step Functions, HTTP API, AppSync and WAF have no helper there, so their
 * metrics are `Metric`s named after AWS's metric references:
 * https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html,
 * https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html.
 *
 * Every alarm treats missing data as fine: an idle stack sends no datapoints.
 */
export class Monitoring extends pulumi.ComponentResource {
  /** The topic alarms notify, if any. */
  public readonly alarmTopicArn?: pulumi.Output<string>;
  public readonly dashboardName: pulumi.Output<string>;
  /** The names of the alarms' resources, for reference. */
  public readonly alarms: aws.cloudwatch.MetricAlarm[] = [];

  constructor(name: string, args: MonitoringArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(MONITORING_TYPE, name, {}, opts);
    const tags = args.tags ?? {};
    if (args.alarmEmail && args.alarmTopicArn)
      throw new Error("Set either [alarmEmail] or [alarmTopicArn], not both: one topic receives the alarms");
    if (args.alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(args.alarmEmail))
      throw new Error(`[alarmEmail] must be an e-mail address, got "${args.alarmEmail}"`);
    if (args.alarmTopicArn && !/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]{1,256}$/.test(args.alarmTopicArn))
      throw new Error(`[alarmTopicArn] must be an SNS topic ARN, got "${args.alarmTopicArn}"`);

    const topicArn = args.alarmEmail
      ? this.emailTopic(`${name}-alarms`, args.alarmEmail, tags)
      : args.alarmTopicArn;
    this.alarmTopicArn = topicArn === undefined ? undefined : pulumi.output(topicArn);
    const actions = topicArn ? [topicArn] : [];
    const alarm = (
      alarmName: string,
      metric: cloudwatch.Metric,
      threshold: number,
      description: pulumi.Input<string>,
      alarmOpts: pulumi.CustomResourceOptions = {},
      alarmActions: pulumi.Input<string>[] = actions,
    ) => {
      const created = metric.createAlarm(
        `${name}-${alarmName}`,
        {
          threshold,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmDescription: description,
          alarmActions,
          okActions: alarmActions,
        },
        { parent: this, ...alarmOpts },
      );
      this.alarms.push(created);
      return created;
    };

    const sum = { statistic: "Sum" as const, period: 300 };
    const widgets: cloudwatch.Widget[] = [];

    // Step Functions: failed, timed-out and throttled executions per state machine.
    for (const machine of args.stateMachines) {
      const metric = (metricName: string) =>
        new cloudwatch.Metric({
          namespace: "AWS/States",
          name: metricName,
          dimensions: { StateMachineArn: machine.arn },
          label: `${machine.label} ${metricName}`,
          ...sum,
        });
      const failed = metric("ExecutionsFailed");
      const timedOut = metric("ExecutionsTimedOut");
      const throttled = metric("ExecutionThrottled");
      alarm(`${machine.label}-failed`, failed, 1, `${machine.label}: an execution failed`);
      alarm(`${machine.label}-timed-out`, timedOut, 1, `${machine.label}: an execution timed out`);
      alarm(
        `${machine.label}-throttled`,
        throttled,
        1,
        `${machine.label}: Step Functions throttled an execution`,
      );
      widgets.push(
        new cloudwatch.LineGraphMetricWidget({
          title: `${machine.label} executions`,
          metrics: [failed, timedOut, throttled],
          width: 8,
        }),
      );
    }

    // The pizza API: server errors and p99 latency.
    const p99 = { extendedStatistic: 99, period: 300 };
    const [api5xx, apiLatency] =
      args.pizzaApi.kind === "http"
        ? [
            new cloudwatch.Metric({
              namespace: "AWS/ApiGateway",
              name: "5xx",
              dimensions: { ApiId: args.pizzaApi.apiId },
              ...sum,
            }),
            new cloudwatch.Metric({
              namespace: "AWS/ApiGateway",
              name: "Latency",
              dimensions: { ApiId: args.pizzaApi.apiId },
              unit: "Milliseconds",
              ...p99,
            }),
          ]
        : [
            apigatewayMetrics.error5XX({
              restApi: args.pizzaApi.restApi,
              stage: args.pizzaApi.stageName,
              ...sum,
            }),
            apigatewayMetrics.latency({
              restApi: args.pizzaApi.restApi,
              stage: args.pizzaApi.stageName,
              ...p99,
            }),
          ];
    alarm("pizza-api-5xx", api5xx, 1, "The pizza API answered with a server error");
    alarm(
      "pizza-api-latency-p99",
      apiLatency,
      args.latencyP99Ms ?? 10_000,
      "The pizza API's p99 latency is high: orders are close to the 29 s integration timeout",
    );
    widgets.push(
      new cloudwatch.LineGraphMetricWidget({
        title: "Pizza API",
        metrics: [api5xx, apiLatency],
        width: 8,
      }),
    );

    // AppSync: server errors.
    const graphql5xx = new cloudwatch.Metric({
      namespace: "AWS/AppSync",
      name: "5XXError",
      dimensions: { GraphQLAPIId: args.graphqlApiId },
      ...sum,
    });
    alarm("graphql-5xx", graphql5xx, 1, "The booking GraphQL API answered with a server error");

    // Lambda: errors and throttles per function.
    const lambdaMetrics: cloudwatch.Metric[] = [];
    for (const [label, functionName] of Object.entries(args.functions)) {
      const dimensions = { FunctionName: functionName };
      const errors = functionMetrics.errors({ ...sum }).withDimensions(dimensions);
      const throttles = functionMetrics.throttles({ ...sum }).withDimensions(dimensions);
      alarm(`${label}-errors`, errors, 1, pulumi.interpolate`Lambda ${functionName} failed`);
      alarm(`${label}-throttles`, throttles, 1, pulumi.interpolate`Lambda ${functionName} was throttled`);
      lambdaMetrics.push(errors, throttles);
    }

    // DynamoDB: throttled reads and writes of the booking table (on demand, so only bursts beyond
    // the table's limits throttle).
    const table = { TableName: args.tableName };
    const readThrottles = dynamodbMetrics.readThrottleEvents({ ...sum }).withDimensions(table);
    const writeThrottles = dynamodbMetrics.writeThrottleEvents({ ...sum }).withDimensions(table);
    alarm("table-read-throttles", readThrottles, 1, "The booking table throttled reads");
    alarm("table-write-throttles", writeThrottles, 1, "The booking table throttled writes");
    widgets.push(
      new cloudwatch.LineGraphMetricWidget({
        title: "Booking GraphQL API and table",
        metrics: [graphql5xx, readThrottles, writeThrottles],
        width: 8,
      }),
    );
    // awsx refuses a graph without metrics.
    if (lambdaMetrics.length > 0)
      widgets.push(
        new cloudwatch.LineGraphMetricWidget({
          title: "Lambda errors and throttles",
          metrics: lambdaMetrics,
          width: 16,
        }),
      );

    // WAF: a spike of blocked requests (an attack, or a rule blocking real users).
    if (args.edge) {
      const blocked = new cloudwatch.Metric({
        namespace: "AWS/WAFV2",
        name: "BlockedRequests",
        // CloudFront web ACLs report in us-east-1 without a Region dimension; Rule ALL is every rule.
        dimensions: { WebACL: args.edge.webAclName, Rule: "ALL" },
        ...sum,
      });
      alarm(
        "waf-blocked-spike",
        blocked,
        args.wafBlockedPerFiveMinutes ?? 100,
        "The edge's firewall blocked many requests in 5 minutes",
        { provider: args.edge.usEast1 },
        // Alarm actions must be a topic in the alarm's region (us-east-1).
        args.alarmEmail
          ? [this.emailTopic(`${name}-edge-alarms`, args.alarmEmail, tags, args.edge.usEast1)]
          : this.sameRegionTopic(args.alarmTopicArn),
      );
      widgets.push(
        new cloudwatch.LineGraphMetricWidget({
          title: "Edge firewall (us-east-1)",
          metrics: [blocked],
          region: "us-east-1",
          width: 8,
        }),
      );
    }

    const dashboard = new cloudwatch.Dashboard(
      `${name}-dashboard`,
      { name: `${pulumi.getProject()}-${pulumi.getStack()}`, widgets },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn, dashboardName: this.dashboardName });
  }

  /** A topic with one e-mail subscription (AWS sends a confirmation mail before it delivers). */
  private emailTopic(
    topicName: string,
    email: string,
    tags: Record<string, string>,
    provider?: aws.Provider,
  ): pulumi.Output<string> {
    const opts = { parent: this, ...(provider ? { provider } : {}) };
    const topic = new aws.sns.Topic(topicName, { tags }, opts);
    new aws.sns.TopicSubscription(
      `${topicName}-email`,
      { topic: topic.arn, protocol: "email", endpoint: email },
      opts,
    );
    return topic.arn;
  }

  /** The given topic if it is in us-east-1; otherwise no action, with a warning that says why. */
  private sameRegionTopic(topicArn: string | undefined): string[] {
    if (!topicArn) return [];
    if (topicArn.split(":")[3] === "us-east-1") return [topicArn];
    pulumi.log.warn(
      `The WAF alarm lives in us-east-1 and cannot notify ${topicArn} in another region: set alarmEmail, or give a us-east-1 topic`,
      this,
    );
    return [];
  }
}
