/**
 * What the Step Functions actions answer, built from the engine's outcome or the stored record.
 * Dates are epoch seconds with a fraction, as the JSON protocol carries them (the SDK turns them
 * into `Date`s); the store keeps milliseconds.
 */
import { randomUUID } from "node:crypto";
import type { ExecutionOutcome, ExecutionStatus } from "./engine";
import type { ExecutionRecord } from "./executionStore";

/**
 * `inputDetails` / `outputDetails` as the service's JSON carries them: AWS includes the model's
 * `__type` (see the StartSyncExecution sample answers in the cdk-patterns "The State Machine" README,
 * /work/shared/seeds), which the SDK ignores and raw HTTP callers of the pizza API see.
 */
export interface ExecutionDataDetails {
  __type: "com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails";
  included: true;
}
const INCLUDED: ExecutionDataDetails = {
  __type: "com.amazonaws.swf.base.model#CloudWatchEventsExecutionDataDetails",
  included: true,
};

/** The result of StartSyncExecution, as AWS returns it. */
export interface SyncExecutionResult {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: number;
  stopDate: number;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  input: string;
  inputDetails: ExecutionDataDetails;
  output?: string;
  outputDetails?: ExecutionDataDetails;
  error?: string;
  cause?: string;
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
  traceHeader: string;
}

/** The result of DescribeExecution. */
export interface DescribedExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  inputDetails: ExecutionDataDetails;
  output?: string;
  outputDetails?: ExecutionDataDetails;
  error?: string;
  cause?: string;
}

/** One entry of ListExecutions. */
export interface ListedExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
}

/** Everything StartSyncExecution needs to report one finished EXPRESS execution. */
export interface SyncExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  /** Epoch milliseconds. */
  readonly startDate: number;
  readonly stopDate: number;
  readonly traceHeader?: string;
}

/**
 * StartSyncExecution's answer. It has no ABORTED: a sync execution that cannot finish FAILED.
 * `outputDetails` is there whatever the status (the seed's FAILED sample has it, without `output`).
 */
export function syncResult(execution: SyncExecution, outcome: ExecutionOutcome): SyncExecutionResult {
  const { startDate, stopDate } = execution;
  const status = outcome.status === "SUCCEEDED" || outcome.status === "TIMED_OUT" ? outcome.status : "FAILED";
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    startDate: startDate / 1000,
    stopDate: stopDate / 1000,
    status,
    input: execution.input,
    inputDetails: INCLUDED,
    ...(outcome.status === "SUCCEEDED" ? { output: JSON.stringify(outcome.output) } : {}),
    outputDetails: INCLUDED,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}),
    // Express bills in 100 ms steps with at least 64 MB.
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate - startDate) / 100) * 100),
    },
    traceHeader:
      execution.traceHeader ??
      `Root=1-${Math.floor(startDate / 1000).toString(16)}-${randomUUID().replace(/-/g, "").slice(0, 24)};Sampled=1`,
  };
}

/** DescribeExecution's answer for a stored STANDARD execution. */
export function describedExecution(record: ExecutionRecord): DescribedExecution {
  return {
    ...listedExecution(record),
    input: record.input,
    inputDetails: INCLUDED,
    ...(record.output !== undefined ? { output: record.output, outputDetails: INCLUDED } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

/** ListExecutions' entry for a stored STANDARD execution. */
export function listedExecution(record: ExecutionRecord): ListedExecution {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate / 1000,
    ...(record.stopDate !== undefined ? { stopDate: record.stopDate / 1000 } : {}),
  };
}

/** The record of an execution that ended: a resumption point no longer applies. */
export function finishedRecord(record: ExecutionRecord, outcome: ExecutionOutcome): ExecutionRecord {
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
