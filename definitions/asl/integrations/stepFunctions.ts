import type { IntegrationPattern, TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject, PolicyStatement } from "../types";
import { integrationResource, parseArn } from "./arn";

/** The EventBridge rule Step Functions manages to learn when a `.sync` child execution ends. */
const SYNC_EVENTS_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule";

/** Options of a startExecution task. */
export interface StartExecutionProps extends TaskStateOptions {
  /** The state machine to start. */
  readonly stateMachineArn: string;
  /** The child's input. @default the state's input (`"Input.$": "$"`) */
  readonly input?: JsonObject;
  /** A path (or intrinsic) for the child execution's name, e.g. `"$.orderId"`. @default a generated name */
  readonly namePath?: string;
  /**
   * `RUN_JOB` waits for the child to finish (`.sync:2`, output as JSON); `WAIT_FOR_TASK_TOKEN` waits
   * for a callback with the token passed in `input`. @default "REQUEST_RESPONSE"
   */
  readonly pattern?: IntegrationPattern;
}

/** Step Functions integrations. */
export const StepFunctions = {
  /** A Task that starts another state machine; permissions follow the pattern (`.sync` also needs to watch the child). */
  startExecution(name: string, props: StartExecutionProps): Task {
    const arn = parseArn(props.stateMachineArn, `State "${name}" stateMachineArn`);
    const pattern = props.pattern ?? "REQUEST_RESPONSE";
    const all: IntegrationPattern[] = ["REQUEST_RESPONSE", "RUN_JOB", "WAIT_FOR_TASK_TOKEN"];
    const base = integrationResource(arn.partition, "states", "startExecution", pattern, all, name);
    const parameters: JsonObject = {
      StateMachineArn: props.stateMachineArn,
      ...(props.input ? { Input: props.input } : { "Input.$": "$" }),
      ...(props.namePath ? { "Name.$": props.namePath } : {}),
    };
    const permissions: PolicyStatement[] = [
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: [props.stateMachineArn] },
    ];
    if (pattern === "RUN_JOB") {
      const machineName = arn.resource.replace(/^stateMachine:/, "");
      const prefix = `arn:${arn.partition}`;
      permissions.push(
        {
          Effect: "Allow",
          Action: ["states:DescribeExecution", "states:StopExecution"],
          Resource: [`${prefix}:states:${arn.region}:${arn.account}:execution:${machineName}:*`],
        },
        {
          Effect: "Allow",
          Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
          Resource: [`${prefix}:events:${arn.region}:${arn.account}:rule/${SYNC_EVENTS_RULE}`],
        },
      );
    }
    // `.sync:2` returns the child's output as JSON rather than as an escaped string.
    const resource = pattern === "RUN_JOB" ? `${base}:2` : base;
    return new Task(name, { ...props, integration: { resource, parameters, permissions, pattern } });
  },
};
