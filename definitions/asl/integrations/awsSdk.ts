import type { TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject } from "../types";
import { integrationResource } from "./arn";
import { sdkIamActions } from "./sdkIam";
import { isUnscopedAction, unscopedStatement } from "./unscopedActions";

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
  /**
   * The IAM action, when neither `<prefix>:<Action>` nor the recorded exceptions (sdkIam.ts: e.g.
   * `s3:listBuckets` needs `s3:ListAllMyBuckets`, `s3:copyObject` both `s3:GetObject` and
   * `s3:PutObject`) name it.
   */
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
    // The same IAM actions fromAsl derives for this Resource, so both APIs grant alike.
    const actions = props.iamAction
      ? [props.iamAction]
      : [...sdkIamActions(props.service, props.action).actions];
    const onStar = props.iamResources.length === 1 && props.iamResources[0] === "*";
    const refuse = (why: string) => {
      throw new Error(`State "${name}": ${why}`);
    };
    if (props.iamResources.length === 0)
      refuse(`name the resources ${props.service}:${props.action} touches in iamResources`);
    if (props.iamResources.includes("*") && !onStar)
      refuse(
        `"*" in iamResources must stand alone: an action is granted either on "*" or on named resources`,
      );
    const scoped = actions.filter((action) => !isUnscopedAction(action));
    if (onStar && scoped.length > 0)
      refuse(
        `name the resources ${props.service}:${props.action} touches in iamResources: ${scoped.join(", ")} supports resource-level permissions, and the builder grants on "*" only actions that IAM accepts on "*" alone`,
      );
    return new Task(name, {
      ...props,
      integration: {
        resource,
        parameters: props.parameters ?? {},
        permissions: onStar
          ? actions.map(unscopedStatement)
          : [{ Effect: "Allow", Action: actions, Resource: [...props.iamResources] }],
        pattern,
      },
    });
  },
};
