/**
 * The stack: both workflows, configured from Pulumi.<stack>.yaml (defaults in Pulumi.yaml), with
 * their endpoints exported for `pulumi stack output` and curl.
 */
import * as pulumi from "@pulumi/pulumi";
import { BookingWorkflow } from "./components/BookingWorkflow";
import { ConsoleSite } from "./components/ConsoleSite";
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
});

const booking = new BookingWorkflow("booking", {
  tags,
  logRetentionDays,
  tracing,
  apartments: config.getObject<string[]>("apartments"),
  paymentWindowSeconds: config.getNumber("paymentWindowSeconds"),
  apiKeyExpiryDays: config.getNumber("apiKeyExpiryDays"),
  deletionProtection: config.getBoolean("deletionProtection"),
});

// The web console's files in a private bucket (components/ConsoleSite.ts), for the edge to serve at /console/.
if (config.getBoolean("console")) {
  new ConsoleSite("console", {
    tags,
    graphqlUrl: booking.graphqlUrl,
    pizzaApiUrl: pizza.url,
    pizzaStateMachineArn: pizza.stateMachineArn,
    bookingStateMachineArn: booking.stateMachineArn,
  });
}

/** `POST {"flavour":"pepperoni"}` here. */
export const pizzaApiUrl = pizza.url;
export const pizzaStateMachineArn = pizza.stateMachineArn;
/** The booking GraphQL endpoint; send the API key in `x-api-key`. */
export const bookingGraphqlUrl = booking.graphqlUrl;
/** A secret: `pulumi stack output bookingApiKey --show-secrets`. */
export const bookingApiKey = booking.apiKey;
export const bookingStateMachineArn = booking.stateMachineArn;
