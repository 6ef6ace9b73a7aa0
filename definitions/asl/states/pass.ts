import { checkPayloadTemplate } from "../private/payload";
import { compact } from "../private/render";
import type { JsonObject, JsonValue, PassStateJson } from "../types";
import { NextableState } from "./nextable";
import type { AssignProps, StateProps } from "./state";

/** Options of a Pass state. */
export interface PassProps extends StateProps, AssignProps {
  /** JSONPath: a fixed result to output instead of the input (in JSONata, use `output`). */
  readonly result?: JsonValue;
  /** JSONPath: a payload template built from the input (keys ending in `.$` take a path or intrinsic). */
  readonly parameters?: JsonObject;
  /** JSONPath: where the result goes in the input; `null` discards it. @default "$" */
  readonly resultPath?: string | null;
}

/** Passes its input to its output, optionally reshaped or replaced; useful to shape data between tasks. */
export class Pass extends NextableState {
  readonly type = "Pass" as const;
  private readonly props: PassProps;

  constructor(name: string, props: PassProps = {}) {
    super(name, props);
    this.useFields("JSONPath", {
      Parameters: props.parameters,
      Result: props.result,
      ResultPath: props.resultPath,
    });
    this.checkedAssign(props.assign);
    if (props.parameters) checkPayloadTemplate(props.parameters, `State "${name}" Parameters`);
    this.checkedPath(props.resultPath, "ResultPath", "result");
    this.props = props;
  }

  toStateJson(): PassStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      Parameters: this.props.parameters,
      Result: this.props.result,
      ResultPath: this.props.resultPath,
      Assign: this.props.assign,
      ...this.transitionJson(),
    }) as PassStateJson;
  }
}
