/**
 * The Step Functions API actions the project calls, with the service's semantics, backed by the
 * local engine: StartExecution (name idempotency, ExecutionAlreadyExists), StartSyncExecution
 * (EXPRESS only), DescribeExecution (STANDARD only, ExecutionDoesNotExist), StopExecution.
 */
import { randomUUID } from "node:crypto";
import type { ExecutionOutcome, LocalWorkflow } from "./engine";
import type { ExecutionRecord, ExecutionStore } from "./executionStore";

/** Step Functions' limit on execution input and output: 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 262_144;
/** Characters an execution name cannot contain (besides white space and control characters). */
const FORBIDDEN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** An error the service answers with; `type` is the error code the SDK raises as the error name. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** The result of StartSyncExecution, as AWS returns it (dates in epoch seconds). */
export interface SyncExecutionResult {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: number;
  stopDate: number;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  input: string;
  inputDetails: { included: true };
  output?: string;
  outputDetails?: { included: true };
  error?: string;
  cause?: string;
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
  traceHeader: string;
}

/** The local Step Functions service. */
export class LocalStepFunctions {
  private readonly workflows: Map<string, LocalWorkflow>;
  private readonly aborts = new Map<string, () => void>();
  private readonly finished = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    workflows: readonly LocalWorkflow[],
    private readonly store: ExecutionStore,
  ) {
    this.workflows = new Map(workflows.map((workflow) => [workflow.arn, workflow]));
  }

  /** StartExecution: STANDARD machines; a repeated name with the same input while running is no new execution. */
  startExecution(request: { stateMachineArn?: string; name?: string; input?: string }): {
    executionArn: string;
    startDate: number;
  } {
    const workflow = this.workflow(request.stateMachineArn);
    if (workflow.type !== "STANDARD") {
      throw new ServiceError(
        "StateMachineTypeNotSupported",
        "This operation is not supported by this type of state machine: use StartSyncExecution for EXPRESS state machines locally",
      );
    }
    const name = checkedName(request.name);
    const input = checkedInput(request.input);
    const executionArn = `${workflow.arn.replace(":stateMachine:", ":execution:")}:${name}`;
    const existing = this.store.get(executionArn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input)
        return { executionArn, startDate: existing.startDate / 1000 };
      throw new ServiceError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: workflow.arn,
      name,
      status: "RUNNING",
      input,
      startDate: Date.now(),
    };
    this.store.put(record);
    this.run(workflow, record);
    return { executionArn, startDate: record.startDate / 1000 };
  }

  /** StartSyncExecution: EXPRESS machines; answers when the execution ends, whatever its status. */
  async startSyncExecution(request: {
    stateMachineArn?: string;
    name?: string;
    input?: string;
    traceHeader?: string;
  }): Promise<SyncExecutionResult> {
    const workflow = this.workflow(request.stateMachineArn);
    if (workflow.type !== "EXPRESS") {
      throw new ServiceError(
        "StateMachineTypeNotSupported",
        "This operation is not supported by this type of state machine: StartSyncExecution runs EXPRESS state machines only",
      );
    }
    const name = checkedName(request.name);
    const input = checkedInput(request.input);
    const executionArn = `${workflow.arn.replace(":stateMachine:", ":express:")}:${name}:${randomUUID()}`;
    const startDate = Date.now();
    const outcome = await this.track(
      workflow.run(JSON.parse(input), { executionArn, name, startTime: new Date(startDate) }).outcome,
    );
    const stopDate = Date.now();
    const status =
      outcome.status === "SUCCEEDED" || outcome.status === "TIMED_OUT" ? outcome.status : "FAILED";
    return {
      executionArn,
      stateMachineArn: workflow.arn,
      name,
      startDate: startDate / 1000,
      stopDate: stopDate / 1000,
      status,
      input,
      inputDetails: { included: true },
      ...(outcome.status === "SUCCEEDED"
        ? { output: JSON.stringify(outcome.output), outputDetails: { included: true as const } }
        : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}),
      // Express bills in 100 ms steps with at least 64 MB.
      billingDetails: {
        billedMemoryUsedInMB: 64,
        billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate - startDate) / 100) * 100),
      },
      traceHeader:
        request.traceHeader ??
        `Root=1-${Math.floor(startDate / 1000).toString(16)}-${randomUUID().replace(/-/g, "").slice(0, 24)};Sampled=1`,
    };
  }

  /** DescribeExecution of a STANDARD execution. */
  describeExecution(request: { executionArn?: string }): Omit<
    ExecutionRecord,
    "resumeAt" | "startDate" | "stopDate"
  > & {
    startDate: number;
    stopDate?: number;
    inputDetails: { included: true };
    outputDetails?: { included: true };
  } {
    const record = this.record(request.executionArn);
    const { resumeAt: _resumeAt, startDate, stopDate, ...visible } = record;
    return {
      ...visible,
      startDate: startDate / 1000,
      ...(stopDate !== undefined ? { stopDate: stopDate / 1000 } : {}),
      inputDetails: { included: true },
      ...(record.output !== undefined ? { outputDetails: { included: true as const } } : {}),
    };
  }

  /** StopExecution: aborts a running STANDARD execution. */
  stopExecution(request: { executionArn?: string; error?: string; cause?: string }): { stopDate: number } {
    const record = this.record(request.executionArn);
    if (record.status === "RUNNING") {
      this.aborts.get(record.executionArn)?.();
      this.store.put({
        ...record,
        status: "ABORTED",
        error: request.error,
        cause: request.cause,
        stopDate: Date.now(),
        resumeAt: undefined,
      });
    }
    return { stopDate: (this.store.get(record.executionArn)?.stopDate ?? Date.now()) / 1000 };
  }

  /** Resumes executions that were running when the stack stopped, from the state they were in. */
  resumeRunning(): number {
    const running = this.store.running().filter((record) => this.workflows.has(record.stateMachineArn));
    for (const record of running)
      this.run(this.workflows.get(record.stateMachineArn) as LocalWorkflow, record);
    return running.length;
  }

  /** Stops the engine without ending running executions: they stay RUNNING and resume at next start. */
  async close(): Promise<void> {
    this.closing = true;
    for (const abort of this.aborts.values()) abort();
    await Promise.allSettled([...this.finished]);
  }

  private run(workflow: LocalWorkflow, record: ExecutionRecord): void {
    const input = record.resumeAt ? record.resumeAt.input : JSON.parse(record.input);
    const execution = workflow.run(
      input,
      { executionArn: record.executionArn, name: record.name, startTime: new Date(record.startDate) },
      {
        startAt: record.resumeAt?.state,
        onStateEntered: (state, stateInput) => {
          const current = this.store.get(record.executionArn);
          if (current?.status === "RUNNING" && !this.closing)
            this.store.put({ ...current, resumeAt: { state, input: stateInput } });
        },
      },
    );
    this.aborts.set(record.executionArn, execution.abort);
    void this.track(execution.outcome).then((outcome) => {
      this.aborts.delete(record.executionArn);
      const current = this.store.get(record.executionArn);
      // An abort on shutdown is no outcome: the execution resumes when the stack starts again.
      if (this.closing || !current || current.status !== "RUNNING") return;
      this.store.put(finish(current, outcome));
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.finished.add(promise);
    void promise.finally(() => this.finished.delete(promise));
    return promise;
  }

  private workflow(arn: string | undefined): LocalWorkflow {
    if (!arn)
      throw new ServiceError(
        "ValidationException",
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
      );
    const workflow = this.workflows.get(arn);
    if (!workflow)
      throw new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return workflow;
  }

  private record(arn: string | undefined): ExecutionRecord {
    if (!arn)
      throw new ServiceError(
        "ValidationException",
        "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
      );
    if (!/^arn:[\w-]+:states:[^:]*:\d*:execution:[^:]+:[^:]+$/.test(arn))
      throw new ServiceError("InvalidArn", `Invalid Arn: '${arn}'`);
    const record = this.store.get(arn);
    if (!record) throw new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return record;
  }
}

function finish(record: ExecutionRecord, outcome: ExecutionOutcome): ExecutionRecord {
  return {
    ...record,
    status: outcome.status,
    output: outcome.status === "SUCCEEDED" ? JSON.stringify(outcome.output) : undefined,
    error: outcome.error,
    cause: outcome.cause,
    stopDate: Date.now(),
    resumeAt: undefined,
  };
}

function checkedName(name: string | undefined): string {
  if (name === undefined) return randomUUID();
  if (name.length < 1 || name.length > 80 || FORBIDDEN_NAME.test(name)) {
    throw new ServiceError(
      "InvalidName",
      `Invalid Name: '${name}' (1 to 80 characters; no spaces, brackets, wildcards, control characters or any of "#%\\^|~\`$&,;:/)`,
    );
  }
  return name;
}

function checkedInput(input: string | undefined): string {
  const text = input ?? "{}";
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new ServiceError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: the input is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} bytes (256 KiB)`,
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: '${(error as Error).message}'`,
    );
  }
  return text;
}
