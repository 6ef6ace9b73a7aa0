import { checkPayloadTemplate } from "../private/payload";
import { compact } from "../private/render";
import type { BranchJson, JsonObject, MapStateJson } from "../types";
import { RetryableState } from "./retryable";
import type { Branch, IChainable, StateProps } from "./state";

/** Options of an inline Map state. */
export interface MapProps extends StateProps {
  /** The array in the input to iterate over. @default "$" */
  readonly itemsPath?: string;
  /** Builds each iteration's input; `$$.Map.Item.Value` is the item, `$$.Map.Item.Index` its index. */
  readonly itemSelector?: JsonObject;
  /** Iterations running at once; 0 means as many as possible (up to 40 for inline Maps). @default 0 */
  readonly maxConcurrency?: number;
  /** Reads the concurrency from the input instead. */
  readonly maxConcurrencyPath?: string;
  /** Reshapes the array of iteration outputs before `ResultPath` applies. */
  readonly resultSelector?: JsonObject;
  /** Where the array of iteration outputs goes in the input; `null` discards it. @default "$" */
  readonly resultPath?: string | null;
}

/** Runs the same steps for each item of an array (inline mode) and outputs the array of results. */
export class MapState extends RetryableState {
  readonly type = "Map" as const;
  private processor?: IChainable;
  private readonly props: MapProps;

  constructor(name: string, props: MapProps = {}) {
    super(name, props);
    const where = `State "${name}"`;
    this.checkedPath(props.itemsPath, "ItemsPath", "reference");
    this.checkedPath(props.resultPath, "ResultPath", "result");
    this.checkedPath(props.maxConcurrencyPath, "MaxConcurrencyPath", "reference");
    if (props.itemSelector) checkPayloadTemplate(props.itemSelector, `${where} ItemSelector`);
    if (props.resultSelector) checkPayloadTemplate(props.resultSelector, `${where} ResultSelector`);
    if (props.maxConcurrency !== undefined && props.maxConcurrencyPath !== undefined) {
      throw new Error(`${where}: give either maxConcurrency or maxConcurrencyPath, not both`);
    }
    if (
      props.maxConcurrency !== undefined &&
      (!Number.isInteger(props.maxConcurrency) || props.maxConcurrency < 0)
    ) {
      throw new Error(`${where}: MaxConcurrency must be a whole number >= 0, got ${props.maxConcurrency}`);
    }
    this.props = props;
  }

  /** Sets the steps run for each item. */
  itemProcessor(processor: IChainable): this {
    if (this.processor !== undefined) {
      throw new Error(
        `State "${this.name}" already has an item processor starting at "${this.processor.startState.name}"`,
      );
    }
    this.processor = processor;
    return this;
  }

  override branches(): Branch[] {
    return this.processor ? [{ start: this.processor.startState }] : [];
  }

  /** Renders with the item processor rendered by the definition's renderer. */
  toStateJson(renderBranch: (branch: Branch) => BranchJson = unrendered): MapStateJson {
    const processor = this.branches().map(renderBranch)[0] ?? { StartAt: "", States: {} };
    return compact({
      Type: this.type,
      ...this.commonJson(),
      ItemProcessor: { ProcessorConfig: { Mode: "INLINE" as const }, ...processor },
      ItemsPath: this.props.itemsPath,
      ItemSelector: this.props.itemSelector,
      MaxConcurrency: this.props.maxConcurrency,
      MaxConcurrencyPath: this.props.maxConcurrencyPath,
      ResultSelector: this.props.resultSelector,
      ResultPath: this.props.resultPath,
      ...this.errorHandlingJson(),
      ...this.transitionJson(),
    }) as MapStateJson;
  }
}

function unrendered(branch: Branch): BranchJson {
  throw new Error(
    `Item processor starting at "${branch.start.name}" must be rendered through StateMachineDefinition`,
  );
}
