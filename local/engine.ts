/**
 * Runs a definition with aws-local-stepfunctions and reports each execution the way Step Functions
 * does (status, output, error, cause). Each `StateMachine` is built once and reused: building one
 * validates the definition, which costs tens of milliseconds.
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
import { withEngineQuirksFixed } from "./engineQuirks";
import type { TaskHandler } from "./taskResources";

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
}

/** Options of one run. */
export interface RunOptions {
  /** Start here instead of at `StartAt`: how an execution interrupted by a restart resumes. */
  readonly startAt?: string;
  /** Called when a top-level state is entered, with its input, so a restart can resume there. */
  readonly onStateEntered?: (stateName: string, input: unknown) => void;
}

/** A running execution. */
export interface RunningExecution {
  readonly outcome: Promise<ExecutionOutcome>;
  abort(): void;
}

/** One state machine of the local stack. */
export class LocalWorkflow {
  private readonly machines = new Map<string, StateMachine>();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly type: "EXPRESS" | "STANDARD",
    readonly asl: AslDefinition,
    private readonly taskHandlers: Record<string, TaskHandler>,
  ) {
    this.machine(asl.StartAt);
  }

  /** Starts an execution; its outcome never rejects. */
  run(input: unknown, identity: ExecutionIdentity, options: RunOptions = {}): RunningExecution {
    const machine = this.machine(options.startAt ?? this.asl.StartAt);
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers as never },
      context: {
        Execution: {
          Id: identity.executionArn,
          Name: identity.name,
          StartTime: identity.startTime.toISOString(),
          Input: input as never,
        },
        StateMachine: { Id: this.arn, Name: this.name },
      },
    });
    if (options.onStateEntered) void this.follow(execution.eventLogs, options.onStateEntered);
    return { outcome: settle(execution.result), abort: execution.abort };
  }

  /** The engine for a start state, built once. A resumed machine is the same graph with another StartAt. */
  private machine(startAt: string): StateMachine {
    let machine = this.machines.get(startAt);
    if (!machine) {
      if (!(startAt in this.asl.States))
        throw new Error(`State machine "${this.name}" has no state "${startAt}" to start at`);
      const definition = {
        ...withEngineQuirksFixed(this.asl),
        StartAt: startAt,
      } as unknown as EngineDefinition;
      // The definition passed our builder's checks and asl-validator already; a resumed copy may
      // leave states unreachable, which is fine to run.
      machine = new StateMachine(definition, {
        validationOptions: { noValidate: startAt !== this.asl.StartAt, checkArn: false },
      });
      this.machines.set(startAt, machine);
    }
    return machine;
  }

  private async follow(
    events: AsyncGenerator<{ type: string; state?: { name: string; input: unknown }; index?: number }>,
    onStateEntered: (name: string, input: unknown) => void,
  ) {
    try {
      for await (const event of events) {
        if (
          event.type === "StateEntered" &&
          event.state &&
          event.index === undefined &&
          event.state.name in this.asl.States
        ) {
          onStateEntered(event.state.name, event.state.input);
        }
      }
    } catch {
      // The outcome reports how the execution ended; the event stream only feeds resumption.
    }
  }
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
      return {
        status: "FAILED",
        error: cause?.name ?? "States.Runtime",
        cause: cause?.message ?? error.message,
      };
    }
    return { status: "FAILED", error: "States.Runtime", cause: (error as Error).message };
  }
}
