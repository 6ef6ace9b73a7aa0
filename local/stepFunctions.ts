/**
 * The Step Functions execution actions, with the service's semantics, backed by the local engines:
 * StartExecution (STANDARD: name idempotency, ExecutionAlreadyExists; EXPRESS: asynchronous, no
 * record kept, as AWS keeps none), StartSyncExecution (EXPRESS only), DescribeExecution,
 * ListExecutions, StopExecution, GetExecutionHistory (STANDARD executions), and
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat for callback tasks.
 */
import { checkedExecutionArn } from "./arns";
import type { ChildExecutions, ChildOutcome } from "./childExecutions";
import type { ExecutionOutcome, LocalWorkflow } from "./engine";
import { ExecutionHistory } from "./executionHistory";
import type { HistoryEvent } from "./executionHistory";
import type { DescribedExecution, ListedExecution, SyncExecutionResult } from "./executionResults";
import { describedExecution, finishedRecord, listedExecution, syncResult } from "./executionResults";
import {
  checkedInput,
  checkedName,
  expressExecutionArn,
  parsedInput,
  standardExecutionArn,
} from "./executionRules";
import type { ExecutionRecord, ExecutionStore } from "./executionStore";
import { ServiceError } from "./serviceErrors";
import type { StateMachineEntry, StateMachines } from "./stateMachines";
import type { TaskTokens } from "./taskTokens";

/** ListExecutions' and GetExecutionHistory's page size when the request names none, and the largest. */
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
  reverseOrder?: boolean;
  includeExecutionData?: boolean;
  taskToken?: string;
  output?: string;
}

/** The local Step Functions service. */
export class LocalStepFunctions implements ChildExecutions {
  private readonly aborts = new Map<string, () => void>();
  private readonly completions = new Map<string, Promise<ChildOutcome>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  constructor(
    readonly machines: StateMachines,
    private readonly store: ExecutionStore,
    readonly tokens: TaskTokens,
  ) {}

  /** StartExecution. STANDARD: a repeated name with the same input while running is no new execution. */
  startExecution(request: ExecutionRequest): { executionArn: string; startDate: number } {
    const entry = this.machines.get(request.stateMachineArn);
    const { workflow } = entry;
    const name = checkedName(request.name);
    const input = checkedInput(request.input);
    if (workflow.type === "EXPRESS") return this.startExpress(entry, name, input);
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
      history: [],
    };
    this.historyOf(record).executionStarted(input, entry.roleArn);
    this.run(entry, record);
    return { executionArn, startDate: record.startDate / 1000 };
  }

  /** StartSyncExecution: EXPRESS machines; answers when the execution ends, whatever its status. */
  async startSyncExecution(request: ExecutionRequest): Promise<SyncExecutionResult> {
    const { workflow, roleArn } = this.machines.get(request.stateMachineArn);
    if (workflow.type !== "EXPRESS")
      throw notSupported(workflow, "StartSyncExecution runs EXPRESS state machines only");
    const name = checkedName(request.name);
    const { text: input, value } = parsedInput(request.input);
    const executionArn = expressExecutionArn(workflow.arn, name);
    const startDate = Date.now();
    const outcome = await this.track(
      workflow.run(value, { executionArn, name, startTime: new Date(startDate), roleArn }).outcome,
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
    const { workflow } = this.machines.get(request.stateMachineArn);
    if (workflow.type !== "STANDARD") throw notSupported(workflow, "AWS keeps no list of EXPRESS executions");
    const matching = this.store
      .all()
      .filter((record) => record.stateMachineArn === workflow.arn)
      .filter((record) => !request.statusFilter || record.status === request.statusFilter)
      // Reversed first so that, within one millisecond, the later start still comes first.
      .reverse()
      .sort((a, b) => b.startDate - a.startDate);
    const { page, nextToken } = paged(matching, request);
    return { executions: page.map(listedExecution), ...(nextToken ? { nextToken } : {}) };
  }

  /** GetExecutionHistory: oldest first unless `reverseOrder`; `includeExecutionData: false` leaves data out. */
  getExecutionHistory(request: ExecutionRequest): { events: HistoryEvent[]; nextToken?: string } {
    const record = this.record(request.executionArn);
    const events = [...(record.history ?? [])];
    if (request.reverseOrder) events.reverse();
    const { page, nextToken } = paged(events, request);
    return {
      events: request.includeExecutionData === false ? page.map(withoutData) : page,
      ...(nextToken ? { nextToken } : {}),
    };
  }

  /** StopExecution: aborts a running STANDARD execution. */
  stopExecution(request: ExecutionRequest): { stopDate: number } {
    const record = this.record(request.executionArn);
    if (record.status === "RUNNING") {
      this.aborts.get(record.executionArn)?.();
      const stopped: ExecutionRecord = {
        ...record,
        status: "ABORTED",
        error: request.error,
        cause: request.cause,
        stopDate: Date.now(),
        resumeAt: undefined,
      };
      this.store.put(stopped);
      this.historyOf(stopped).add("ExecutionAborted", {
        ...(request.error !== undefined ? { error: request.error } : {}),
        ...(request.cause !== undefined ? { cause: request.cause } : {}),
      });
    }
    return { stopDate: (this.store.get(record.executionArn)?.stopDate ?? Date.now()) / 1000 };
  }

  sendTaskSuccess(request: ExecutionRequest): Record<string, never> {
    return this.tokens.succeed(request.taskToken, request.output);
  }

  sendTaskFailure(request: ExecutionRequest): Record<string, never> {
    return this.tokens.fail(request.taskToken, request.error, request.cause);
  }

  sendTaskHeartbeat(request: ExecutionRequest): Record<string, never> {
    return this.tokens.heartbeat(request.taskToken);
  }

  /** ChildExecutions: a parent's `states:startExecution` task. */
  start(request: { stateMachineArn?: string; input?: string; name?: string }): {
    executionArn: string;
    startDate: number;
  } {
    const started = this.startExecution(request);
    return { executionArn: started.executionArn, startDate: started.startDate * 1000 };
  }

  /** ChildExecutions: settles when the execution ends. */
  completion(executionArn: string): Promise<ChildOutcome> {
    const pending = this.completions.get(executionArn);
    if (pending) return pending;
    const record = this.store.get(executionArn);
    if (record && record.status !== "RUNNING") return Promise.resolve(childOutcome(record));
    return Promise.reject(new Error(`No execution ${executionArn} is running here`));
  }

  /** Resumes executions that were running when the stack stopped, from the state they were in. */
  resumeRunning(): number {
    let resumed = 0;
    for (const record of this.store.running()) {
      const entry = this.machines.find(record.stateMachineArn);
      if (!entry) continue;
      this.run(entry, record);
      resumed++;
    }
    return resumed;
  }

  /** Stops the engine without ending running executions: they stay RUNNING and resume at next start. */
  async close(): Promise<void> {
    this.closing = true;
    // Aborted first, so the tasks that stop waiting know it is no failure of theirs.
    for (const abort of this.aborts.values()) abort();
    this.tokens.close();
    await Promise.allSettled([...this.inFlight]);
  }

  private startExpress(entry: StateMachineEntry, name: string, input: string) {
    const { workflow, roleArn } = entry;
    const executionArn = expressExecutionArn(workflow.arn, name);
    const startDate = Date.now();
    const running = workflow.run(JSON.parse(input), {
      executionArn,
      name,
      startTime: new Date(startDate),
      roleArn,
    });
    this.aborts.set(executionArn, running.abort);
    const completion = this.track(running.outcome).then((outcome) => {
      this.aborts.delete(executionArn);
      this.completions.delete(executionArn);
      return childOutcome(
        finishedRecord(
          { executionArn, stateMachineArn: workflow.arn, name, status: "RUNNING", input, startDate },
          outcome,
        ),
      );
    });
    this.completions.set(executionArn, completion);
    return { executionArn, startDate: startDate / 1000 };
  }

  private run(entry: StateMachineEntry, record: ExecutionRecord): void {
    const { workflow, roleArn } = entry;
    this.store.put(record);
    const input = record.resumeAt ? record.resumeAt.input : JSON.parse(record.input);
    const execution = workflow.run(
      input,
      {
        executionArn: record.executionArn,
        name: record.name,
        startTime: new Date(record.startDate),
        roleArn,
      },
      {
        startAt: record.resumeAt?.state,
        variables: record.resumeAt?.variables,
        history: this.historyOf(record),
        onStateEntered: (state, stateInput, variables) => {
          const current = this.store.get(record.executionArn);
          if (current?.status === "RUNNING" && !this.closing)
            this.store.put({ ...current, resumeAt: { state, input: stateInput, variables } });
        },
      },
    );
    this.aborts.set(record.executionArn, execution.abort);
    const completion = this.track(execution.outcome).then((outcome: ExecutionOutcome) => {
      this.aborts.delete(record.executionArn);
      this.completions.delete(record.executionArn);
      const current = this.store.get(record.executionArn) as ExecutionRecord;
      // An abort on shutdown is no outcome: the execution resumes when the stack starts again.
      if (this.closing || current.status !== "RUNNING") return childOutcome(current);
      const finished = finishedRecord(current, outcome);
      this.store.put(finished);
      this.historyOf(finished).add(...terminalEvent(finished));
      return childOutcome(finished);
    });
    this.completions.set(record.executionArn, completion);
  }

  /** The history of a record; each event also saves the record (the history is part of it). */
  private historyOf(record: ExecutionRecord): ExecutionHistory {
    record.history ??= [];
    // Every copy of the record shares this array; saving the newest copy saves the events too.
    return new ExecutionHistory(record.history, () =>
      this.store.put(this.store.get(record.executionArn) ?? record),
    );
  }

  /** Waited for by close(): a task call in flight. */
  trackTask(call: Promise<unknown>): void {
    this.track(call.catch(() => undefined));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    // One reaction for both outcomes (`finally` would chain two promises more per execution).
    const forget = () => void this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private record(arn: string | undefined): ExecutionRecord {
    const executionArn = checkedExecutionArn(arn);
    const record = this.store.get(executionArn);
    if (!record)
      throw new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }
}

function notSupported(workflow: LocalWorkflow, why: string): ServiceError {
  return new ServiceError(
    "StateMachineTypeNotSupported",
    `This operation is not supported by this type of state machine: ${workflow.name} is ${workflow.type}; ${why}`,
  );
}

/** The event that closes a history, by how the execution ended. */
function terminalEvent(record: ExecutionRecord): [string, Record<string, unknown>] {
  const failure = {
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
  switch (record.status) {
    case "SUCCEEDED":
      return ["ExecutionSucceeded", { output: record.output, outputDetails: { truncated: false } }];
    case "TIMED_OUT":
      return ["ExecutionTimedOut", failure];
    case "ABORTED":
      return ["ExecutionAborted", failure];
    default:
      return ["ExecutionFailed", failure];
  }
}

function childOutcome(record: ExecutionRecord): ChildOutcome {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    input: record.input,
    output: record.output,
    error: record.error,
    cause: record.cause,
    startDate: record.startDate,
    stopDate: record.stopDate ?? Date.now(),
  };
}

/** An event without `input` / `output` members (GetExecutionHistory's includeExecutionData: false). */
function withoutData(event: HistoryEvent): HistoryEvent {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (!key.endsWith("EventDetails") || !value || typeof value !== "object") return [key, value];
      const {
        input: _input,
        output: _output,
        parameters: _parameters,
        ...rest
      } = value as Record<string, unknown>;
      return [key, rest];
    }),
  ) as HistoryEvent;
}

/** One page of `items` by the request's maxResults / nextToken (a base64 offset). */
function paged<T>(items: T[], request: ExecutionRequest): { page: T[]; nextToken?: string } {
  const size = request.maxResults || DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new ServiceError(
      "ValidationException",
      `1 validation error detected: Value '${request.maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE_SIZE}`,
    );
  }
  let offset = 0;
  if (request.nextToken !== undefined) {
    offset = Number(Buffer.from(request.nextToken, "base64").toString("utf8"));
    if (!Number.isInteger(offset) || offset < 0)
      throw new ServiceError("InvalidToken", `Invalid Token: '${request.nextToken}'`);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  return {
    page,
    ...(next < items.length ? { nextToken: Buffer.from(String(next)).toString("base64") } : {}),
  };
}
