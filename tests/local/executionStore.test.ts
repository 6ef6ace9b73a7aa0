import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ExecutionRecord } from "../../local/executionStore";
import { ExecutionStore } from "../../local/executionStore";
import { retentionFromEnv } from "../../local/stepFunctionsSetup";

const record = (name: string, status: ExecutionRecord["status"], startDate: number): ExecutionRecord => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${name}`,
  stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m",
  name,
  status,
  input: "{}",
  startDate,
});

describe("the execution store's retention", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "store-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("forgets the oldest finished executions beyond the limit, never a running one, on disk too", () => {
    const store = new ExecutionStore(dir, 2);
    store.put(record("running", "RUNNING", 1));
    for (const [index, name] of ["a", "b", "c"].entries()) store.put(record(name, "SUCCEEDED", 10 + index));
    assert.deepStrictEqual(
      store.all().map((kept) => kept.name),
      ["running", "b", "c"],
    );
    assert.equal(readdirSync(dir).length, 3);
    const reloaded = new ExecutionStore(dir, 1);
    assert.deepStrictEqual(
      reloaded.all().map((kept) => kept.name),
      ["running", "c"],
    );
  });

  it("reads LOCAL_EXECUTION_RETENTION, refusing what is not a positive whole number", () => {
    assert.equal(retentionFromEnv({ LOCAL_EXECUTION_RETENTION: "50" }), 50);
    assert.equal(retentionFromEnv({}), undefined);
    assert.throws(
      () => retentionFromEnv({ LOCAL_EXECUTION_RETENTION: "lots" }),
      /^Error: LOCAL_EXECUTION_RETENTION must be a whole number of executions \(at least 1\), got "lots"$/,
    );
  });
});
