/**
 * Task states that start another state machine (`arn:aws:states:::states:startExecution`), as the
 * Step Functions service integration does ("Start a new AWS Step Functions state machine from a
 * running execution", AWS Step Functions Developer Guide): the plain call answers `ExecutionArn` and
 * `StartDate`; `.sync` waits and answers the child's DescribeExecution with `Output` as a JSON string;
 * `.sync:2` the same with `Output` parsed; a child that does not succeed fails the task with
 * `States.TaskFailed`, the child's description as the cause. `.waitForTaskToken` starts the child and
 * waits for the token.
 */
import { TaskError } from "./taskError";

/** A finished child execution, as DescribeExecution describes it (dates in epoch milliseconds). */
export interface ChildOutcome {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: number;
  readonly stopDate: number;
}

/** What the local Step Functions offers a parent execution. */
export interface ChildExecutions {
  start(request: { stateMachineArn?: string; input?: string; name?: string }): {
    executionArn: string;
    startDate: number;
  };
  /** Settles when the execution ends. */
  completion(executionArn: string): Promise<ChildOutcome>;
}

/** The handler for one startExecution Resource; `pattern` is "", ".sync", ".sync:2" or ".waitForTaskToken". */
export function startExecutionHandler(
  pattern: string,
  children: () => ChildExecutions,
): (input: unknown) => Promise<unknown> {
  return async (input) => {
    const { StateMachineArn, Input, Name } = (input ?? {}) as {
      StateMachineArn?: string;
      Input?: unknown;
      Name?: string;
    };
    let started: { executionArn: string; startDate: number };
    try {
      started = children().start({
        stateMachineArn: StateMachineArn,
        name: Name,
        input: Input === undefined ? undefined : typeof Input === "string" ? Input : JSON.stringify(Input),
      });
    } catch (error) {
      // The service's own errors, named as integrations name them: "SFN.<Exception>".
      throw new TaskError(`SFN.${(error as Error).name}`, (error as Error).message);
    }
    if (pattern !== ".sync" && pattern !== ".sync:2")
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    const child = await children().completion(started.executionArn);
    const described = {
      ExecutionArn: child.executionArn,
      Input: child.input,
      InputDetails: { Included: true },
      Name: child.name,
      StartDate: child.startDate,
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopDate,
      ...(child.output !== undefined
        ? {
            Output: pattern === ".sync:2" ? (JSON.parse(child.output) as unknown) : child.output,
            OutputDetails: { Included: true },
          }
        : {}),
      ...(child.error !== undefined ? { Error: child.error } : {}),
      ...(child.cause !== undefined ? { Cause: child.cause } : {}),
    };
    if (child.status !== "SUCCEEDED") throw new TaskError("States.TaskFailed", JSON.stringify(described));
    return described;
  };
}
