import { assertJsonata, checkPayloadTemplate, passesTaskToken } from "../private/payload";
import { compact } from "../private/render";
import type { JsonataExpression } from "../mapTypes";
import type { JsonObject, PolicyStatement, TaskStateJson } from "../types";
import { RetryableState } from "./retryable";
import type { AssignProps, StateProps } from "./state";

/** How a Task waits for its service: the `Resource` suffix (none, `.sync`, `.waitForTaskToken`). */
export type IntegrationPattern = "REQUEST_RESPONSE" | "RUN_JOB" | "WAIT_FOR_TASK_TOKEN";

/** What a service integration contributes to a Task: its Resource, Parameters and IAM permissions. */
export interface TaskIntegration {
  /** The rendered `Resource`: a service integration ARN or a Lambda function ARN. */
  readonly resource: string;
  /** The rendered `Parameters` (the service request), in JSONPath. */
  readonly parameters?: JsonObject;
  /** The rendered `Arguments` (the service request), in JSONata. */
  readonly arguments?: JsonObject | JsonataExpression;
  /** What the state machine's role must be allowed to do to run this task. */
  readonly permissions: readonly PolicyStatement[];
  /** The integration pattern the Resource encodes. */
  readonly pattern: IntegrationPattern;
}

/** Options every Task accepts, whatever service it calls. */
export interface TaskStateOptions extends StateProps, AssignProps {
  /** JSONPath: reshapes the service result before `ResultPath` applies. */
  readonly resultSelector?: JsonObject;
  /** JSONPath: where the result goes in the input; `null` discards it and passes the input on. @default "$" */
  readonly resultPath?: string | null;
  /** Fails the task with `States.Timeout` after this many seconds (JSONata: or an expression). @default 99999999 */
  readonly timeoutSeconds?: number | JsonataExpression;
  /** JSONPath: reads the timeout from the input instead. */
  readonly timeoutSecondsPath?: string;
  /** Fails with `States.HeartbeatTimeout` if no heartbeat arrives within this many seconds (JSONata: or an expression). */
  readonly heartbeatSeconds?: number | JsonataExpression;
  /** JSONPath: reads the heartbeat interval from the input instead. */
  readonly heartbeatSecondsPath?: string;
  /** Runs the task with another role: `{ RoleArn: "arn:aws:iam::..." }` (cross-account). */
  readonly credentials?: JsonObject;
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
    this.useFields("JSONPath", {
      Parameters: props.integration.parameters,
      ResultSelector: props.resultSelector,
      ResultPath: props.resultPath,
      TimeoutSecondsPath: props.timeoutSecondsPath,
      HeartbeatSecondsPath: props.heartbeatSecondsPath,
    });
    this.useFields("JSONata", {
      Arguments: props.integration.arguments,
      ...(typeof props.timeoutSeconds === "string" ? { TimeoutSeconds: props.timeoutSeconds } : {}),
      ...(typeof props.heartbeatSeconds === "string" ? { HeartbeatSeconds: props.heartbeatSeconds } : {}),
    });
    this.checkedAssign(props.assign);
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
      typeof props.timeoutSeconds === "number" &&
      typeof props.heartbeatSeconds === "number" &&
      props.heartbeatSeconds >= props.timeoutSeconds
    ) {
      throw new Error(`${where}: HeartbeatSeconds must be smaller than TimeoutSeconds`);
    }
    if (
      props.integration.pattern === "WAIT_FOR_TASK_TOKEN" &&
      !passesTaskToken(props.integration.parameters ?? props.integration.arguments)
    ) {
      throw new Error(
        `${where} waits for a task token but its ${props.integration.arguments !== undefined ? 'Arguments never pass "$states.context.Task.Token"' : 'Parameters never pass "$$.Task.Token"'}: include it so the worker can call SendTaskSuccess`,
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
      Credentials: this.props.credentials,
      Parameters: this.integration.parameters,
      Arguments: this.integration.arguments,
      ResultSelector: this.props.resultSelector,
      ResultPath: this.props.resultPath,
      TimeoutSeconds: this.props.timeoutSeconds,
      TimeoutSecondsPath: this.props.timeoutSecondsPath,
      HeartbeatSeconds: this.props.heartbeatSeconds,
      HeartbeatSecondsPath: this.props.heartbeatSecondsPath,
      Assign: this.props.assign,
      ...this.errorHandlingJson(),
      ...this.transitionJson(),
    }) as TaskStateJson;
  }
}

function checkExclusive(where: string, a: string, aValue: unknown, b: string, bValue: unknown): void {
  if (aValue !== undefined && bValue !== undefined)
    throw new Error(`${where}: give either ${a} or ${b}, not both`);
}

function checkSeconds(where: string, field: string, value: number | string | undefined): void {
  if (typeof value === "string") {
    assertJsonata(value, `${where} ${field}`);
    return;
  }
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(`${where}: ${field} must be a whole number of seconds >= 1, got ${value}`);
  }
}
