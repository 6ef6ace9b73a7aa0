import { assertPath } from "../jsonpath";
import type { PolicyStatement, StateJson, StateType } from "../types";

/** The longest state name Step Functions accepts. */
export const MAX_STATE_NAME_LENGTH = 80;

/** Options every state accepts. */
export interface StateProps {
  /** A human-readable description, rendered as `Comment`. */
  readonly comment?: string;
  /** Selects part of the state's input; `null` passes `{}`. @default "$" */
  readonly inputPath?: string | null;
  /** Selects part of the state's output; `null` passes `{}`. @default "$" */
  readonly outputPath?: string | null;
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
    this.inputPath = this.checkedPath(props.inputPath, "InputPath");
    this.outputPath = this.checkedPath(props.outputPath, "OutputPath");
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
  protected commonJson(): { Comment?: string; InputPath?: string | null; OutputPath?: string | null } {
    return { Comment: this.comment, InputPath: this.inputPath, OutputPath: this.outputPath };
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
