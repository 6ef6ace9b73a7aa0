/**
 * The stack: both workflows, configured from Pulumi.<stack>.yaml (defaults in Pulumi.yaml), with
 * their endpoints exported for `pulumi stack output` and curl.
 */
import * as pulumi from "@pulumi/pulumi";
import { BookingWorkflow } from "./components/BookingWorkflow";
import { ConsoleSite } from "./components/ConsoleSite";
import { operations } from "./components/operations";
import { PizzaWorkflow } from "./components/PizzaWorkflow";

const config = new pulumi.Config();
const tags = { project: pulumi.getProject(), stack: pulumi.getStack() };
const logRetentionDays = config.getNumber("logRetentionDays");
const tracing = config.getBoolean("tracing");

const pizza = new PizzaWorkflow("pizza", {
  tags,
  logRetentionDays,
  tracing,
  throttlingRateLimit: config.getNumber("pizzaThrottlingRateLimit"),
  throttlingBurstLimit: config.getNumber("pizzaThrottlingBurstLimit"),
  responses: config.get<"raw" | "mapped">("pizzaResponses"),
});

const booking = new BookingWorkflow("booking", {
  tags,
  logRetentionDays,
  tracing,
  apartments: config.getObject<string[]>("apartments"),
  paymentWindowSeconds: config.getNumber("paymentWindowSeconds"),
  apiKeyExpiryDays: config.getNumber("apiKeyExpiryDays"),
  deletionProtection: config.getBoolean("deletionProtection"),
  maxOpenBookingsPerUser: config.getNumber("maxOpenBookingsPerUser"),
  existingUserPoolId: config.get("existingUserPoolId"),
  introspection: config.getBoolean("graphqlIntrospection"),
  queryDepthLimit: config.getNumber("graphqlQueryDepthLimit"),
  resolverCountLimit: config.getNumber("graphqlResolverCountLimit"),
});

// The web console's files in a private bucket (components/ConsoleSite.ts), served by the edge at
// /console/. It calls the APIs through the edge, on its own origin, so no API needs CORS. Only the
// edge can serve that bucket (it is private, read through origin access control), so without the
// edge the console is not deployed at all rather than left unreachable; `npm start` serves it
// locally either way.
const consoleWanted = config.getBoolean("console") ?? false;
const edgeOn = config.getBoolean("edge") ?? false;
if (consoleWanted && !edgeOn)
  pulumi.log.warn(
    "console is on but edge is off: the deployed console is served only through the edge, so it is not deployed (pulumi config set edge true deploys both; npm start serves the console locally)",
  );
const consoleSite =
  consoleWanted && edgeOn
    ? new ConsoleSite("console", {
        tags,
        graphqlUrl: "/graphql",
        pizzaApiUrl: "/pizza",
        pizzaResponses: config.get<"raw" | "mapped">("pizzaResponses"),
        pizzaStateMachineArn: pizza.stateMachineArn,
        bookingStateMachineArn: booking.stateMachineArn,
        // The console signs users in against the booking API's own pool and app client.
        userPoolId: booking.userPoolId,
        userPoolClientId: booking.userPoolClientId,
      })
    : undefined;

/** `POST {"flavour":"pepperoni"}` here. */
export const pizzaApiUrl = pizza.url;
export const pizzaStateMachineArn = pizza.stateMachineArn;
/** The booking GraphQL endpoint: a user pool ID token in `Authorization`, or the API key for the public listing. */
export const bookingGraphqlUrl = booking.graphqlUrl;
/** A secret: `pulumi stack output bookingApiKey --show-secrets`. */
export const bookingApiKey = booking.apiKey;
export const bookingStateMachineArn = booking.stateMachineArn;
/** Sign users up and in against this pool with this client (README: "Sign up and sign in"). */
export const bookingUserPoolId = booking.userPoolId;
export const bookingUserPoolClientId = booking.userPoolClientId;

// The CloudFront edge (config `edge`), the alarms and the dashboard: components/operations.ts.
const ops = operations(config, { pizza, booking, tags, logRetentionDays, consoleBucket: consoleSite });
/** The one domain in front of both APIs (when `edge` is on): `POST /`, `/pizza`, `/graphql`. */
export const edgeUrl = ops.edge?.url;
export const dashboardName = ops.monitoring.dashboardName;
/** The web console (when `console` and `edge` are on). */
export const consoleUrl = consoleSite && ops.edge ? pulumi.interpolate`${ops.edge.url}console/` : undefined;
