import { checkPayloadTemplate } from "../private/payload";
import { compact } from "../private/render";
import type { JsonataExpression } from "../mapTypes";
import type { BranchJson, JsonObject, ParallelStateJson } from "../types";
import { RetryableState } from "./retryable";
import type { AssignProps, Branch, IChainable, StateProps } from "./state";

/** Options of a Parallel state. */
export interface ParallelProps extends StateProps, AssignProps {
  /** JSONPath: a payload template given to every branch as its input. */
  readonly parameters?: JsonObject;
  /** JSONata: the input given to every branch. */
  readonly arguments?: JsonObject | JsonataExpression;
  /** JSONPath: reshapes the array of branch outputs before `ResultPath` applies. */
  readonly resultSelector?: JsonObject;
  /** JSONPath: where the array of branch outputs goes in the input; `null` discards it. @default "$" */
  readonly resultPath?: string | null;
}

/**
 * Runs branches concurrently and outputs the array of their outputs. Each branch is a nested state
 * machine; state names must still be unique across the whole definition.
 */
export class Parallel extends RetryableState {
  readonly type = "Parallel" as const;
  private readonly branchChains: IChainable[] = [];
  private readonly props: ParallelProps;

  constructor(name: string, props: ParallelProps = {}) {
    super(name, props);
    this.useFields("JSONPath", {
      Parameters: props.parameters,
      ResultSelector: props.resultSelector,
      ResultPath: props.resultPath,
    });
    this.useFields("JSONata", { Arguments: props.arguments });
    this.checkedAssign(props.assign);
    if (props.parameters) checkPayloadTemplate(props.parameters, `State "${name}" Parameters`);
    if (props.resultSelector) checkPayloadTemplate(props.resultSelector, `State "${name}" ResultSelector`);
    this.checkedPath(props.resultPath, "ResultPath", "result");
    this.props = props;
  }

  /** Adds one branch per argument. */
  branch(...branches: IChainable[]): this {
    this.branchChains.push(...branches);
    return this;
  }

  override branches(): Branch[] {
    return this.branchChains.map((chain) => ({ start: chain.startState }));
  }

  /**
   * Renders with the branches rendered by `renderBranch` (the definition's renderer, which also
   * checks names across the whole definition).
   */
  toStateJson(renderBranch: (branch: Branch) => BranchJson = unrendered): ParallelStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      Branches: this.branches().map(renderBranch),
      Parameters: this.props.parameters,
      Arguments: this.props.arguments,
      ResultSelector: this.props.resultSelector,
      ResultPath: this.props.resultPath,
      Assign: this.props.assign,
      ...this.errorHandlingJson(),
      ...this.transitionJson(),
    }) as ParallelStateJson;
  }
}

function unrendered(branch: Branch): BranchJson {
  throw new Error(
    `Branch starting at "${branch.start.name}" must be rendered through StateMachineDefinition`,
  );
}
