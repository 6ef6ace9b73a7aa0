/**
 * THE ONE PLACE where corpus checks known to fail are listed, each with why. The corpus test asserts
 * that every check listed here still fails (so a fix shows up as a failing test asking for its entry
 * to be removed) and that every check not listed passes. Nothing is skipped silently.
 *
 * Every entry below waits for the "builder" helper's work on issue #10 (branch h/builder): items 1
 * (JSONata), 2 (Distributed Map in the chain API), 5 (validation without false rejections, legacy
 * Map, DefinitionError instead of TypeError) and the Task's `Credentials` field.
 */

/** The checks the corpus test makes on every file. */
export type CorpusCheck = "fromAsl" | "validator" | "import" | "typed" | "rejected";

/** Why a check of a file is expected to fail, and whose work it waits for. */
export interface PendingCheck {
  readonly checks: readonly CorpusCheck[];
  readonly reason: string;
}

const LEGACY_MAP =
  "legacy Map Iterator/Parameters: fromAsl crashes, types and chain API lack it (#10 item 5)";
const DISTRIBUTED_MAP = "the chain API has no Distributed Map yet (#10 item 2)";
const JSONATA = "JSONata and variables are not in the builder yet (#10 item 1)";
const CREDENTIALS = "the chain API's Task has no Credentials field yet";

export const EXPECTED_PENDING: Readonly<Record<string, PendingCheck>> = {
  "dynamically-process-data-with-map-state--statemachine.asl.json": {
    checks: ["import"],
    reason: LEGACY_MAP,
  },
  "image-processing-app--statemachine.asl.json": {
    checks: ["import"],
    reason: LEGACY_MAP,
  },
  "scatter-gather--statemachine.asl.json": { checks: ["import"], reason: LEGACY_MAP },
  "sfn-athena-query--statemachine.asl.json": { checks: ["import"], reason: LEGACY_MAP },
  "gif-generator--workflow.asl.json": { checks: ["import"], reason: LEGACY_MAP },
  "migrate-csv-to-ddb-distributed-map-main--statemachine.asl.json": {
    checks: ["import"],
    reason: DISTRIBUTED_MAP,
  },
  "distributed-map-csv-iterator--statemachine.asl.json": {
    checks: ["import"],
    reason: DISTRIBUTED_MAP,
  },
  "distributed-map-montecarlo--statemachine.asl.json": {
    checks: ["import"],
    reason: DISTRIBUTED_MAP,
  },
  "s3-bucket-nested-distributed-map--statemachine.asl.json": {
    checks: ["import"],
    reason: DISTRIBUTED_MAP,
  },
  "step-functions-load-testing--load-generator-statemachine.asl.json": {
    checks: ["import"],
    reason: DISTRIBUTED_MAP,
  },
  "distributed-data-stream-aggregator--statemachine.asl.json": {
    checks: ["import"],
    reason: JSONATA,
  },
  "distributed-data-stream-aggregator--data-extraction-child.asl.json": {
    checks: ["import"],
    reason: JSONATA,
  },
  "distributed-data-stream-aggregator--data-processing-child.asl.json": {
    checks: ["import"],
    reason: JSONATA,
  },
  "step-functions-api-gateway-tf--statemachine.asl.json": { checks: ["import"], reason: CREDENTIALS },
};
