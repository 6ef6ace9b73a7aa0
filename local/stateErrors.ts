/**
 * Which Retry / Catch entry handles an error, and how long a retry waits, as the Amazon States
 * Language specifies ("Error handling in Step Functions", AWS Step Functions Developer Guide):
 * `States.ALL` matches every error but `States.Runtime` and `States.DataLimitExceeded`;
 * `States.TaskFailed` every error but `States.Timeout`; retries wait
 * `IntervalSeconds * BackoffRate^attempt` (defaults 1 s, 2.0, 3 attempts), capped by
 * `MaxDelaySeconds`, scaled down at random with `JitterStrategy: FULL`.
 */

/** A Retry entry. */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: "FULL" | "NONE";
}

/** Whether `errorEquals` names `error`. */
export function matchesError(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some(
    (name) =>
      name === error ||
      (name === "States.ALL" && error !== "States.Runtime" && error !== "States.DataLimitExceeded") ||
      (name === "States.TaskFailed" && error !== "States.Timeout" && error !== "States.Runtime"),
  );
}

/** The milliseconds before retry number `attempt` (0-based), or undefined when attempts are used up. */
export function retryDelay(retrier: Retrier, attempt: number): number | undefined {
  if (attempt >= (retrier.MaxAttempts ?? 3)) return undefined;
  let seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === "FULL") seconds *= Math.random();
  return seconds * 1000;
}
