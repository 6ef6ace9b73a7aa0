import { assertPath } from "../jsonpath";
import { checkAssign } from "../private/payload";
import type { JsonObject, JsonValue, PolicyStatement, QueryLanguage, StateJson, StateType } from "../types";

/** The longest state name Step Functions accepts. */
export const MAX_STATE_NAME_LENGTH = 80;

/** Options every state accepts. */
export interface StateProps {
  /** A human-readable description, rendered as `Comment`. */
  readonly comment?: string;
  /**
   * This state's query language. Left out, a state that uses JSONPath fields (`inputPath`,
   * `parameters`, ...) is JSONPath, one that uses JSONata fields (`output`, `arguments`, a
   * `Condition.jsonata`, ...) is JSONata, and one that uses neither follows the definition.
   * Given here, `QueryLanguage` is rendered on the state even when it equals the definition's
   * (`fromChain(start, { queryLanguage })`), which AWS accepts: its own example restates it on a
   * state, "Set explicitly; could be set and inherited from top-level"
   * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html). Implied by the
   * fields, it is rendered only where it differs.
   */
  readonly queryLanguage?: QueryLanguage;
  /** JSONPath: selects part of the state's input; `null` passes `{}`. @default "$" */
  readonly inputPath?: string | null;
  /** JSONPath: selects part of the state's output; `null` passes `{}`. @default "$" */
  readonly outputPath?: string | null;
  /** JSONata: the state's output, JSON with `{% %}` expressions (`null` outputs `null`). */
  readonly output?: JsonValue;
}

/** Options of the states that may set workflow variables (all but Succeed and Fail). */
export interface AssignProps {
  /**
   * Workflow variables to set after the state runs (`Assign`), read later as `$name`. In JSONPath,
   * keys ending in `.$` take a path or intrinsic; in JSONata values may be `{% %}` expressions.
   * See https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
   */
  readonly assign?: JsonObject;
}

/** Something that can be the next step of a chain: a single state or a chain of states. */
export interface IChainable {
  /** The state the chain starts with. */
  readonly startState: State;
  /** The states a `.next()` after this chain attaches to (empty when every path has ended). */
  readonly endStates: readonly INextable[];
  /** The state most recently added, named in errors when the chain cannot be continued. */
  readonly lastState: State;
}

/** A state that can be followed by another (`Next`), as opposed to Choice, Succeed and Fail. */
export interface INextable {
  readonly name: string;
  /** Sets this state's `Next`; throws if it already has one. */
  setNext(next: State): void;
}

/** A nested state machine: a Parallel branch or a Map item processor. */
export interface Branch {
  readonly start: State;
  readonly comment?: string;
}

/** An edge out of a state, used to walk and draw the graph. */
export interface Edge {
  readonly target: State;
  readonly kind: "next" | "choice" | "default" | "catch";
}

/**
 * Base of all states. A state is an object; the graph is the objects' references, so a transition
 * to a state that does not exist cannot be written. Names are checked when the state is created.
 */
export abstract class State implements IChainable {
  /** The ASL state type. */
  abstract readonly type: StateType;
  readonly comment?: string;
  readonly inputPath?: string | null;
  readonly outputPath?: string | null;
  readonly output?: JsonValue;
  private language?: QueryLanguage;
  private languageSetBy?: string;
  private readonly explicitLanguage: boolean;

  protected constructor(
    readonly name: string,
    props: StateProps = {},
  ) {
    if (name.length === 0) throw new Error("A state needs a name: got an empty string");
    if (name.length > MAX_STATE_NAME_LENGTH) {
      throw new Error(
        `State "${name}": the name is ${name.length} characters long; Step Functions allows at most ${MAX_STATE_NAME_LENGTH}`,
      );
    }
    this.comment = props.comment;
    this.language = props.queryLanguage;
    this.explicitLanguage = props.queryLanguage !== undefined;
    if (props.queryLanguage !== undefined) this.languageSetBy = `its queryLanguage "${props.queryLanguage}"`;
    this.useFields("JSONPath", { InputPath: props.inputPath, OutputPath: props.outputPath });
    this.useFields("JSONata", { Output: props.output });
    this.inputPath = this.checkedPath(props.inputPath, "InputPath");
    this.outputPath = this.checkedPath(props.outputPath, "OutputPath");
    this.output = props.output;
  }

  /**
   * The state's query language: its own, or the one its fields imply, or `undefined` when it uses
   * no language-specific field (then it follows the definition).
   */
  get queryLanguage(): QueryLanguage | undefined {
    return this.language;
  }

  /** Whether the author set `queryLanguage` on this state. */
  get hasExplicitQueryLanguage(): boolean {
    return this.explicitLanguage;
  }

  /**
   * Records fields that exist in only one query language; throws, naming the state and the field,
   * when the state already is (or uses fields of) the other language. AWS: JSONata states have
   * `Arguments` and `Output` instead of InputPath, Parameters, ResultSelector, ResultPath and
   * OutputPath (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
   */
  protected useFields(language: QueryLanguage, fields: Record<string, unknown>): void {
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      if (this.language !== undefined && this.language !== language) {
        throw new Error(
          `State "${this.name}": ${field} is a ${language} field, but the state is ${this.language} (set by ${this.languageSetBy}); ${
            language === "JSONPath"
              ? "in JSONata use arguments/output with {% %} expressions"
              : 'set queryLanguage: "JSONata" and drop its JSONPath fields'
          }`,
        );
      }
      if (this.language === undefined) {
        this.language = language;
        this.languageSetBy = field;
      }
    }
  }

  /** `Assign`, checked as a payload template in JSONPath. */
  protected checkedAssign(assign: JsonObject | undefined): JsonObject | undefined {
    if (assign !== undefined) checkAssign(assign, `State "${this.name}" Assign`, this.language);
    return assign;
  }

  get startState(): State {
    return this;
  }

  get lastState(): State {
    return this;
  }

  abstract get endStates(): readonly INextable[];

  /** The edges out of this state, in render order. */
  abstract transitions(): Edge[];

  /** Renders this state as ASL JSON. */
  abstract toStateJson(): StateJson;

  /** Nested state machines (Parallel branches, a Map's item processor). */
  branches(): Branch[] {
    return [];
  }

  /** The IAM statements running this state needs (Tasks only). */
  permissions(): PolicyStatement[] {
    return [];
  }

  /** The fields every state renders the same way. */
  protected commonJson(): {
    Comment?: string;
    InputPath?: string | null;
    OutputPath?: string | null;
    Output?: JsonValue;
  } {
    return {
      Comment: this.comment,
      InputPath: this.inputPath,
      OutputPath: this.outputPath,
      Output: this.output,
    };
  }

  /** Checks an optional path field (`null` is allowed: it discards). */
  protected checkedPath(
    path: string | null | undefined,
    field: string,
    kind: "path" | "reference" | "result" = "path",
  ) {
    if (typeof path === "string") assertPath(path, kind, `State "${this.name}" ${field}`);
    return path;
  }
}
