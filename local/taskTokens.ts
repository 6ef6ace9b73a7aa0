/**
 * Tasks that wait for a callback (`.waitForTaskToken`): each gets a token, and SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat answer it with the service's errors (AWS Step Functions API
 * Reference: `InvalidToken` for a token that is not one, `TaskDoesNotExist` for a task that no longer
 * waits, `TaskTimedOut` for one that timed out, `InvalidOutput` for output that is not JSON).
 * `HeartbeatSeconds` is enforced here: a task not heartbeated in time fails with
 * `States.HeartbeatTimeout`, as in AWS.
 */
import { randomBytes } from "node:crypto";
import { MAX_PAYLOAD_BYTES } from "./executionRules";
import { ServiceError } from "./serviceErrors";
import { TaskError } from "./taskError";

/** What a waiting task needs to know. */
export interface WaitingTask {
  readonly executionArn: string;
  readonly stateName: string;
  readonly heartbeatSeconds?: number;
}

interface Waiter extends WaitingTask {
  resolve(output: unknown): void;
  reject(error: Error): void;
  heartbeatTimer?: NodeJS.Timeout;
}

/** A prefix that marks our tokens, so a token of another origin is `InvalidToken`, not `TaskDoesNotExist`. */
const TOKEN_PREFIX = "AQCEAAAAKgAAAAMAAAAAAAAAA";

/** Every task waiting for a token in this stack. */
export class TaskTokens {
  private readonly waiting = new Map<string, Waiter>();
  private readonly timedOut = new Set<string>();

  /** A fresh token, for `$$.Task.Token` / `$states.context.Task.Token`. */
  newToken(): string {
    return `${TOKEN_PREFIX}${randomBytes(96).toString("base64url")}`;
  }

  /** Waits for `token` to be answered; the promise settles with the output or the failure. */
  wait(token: string, task: WaitingTask, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { ...task, resolve, reject };
      this.waiting.set(token, waiter);
      this.armHeartbeat(token, waiter);
      signal?.addEventListener("abort", () => this.settle(token, () => reject(new Error("aborted"))), {
        once: true,
      });
    });
  }

  /** SendTaskSuccess. */
  succeed(token: string | undefined, output: string | undefined): Record<string, never> {
    const checked = this.checkedOutput(output);
    const waiter = this.waiter(token);
    this.settle(token as string, () => waiter.resolve(checked));
    return {};
  }

  /** SendTaskFailure: the task fails with `error` (default `States.TaskFailed`... AWS leaves it empty) and `cause`. */
  fail(token: string | undefined, error?: string, cause?: string): Record<string, never> {
    const waiter = this.waiter(token);
    this.settle(token as string, () => waiter.reject(new TaskError(error ?? "", cause ?? "")));
    return {};
  }

  /** SendTaskHeartbeat: restarts the task's HeartbeatSeconds. */
  heartbeat(token: string | undefined): Record<string, never> {
    const waiter = this.waiter(token);
    this.armHeartbeat(token as string, waiter);
    return {};
  }

  /** Stops waiting for every task (the stack is stopping; the executions resume at the next start). */
  close(): void {
    for (const token of [...this.waiting.keys()])
      this.settle(token, (waiter) => waiter.reject(new Error("The local stack is stopping")));
  }

  private waiter(token: string | undefined): Waiter {
    if (token === undefined || token === "")
      throw new ServiceError(
        "ValidationException",
        "1 validation error detected: Value null at 'taskToken' failed to satisfy constraint: Member must not be null",
      );
    if (token.length > 2048 || !token.startsWith(TOKEN_PREFIX))
      throw new ServiceError("InvalidToken", "Invalid Token: 'Invalid token'");
    const waiter = this.waiting.get(token);
    if (waiter) return waiter;
    if (this.timedOut.has(token))
      throw new ServiceError("TaskTimedOut", "Task Timed Out: 'Provided task has timed out'");
    throw new ServiceError("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");
  }

  private checkedOutput(output: string | undefined): unknown {
    if (output === undefined)
      throw new ServiceError(
        "ValidationException",
        "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null",
      );
    if (Buffer.byteLength(output) > MAX_PAYLOAD_BYTES)
      throw new ServiceError(
        "InvalidOutput",
        `Invalid Output: the output is over ${MAX_PAYLOAD_BYTES} bytes`,
      );
    try {
      return JSON.parse(output) as unknown;
    } catch (error) {
      throw new ServiceError("InvalidOutput", `Invalid Output: '${(error as Error).message}'`);
    }
  }

  private armHeartbeat(token: string, waiter: Waiter): void {
    if (waiter.heartbeatSeconds === undefined) return;
    clearTimeout(waiter.heartbeatTimer);
    waiter.heartbeatTimer = setTimeout(() => {
      this.timedOut.add(token);
      this.settle(token, () =>
        waiter.reject(
          new TaskError("States.HeartbeatTimeout", `No heartbeat for ${waiter.heartbeatSeconds} s`),
        ),
      );
    }, waiter.heartbeatSeconds * 1000);
    waiter.heartbeatTimer.unref();
  }

  private settle(token: string, action: (waiter: Waiter) => void): void {
    const waiter = this.waiting.get(token);
    if (!waiter) return;
    clearTimeout(waiter.heartbeatTimer);
    this.waiting.delete(token);
    action(waiter);
  }
}
