/**
 * One execution's run as the engines see it (the EngineRun of ./engine): its identity, options, abort
 * signal and task calls. Classes with the signal as a prototype getter, rather than object literals
 * with accessors per execution, because this is built for every execution (every pizza order), and
 * the signal is made only when something reads it: most executions are never aborted and their tasks
 * never look at it, while Node's AbortSignal is costly to create.
 */
import type { EngineRun, ExecutionIdentity, RunOptions } from "./engine";
import type { ExecutionHistory } from "./executionHistory";
import type { TaskCall, TaskHandler } from "./taskResources";

/** An AbortController made on first use. */
export class LazyAbortController {
  private controller?: AbortController;

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  abort(): void {
    this.controller ??= new AbortController();
    this.controller.abort();
  }
}

/** The EngineRun of one execution of a LocalWorkflow. */
export class ExecutionRun implements EngineRun {
  readonly controller = new LazyAbortController();

  constructor(
    readonly identity: ExecutionIdentity,
    readonly stateMachine: { readonly Id: string; readonly Name: string },
    readonly options: RunOptions,
    private readonly taskHandlers: Record<string, TaskHandler>,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  callTask(
    stateName: string,
    input: unknown,
    call: Omit<TaskCall, "stateName" | "executionArn" | "history" | "signal">,
  ): Promise<unknown> {
    return (this.taskHandlers[stateName] as TaskHandler)(input, new Call(stateName, this, call));
  }
}

/** A TaskCall whose signal is the execution's, made when read (by tasks that wait, or fail). */
class Call implements TaskCall {
  readonly executionArn: string;
  readonly history?: ExecutionHistory;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;

  constructor(
    readonly stateName: string,
    private readonly run: ExecutionRun,
    timing: { readonly timeoutSeconds?: number; readonly heartbeatSeconds?: number },
  ) {
    this.executionArn = run.identity.executionArn;
    this.history = run.options.history;
    this.timeoutSeconds = timing.timeoutSeconds;
    this.heartbeatSeconds = timing.heartbeatSeconds;
  }

  get signal(): AbortSignal {
    return this.run.signal;
  }
}
