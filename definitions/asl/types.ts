/**
 * The rendered form of an Amazon States Language definition, as plain JSON types, in both query
 * languages (JSONPath, the default, and JSONata).
 *
 * `N` is the union of state names the definition declares. Every `Next`, `Default` and Catch `Next`
 * is typed `N`, so a reference to a state that is never declared does not compile, and every
 * non-terminal state is `Next`-or-`End` (a discriminated union), so having both does not compile.
 *
 * `D` is the definition's default query language. A state in the other language must say so with its
 * own `QueryLanguage`; each language has its own fields, and a field of the other language is typed
 * `never`, so `Parameters` in a JSONata state, or `Output` in a JSONPath state, does not compile. AWS:
 * "JSONata [...] fields will be reduced from five JSONPath fields (InputPath, Parameters,
 * ResultSelector, ResultPath, and OutputPath) to only two fields: Arguments and Output"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html); which state takes
 * which field follows each state's reference page (https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
 * and its siblings) and the field list of AWS's amazon-states-language-service (`validationSchema.ts`).
 */
import type {
  ItemBatcherJson,
  ItemReaderJson,
  JsonataExpression,
  ProcessorConfigJson,
  ResultWriterJson,
} from "./mapTypes";

/** A JSON value as it may appear in `Parameters`, `Result`, `ItemSelector` or `ResultSelector`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Either `Next: <state>` or `End: true`, never both and never neither. */
export type Transition<N extends string> = { Next: N; End?: never } | { End: true; Next?: never };

/** The query languages of ASL. JSONPath is the default when neither the definition nor the state says. */
export type QueryLanguage = "JSONPath" | "JSONata";

/**
 * A state's own `QueryLanguage` when it is written in `L` inside a definition whose default is `D`:
 * optional when `L` is the default (or when the default is not known), required otherwise.
 */
export type LanguageField<L extends QueryLanguage, D extends QueryLanguage> = [L] extends [D]
  ? { QueryLanguage?: L }
  : { QueryLanguage: L };

/** Workflow variables a state sets (`$name` afterwards), in either language. */
export interface AssignField {
  /** Values are JSON, paths (keys ending in `.$`) in JSONPath, or `{% %}` expressions in JSONata. */
  Assign?: JsonObject;
}

/** The fields only JSONPath states have: typed `never` in a JSONata state, so they do not compile there. */
export interface NoJsonPathFields {
  InputPath?: never;
  OutputPath?: never;
  Parameters?: never;
  ResultSelector?: never;
  ResultPath?: never;
  Result?: never;
  ItemsPath?: never;
  Iterator?: never;
  TimeoutSecondsPath?: never;
  HeartbeatSecondsPath?: never;
  SecondsPath?: never;
  TimestampPath?: never;
  ErrorPath?: never;
  CausePath?: never;
  MaxConcurrencyPath?: never;
  ToleratedFailureCountPath?: never;
  ToleratedFailurePercentagePath?: never;
}

/** The fields only JSONata states have: typed `never` in a JSONPath state. */
export interface NoJsonataFields {
  Arguments?: never;
  Output?: never;
  Items?: never;
}

/** `InputPath` and `OutputPath` (JSONPath): `null` discards the input or output (`{}` is passed on). */
export interface IoPaths {
  Comment?: string;
  InputPath?: string | null;
  OutputPath?: string | null;
}

/** Fields of JSONPath states that produce a result (Pass, Task, Parallel, Map). */
export interface ResultFields {
  /** Where the result goes in the state's input; `null` discards it and passes the input on. */
  ResultPath?: string | null;
}

/** `Output` of a JSONata state: any JSON, with `{% %}` expressions; `$states.result` by default. */
export interface OutputField {
  Comment?: string;
  Output?: JsonValue;
}

/** A JSONPath state of a definition whose default language is `D`. */
type InJsonPath<D extends QueryLanguage> = LanguageField<"JSONPath", D> & NoJsonataFields;
/** A JSONata state of a definition whose default language is `D`. */
type InJsonata<D extends QueryLanguage> = LanguageField<"JSONata", D> & NoJsonPathFields;

export interface RetrierJson {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
}

/** A catcher: `ResultPath` in JSONPath, `Output` in JSONata; `Assign` in both. */
export type CatcherJson<N extends string = string, L extends QueryLanguage = QueryLanguage> = {
  ErrorEquals: string[];
  Next: N;
  Comment?: string;
  Assign?: JsonObject;
} & (
  | ("JSONPath" extends L ? { ResultPath?: string | null; Output?: never } : never)
  | ("JSONata" extends L ? { Output?: JsonValue; ResultPath?: never } : never)
);

export type PassStateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> = {
  Type: "Pass";
} & AssignField &
  Transition<N> &
  (
    | (InJsonPath<D> & IoPaths & ResultFields & { Parameters?: JsonObject; Result?: JsonValue })
    | (InJsonata<D> & OutputField)
  );

type TaskCommon<N extends string> = {
  Type: "Task";
  /** A service integration ARN, a Lambda or Activity ARN; a JSONata state may compute it. */
  Resource: string;
  /** A role to assume for this task (`RoleArn`, or `RoleArn.$` in JSONPath). */
  Credentials?: JsonObject;
  Retry?: RetrierJson[];
} & AssignField &
  Transition<N>;

export type TaskStateJson<
  N extends string = string,
  D extends QueryLanguage = QueryLanguage,
> = TaskCommon<N> &
  (
    | (InJsonPath<D> &
        IoPaths &
        ResultFields & {
          Parameters?: JsonObject;
          ResultSelector?: JsonObject;
          TimeoutSeconds?: number;
          TimeoutSecondsPath?: string;
          HeartbeatSeconds?: number;
          HeartbeatSecondsPath?: string;
          Catch?: CatcherJson<N, "JSONPath">[];
        })
    | (InJsonata<D> &
        OutputField & {
          Arguments?: JsonObject | JsonataExpression;
          TimeoutSeconds?: number | JsonataExpression;
          HeartbeatSeconds?: number | JsonataExpression;
          Catch?: CatcherJson<N, "JSONata">[];
        })
  );

export type WaitStateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> = {
  Type: "Wait";
} & AssignField &
  Transition<N> &
  (
    | (InJsonPath<D> &
        IoPaths & {
          Seconds?: number;
          SecondsPath?: string;
          Timestamp?: string;
          TimestampPath?: string;
        })
    | (InJsonata<D> & OutputField & { Seconds?: number | JsonataExpression; Timestamp?: string })
  );

export type SucceedStateJson<D extends QueryLanguage = QueryLanguage> = { Type: "Succeed" } & (
  (InJsonPath<D> & IoPaths) | (InJsonata<D> & OutputField)
);

export type FailStateJson<D extends QueryLanguage = QueryLanguage> = {
  Type: "Fail";
  Comment?: string;
  /** The error name; in JSONata it may be a `{% %}` expression. */
  Error?: string;
  Cause?: string;
} & (
  | (LanguageField<"JSONPath", D> & { ErrorPath?: string; CausePath?: string })
  | (LanguageField<"JSONata", D> & { ErrorPath?: never; CausePath?: never })
);

/** A JSONPath condition inside a Choice rule (comparison or And/Or/Not), without `Next`. */
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

/** A top-level JSONPath Choice rule: a condition plus the state to go to (and variables to set). */
export type ChoiceRuleJson<N extends string = string> = ConditionJson & {
  Next: N;
  Assign?: JsonObject;
  Condition?: never;
  Output?: never;
};

/** A JSONata Choice rule: a `{% %}` boolean expression (`Condition`), its target, and what it sets. */
export interface JsonataChoiceRuleJson<N extends string = string> {
  Condition: JsonataExpression | boolean;
  Next: N;
  Comment?: string;
  Assign?: JsonObject;
  Output?: JsonValue;
  Variable?: never;
}

export type ChoiceStateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> = {
  Type: "Choice";
  Default?: N;
} & AssignField &
  (
    | (InJsonPath<D> & IoPaths & { Choices: ChoiceRuleJson<N>[] })
    | (InJsonata<D> & OutputField & { Choices: JsonataChoiceRuleJson<N>[] })
  );

/** A nested state machine: a Parallel branch or a Map item processor. */
export interface BranchJson<D extends QueryLanguage = QueryLanguage> {
  StartAt: string;
  States: Record<string, StateJson<string, D>>;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/** A Map's item processor: a nested state machine plus how it runs (inline unless it says). */
export interface ItemProcessorJson<D extends QueryLanguage = QueryLanguage> extends BranchJson<D> {
  ProcessorConfig?: ProcessorConfigJson;
}

type RetryCatch<N extends string, L extends QueryLanguage> = {
  Retry?: RetrierJson[];
  Catch?: CatcherJson<N, L>[];
};

export type ParallelStateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> = {
  Type: "Parallel";
  Branches: BranchJson<D>[];
} & AssignField &
  Transition<N> &
  (
    | (InJsonPath<D> &
        IoPaths &
        ResultFields &
        RetryCatch<N, "JSONPath"> & { Parameters?: JsonObject; ResultSelector?: JsonObject })
    | (InJsonata<D> & OutputField & RetryCatch<N, "JSONata"> & { Arguments?: JsonObject | JsonataExpression })
  );

/** Map fields both languages share (the Distributed Map ones apply only in DISTRIBUTED mode). */
type MapCommon = {
  Type: "Map";
  /** Builds each item's input (in JSONPath, `.$` keys read `$$.Map.Item.Value`). */
  ItemSelector?: JsonObject | JsonataExpression;
  /** Distributed: reads the items from S3 instead of the input. */
  ItemReader?: ItemReaderJson;
  /** Distributed: groups items into batches. */
  ItemBatcher?: ItemBatcherJson;
  /** Distributed: writes the results to S3. */
  ResultWriter?: ResultWriterJson;
  /** Distributed: a name for the child executions (at most 40 characters). */
  Label?: string;
} & AssignField;

/** The nested state machine: `ItemProcessor`, or the legacy `Iterator` (JSONPath, inline only). */
type MapProcessor<D extends QueryLanguage> =
  | { ItemProcessor: ItemProcessorJson<D>; Iterator?: never }
  | { Iterator: BranchJson<D>; ItemProcessor?: never };

export type MapStateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> = MapCommon &
  Transition<N> &
  (
    | (InJsonPath<D> &
        IoPaths &
        ResultFields &
        RetryCatch<N, "JSONPath"> &
        MapProcessor<D> & {
          ItemsPath?: string;
          /** Legacy name of `ItemSelector`. */
          Parameters?: JsonObject;
          ResultSelector?: JsonObject;
          MaxConcurrency?: number;
          MaxConcurrencyPath?: string;
          ToleratedFailureCount?: number;
          ToleratedFailureCountPath?: string;
          ToleratedFailurePercentage?: number;
          ToleratedFailurePercentagePath?: string;
        })
    | (InJsonata<D> &
        OutputField &
        RetryCatch<N, "JSONata"> & {
          ItemProcessor: ItemProcessorJson<D>;
          /** The array to iterate over: a JSON array or an expression. @default "{% $states.input %}" */
          Items?: JsonValue[] | JsonataExpression;
          MaxConcurrency?: number | JsonataExpression;
          ToleratedFailureCount?: number | JsonataExpression;
          ToleratedFailurePercentage?: number | JsonataExpression;
        })
  );

/** Any rendered state; `N` is the union of the names a transition may target. */
export type StateJson<N extends string = string, D extends QueryLanguage = QueryLanguage> =
  | PassStateJson<N, D>
  | TaskStateJson<N, D>
  | WaitStateJson<N, D>
  | SucceedStateJson<D>
  | FailStateJson<D>
  | ChoiceStateJson<N, D>
  | ParallelStateJson<N, D>
  | MapStateJson<N, D>;

/** The state types of ASL. */
export type StateType = StateJson["Type"];

/** A whole rendered definition. `States` holds exactly the names in `N`. */
export interface AslDefinition<N extends string = string, D extends QueryLanguage = QueryLanguage> {
  Comment?: string;
  StartAt: N;
  States: { [K in N]: StateJson<N, D> };
  TimeoutSeconds?: number;
  Version?: "1.0";
  /** The default query language of every state. @default "JSONPath" */
  QueryLanguage?: QueryLanguage;
}

/** An IAM policy statement a state machine's role needs; see `StateMachineDefinition.permissions()`. */
export interface PolicyStatement {
  Effect: "Allow";
  Action: string[];
  Resource: string[];
}
