/**
 * The rendered form of an Amazon States Language (JSONPath) definition, as plain JSON types.
 *
 * `N` is the union of state names the definition declares. Every `Next`, `Default` and Catch `Next`
 * is typed `N`, so a reference to a state that is never declared does not compile, and every
 * non-terminal state is `Next`-or-`End` (a discriminated union), so having both does not compile.
 */

/** A JSON value as it may appear in `Parameters`, `Result`, `ItemSelector` or `ResultSelector`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Either `Next: <state>` or `End: true`, never both and never neither. */
export type Transition<N extends string> = { Next: N; End?: never } | { End: true; Next?: never };

/** `InputPath` and `OutputPath`: `null` discards the input or output (`{}` is passed on). */
export interface IoPaths {
  Comment?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
}

/** Fields of states that produce a result (Pass, Task, Parallel, Map). */
export interface ResultFields {
  /** Where the result goes in the state's input; `null` discards it and passes the input on. */
  ResultPath?: string | null;
}

export interface RetrierJson {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
}

export interface CatcherJson<N extends string = string> {
  ErrorEquals: string[];
  Next: N;
  ResultPath?: string | null;
  Comment?: string;
}

export type PassStateJson<N extends string = string> = { Type: "Pass" } & IoPaths &
  ResultFields & {
    Parameters?: JsonObject;
    Result?: JsonValue;
  } & Transition<N>;

export type TaskStateJson<N extends string = string> = { Type: "Task"; Resource: string } & IoPaths &
  ResultFields & {
    Parameters?: JsonObject;
    ResultSelector?: JsonObject;
    TimeoutSeconds?: number;
    TimeoutSecondsPath?: string;
    HeartbeatSeconds?: number;
    HeartbeatSecondsPath?: string;
    Retry?: RetrierJson[];
    Catch?: CatcherJson<N>[];
  } & Transition<N>;

export type WaitStateJson<N extends string = string> = { Type: "Wait" } & IoPaths & {
    Seconds?: number;
    SecondsPath?: string;
    Timestamp?: string;
    TimestampPath?: string;
  } & Transition<N>;

export interface SucceedStateJson extends IoPaths {
  Type: "Succeed";
}

export interface FailStateJson {
  Type: "Fail";
  Comment?: string;
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/** A condition inside a Choice rule (comparison or And/Or/Not), without `Next`. */
export interface ConditionJson {
  Variable?: string;
  And?: ConditionJson[];
  Or?: ConditionJson[];
  Not?: ConditionJson;
  StringEquals?: string;
  StringEqualsPath?: string;
  StringLessThan?: string;
  StringLessThanPath?: string;
  StringGreaterThan?: string;
  StringGreaterThanPath?: string;
  StringLessThanEquals?: string;
  StringLessThanEqualsPath?: string;
  StringGreaterThanEquals?: string;
  StringGreaterThanEqualsPath?: string;
  StringMatches?: string;
  NumericEquals?: number;
  NumericEqualsPath?: string;
  NumericLessThan?: number;
  NumericLessThanPath?: string;
  NumericGreaterThan?: number;
  NumericGreaterThanPath?: string;
  NumericLessThanEquals?: number;
  NumericLessThanEqualsPath?: string;
  NumericGreaterThanEquals?: number;
  NumericGreaterThanEqualsPath?: string;
  BooleanEquals?: boolean;
  BooleanEqualsPath?: string;
  TimestampEquals?: string;
  TimestampEqualsPath?: string;
  TimestampLessThan?: string;
  TimestampLessThanPath?: string;
  TimestampGreaterThan?: string;
  TimestampGreaterThanPath?: string;
  TimestampLessThanEquals?: string;
  TimestampLessThanEqualsPath?: string;
  TimestampGreaterThanEquals?: string;
  TimestampGreaterThanEqualsPath?: string;
  IsPresent?: boolean;
  IsNull?: boolean;
  IsString?: boolean;
  IsNumeric?: boolean;
  IsBoolean?: boolean;
  IsTimestamp?: boolean;
  Comment?: string;
}

/** A top-level Choice rule: a condition plus the state to go to when it matches. */
export type ChoiceRuleJson<N extends string = string> = ConditionJson & { Next: N };

export interface ChoiceStateJson<N extends string = string> extends IoPaths {
  Type: "Choice";
  Choices: ChoiceRuleJson<N>[];
  Default?: N;
}

/** A nested state machine: a Parallel branch or a Map item processor. */
export interface BranchJson {
  StartAt: string;
  States: Record<string, StateJson>;
  Comment?: string;
}

export type ParallelStateJson<N extends string = string> = {
  Type: "Parallel";
  Branches: BranchJson[];
} & IoPaths &
  ResultFields & {
    Parameters?: JsonObject;
    ResultSelector?: JsonObject;
    Retry?: RetrierJson[];
    Catch?: CatcherJson<N>[];
  } & Transition<N>;

export type MapStateJson<N extends string = string> = {
  Type: "Map";
  ItemProcessor: BranchJson & { ProcessorConfig: { Mode: "INLINE" } };
} & IoPaths &
  ResultFields & {
    ItemsPath?: string;
    ItemSelector?: JsonObject;
    MaxConcurrency?: number;
    MaxConcurrencyPath?: string;
    ResultSelector?: JsonObject;
    Retry?: RetrierJson[];
    Catch?: CatcherJson<N>[];
  } & Transition<N>;

/** Any rendered state; `N` is the union of the names a transition may target. */
export type StateJson<N extends string = string> =
  | PassStateJson<N>
  | TaskStateJson<N>
  | WaitStateJson<N>
  | SucceedStateJson
  | FailStateJson
  | ChoiceStateJson<N>
  | ParallelStateJson<N>
  | MapStateJson<N>;

/** The state types of ASL. */
export type StateType = StateJson["Type"];

/** A whole rendered definition. `States` holds exactly the names in `N`. */
export interface AslDefinition<N extends string = string> {
  Comment?: string;
  StartAt: N;
  States: { [K in N]: StateJson<N> };
  TimeoutSeconds?: number;
  Version?: "1.0";
  QueryLanguage?: "JSONPath";
}

/** An IAM policy statement a state machine's role needs; see `StateMachineDefinition.permissions()`. */
export interface PolicyStatement {
  Effect: "Allow";
  Action: string[];
  Resource: string[];
}
