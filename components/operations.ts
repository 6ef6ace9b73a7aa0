import type * as pulumi from "@pulumi/pulumi";
import type { BookingWorkflow } from "./BookingWorkflow";
import type { EdgeConsoleBucket } from "./Edge";
import { Edge } from "./Edge";
import { Monitoring } from "./Monitoring";
import type { PizzaWorkflow } from "./PizzaWorkflow";

/** What the stack's operations parts are built from. */
export interface OperationsInputs {
  readonly pizza: PizzaWorkflow;
  readonly booking: BookingWorkflow;
  readonly tags: Record<string, string>;
  readonly logRetentionDays?: number;
  /** The web console's bucket, served by the edge at `/console/*`. */
  readonly consoleBucket?: EdgeConsoleBucket;
}

/** The edge (when config `edge` is on) and the monitoring, from the stack's config. */
export interface Operations {
  readonly edge?: Edge;
  readonly monitoring: Monitoring;
}

/**
 * Reads the edge and alarm settings (see Pulumi.yaml) and builds the edge and the monitoring.
 * Kept out of index.ts so the stack file stays a list of parts.
 */
export function operations(config: pulumi.Config, inputs: OperationsInputs): Operations {
  const { pizza, booking, tags, logRetentionDays } = inputs;
  const domainName = config.get("edgeDomainName");
  const hostedZoneId = config.get("edgeHostedZoneId");
  if (Boolean(domainName) !== Boolean(hostedZoneId))
    throw new Error("Set both [edgeDomainName] and [edgeHostedZoneId] for a custom domain, or neither");
  const edge = config.getBoolean("edge")
    ? new Edge("edge", {
        pizzaApiUrl: pizza.url,
        graphqlUrl: booking.graphqlUrl,
        consoleBucket: inputs.consoleBucket,
        domain: domainName && hostedZoneId ? { name: domainName, hostedZoneId } : undefined,
        ratePerFiveMinutes: config.getNumber("edgeRateLimit"),
        logRetentionDays,
        tags,
      })
    : undefined;
  const monitoring = new Monitoring("monitoring", {
    stateMachines: [
      { label: "pizza", arn: pizza.stateMachineArn },
      { label: "booking", arn: booking.stateMachineArn },
    ],
    pizzaApi:
      pizza.restApi !== undefined
        ? { kind: "rest", restApi: pizza.restApi, stageName: pizza.stageName }
        : { kind: "http", apiId: pizza.apiId },
    graphqlApiId: booking.apiId,
    functions: { "order-pizza": pizza.orderFunctionName, ...booking.resolverFunctionNames },
    tableName: booking.tableName,
    edge: edge ? { webAclName: edge.webAclName, usEast1: edge.usEast1 } : undefined,
    alarmEmail: config.get("alarmEmail"),
    alarmTopicArn: config.get("alarmTopicArn"),
    tags,
  });
  return { edge, monitoring };
}
