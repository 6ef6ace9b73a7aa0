/**
 * The stack: both workflows, configured from Pulumi.<stack>.yaml (defaults in Pulumi.yaml), with
 * their endpoints exported for `pulumi stack output` and curl.
 */
import * as pulumi from "@pulumi/pulumi";
import { PizzaWorkflow } from "./components/PizzaWorkflow";

const config = new pulumi.Config();
const tags = { project: pulumi.getProject(), stack: pulumi.getStack() };

const pizza = new PizzaWorkflow("pizza", {
  tags,
  logRetentionDays: config.getNumber("logRetentionDays"),
  throttlingRateLimit: config.getNumber("pizzaThrottlingRateLimit"),
  throttlingBurstLimit: config.getNumber("pizzaThrottlingBurstLimit"),
  tracing: config.getBoolean("tracing"),
});

/** `POST {"flavour":"pepperoni"}` here. */
export const pizzaApiUrl = pizza.url;
export const pizzaStateMachineArn = pizza.stateMachineArn;
