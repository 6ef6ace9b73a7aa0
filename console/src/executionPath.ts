/**
 * The path an execution took, read from its history: each state entered, in order, with its input,
 * output and any error. Event names and detail members are the ones GetExecutionHistory documents
 * (`<Kind>StateEntered` with `stateEnteredEventDetails`, `<Kind>StateExited` with
 * `stateExitedEventDetails`, failures with `error` and `cause` in `<eventName>EventDetails`):
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
import type { HistoryEvent } from "./stepFunctions";

/** One state entered during the execution. */
export interface StateVisit {
  readonly name: string;
  /** Epoch seconds. */
  readonly enteredAt: number;
  exitedAt?: number;
  input?: string;
  output?: string;
  /** An error raised in this state: caught (the path went on) or the one that ended the execution. */
  error?: string;
  cause?: string;
  /** `exited` normally; `failed` where the execution failed; `open` while it is still in the state. */
  status: "exited" | "failed" | "open";
}

/** How the execution ended, when it did not succeed. */
export interface ExecutionFailure {
  readonly error?: string;
  readonly cause?: string;
  /** The state it failed in, when the history says. */
  readonly state?: string;
}

/** The visits in order, and the failure if any. */
export interface ExecutionPath {
  readonly visits: readonly StateVisit[];
  readonly failure?: ExecutionFailure;
}

const ENDING_FAILURES = new Set(["ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

/** Reads the path from a history, oldest event first. */
export function executionPath(events: readonly HistoryEvent[]): ExecutionPath {
  const visits: StateVisit[] = [];
  const open = () => [...visits].reverse().find((visit) => visit.status === "open");
  let failure: ExecutionFailure | undefined;
  for (const event of events) {
    if (event.type.endsWith("StateEntered")) {
      const details = event.stateEnteredEventDetails as { name: string; input?: string } | undefined;
      if (details)
        visits.push({ name: details.name, enteredAt: event.timestamp, input: details.input, status: "open" });
      continue;
    }
    if (event.type.endsWith("StateExited")) {
      const details = event.stateExitedEventDetails as { name: string; output?: string } | undefined;
      const visit = [...visits]
        .reverse()
        .find((candidate) => candidate.name === details?.name && candidate.status === "open");
      if (visit) {
        visit.status = "exited";
        visit.exitedAt = event.timestamp;
        visit.output = details?.output;
      }
      continue;
    }
    const problem = errorDetails(event);
    if (ENDING_FAILURES.has(event.type)) {
      const visit = open() ?? visits[visits.length - 1];
      if (visit) {
        visit.status = "failed";
        visit.error = problem?.error ?? visit.error;
        visit.cause = problem?.cause ?? visit.cause;
      }
      failure = { error: problem?.error, cause: problem?.cause, state: visit?.name };
    } else if (problem) {
      // A task, Lambda or Map failure inside a state: kept on it, whether a Catch takes over or not.
      const visit = open();
      if (visit) {
        visit.error = problem.error;
        visit.cause = problem.cause;
      }
    }
  }
  return { visits, ...(failure ? { failure } : {}) };
}

/** `error`/`cause` of a failure-like event (`...Failed`, `...TimedOut`, `...Aborted`), if it has them. */
function errorDetails(event: HistoryEvent): { error?: string; cause?: string } | undefined {
  if (!/(Failed|TimedOut|Aborted)$/.test(event.type)) return undefined;
  const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
  const details = event[key] as { error?: string; cause?: string } | undefined;
  return details ?? {};
}
