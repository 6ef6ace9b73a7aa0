/**
 * Where a Distributed Map reads its items and writes its results (S3), with the IAM each needs.
 * The fields follow https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 * and .../input-output-resultwriter.html; the permissions follow "IAM policies for using Distributed
 * Map states" (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html):
 * `s3:ListBucket` on the bucket to list objects, `s3:GetObject` on the object read, and
 * `s3:PutObject`, `s3:GetObject`, `s3:ListMultipartUploadParts`, `s3:AbortMultipartUpload` on the
 * prefix results are written under.
 */
import type { ItemReaderJson, ReaderConfigJson, ResultWriterJson } from "./mapTypes";
import type { PolicyStatement } from "./types";

/** A source or sink: its rendered JSON (the S3 request without the language-specific key) and IAM. */
interface S3Location {
  readonly resource: string;
  readonly request: { Bucket: string; Key?: string; Prefix?: string };
  readonly permissions: readonly PolicyStatement[];
}

/** Where a Distributed Map reads its items from. */
export class ItemReader implements S3Location {
  private constructor(
    readonly resource: ItemReaderJson["Resource"],
    readonly request: { Bucket: string; Key?: string; Prefix?: string },
    readonly readerConfig: ReaderConfigJson | undefined,
    readonly permissions: readonly PolicyStatement[],
    private readonly verbatim?: ItemReaderJson,
  ) {}

  /**
   * An ItemReader written as ASL JSON (e.g. a bucket read from the input with `"Bucket.$"`), rendered
   * as given. Its permissions cannot be derived from paths: pass the statements it needs.
   */
  static fromJson(json: ItemReaderJson, permissions: readonly PolicyStatement[]): ItemReader {
    return new ItemReader(
      json.Resource,
      { Bucket: "" },
      json.ReaderConfig,
      permissions,
      structuredClone(json),
    );
  }

  /** Each object under `prefix` is an item (`s3:listObjectsV2`); `loadAndFlatten` reads their contents instead. */
  static s3Objects(props: {
    bucket: string;
    prefix?: string;
    maxItems?: number;
    loadAndFlatten?: boolean;
  }): ItemReader {
    checkBucket(props.bucket);
    return new ItemReader(
      "arn:aws:states:::s3:listObjectsV2",
      { Bucket: props.bucket, ...(props.prefix !== undefined ? { Prefix: props.prefix } : {}) },
      config({
        ...(props.loadAndFlatten ? { Transformation: "LOAD_AND_FLATTEN" as const } : {}),
        MaxItems: props.maxItems,
      }),
      [
        allow(["s3:ListBucket"], `arn:aws:s3:::${props.bucket}`),
        // Reading each listed object's contents (LOAD_AND_FLATTEN) reads the objects under the prefix.
        ...(props.loadAndFlatten
          ? [allow(["s3:GetObject"], `arn:aws:s3:::${props.bucket}/${props.prefix ?? ""}*`)]
          : []),
      ],
    );
  }

  /** A JSON array in one object. */
  static s3Json(props: S3ObjectProps): ItemReader {
    return ItemReader.object(props, { InputType: "JSON" });
  }

  /** One JSON value per line (JSON Lines). */
  static s3JsonLines(props: S3ObjectProps): ItemReader {
    return ItemReader.object(props, { InputType: "JSONL" });
  }

  /** A CSV file: each row is an item, keyed by the header (its first row, or `headers`). */
  static s3Csv(
    props: S3ObjectProps & { headers?: string[]; delimiter?: ReaderConfigJson["CSVDelimiter"] },
  ): ItemReader {
    if (props.headers !== undefined && props.headers.length === 0) {
      throw new Error(
        "ItemReader.s3Csv: headers must name at least one column (or leave it out to use the first row)",
      );
    }
    return ItemReader.object(props, {
      InputType: "CSV",
      CSVHeaderLocation: props.headers ? "GIVEN" : "FIRST_ROW",
      CSVHeaders: props.headers,
      CSVDelimiter: props.delimiter,
    });
  }

  /** An S3 Inventory manifest (`manifest.json`) or an Athena data manifest listing the objects to read. */
  static s3Manifest(props: S3ObjectProps & { manifestType?: ReaderConfigJson["ManifestType"] }): ItemReader {
    return ItemReader.object(props, { InputType: "MANIFEST", ManifestType: props.manifestType });
  }

  private static object(props: S3ObjectProps, readerConfig: ReaderConfigJson): ItemReader {
    checkBucket(props.bucket);
    if (props.key.length === 0) throw new Error("ItemReader: key must name an object");
    // A manifest lists other objects that are read too: allow reading the manifest's bucket, nothing wider.
    const objects =
      readerConfig.InputType === "MANIFEST"
        ? `arn:aws:s3:::${props.bucket}/*`
        : `arn:aws:s3:::${props.bucket}/${props.key}`;
    return new ItemReader(
      "arn:aws:states:::s3:getObject",
      { Bucket: props.bucket, Key: props.key },
      config({ ...readerConfig, MaxItems: props.maxItems }),
      [allow(["s3:GetObject"], objects)],
    );
  }

  /** The query language of a reader written as ASL JSON, from its request key; `undefined` otherwise. */
  get language(): "JSONPath" | "JSONata" | undefined {
    return languageOf(this.verbatim);
  }

  /** The rendered `ItemReader`: `Parameters` in JSONPath, `Arguments` in JSONata. */
  toJson(language: "JSONPath" | "JSONata"): ItemReaderJson {
    if (this.verbatim) return structuredClone(this.verbatim);
    return {
      Resource: this.resource,
      ...(language === "JSONata" ? { Arguments: { ...this.request } } : { Parameters: { ...this.request } }),
      ...(this.readerConfig ? { ReaderConfig: { ...this.readerConfig } } : {}),
    };
  }
}

/** Options of an ItemReader reading one object. */
export interface S3ObjectProps {
  readonly bucket: string;
  readonly key: string;
  /** Reads at most this many items. */
  readonly maxItems?: number;
}

/** Where a Distributed Map writes its results (instead of returning them). */
export class ResultWriter implements S3Location {
  readonly resource = "arn:aws:states:::s3:putObject";
  private constructor(
    readonly request: { Bucket: string; Prefix?: string },
    readonly writerConfig: ResultWriterJson["WriterConfig"],
    readonly permissions: readonly PolicyStatement[],
    private readonly verbatim?: ResultWriterJson,
  ) {}

  /** A ResultWriter written as ASL JSON, rendered as given, with the statements it needs. */
  static fromJson(json: ResultWriterJson, permissions: readonly PolicyStatement[]): ResultWriter {
    return new ResultWriter({ Bucket: "" }, json.WriterConfig, permissions, structuredClone(json));
  }

  /** Writes the results under `prefix` in `bucket`. */
  static s3(props: {
    bucket: string;
    prefix?: string;
    outputType?: "JSON" | "JSONL";
    transformation?: "NONE" | "COMPACT" | "FLATTEN";
  }): ResultWriter {
    checkBucket(props.bucket);
    const prefix = props.prefix ?? "";
    const writerConfig =
      props.outputType !== undefined || props.transformation !== undefined
        ? {
            ...(props.outputType ? { OutputType: props.outputType } : {}),
            ...(props.transformation ? { Transformation: props.transformation } : {}),
          }
        : undefined;
    return new ResultWriter(
      { Bucket: props.bucket, ...(props.prefix !== undefined ? { Prefix: prefix } : {}) },
      writerConfig,
      [
        allow(
          ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
          `arn:aws:s3:::${props.bucket}/${prefix}${prefix === "" || prefix.endsWith("/") ? "" : "/"}*`,
        ),
      ],
    );
  }

  /** The query language of a writer written as ASL JSON, from its request key; `undefined` otherwise. */
  get language(): "JSONPath" | "JSONata" | undefined {
    return languageOf(this.verbatim);
  }

  /** The rendered `ResultWriter`: `Parameters` in JSONPath, `Arguments` in JSONata. */
  toJson(language: "JSONPath" | "JSONata"): ResultWriterJson {
    if (this.verbatim) return structuredClone(this.verbatim);
    return {
      Resource: this.resource,
      ...(language === "JSONata" ? { Arguments: { ...this.request } } : { Parameters: { ...this.request } }),
      ...(this.writerConfig ? { WriterConfig: { ...this.writerConfig } } : {}),
    };
  }
}

/**
 * The query language a reader or writer written as ASL JSON is in: `Arguments` exists only in JSONata
 * and `Parameters` only in JSONPath (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
 */
function languageOf(json: { Arguments?: unknown; Parameters?: unknown } | undefined) {
  if (json === undefined) return undefined;
  if ("Arguments" in json) return "JSONata" as const;
  if ("Parameters" in json) return "JSONPath" as const;
  return undefined;
}

function allow(actions: string[], resource: string): PolicyStatement {
  return { Effect: "Allow", Action: actions, Resource: [resource] };
}

function config(fields: ReaderConfigJson): ReaderConfigJson | undefined {
  const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
  return defined.length > 0 ? (Object.fromEntries(defined) as ReaderConfigJson) : undefined;
}

/** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens (a path cannot be given here). */
function checkBucket(bucket: string): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(
      `"${bucket}" is not an S3 bucket name; give the bucket itself, so its permissions can be derived`,
    );
  }
}
