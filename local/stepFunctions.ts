/**
 * The Step Functions API actions the project calls, with the service's semantics, backed by the
 * local engine: StartExecution (name idempotency, ExecutionAlreadyExists), StartSyncExecution
 * (EXPRESS only), DescribeExecution, ListExecutions and StopExecution (STANDARD executions: AWS
 * keeps no history of EXPRESS ones).
 */
import type { ExecutionOutcome, LocalWorkflow } from "./engine";
import type { ExecutionRecord, ExecutionStore } from "./executionStore";
import type { DescribedExecution, ListedExecution, SyncExecutionResult } from "./executionResults";
import { describedExecution, finishedRecord, listedExecution, syncResult } from "./executionResults";
import {
  checkedExecutionArn,
  checkedInput,
  checkedName,
  expressExecutionArn,
  missing,
  standardExecutionArn,
} from "./executionRules";
import { ServiceError } from "./serviceErrors";

/** ListExecutions' page size when the request names none, and its largest. */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/** The request members the actions read; the JSON protocol carries them as they are named here. */
export interface ExecutionRequest {
  stateMachineArn?: string;
  executionArn?: string;
  name?: string;
  input?: string;
  traceHeader?: string;
  error?: string;
  cause?: string;
  statusFilter?: string;
  maxResults?: number;
  nextToken?: string;
}

/** The local Step Functions service. */
export class LocalStepFunctions {
  private readonly workflows: Map<string, LocalWorkflow>;
  private readonly aborts = new Map<string, () => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    workflows: readonly LocalWorkflow[],
    private readonly store: ExecutionStore,
  ) {
    this.workflows = new Map(workflows.map((workflow) => [workflow.arn, workflow]));
  }

  /** StartExecution: STANDARD machines; a repeated name with the same input while running is no new execution. */
  startExecution(request: ExecutionRequest): { executionArn: string; startDate: number } {
    const workflow = this.workflow(request.stateMachineArn, "STANDARD");
    const name = checkedName(request.name);
    const input = checkedInput(request.input);
    const executionArn = standardExecutionArn(workflow.arn, name);
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
  async startSyncExecution(request: ExecutionRequest): Promise<SyncExecutionResult> {
    const workflow = this.workflow(request.stateMachineArn, "EXPRESS");
    const name = checkedName(request.name);
    const input = checkedInput(request.input);
    const executionArn = expressExecutionArn(workflow.arn, name);
    const startDate = Date.now();
    const outcome = await this.track(
      workflow.run(JSON.parse(input), { executionArn, name, startTime: new Date(startDate) }).outcome,
    );
    return syncResult(
      {
        executionArn,
        stateMachineArn: workflow.arn,
        name,
        input,
        startDate,
        stopDate: Date.now(),
        traceHeader: request.traceHeader,
      },
      outcome,
    );
  }

  /** DescribeExecution of a STANDARD execution. */
  describeExecution(request: ExecutionRequest): DescribedExecution {
    return describedExecution(this.record(request.executionArn));
  }

  /** ListExecutions of a STANDARD machine, newest first, optionally by status, in pages. */
  listExecutions(request: ExecutionRequest): { executions: ListedExecution[]; nextToken?: string } {
    const workflow = this.workflow(request.stateMachineArn, "STANDARD");
    const size = request.maxResults || DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      throw new ServiceError(
        "ValidationException",
        `1 validation error detected: Value '${request.maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE_SIZE}`,
      );
    }
    const offset = request.nextToken === undefined ? 0 : decodeToken(request.nextToken);
    const matching = this.store
      .all()
      .filter((record) => record.stateMachineArn === workflow.arn)
      .filter((record) => !request.statusFilter || record.status === request.statusFilter)
      // Reversed first so that, within one millisecond, the later start still comes first.
      .reverse()
      .sort((a, b) => b.startDate - a.startDate);
    const page = matching.slice(offset, offset + size);
    const next = offset + page.length;
    return {
      executions: page.map(listedExecution),
      ...(next < matching.length ? { nextToken: Buffer.from(String(next)).toString("base64") } : {}),
    };
  }

  /** StopExecution: aborts a running STANDARD execution. */
  stopExecution(request: ExecutionRequest): { stopDate: number } {
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
    await Promise.allSettled([...this.inFlight]);
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
    void this.track(execution.outcome).then((outcome: ExecutionOutcome) => {
      this.aborts.delete(record.executionArn);
      const current = this.store.get(record.executionArn);
      // An abort on shutdown is no outcome: the execution resumes when the stack starts again.
      if (this.closing || !current || current.status !== "RUNNING") return;
      this.store.put(finishedRecord(current, outcome));
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  /** The machine an action names, refusing one of the wrong type as the service does. */
  private workflow(arn: string | undefined, type: LocalWorkflow["type"]): LocalWorkflow {
    if (!arn) throw missing("stateMachineArn");
    const workflow = this.workflows.get(arn);
    if (!workflow)
      throw new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    if (workflow.type !== type) {
      throw new ServiceError(
        "StateMachineTypeNotSupported",
        `This operation is not supported by this type of state machine: ${workflow.name} is ${workflow.type}${
          type === "EXPRESS" ? "; StartSyncExecution runs EXPRESS state machines only" : ""
        }`,
      );
    }
    return workflow;
  }

  private record(arn: string | undefined): ExecutionRecord {
    const executionArn = checkedExecutionArn(arn);
    const record = this.store.get(executionArn);
    if (!record)
      throw new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }
}

/** Reads a ListExecutions page token (a base64 offset); anything else is the service's InvalidToken. */
function decodeToken(token: string): number {
  const offset = Number(Buffer.from(token, "base64").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0)
    throw new ServiceError("InvalidToken", `Invalid Token: '${token}'`);
  return offset;
}
