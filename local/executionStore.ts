/**
 * Where the local Step Functions keeps STANDARD executions and their histories: in memory, and with
 * a data folder also on disk (one JSON file per execution, written atomically), so a restart loses no
 * booking and can resume what was still running. EXPRESS executions have no history in AWS either,
 * so none is kept. Retention is bounded: beyond `maxFinished` finished executions, the oldest are
 * forgotten (AWS keeps them 90 days; a long-running local stack should not grow for ever).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExecutionStatus } from "./engine";
import type { HistoryEvent } from "./executionHistory";

/** How many finished executions are kept unless LOCAL_EXECUTION_RETENTION says otherwise. */
export const DEFAULT_EXECUTION_RETENTION = 1000;

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
  /** For a RUNNING execution: the top-level state it last entered, that state's input and the variables then. */
  resumeAt?: { state: string; input: unknown; variables?: Record<string, unknown> };
  /** GetExecutionHistory's events. */
  history?: HistoryEvent[];
}

/** Executions by ARN, optionally mirrored to a folder. */
export class ExecutionStore {
  private readonly records = new Map<string, ExecutionRecord>();

  constructor(
    private readonly folder?: string,
    private readonly maxFinished = DEFAULT_EXECUTION_RETENTION,
  ) {
    if (!folder) return;
    mkdirSync(folder, { recursive: true });
    const loaded = readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .map((file) => JSON.parse(readFileSync(path.join(folder, file), "utf8")) as ExecutionRecord)
      .sort((a, b) => a.startDate - b.startDate);
    for (const record of loaded) this.records.set(record.executionArn, record);
    this.evict();
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  /** Every execution kept, oldest first. */
  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /** Every execution that was still running (after a restart: the ones to resume). */
  running(): ExecutionRecord[] {
    return [...this.records.values()].filter((record) => record.status === "RUNNING");
  }

  /** Saves a record (a copy), and writes it through to disk when there is a folder. */
  put(record: ExecutionRecord): void {
    const isNew = !this.records.has(record.executionArn);
    this.records.set(record.executionArn, { ...record });
    this.write(record);
    if (isNew || record.status !== "RUNNING") this.evict();
  }

  /** Forgets the oldest finished executions beyond the retention. */
  private evict(): void {
    let finished = 0;
    for (const record of this.records.values()) if (record.status !== "RUNNING") finished++;
    if (finished <= this.maxFinished) return;
    for (const record of [...this.records.values()]) {
      if (finished <= this.maxFinished) break;
      if (record.status === "RUNNING") continue;
      this.records.delete(record.executionArn);
      if (this.folder) rmSync(this.fileFor(record.executionArn), { force: true });
      finished--;
    }
  }

  private fileFor(executionArn: string): string {
    return path.join(
      this.folder as string,
      `${createHash("sha256").update(executionArn).digest("hex").slice(0, 32)}.json`,
    );
  }

  private write(record: ExecutionRecord): void {
    if (!this.folder) return;
    const file = this.fileFor(record.executionArn);
    // Write then rename: a crash mid-write leaves the previous version, never a torn file.
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
