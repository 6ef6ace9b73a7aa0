import { checkPayloadTemplate, passesTaskToken } from "../private/payload";
import { compact } from "../private/render";
import type { JsonObject, PolicyStatement, TaskStateJson } from "../types";
import { RetryableState } from "./retryable";
import type { StateProps } from "./state";

/** How a Task waits for its service: the `Resource` suffix (none, `.sync`, `.waitForTaskToken`). */
export type IntegrationPattern = "REQUEST_RESPONSE" | "RUN_JOB" | "WAIT_FOR_TASK_TOKEN";

/** What a service integration contributes to a Task: its Resource, Parameters and IAM permissions. */
export interface TaskIntegration {
  /** The rendered `Resource`: a service integration ARN or a Lambda function ARN. */
  readonly resource: string;
  /** The rendered `Parameters` (the service request). */
  readonly parameters?: JsonObject;
  /** What the state machine's role must be allowed to do to run this task. */
  readonly permissions: readonly PolicyStatement[];
  /** The integration pattern the Resource encodes. */
  readonly pattern: IntegrationPattern;
}

/** Options every Task accepts, whatever service it calls. */
export interface TaskStateOptions extends StateProps {
  /** Reshapes the service result before `ResultPath` applies. */
  readonly resultSelector?: JsonObject;
  /** Where the result goes in the input; `null` discards it and passes the input on. @default "$" */
  readonly resultPath?: string | null;
  /** Fails the task with `States.Timeout` after this many seconds. @default 99999999 */
  readonly timeoutSeconds?: number;
  /** Reads the timeout from the input instead. */
  readonly timeoutSecondsPath?: string;
  /** Fails with `States.HeartbeatTimeout` if no heartbeat arrives within this many seconds. */
  readonly heartbeatSeconds?: number;
  /** Reads the heartbeat interval from the input instead. */
  readonly heartbeatSecondsPath?: string;
}

/** Options of a Task: its integration plus the common options. */
export interface TaskProps extends TaskStateOptions {
  readonly integration: TaskIntegration;
}

/**
 * Calls a service. Usually created through an integration factory (`LambdaInvoke.task`,
 * `DynamoDB.updateItem`, ...), which fills in the Resource, Parameters and permissions.
 */
export class Task extends RetryableState {
  readonly type = "Task" as const;
  readonly integration: TaskIntegration;
  private readonly props: TaskStateOptions;

  constructor(name: string, props: TaskProps) {
    super(name, props);
    const where = `State "${name}"`;
    if (props.integration.parameters)
      checkPayloadTemplate(props.integration.parameters, `${where} Parameters`);
    if (props.resultSelector) checkPayloadTemplate(props.resultSelector, `${where} ResultSelector`);
    this.checkedPath(props.resultPath, "ResultPath", "result");
    this.checkedPath(props.timeoutSecondsPath, "TimeoutSecondsPath", "reference");
    this.checkedPath(props.heartbeatSecondsPath, "HeartbeatSecondsPath", "reference");
    checkExclusive(
      where,
      "timeoutSeconds",
      props.timeoutSeconds,
      "timeoutSecondsPath",
      props.timeoutSecondsPath,
    );
    checkExclusive(
      where,
      "heartbeatSeconds",
      props.heartbeatSeconds,
      "heartbeatSecondsPath",
      props.heartbeatSecondsPath,
    );
    checkSeconds(where, "TimeoutSeconds", props.timeoutSeconds);
    checkSeconds(where, "HeartbeatSeconds", props.heartbeatSeconds);
    if (
      props.timeoutSeconds !== undefined &&
      props.heartbeatSeconds !== undefined &&
      props.heartbeatSeconds >= props.timeoutSeconds
    ) {
      throw new Error(`${where}: HeartbeatSeconds must be smaller than TimeoutSeconds`);
    }
    if (
      props.integration.pattern === "WAIT_FOR_TASK_TOKEN" &&
      !passesTaskToken(props.integration.parameters)
    ) {
      throw new Error(
        `${where} waits for a task token but its Parameters never pass "$$.Task.Token": include it so the worker can call SendTaskSuccess`,
      );
    }
    this.integration = props.integration;
    this.props = props;
  }

  override permissions(): PolicyStatement[] {
    return this.integration.permissions.map((statement) => ({
      Effect: statement.Effect,
      Action: [...statement.Action],
      Resource: [...statement.Resource],
    }));
  }

  toStateJson(): TaskStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      Resource: this.integration.resource,
      Parameters: this.integration.parameters,
      ResultSelector: this.props.resultSelector,
      ResultPath: this.props.resultPath,
      TimeoutSeconds: this.props.timeoutSeconds,
      TimeoutSecondsPath: this.props.timeoutSecondsPath,
      HeartbeatSeconds: this.props.heartbeatSeconds,
      HeartbeatSecondsPath: this.props.heartbeatSecondsPath,
      ...this.errorHandlingJson(),
      ...this.transitionJson(),
    }) as TaskStateJson;
  }
}

function checkExclusive(where: string, a: string, aValue: unknown, b: string, bValue: unknown): void {
  if (aValue !== undefined && bValue !== undefined)
    throw new Error(`${where}: give either ${a} or ${b}, not both`);
}

function checkSeconds(where: string, field: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(`${where}: ${field} must be a whole number of seconds >= 1, got ${value}`);
  }
}
