/**
 * The test suite's wall time, `npm test` as CI runs it, with each file's own time (from the
 * reporter's MOCHA_FILE_TIMINGS, hooks included), so a slow suite comes with the files to look at.
 * Files run two at a time (mocha's parallel mode), so their times add up to more than the wall time.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "./processes";

/** The target for `npm test` on this machine. */
export const TEST_SUITE_TARGET = { maxWallMs: 30_000 };

/** What `measureTestSuite` reports. */
export interface TestSuiteResult {
  readonly wallMs: number;
  /** The closing line, e.g. "600 passed, 0 failed". */
  readonly summary: string;
  /** The slowest files, slowest first: each file's own wall time, in its worker. */
  readonly slowestFiles: readonly { readonly file: string; readonly ms: number }[];
  readonly met: boolean;
}

export async function measureTestSuite(): Promise<TestSuiteResult> {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-tests-"));
  const timings = path.join(folder, "timings.json");
  try {
    const start = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("npm", ["test"], {
        cwd: ROOT,
        env: { ...process.env, MOCHA_FILE_TIMINGS: timings },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.once("error", reject);
      child.once("close", () => resolve(text));
    });
    const wallMs = performance.now() - start;
    const summary =
      /^\d+ passed, \d+ failed.*$/m.exec(output)?.[0] ?? "no result line (the run did not finish)";
    const perFile = JSON.parse(readFileSync(timings, "utf8")) as Record<string, number>;
    const slowestFiles = Object.entries(perFile)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([file, ms]) => ({ file, ms: Math.round(ms) }));
    return { wallMs, summary, slowestFiles, met: wallMs <= TEST_SUITE_TARGET.maxWallMs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
