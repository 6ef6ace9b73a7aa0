/**
 * Where the local Step Functions keeps STANDARD executions: in memory, and with a data folder also
 * on disk (one JSON file per execution, written atomically), so a restart loses no booking and can
 * resume what was still running. EXPRESS executions have no history in AWS either, so none is kept.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExecutionStatus } from "./engine";

/** One execution as DescribeExecution reports it, plus where a running one was. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** The input as JSON text, as the API carries it. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  /** For a RUNNING execution: the top-level state it last entered and that state's input. */
  resumeAt?: { state: string; input: unknown };
}

/** Executions by ARN, optionally mirrored to a folder. */
export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();

  constructor(private readonly folder?: string) {
    if (!folder) return;
    mkdirSync(folder, { recursive: true });
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".json"))) {
      const record = JSON.parse(readFileSync(path.join(folder, file), "utf8")) as ExecutionRecord;
      this.records.set(record.executionArn, record);
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  /** Every execution kept. */
  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /** Every execution that was still running (after a restart: the ones to resume). */
  running(): ExecutionRecord[] {
    return [...this.records.values()].filter((record) => record.status === "RUNNING");
  }

  /** Saves a record (a copy), and writes it through to disk when there is a folder. */
  put(record: ExecutionRecord): void {
    this.records.set(record.executionArn, { ...record });
    if (!this.folder) return;
    const file = path.join(
      this.folder,
      `${createHash("sha256").update(record.executionArn).digest("hex").slice(0, 32)}.json`,
    );
    // Write then rename: a crash mid-write leaves the previous version, never a torn file.
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
