/**
 * The Map state's data-source and sink fields, as rendered JSON. Field sets follow AWS's Map state
 * reference (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html), its
 * ItemReader page (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html),
 * ItemBatcher (.../input-output-itembatcher.html) and ResultWriter (.../input-output-resultwriter.html),
 * and the field list of AWS's amazon-states-language-service (`validationSchema.ts`).
 */
import type { JsonObject } from "./types";

/** A JSONata expression, `{% ... %}` (a string that both opens with `{%` and closes with `%}`). */
export type JsonataExpression = `{%${string}%}`;

/** How a Map runs its item processor: inline (within this execution) or as child executions. */
export type ProcessorConfigJson =
  { Mode: "INLINE"; ExecutionType?: never } | { Mode: "DISTRIBUTED"; ExecutionType: "STANDARD" | "EXPRESS" };

/** The S3 actions an ItemReader can use. */
export type ItemReaderResource = "arn:aws:states:::s3:listObjectsV2" | "arn:aws:states:::s3:getObject";

/** How an ItemReader reads its source (a Distributed Map only). */
export interface ReaderConfigJson {
  /** What the object holds; leave out for `listObjectsV2` (the items are the objects). */
  InputType?: "CSV" | "JSON" | "JSONL" | "MANIFEST" | "PARQUET";
  /** For `listObjectsV2`: `LOAD_AND_FLATTEN` reads each listed object's items instead. */
  Transformation?: "NONE" | "LOAD_AND_FLATTEN";
  /** For `MANIFEST`: an S3 Inventory manifest or an Athena data manifest. */
  ManifestType?: "S3_INVENTORY" | "ATHENA_DATA";
  /** For CSV: the header is the first row, or given in `CSVHeaders`. */
  CSVHeaderLocation?: "FIRST_ROW" | "GIVEN";
  /** For CSV with `CSVHeaderLocation: "GIVEN"`: the column names. */
  CSVHeaders?: string[];
  /** For CSV: the field separator. @default "COMMA" */
  CSVDelimiter?: "COMMA" | "PIPE" | "SEMICOLON" | "SPACE" | "TAB";
  /** Reads at most this many items (a number, or a JSONata expression in JSONata). */
  MaxItems?: number | JsonataExpression;
  /** JSONPath only: reads the limit from the input. */
  MaxItemsPath?: string;
}

/** Where a Distributed Map reads its items from (S3). */
export interface ItemReaderJson {
  Resource: ItemReaderResource;
  /** JSONPath: the S3 request (`Bucket`, `Prefix` or `Key`, ...), `.$` keys allowed. */
  Parameters?: JsonObject;
  /** JSONata: the S3 request. */
  Arguments?: JsonObject | JsonataExpression;
  ReaderConfig?: ReaderConfigJson;
}

/** Groups items into batches: each child execution gets `{ Items: [...], BatchInput }`. */
export interface ItemBatcherJson {
  MaxItemsPerBatch?: number | JsonataExpression;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: number | JsonataExpression;
  MaxInputBytesPerBatchPath?: string;
  /** A fixed JSON added to every batch. */
  BatchInput?: JsonObject | JsonataExpression;
}

/** Writes the child executions' results to S3 instead of returning them. */
export interface ResultWriterJson {
  /** `arn:aws:states:::s3:putObject`; may be left out when only `WriterConfig` is given. */
  Resource?: "arn:aws:states:::s3:putObject";
  /** JSONPath: `{ Bucket, Prefix }`. */
  Parameters?: JsonObject;
  /** JSONata: `{ Bucket, Prefix }`. */
  Arguments?: JsonObject | JsonataExpression;
  WriterConfig?: {
    OutputType?: "JSON" | "JSONL";
    Transformation?: "NONE" | "COMPACT" | "FLATTEN";
  };
}
