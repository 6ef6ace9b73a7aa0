/** Step Functions state machines: traced, logged without leaking sensitive data, and bounded in time. */
import { unknownServiceErrors } from "../../../definitions/asl";
import { field, jsonInput, label, ofType, violation } from "../resources";
import type { PolicyRule, Violation } from "../rule";

const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
/** The tag saying whether a machine's execution data (input, output, task results) is sensitive. */
export const EXECUTION_DATA_TAG = "execution-data";
/** An HTTP API gives up on an integration after at most 30 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
const HTTP_API_MAX_INTEGRATION_SECONDS = 30;

interface Definition {
  readonly TimeoutSeconds?: number;
}

export const STATE_MACHINE_RULES: PolicyRule[] = [
  {
    id: "state-machine-tracing",
    description: "State machines send traces to X-Ray",
    check: (ctx) =>
      ofType(ctx, STATE_MACHINE)
        .filter((resource) => field(resource, "tracingConfiguration", "enabled") !== true)
        .map((resource) =>
          violation("state-machine-tracing", resource, "set tracingConfiguration.enabled to true"),
        ),
  },
  {
    id: "state-machine-logging",
    description:
      "State machines log to CloudWatch Logs; level ALL and execution data only where the data is tagged not sensitive",
    check: (ctx) =>
      ofType(ctx, STATE_MACHINE).flatMap((resource): Violation[] => {
        const level = field(resource, "loggingConfiguration", "level");
        const destination = field(resource, "loggingConfiguration", "logDestination");
        if (!level || level === "OFF" || !destination)
          return [
            violation(
              "state-machine-logging",
              resource,
              "set loggingConfiguration with a level (ERROR, or ALL if not sensitive) and a logDestination ending in :*",
            ),
          ];
        const classification = field(resource, "tags", EXECUTION_DATA_TAG);
        if (classification !== "sensitive" && classification !== "not-sensitive")
          return [
            violation(
              "state-machine-logging",
              resource,
              `tag the machine "${EXECUTION_DATA_TAG}": "sensitive" or "not-sensitive", so its logging level can be judged`,
            ),
          ];
        const verbose =
          level === "ALL" || field(resource, "loggingConfiguration", "includeExecutionData") === true;
        return classification === "sensitive" && verbose
          ? [
              violation(
                "state-machine-logging",
                resource,
                "its execution data is sensitive: log at level ERROR with includeExecutionData false",
              ),
            ]
          : [];
      }),
  },
  {
    id: "state-machine-timeout",
    description:
      "Every state machine definition sets TimeoutSeconds (otherwise a stuck execution runs for a year)",
    check: (ctx) =>
      ofType(ctx, STATE_MACHINE)
        .filter(
          (resource) => !Number.isInteger(jsonInput<Definition>(resource, "definition")?.TimeoutSeconds),
        )
        .map((resource) =>
          violation(
            "state-machine-timeout",
            resource,
            "set the definition's TimeoutSeconds to the longest a run may take",
          ),
        ),
  },
  {
    id: "express-under-http-api-timeout",
    description:
      "A machine started synchronously by an HTTP API times out before the API's 30 s integration limit",
    check: (ctx) =>
      ofType(ctx, INTEGRATION)
        .filter((integration) => integration.inputs.integrationSubtype === "StepFunctions-StartSyncExecution")
        .flatMap((integration): Violation[] => {
          const arn = field(integration, "requestParameters", "StateMachineArn");
          const machine = ofType(ctx, STATE_MACHINE).find((resource) => resource.outputs?.arn === arn);
          if (!machine) return [];
          const timeout = jsonInput<Definition>(machine, "definition")?.TimeoutSeconds;
          const apiSeconds = Math.min(
            Number(integration.inputs.timeoutMilliseconds ?? HTTP_API_MAX_INTEGRATION_SECONDS * 1000) / 1000,
            HTTP_API_MAX_INTEGRATION_SECONDS,
          );
          return timeout !== undefined && timeout < apiSeconds
            ? []
            : [
                violation(
                  "express-under-http-api-timeout",
                  machine,
                  `set TimeoutSeconds below ${apiSeconds} s (the timeout of ${label(integration)}), so callers get the execution's result rather than a gateway timeout`,
                ),
              ];
        }),
  },
  {
    id: "state-machine-service-errors",
    description:
      "Every service error a definition retries or catches (e.g. DynamoDB.*) is one the service raises",
    check: (ctx) =>
      ofType(ctx, STATE_MACHINE).flatMap((resource) =>
        unknownServiceErrors(jsonInput<object>(resource, "definition") ?? {}).map(
          ({ state, error, didYouMean }) =>
            violation(
              "state-machine-service-errors",
              resource,
              `state "${state}" handles ${error}, which never occurs${didYouMean.length > 0 ? `: use ${didYouMean.join(" or ")}` : ""}`,
            ),
        ),
      ),
  },
];
