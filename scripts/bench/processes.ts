/**
 * Measured child processes: every figure of `npm run bench` that is about a program (the local
 * stack, the bare baseline server, `npm run plan`, the import floor) is taken from a process of its
 * own, so the bench's own work (autocannon, bookkeeping) is never counted against it.
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

export const ROOT = path.resolve(__dirname, "../..");
const USAGE_PRELOAD = path.join(__dirname, "usage.js");
/**
 * The TypeScript loader every `npm run <script>` and `npm start` run with (common/register.js). Not
 * ts-node: besides its slower start, ts-node loads Node's `repl`, which loads `domain`, which hooks
 * every EventEmitter and async context of the process, a cost the commands do not have and the
 * figures (and their baselines alike) must not include.
 */
export const LOADER = ["-r", "./common/register.js"];

/** How long a whole process ran and the most memory it held. */
export interface ProcessRun {
  readonly wallMs: number;
  readonly maxRssMiB: number;
  readonly stdout: string;
}

/** Runs `node <args>` to its end, with the peak-memory preload; throws with its stderr if it fails. */
export async function runNode(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-usage-"));
  const usageFile = path.join(folder, "usage.json");
  try {
    const start = performance.now();
    const child = spawn(process.execPath, ["-r", USAGE_PRELOAD, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { code, stdout, stderr } = await finished(child);
    const wallMs = performance.now() - start;
    if (code !== 0) throw new Error(`node ${args.join(" ")} exited ${code}:\n${stderr.slice(-2000)}`);
    const { maxRssKiB } = JSON.parse(readFileSync(usageFile, "utf8")) as { maxRssKiB: number };
    return { wallMs, maxRssMiB: maxRssKiB / 1024, stdout };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A server started as a child process, ready once a request to it has been answered. */
export interface RunningServer {
  readonly child: ChildProcess;
  /** From spawn until the first answered request. */
  readonly readyMs: number;
  /** Sends SIGTERM and resolves with the milliseconds until the process had exited. */
  stop(): Promise<number>;
}

/**
 * Spawns `command args` and polls `probe` every 10 ms until it resolves (the server answered), or
 * fails after `timeoutMs` with what the process printed.
 */
export async function startServer(
  command: string,
  args: readonly string[],
  probe: () => Promise<unknown>,
  { env = {}, timeoutMs = 60_000 }: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const start = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stop() can signal the whole group as a terminal's Ctrl-C does:
    // `npm start` runs the stack in a child process of npm.
    detached: true,
  });
  const exit = finished(child);
  let exited = false;
  void exit.then(() => (exited = true));
  for (;;) {
    if (exited) {
      const { code, stdout, stderr } = await exit;
      throw new Error(`${command} ${args.join(" ")} exited ${code} before answering:\n${stdout}${stderr}`);
    }
    if (performance.now() - start > timeoutMs) {
      signalGroup(child, "SIGKILL");
      throw new Error(`${command} ${args.join(" ")} did not answer within ${timeoutMs} ms`);
    }
    try {
      await probe();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const readyMs = performance.now() - start;
  return {
    child,
    readyMs,
    async stop() {
      const stopAt = performance.now();
      signalGroup(child, "SIGTERM");
      const killer = setTimeout(() => signalGroup(child, "SIGKILL"), 15_000);
      await exit;
      clearTimeout(killer);
      return performance.now() - stopAt;
    },
  };
}

/** Signals every process of the child's group; a group that has already gone is not an error. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

/** Waits for a child to exit, collecting what it printed. */
function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
