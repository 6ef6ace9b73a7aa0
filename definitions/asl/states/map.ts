import type { ItemReader, ResultWriter } from "../itemSources";
import type { ItemBatcherJson, JsonataExpression } from "../mapTypes";
import { checkPayloadTemplate } from "../private/payload";
import { compact } from "../private/render";
import type { BranchJson, JsonObject, JsonValue, MapStateJson, PolicyStatement } from "../types";
import { RetryableState } from "./retryable";
import type { AssignProps, Branch, IChainable, StateProps } from "./state";

/** Options of a Map state (inline unless `mode: "DISTRIBUTED"`). */
export interface MapProps extends StateProps, AssignProps {
  /** JSONPath: the array in the input to iterate over. @default "$" */
  readonly itemsPath?: string;
  /** JSONata: the array to iterate over, or an expression giving it. @default "{% $states.input %}" */
  readonly items?: JsonValue[] | JsonataExpression;
  /** Builds each iteration's input; `$$.Map.Item.Value` is the item, `$$.Map.Item.Index` its index. */
  readonly itemSelector?: JsonObject;
  /** Iterations running at once; 0 means as many as possible (up to 40 inline, 10,000 distributed). @default 0 */
  readonly maxConcurrency?: number | JsonataExpression;
  /** JSONPath: reads the concurrency from the input instead. */
  readonly maxConcurrencyPath?: string;
  /** JSONPath: reshapes the array of iteration outputs before `ResultPath` applies. */
  readonly resultSelector?: JsonObject;
  /**
   * Renders the legacy form AWS still runs: `Iterator` instead of `ItemProcessor` (inline only), and
   * `parameters` instead of `itemSelector` (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html).
   */
  readonly legacyIterator?: boolean;
  /** JSONPath, legacy: the name `Parameters` had before `ItemSelector`; give one or the other. */
  readonly parameters?: JsonObject;
  /** JSONPath: where the array of iteration outputs goes in the input; `null` discards it. @default "$" */
  readonly resultPath?: string | null;
  /**
   * `DISTRIBUTED` runs each item (or batch) as a child execution, up to 10,000 at once, and is the
   * only mode that honours the settings below. @default "INLINE"
   */
  readonly mode?: "INLINE" | "DISTRIBUTED";
  /** Distributed: the child executions' type. @default "STANDARD" */
  readonly executionType?: "STANDARD" | "EXPRESS";
  /** Distributed: reads the items from S3 (`ItemReader.s3Csv(...)`, ...) instead of the input. */
  readonly itemReader?: ItemReader;
  /** Distributed: groups items into batches. */
  readonly itemBatcher?: ItemBatcherJson;
  /** Distributed: writes the results to S3 (`ResultWriter.s3(...)`) instead of returning them. */
  readonly resultWriter?: ResultWriter;
  /** Distributed: fails the Map only after more than this many items failed. */
  readonly toleratedFailureCount?: number | JsonataExpression;
  /** Distributed, JSONPath: reads the count from the input. */
  readonly toleratedFailureCountPath?: string;
  /** Distributed: fails the Map only after more than this percentage of items failed. */
  readonly toleratedFailurePercentage?: number | JsonataExpression;
  /** Distributed, JSONPath: reads the percentage from the input. */
  readonly toleratedFailurePercentagePath?: string;
  /** Distributed: a label for the child executions' names (at most 40 characters). */
  readonly label?: string;
}

/** The settings only a Distributed Map honours (AWS: state-map-distributed.html). */
const DISTRIBUTED_ONLY = [
  "executionType",
  "itemReader",
  "itemBatcher",
  "resultWriter",
  "toleratedFailureCount",
  "toleratedFailureCountPath",
  "toleratedFailurePercentage",
  "toleratedFailurePercentagePath",
  "label",
] as const;

/**
 * Runs the same steps for each item of an array and outputs the array of results: inline, or as a
 * Distributed Map whose items may come from S3 and whose results may go to S3.
 */
export class MapState extends RetryableState {
  readonly type = "Map" as const;
  private processor?: IChainable;
  private readonly props: MapProps;

  constructor(name: string, props: MapProps = {}) {
    super(name, props);
    const where = `State "${name}"`;
    const distributed = props.mode === "DISTRIBUTED";
    if (!distributed) {
      const given = DISTRIBUTED_ONLY.filter((setting) => props[setting] !== undefined);
      if (given.length > 0) {
        throw new Error(
          `${where}: ${given.join(", ")} ${given.length > 1 ? "are" : "is"} honoured only by a Distributed Map; add mode: "DISTRIBUTED" or remove ${given.length > 1 ? "them" : "it"}`,
        );
      }
    }
    if (props.legacyIterator && distributed) {
      throw new Error(`${where}: the legacy Iterator is inline only; a Distributed Map uses ItemProcessor`);
    }
    if (props.parameters !== undefined && props.itemSelector !== undefined) {
      throw new Error(`${where}: give either itemSelector or its legacy name parameters, not both`);
    }
    if (props.parameters) checkPayloadTemplate(props.parameters, `${where} Parameters`);
    this.useFields("JSONPath", {
      Iterator: props.legacyIterator || undefined,
      Parameters: props.parameters,
      ItemsPath: props.itemsPath,
      MaxConcurrencyPath: props.maxConcurrencyPath,
      ResultSelector: props.resultSelector,
      ResultPath: props.resultPath,
      ToleratedFailureCountPath: props.toleratedFailureCountPath,
      ToleratedFailurePercentagePath: props.toleratedFailurePercentagePath,
    });
    this.useFields("JSONata", {
      Items: props.items,
      ...expressions({
        MaxConcurrency: props.maxConcurrency,
        ToleratedFailureCount: props.toleratedFailureCount,
        ToleratedFailurePercentage: props.toleratedFailurePercentage,
      }),
    });
    // A reader or writer written as ASL JSON is in the language of its request key (Arguments or
    // Parameters); a built one renders Parameters unless the Map says it is JSONata (then Arguments).
    for (const [field, source] of [
      ["ItemReader", props.itemReader],
      ["ResultWriter", props.resultWriter],
    ] as const) {
      if (source?.language !== undefined) this.useFields(source.language, { [field]: source });
    }
    if (this.queryLanguage === undefined && (props.itemReader || props.resultWriter)) {
      this.useFields("JSONPath", { ItemReader: props.itemReader, ResultWriter: props.resultWriter });
    }
    this.checkedAssign(props.assign);
    this.checkedPath(props.itemsPath, "ItemsPath", "reference");
    this.checkedPath(props.resultPath, "ResultPath", "result");
    this.checkedPath(props.maxConcurrencyPath, "MaxConcurrencyPath", "reference");
    this.checkedPath(props.toleratedFailureCountPath, "ToleratedFailureCountPath", "reference");
    this.checkedPath(props.toleratedFailurePercentagePath, "ToleratedFailurePercentagePath", "reference");
    if (props.itemSelector && this.queryLanguage !== "JSONata")
      checkPayloadTemplate(props.itemSelector, `${where} ItemSelector`);
    if (props.resultSelector) checkPayloadTemplate(props.resultSelector, `${where} ResultSelector`);
    exclusive(where, "maxConcurrency", props.maxConcurrency, "maxConcurrencyPath", props.maxConcurrencyPath);
    exclusive(
      where,
      "toleratedFailureCount",
      props.toleratedFailureCount,
      "toleratedFailureCountPath",
      props.toleratedFailureCountPath,
    );
    exclusive(
      where,
      "toleratedFailurePercentage",
      props.toleratedFailurePercentage,
      "toleratedFailurePercentagePath",
      props.toleratedFailurePercentagePath,
    );
    wholeNumber(where, "MaxConcurrency", props.maxConcurrency, 0);
    wholeNumber(where, "ToleratedFailureCount", props.toleratedFailureCount, 0);
    const percentage = props.toleratedFailurePercentage;
    if (typeof percentage === "number" && !(percentage >= 0 && percentage <= 100)) {
      throw new Error(`${where}: ToleratedFailurePercentage must be from 0 to 100, got ${percentage}`);
    }
    if (
      props.label !== undefined &&
      (props.label.length > 40 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(props.label))
    ) {
      throw new Error(
        `${where}: Label "${props.label}" must be at most 40 characters without spaces or any of <>{}[]?*"#%\\^|~\`$&,;:/`,
      );
    }
    this.props = props;
  }

  /** Whether this Map runs its items as child executions. */
  get distributed(): boolean {
    return this.props.mode === "DISTRIBUTED";
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

  /**
   * S3 access for the reader and writer. The child executions' `states:StartExecution` on the state
   * machine itself is added by `StateMachineDefinition.permissions()`, which is given its ARN.
   */
  override permissions(): PolicyStatement[] {
    return [
      ...(this.props.itemReader?.permissions ?? []),
      ...(this.props.resultWriter?.permissions ?? []),
    ].map((statement) => ({
      ...statement,
      Action: [...statement.Action],
      Resource: [...statement.Resource],
    }));
  }

  /** Renders with the item processor rendered by the definition's renderer. */
  toStateJson(renderBranch: (branch: Branch) => BranchJson = unrendered): MapStateJson {
    const processor = this.branches().map(renderBranch)[0] ?? { StartAt: "", States: {} };
    const language = this.queryLanguage === "JSONata" ? "JSONata" : "JSONPath";
    const p = this.props;
    return compact({
      Type: this.type,
      ...this.commonJson(),
      ...(p.legacyIterator
        ? { Iterator: processor }
        : {
            ItemProcessor: {
              ProcessorConfig: this.distributed
                ? { Mode: "DISTRIBUTED" as const, ExecutionType: p.executionType ?? "STANDARD" }
                : { Mode: "INLINE" as const },
              ...processor,
            },
          }),
      Items: p.items,
      ItemsPath: p.itemsPath,
      ItemReader: p.itemReader?.toJson(language),
      ItemSelector: p.itemSelector,
      Parameters: p.parameters,
      ItemBatcher: p.itemBatcher,
      MaxConcurrency: p.maxConcurrency,
      MaxConcurrencyPath: p.maxConcurrencyPath,
      ToleratedFailureCount: p.toleratedFailureCount,
      ToleratedFailureCountPath: p.toleratedFailureCountPath,
      ToleratedFailurePercentage: p.toleratedFailurePercentage,
      ToleratedFailurePercentagePath: p.toleratedFailurePercentagePath,
      Label: p.label,
      ResultWriter: p.resultWriter?.toJson(language),
      ResultSelector: p.resultSelector,
      ResultPath: p.resultPath,
      Assign: p.assign,
      ...this.errorHandlingJson(),
      ...this.transitionJson(),
    }) as MapStateJson;
  }
}

/** The fields whose value is a JSONata expression (a string), which make the state JSONata. */
function expressions(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === "string"));
}

function exclusive(where: string, a: string, aValue: unknown, b: string, bValue: unknown): void {
  if (aValue !== undefined && bValue !== undefined)
    throw new Error(`${where}: give either ${a} or ${b}, not both`);
}

function wholeNumber(where: string, field: string, value: unknown, min: number): void {
  if (typeof value === "number" && (!Number.isInteger(value) || value < min)) {
    throw new Error(`${where}: ${field} must be a whole number >= ${min}, got ${value}`);
  }
}

function unrendered(branch: Branch): BranchJson {
  throw new Error(
    `Item processor starting at "${branch.start.name}" must be rendered through StateMachineDefinition`,
  );
}
