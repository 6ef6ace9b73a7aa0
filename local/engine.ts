/**
 * Runs a definition and reports each execution the way Step Functions does (status, output, error,
 * cause). JSONPath machines run on aws-local-stepfunctions; JSONata machines on our JSONata engine
 * (./jsonataEngine: aws-local-stepfunctions 3.0.0, the newest release, has no JSONata, variables or
 * hooks to evaluate fields itself, so JSONata states cannot be run "around" it). Each
 * aws-local-stepfunctions `StateMachine` is built once and reused: building one validates the
 * definition, which costs tens of milliseconds.
 */
import "./polyfills";
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
} from "aws-local-stepfunctions";
import type { StateMachineDefinition as EngineDefinition } from "aws-local-stepfunctions";
import type { AslDefinition } from "../definitions/asl";
import type { ScopeNode, StateNode } from "./aslJson";
import { eachState } from "./aslJson";
import { queryLanguage } from "./definitionSupport";
import { withEngineQuirksFixed } from "./engineQuirks";
import type { ExecutionHistory, StateType } from "./executionHistory";
import { ExecutionRun } from "./engineRun";
import type { LazyAbortController } from "./engineRun";
import { runJsonata } from "./jsonataEngine";
import type { TaskCall, TaskHandler } from "./taskResources";
import { TASK_TOKEN_PLACEHOLDER } from "./taskResources";

/** The statuses of an execution, as DescribeExecution reports them. */
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** How an execution ended. */
export interface ExecutionOutcome {
  readonly status: Exclude<ExecutionStatus, "RUNNING">;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

/** Identity of one execution, exposed to the definition as the context object (`$$.Execution`). */
export interface ExecutionIdentity {
  readonly executionArn: string;
  readonly name: string;
  readonly startTime: Date;
  /** The execution's role (context object `Execution.RoleArn`). */
  readonly roleArn?: string;
}

/** Options of one run. */
export interface RunOptions {
  /** Start here instead of at `StartAt`: how an execution interrupted by a restart resumes. */
  readonly startAt?: string;
  /** The variables in scope at `startAt` (JSONata machines), when resuming. */
  readonly variables?: Record<string, unknown>;
  /** Called when a top-level state is entered, with its input, so a restart can resume there. */
  readonly onStateEntered?: (stateName: string, input: unknown, variables?: Record<string, unknown>) => void;
  /** Where state and task events go (GetExecutionHistory). */
  readonly history?: ExecutionHistory;
}

/** A running execution. */
export interface RunningExecution {
  readonly outcome: Promise<ExecutionOutcome>;
  abort(): void;
}

/** What the JSONata engine and the JSONPath adapter share for one run. */
export interface EngineRun {
  readonly identity: ExecutionIdentity;
  readonly stateMachine: { readonly Id: string; readonly Name: string };
  readonly options: RunOptions;
  readonly signal: AbortSignal;
  /** Calls the Task state `stateName`'s handler. */
  callTask(
    stateName: string,
    input: unknown,
    call: Omit<TaskCall, "stateName" | "executionArn" | "history" | "signal">,
  ): Promise<unknown>;
}

/** One state machine of the local stack. */
export class LocalWorkflow {
  private readonly machines = new Map<string, StateMachine>();
  private readonly tasks = new Map<string, StateNode>();
  private readonly taskTimings = new Map<string, { timeoutSeconds?: number; heartbeatSeconds?: number }>();
  readonly language: "JSONata" | "JSONPath";

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly type: "EXPRESS" | "STANDARD",
    readonly asl: object,
    private readonly taskHandlers: Record<string, TaskHandler>,
  ) {
    this.language = queryLanguage(asl);
    eachState(
      asl as ScopeNode,
      (stateName, state) => state.Type === "Task" && this.tasks.set(stateName, state),
    );
    for (const [stateName, state] of this.tasks)
      this.taskTimings.set(stateName, {
        timeoutSeconds: state.TimeoutSeconds as number | undefined,
        heartbeatSeconds: state.HeartbeatSeconds as number | undefined,
      });
    if (this.language === "JSONPath") this.machine((asl as ScopeNode).StartAt);
  }

  /** Starts an execution; its outcome never rejects. */
  run(input: unknown, identity: ExecutionIdentity, options: RunOptions = {}): RunningExecution {
    const run = new ExecutionRun(
      identity,
      // A fresh object per execution: the context object's parts may end up in (mutable) state data.
      { Id: this.arn, Name: this.name },
      options,
      this.taskHandlers,
    );
    const { controller } = run;
    if (this.language === "JSONata") {
      const execution = runJsonata(this.asl as ScopeNode, input, run);
      return {
        outcome: execution.then(undefined, describeFailure),
        abort: () => controller.abort(),
      };
    }
    return this.runJsonPath(input, run, controller);
  }

  private runJsonPath(input: unknown, run: EngineRun, controller: LazyAbortController): RunningExecution {
    const { identity, options } = run;
    const machine = this.machine(options.startAt ?? (this.asl as ScopeNode).StartAt);
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, timing] of this.taskTimings)
      handlers[stateName] = (taskInput) => run.callTask(stateName, taskInput, timing);
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: {
          Id: identity.executionArn,
          Name: identity.name,
          StartTime: identity.startTime.toISOString(),
          Input: input as never,
          ...(identity.roleArn ? { RoleArn: identity.roleArn } : {}),
        },
        StateMachine: run.stateMachine,
        // One context per execution: each task call swaps this for a fresh token (taskResources).
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
    });
    const settled = settle(execution.result);
    const outcome =
      options.onStateEntered || options.history
        ? Promise.all([settled, this.follow(execution.eventLogs, options)]).then(
            // The last state events may still be on their way to the history: both are awaited.
            ([result]) => result,
          )
        : settled;
    return {
      outcome,
      abort: () => {
        controller.abort();
        execution.abort();
      },
    };
  }

  /** The engine for a start state, built once. A resumed machine is the same graph with another StartAt. */
  private machine(startAt: string): StateMachine {
    let machine = this.machines.get(startAt);
    if (!machine) {
      const asl = this.asl as ScopeNode;
      if (!(startAt in asl.States))
        throw new Error(`State machine "${this.name}" has no state "${startAt}" to start at`);
      const definition = {
        ...withEngineQuirksFixed(asl as unknown as AslDefinition),
        StartAt: startAt,
      } as unknown as EngineDefinition;
      // Definitions passed our checks (and asl-validator) already; a resumed copy may leave states
      // unreachable, which is fine to run.
      machine = new StateMachine(definition, {
        validationOptions: { noValidate: true, checkArn: false },
      });
      this.machines.set(startAt, machine);
    }
    return machine;
  }

  /** Maps the engine's event log to resumption points and AWS history events. */
  private async follow(events: AsyncGenerator<EngineEvent>, options: RunOptions): Promise<void> {
    const { history, onStateEntered } = options;
    const topLevel = (this.asl as ScopeNode).States;
    try {
      for await (const event of events) {
        const state = event.state;
        if (event.type === "StateEntered" && state) {
          if (onStateEntered && event.index === undefined && state.name in topLevel)
            onStateEntered(state.name, state.input);
          history?.stateEntered(state.type as StateType, state.name, state.input);
        } else if (event.type === "StateExited" && state) {
          history?.stateExited(state.type as StateType, state.name, state.output);
        } else if (event.type.startsWith("MapIteration") && event.parentState) {
          history?.add(event.type, { name: event.parentState.name, index: event.index });
        }
      }
    } catch {
      // The outcome reports how the execution ended; the event stream only feeds history and resumption.
    }
  }
}

interface EngineEvent {
  type: string;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
}

async function settle(result: Promise<unknown>): Promise<ExecutionOutcome> {
  try {
    return { status: "SUCCEEDED", output: await result };
  } catch (error) {
    if (error instanceof ExecutionTimeoutError)
      return {
        status: "TIMED_OUT",
        error: "States.Timeout",
        cause: "The execution ran longer than its TimeoutSeconds",
      };
    if (error instanceof ExecutionAbortedError) return { status: "ABORTED" };
    if (error instanceof ExecutionError) {
      const cause = (error as Error & { cause?: Error }).cause;
      return describeFailure(cause ?? error);
    }
    return describeFailure(error);
  }
}

/** A failed outcome from an error; a stack overflow (data nested too deeply) says so plainly. */
export function describeFailure(error: unknown): ExecutionOutcome {
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return {
      status: "FAILED",
      error: "States.Runtime",
      cause: "The data is nested too deeply for the local engine to process; flatten it",
    };
  const { name, message } = (error ?? {}) as Error;
  return { status: "FAILED", error: name ?? "States.Runtime", cause: message ?? String(error) };
}
