import { Intrinsic } from "../intrinsics";
import { compact } from "../private/render";
import type { FailStateJson } from "../types";
import type { INextable, Edge } from "./state";
import { State } from "./state";

/** Options of a Fail state: the error and cause the execution fails with, fixed or read from the input. */
export interface FailProps {
  readonly comment?: string;
  /** JSONPath or JSONata: whether this Fail follows the definition, or is JSONata itself. */
  readonly queryLanguage?: "JSONPath" | "JSONata";
  /** The error name, e.g. `"Failed To Make Pizza"` (in JSONata it may be a `{% %}` expression). */
  readonly error?: string;
  /**
   * JSONPath: a path to read the error name from at run time (instead of `error`), or an intrinsic
   * that returns a string, e.g. `"States.Format('Failed {}', $.id)"`.
   */
  readonly errorPath?: string;
  /** A human-readable cause. */
  readonly cause?: string;
  /** JSONPath: a path to read the cause from at run time (instead of `cause`), or a string intrinsic. */
  readonly causePath?: string;
}

/** Ends the execution as failed. A terminal state: nothing can follow it. */
export class Fail extends State {
  readonly type = "Fail" as const;
  private readonly props: FailProps;

  constructor(name: string, props: FailProps = {}) {
    super(name, { comment: props.comment, queryLanguage: props.queryLanguage });
    this.useFields("JSONPath", { ErrorPath: props.errorPath, CausePath: props.causePath });
    if (props.error !== undefined && props.errorPath !== undefined) {
      throw new Error(`State "${name}": give either error or errorPath, not both`);
    }
    if (props.cause !== undefined && props.causePath !== undefined) {
      throw new Error(`State "${name}": give either cause or causePath, not both`);
    }
    checkFailPath(name, "ErrorPath", props.errorPath, (path) =>
      this.checkedPath(path, "ErrorPath", "reference"),
    );
    checkFailPath(name, "CausePath", props.causePath, (path) =>
      this.checkedPath(path, "CausePath", "reference"),
    );
    this.props = props;
  }

  get endStates(): readonly INextable[] {
    return [];
  }

  transitions(): Edge[] {
    return [];
  }

  toStateJson(): FailStateJson {
    return compact({
      Type: this.type,
      Comment: this.comment,
      Error: this.props.error,
      ErrorPath: this.props.errorPath,
      Cause: this.props.cause,
      CausePath: this.props.causePath,
    }) as FailStateJson;
  }
}

/**
 * The intrinsics AWS allows in ErrorPath and CausePath, the ones that return a string
 * (https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html).
 */
const STRING_INTRINSICS = [
  "Format",
  "JsonToString",
  "ArrayGetItem",
  "Base64Encode",
  "Base64Decode",
  "Hash",
  "UUID",
];

/** ErrorPath and CausePath: a reference path, or a call of one of the string intrinsics. */
function checkFailPath(
  name: string,
  field: string,
  value: string | undefined,
  checkPath: (path: string) => void,
): void {
  if (value === undefined || !value.startsWith("States.")) {
    checkPath(value as string);
    return;
  }
  const fn = /^States\.([A-Za-z0-9]+)\(/.exec(value)?.[1];
  if (fn === undefined || !STRING_INTRINSICS.includes(fn)) {
    throw new Error(
      `State "${name}" ${field}: ${JSON.stringify(value)} is neither a reference path nor one of the intrinsics that return a string (${STRING_INTRINSICS.map((f) => `States.${f}`).join(", ")})`,
    );
  }
  try {
    Intrinsic.parse(value);
  } catch (error) {
    throw new Error(`State "${name}" ${field}: ${(error as Error).message}`);
  }
}
