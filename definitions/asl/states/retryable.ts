import { Errors } from "../errors";
import { compact, nonEmpty } from "../private/render";
import { checkAssign } from "../private/payload";
import type { CatcherJson, JsonObject, JsonValue, RetrierJson } from "../types";
import { NextableState } from "./nextable";
import type { IChainable, StateProps, Edge } from "./state";

/** A retry policy for a set of errors, rendered as one `Retry` entry. */
export interface RetryProps {
  /** Error names to retry; `States.ALL` must be last and alone in its retrier. @default [Errors.ALL] */
  readonly errors?: readonly string[];
  /** Seconds before the first retry. @default 1 */
  readonly intervalSeconds?: number;
  /** Retries at most (0 means never). @default 3 */
  readonly maxAttempts?: number;
  /** Multiplier of the interval after each attempt (>= 1). @default 2 */
  readonly backoffRate?: number;
  /** Upper bound of the interval, in seconds. */
  readonly maxDelaySeconds?: number;
  /** `FULL` randomises each interval between 0 and its value, spreading retries of many executions. */
  readonly jitterStrategy?: "FULL" | "NONE";
  readonly comment?: string;
}

/** Where to go when errors are not recovered by retries, rendered as one `Catch` entry. */
export interface CatchProps {
  /** Error names to catch. @default [Errors.ALL] */
  readonly errors?: readonly string[];
  /** JSONPath: where the error output (`{Error, Cause}`) goes in the input; `null` discards it. @default "$" */
  readonly resultPath?: string | null;
  /** JSONata: the output passed to the handler (`$states.errorOutput` by default). */
  readonly output?: JsonValue;
  /** Workflow variables to set when this catcher matches. */
  readonly assign?: JsonObject;
  readonly comment?: string;
}

/** The Step Functions limit on `MaxDelaySeconds` and `IntervalSeconds` (one year). */
const MAX_RETRY_SECONDS = 31_622_400;

/** Base of the states that take `Retry` and `Catch`: Task, Parallel and Map. */
export abstract class RetryableState extends NextableState {
  private readonly retries: RetrierJson[] = [];
  private readonly catches: {
    handler: IChainable;
    json: {
      ErrorEquals: string[];
      ResultPath?: string | null;
      Output?: JsonValue;
      Assign?: JsonObject;
      Comment?: string;
    };
  }[] = [];

  protected constructor(name: string, props: StateProps = {}) {
    super(name, props);
  }

  /** Adds a retrier; retriers are tried in the order they were added. */
  addRetry(props: RetryProps = {}): this {
    const errors = this.checkedErrors(props.errors, "Retry", this.retries);
    this.checkRange("IntervalSeconds", props.intervalSeconds, 1, MAX_RETRY_SECONDS);
    this.checkRange("MaxAttempts", props.maxAttempts, 0, 99_999_999);
    this.checkRange("MaxDelaySeconds", props.maxDelaySeconds, 1, MAX_RETRY_SECONDS);
    if (props.backoffRate !== undefined && props.backoffRate < 1) {
      throw new Error(`State "${this.name}" Retry: BackoffRate must be at least 1, got ${props.backoffRate}`);
    }
    this.retries.push(
      compact({
        ErrorEquals: errors,
        IntervalSeconds: props.intervalSeconds,
        MaxAttempts: props.maxAttempts,
        BackoffRate: props.backoffRate,
        MaxDelaySeconds: props.maxDelaySeconds,
        JitterStrategy: props.jitterStrategy,
        Comment: props.comment,
      }),
    );
    return this;
  }

  /** Adds a catcher that continues with `handler`; catchers are tried in the order they were added. */
  addCatch(handler: IChainable, props: CatchProps = {}): this {
    const errors = this.checkedErrors(
      props.errors,
      "Catch",
      this.catches.map(({ json }) => json),
    );
    this.useFields("JSONPath", { "Catch ResultPath": props.resultPath });
    this.useFields("JSONata", { "Catch Output": props.output });
    const resultPath = this.checkedPath(props.resultPath, "Catch ResultPath", "result");
    if (props.assign !== undefined)
      checkAssign(props.assign, `State "${this.name}" Catch Assign`, this.queryLanguage);
    this.catches.push({
      handler,
      json: compact({
        ErrorEquals: errors,
        ResultPath: resultPath,
        Output: props.output,
        Assign: props.assign,
        Comment: props.comment,
      }),
    });
    return this;
  }

  override transitions(): Edge[] {
    return [
      ...super.transitions(),
      ...this.catches.map(({ handler }) => ({ target: handler.startState, kind: "catch" as const })),
    ];
  }

  /** `Retry` and `Catch`, left out when empty. */
  protected errorHandlingJson(): { Retry?: RetrierJson[]; Catch?: CatcherJson[] } {
    return {
      Retry: nonEmpty(this.retries),
      Catch: nonEmpty(
        this.catches.map(({ handler, json }) => ({ ...json, Next: handler.startState.name }) as CatcherJson),
      ),
    };
  }

  /** Checks a new retrier's or catcher's errors against ASL's rules and the ones added before it. */
  private checkedErrors(
    errors: readonly string[] | undefined,
    field: string,
    earlier: readonly { ErrorEquals: string[] }[],
  ): string[] {
    const list = errors ? [...errors] : [Errors.ALL];
    if (earlier.some((entry) => entry.ErrorEquals.includes(Errors.ALL))) {
      throw new Error(
        `State "${this.name}" ${field}: the ${field.toLowerCase()} for "${Errors.ALL}" must come last; one added after it would never be used`,
      );
    }
    if (list.length === 0) throw new Error(`State "${this.name}" ${field}: name at least one error`);
    if (list.includes(Errors.ALL) && list.length > 1) {
      throw new Error(`State "${this.name}" ${field}: "${Errors.ALL}" must be alone in its ErrorEquals`);
    }
    return list;
  }

  private checkRange(field: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `State "${this.name}" Retry: ${field} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    }
  }
}
