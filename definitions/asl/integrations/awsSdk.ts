import type { TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject } from "../types";
import { integrationResource } from "./arn";
import { isUnscopedAction, unscopedStatement } from "./unscopedActions";

/** SDK service names whose IAM action prefix differs from the service name. */
const IAM_PREFIX: Record<string, string> = { sfn: "states", cloudwatchlogs: "logs", eventbridge: "events" };

/** Options of an AWS SDK integration task. */
export interface AwsSdkCallProps extends TaskStateOptions {
  /** The SDK service name, lower case, e.g. `"s3"`, `"sqs"`, `"sfn"`. */
  readonly service: string;
  /** The API action in camel case, e.g. `"getObject"`. */
  readonly action: string;
  /** The API request. */
  readonly parameters?: JsonObject;
  /**
   * The resources the call touches. Required: the builder grants on `*` (`["*"]` alone) only an
   * action IAM accepts on `*` alone (`UNSCOPED_ACTIONS`, unscopedActions.ts).
   */
  readonly iamResources: readonly string[];
  /** The IAM action, when it is not `<prefix>:<Action>`. */
  readonly iamAction?: string;
  /** The partition of the integration Resource. @default "aws" */
  readonly partition?: string;
  /** `WAIT_FOR_TASK_TOKEN` waits for a callback. @default "REQUEST_RESPONSE" */
  readonly pattern?: "REQUEST_RESPONSE" | "WAIT_FOR_TASK_TOKEN";
}

/** Any AWS API action through `arn:aws:states:::aws-sdk:<service>:<action>`. */
export const AwsSdk = {
  /** A Task that calls one AWS API action; its role is allowed that action on `iamResources` only. */
  call(name: string, props: AwsSdkCallProps): Task {
    const pattern = props.pattern ?? "REQUEST_RESPONSE";
    const resource = integrationResource(
      props.partition ?? "aws",
      `aws-sdk:${props.service}`,
      props.action,
      pattern,
      ["REQUEST_RESPONSE", "WAIT_FOR_TASK_TOKEN"],
      name,
    );
    const prefix = IAM_PREFIX[props.service] ?? props.service;
    const action =
      props.iamAction ?? `${prefix}:${props.action.charAt(0).toUpperCase()}${props.action.slice(1)}`;
    const onStar = props.iamResources.length === 1 && props.iamResources[0] === "*";
    if (
      props.iamResources.length === 0 ||
      (props.iamResources.includes("*") && !(onStar && isUnscopedAction(action)))
    ) {
      throw new Error(
        `State "${name}": name the resources ${props.service}:${props.action} touches in iamResources; the builder never grants on "*"`,
      );
    }
    return new Task(name, {
      ...props,
      integration: {
        resource,
        parameters: props.parameters ?? {},
        permissions: [
          onStar
            ? unscopedStatement(action)
            : { Effect: "Allow", Action: [action], Resource: [...props.iamResources] },
        ],
        pattern,
      },
    });
  },
};
