/**
 * An execution's history as GetExecutionHistory returns it: AWS's event types and detail shapes
 * (AWS Step Functions API Reference, "HistoryEvent" and "GetExecutionHistory"): numbered from 1,
 * each with the id of the event before it, `<Type>StateEntered` / `<Type>StateExited` with the
 * state's name and data, `TaskScheduled` with the resolved `parameters` as a JSON string (a
 * `.waitForTaskToken` task's token included), `LambdaFunction*` for a Task whose Resource is a
 * function ARN, and one terminal `Execution*` event.
 */

/** `inputDetails` / `outputDetails` of history events: the local stack never truncates. */
const NOT_TRUNCATED = { truncated: false } as const;

/** One history event as the JSON protocol carries it (the timestamp in epoch seconds). */
export interface HistoryEvent {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** The state types, as event names spell them (`TaskStateEntered`, `ChoiceStateEntered`, ...). */
export type StateType = "Task" | "Pass" | "Choice" | "Wait" | "Succeed" | "Fail" | "Parallel" | "Map";

/** How a Task's events name its resource: `arn:aws:states:::sqs:sendMessage.waitForTaskToken` is `sqs` / `sendMessage.waitForTaskToken`. */
export interface TaskResource {
  readonly resourceType: string;
  readonly resource: string;
}

/** Splits an integration ARN the way TaskScheduled reports it; undefined for a Lambda function ARN. */
export function taskResource(arn: string): TaskResource | undefined {
  const integration = /^arn:[\w-]+:states:::(aws-sdk:[^:]+|[^:]+):(.+)$/.exec(arn);
  return integration ? { resourceType: integration[1], resource: integration[2] } : undefined;
}

/** Appends events to one execution's history. */
export class ExecutionHistory {
  constructor(
    readonly events: HistoryEvent[] = [],
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Appends an event of `type` with its details member (named as AWS names it). */
  add(type: string, details?: Record<string, unknown>, detailsKey = defaultDetailsKey(type)): void {
    const previous = this.events.at(-1);
    this.events.push({
      timestamp: Date.now() / 1000,
      type,
      id: (previous?.id ?? 0) + 1,
      previousEventId: previous?.id ?? 0,
      ...(details ? { [detailsKey]: details } : {}),
    });
    this.onChange();
  }

  executionStarted(input: string, roleArn: string): void {
    this.add("ExecutionStarted", { input, inputDetails: NOT_TRUNCATED, roleArn });
  }

  stateEntered(type: StateType, name: string, input: unknown): void {
    this.add(
      `${type}StateEntered`,
      { name, input: JSON.stringify(input ?? null), inputDetails: NOT_TRUNCATED },
      "stateEnteredEventDetails",
    );
  }

  stateExited(
    type: StateType,
    name: string,
    output: unknown,
    assignedVariables?: Record<string, unknown>,
  ): void {
    const assigned =
      assignedVariables && Object.keys(assignedVariables).length > 0
        ? {
            assignedVariables: Object.fromEntries(
              Object.entries(assignedVariables).map(([key, value]) => [key, JSON.stringify(value)]),
            ),
            assignedVariablesDetails: NOT_TRUNCATED,
          }
        : {};
    this.add(
      `${type}StateExited`,
      { name, output: JSON.stringify(output ?? null), outputDetails: NOT_TRUNCATED, ...assigned },
      "stateExitedEventDetails",
    );
  }

  /** A Task's call: TaskScheduled + TaskStarted, or LambdaFunctionScheduled + LambdaFunctionStarted. */
  taskScheduled(
    arn: string,
    region: string,
    parameters: unknown,
    timing: { timeoutInSeconds?: number; heartbeatInSeconds?: number } = {},
  ): void {
    const task = taskResource(arn);
    if (!task) {
      this.add("LambdaFunctionScheduled", {
        resource: arn,
        input: JSON.stringify(parameters ?? null),
        inputDetails: NOT_TRUNCATED,
        ...(timing.timeoutInSeconds !== undefined ? { timeoutInSeconds: timing.timeoutInSeconds } : {}),
      });
      this.add("LambdaFunctionStarted");
      return;
    }
    this.add("TaskScheduled", { ...task, region, parameters: JSON.stringify(parameters ?? null), ...timing });
    this.add("TaskStarted", { ...task });
  }

  /** A `.sync` / `.waitForTaskToken` task's call went out and the task now waits. */
  taskSubmitted(arn: string, output: unknown): void {
    const task = taskResource(arn);
    if (task)
      this.add("TaskSubmitted", {
        ...task,
        output: JSON.stringify(output ?? null),
        outputDetails: NOT_TRUNCATED,
      });
  }

  taskSucceeded(arn: string, output: unknown): void {
    const task = taskResource(arn);
    if (!task)
      this.add("LambdaFunctionSucceeded", {
        output: JSON.stringify(output ?? null),
        outputDetails: NOT_TRUNCATED,
      });
    else
      this.add("TaskSucceeded", {
        ...task,
        output: JSON.stringify(output ?? null),
        outputDetails: NOT_TRUNCATED,
      });
  }

  taskFailed(arn: string, error: string, cause: string): void {
    const task = taskResource(arn);
    if (!task) this.add("LambdaFunctionFailed", { error, cause });
    else if (error === "States.Timeout" || error === "States.HeartbeatTimeout")
      this.add("TaskTimedOut", { ...task, error, cause });
    else this.add("TaskFailed", { ...task, error, cause });
  }
}

/** `ExecutionStarted` → `executionStartedEventDetails`, as the API names the members. */
function defaultDetailsKey(type: string): string {
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}
