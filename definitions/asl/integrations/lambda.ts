import type { TaskIntegration, TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject } from "../types";
import { integrationResource, parseArn } from "./arn";

/** Options of a Lambda invoke task. */
export interface LambdaInvokeProps extends TaskStateOptions {
  /** The function's ARN (unqualified). */
  readonly functionArn: string;
  /** A version or alias to invoke; also what the permission is granted on. */
  readonly qualifier?: string;
  /**
   * `true` uses the plain form (`Resource` = the function ARN): the task's result is the function's
   * return value. `false` uses `arn:aws:states:::lambda:invoke`: the result is the whole Invoke
   * response (`{Payload, StatusCode, ...}`). @default false
   */
  readonly payloadResponseOnly?: boolean;
  /** The event passed to the function. @default the state's input (`"Payload.$": "$"`) */
  readonly payload?: JsonObject;
  /** `Event` invokes asynchronously (optimized form only). @default "RequestResponse" */
  readonly invocationType?: "RequestResponse" | "Event" | "DryRun";
  /** `WAIT_FOR_TASK_TOKEN` pauses until the function (or something it tells) calls back. @default "REQUEST_RESPONSE" */
  readonly pattern?: "REQUEST_RESPONSE" | "WAIT_FOR_TASK_TOKEN";
}

/** Lambda integrations. */
export const LambdaInvoke = {
  /** A Task that invokes a Lambda function; its role is allowed `lambda:InvokeFunction` on that function only. */
  task(name: string, props: LambdaInvokeProps): Task {
    const { partition } = parseArn(props.functionArn, `State "${name}" functionArn`);
    const pattern = props.pattern ?? "REQUEST_RESPONSE";
    const target = props.qualifier ? `${props.functionArn}:${props.qualifier}` : props.functionArn;
    const permissions = [{ Effect: "Allow" as const, Action: ["lambda:InvokeFunction"], Resource: [target] }];
    let integration: TaskIntegration;
    if (props.payloadResponseOnly) {
      if (pattern !== "REQUEST_RESPONSE" || props.invocationType !== undefined) {
        throw new Error(
          `State "${name}": payloadResponseOnly invokes the function synchronously; use the optimized form (payloadResponseOnly: false) for ${props.invocationType ?? pattern}`,
        );
      }
      integration = { resource: target, parameters: props.payload, permissions, pattern };
    } else {
      const parameters: JsonObject = {
        FunctionName: target,
        ...(props.payload ? { Payload: props.payload } : { "Payload.$": "$" }),
        ...(props.invocationType ? { InvocationType: props.invocationType } : {}),
      };
      const resource = integrationResource(
        partition,
        "lambda",
        "invoke",
        pattern,
        ["REQUEST_RESPONSE", "WAIT_FOR_TASK_TOKEN"],
        name,
      );
      integration = { resource, parameters, permissions, pattern };
    }
    return new Task(name, { ...props, integration });
  },
};
