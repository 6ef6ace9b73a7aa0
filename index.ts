/**
 * The stack: both workflows, configured from Pulumi.<stack>.yaml (defaults in Pulumi.yaml), with
 * their endpoints exported for `pulumi stack output` and curl.
 */
import * as pulumi from "@pulumi/pulumi";
import { BookingWorkflow } from "./components/BookingWorkflow";
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
  maxOpenBookingsPerUser: config.getNumber("maxOpenBookingsPerUser"),
  existingUserPoolId: config.get("existingUserPoolId"),
  introspection: config.getBoolean("graphqlIntrospection"),
  queryDepthLimit: config.getNumber("graphqlQueryDepthLimit"),
  resolverCountLimit: config.getNumber("graphqlResolverCountLimit"),
});

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
