/**
 * Pizza API throughput: the local stack's `POST /` against a bare node:http server answering the
 * same bytes, both as child processes, loaded by autocannon in turns (so a slow moment of the
 * machine hits both), and reported as a ratio per round. When a target is missed, a CPU profile of
 * the local stack under the same load says where its time goes.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoadFigures } from "./load";
import { loadTest } from "./load";
import type { RunningServer } from "./processes";
import { freePort } from "../../common/freePort";
import { LOADER, startServer } from "./processes";
import type { ProfileSummary } from "./profile";
import { summarizeProfile } from "./profile";
import type { Spread } from "./stats";
import { ratio, spread } from "./stats";

/** The targets for the local pizza API. */
export const THROUGHPUT_TARGETS = { minRatio: 0.25, maxP99Ms: 10 };
const ORDER = JSON.stringify({ flavour: "pepperoni" });
/** Preloaded into a profiled local stack (see profiler.js). */
export const PROFILER = path.join(__dirname, "profiler.js");

/** What `measurePizzaThroughput` reports. */
export interface ThroughputResult {
  readonly connections: number;
  readonly secondsPerRun: number;
  readonly local: FiguresOverRuns;
  readonly bare: FiguresOverRuns;
  /** Local requests/s over bare requests/s, per round. */
  readonly ratio: Spread;
  readonly met: boolean;
  /** Where the local stack's CPU time went, when a target was missed (or `--profile`). */
  readonly profile?: ProfileSummary;
}

/** Each load figure as a spread over the runs. */
export type FiguresOverRuns = { readonly [K in keyof LoadFigures]: Spread };

/** A server child process and the URL its pizza route answers on. */
interface Served {
  readonly server: RunningServer;
  readonly url: string;
  /** Where the stack wrote its outputs (`.local/outputs.json` for a user). */
  readonly outputsFile: string;
}

/** Starts the local stack in memory, as `npm start -- --in-memory` runs it, with extra node flags. */
export async function startLocal(
  folder: string,
  nodeFlags: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const outputs = path.join(folder, `outputs-${port}.json`);
  const args = [...nodeFlags, ...LOADER, "local/main.ts", "--in-memory", "--outputs", outputs];
  const server = await startServer(process.execPath, args, () => order(url), {
    env: { ...env, PORT: String(port) },
  });
  return { server, url, outputsFile: outputs };
}

/** Starts the bare baseline server answering `answerFile`'s bytes. */
async function startBare(answerFile: string): Promise<Served> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // The same loader as the local stack, so neither side of the ratio carries a cost of the other.
  const args = [...LOADER, "scripts/bench/bareServer.ts", String(port), answerFile];
  return { server: await startServer(process.execPath, args, () => order(url)), url, outputsFile: "" };
}

/** Orders a pepperoni pizza; resolves with the answer's text, rejects on anything but 200. */
export async function order(url: string): Promise<string> {
  const response = await fetch(url, { method: "POST", body: ORDER });
  if (response.status !== 200) throw new Error(`pizza order answered ${response.status}`);
  return response.text();
}

/** Runs the interleaved rounds; profiles the local stack when a target is missed or asked for. */
export async function measurePizzaThroughput({
  runs = 3,
  seconds = 8,
  connections = 50,
  profile = false,
}: {
  runs?: number;
  seconds?: number;
  connections?: number;
  profile?: boolean;
} = {}): Promise<ThroughputResult> {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-pizza-"));
  const running: RunningServer[] = [];
  try {
    const local = await startLocal(folder);
    running.push(local.server);
    const answerFile = path.join(folder, "answer.json");
    writeFileSync(answerFile, await order(local.url));
    const bare = await startBare(answerFile);
    running.push(bare.server);

    // A short warm-up of each, so the JIT has compiled the hot paths before anything is counted.
    for (const { url } of [bare, local]) await loadTest(url, ORDER, { connections, seconds: 1 });
    const localRuns: LoadFigures[] = [];
    const bareRuns: LoadFigures[] = [];
    for (let round = 0; round < runs; round++) {
      // Alternate which goes first, so neither always gets the machine's fresher moment.
      const turns = round % 2 === 0 ? [bare, local] : [local, bare];
      for (const served of turns) {
        const figures = await loadTest(served.url, ORDER, { connections, seconds });
        (served === local ? localRuns : bareRuns).push(figures);
      }
    }
    await Promise.all(running.splice(0).map((server) => server.stop()));

    const result = {
      connections,
      secondsPerRun: seconds,
      local: overRuns(localRuns),
      bare: overRuns(bareRuns),
      ratio: ratio(
        localRuns.map((run) => run.requestsPerSecond),
        bareRuns.map((run) => run.requestsPerSecond),
      ),
    };
    const met =
      result.ratio.median >= THROUGHPUT_TARGETS.minRatio &&
      result.local.p99Ms.median <= THROUGHPUT_TARGETS.maxP99Ms;
    if (met && !profile) return { ...result, met };
    return { ...result, met, profile: await profileUnderLoad(folder, connections) };
  } finally {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Runs the local stack under the same load for a few seconds with V8's profiler on (started after
 * the warm-up, so start-up is left out) and summarizes where its CPU time went.
 */
async function profileUnderLoad(folder: string, connections: number): Promise<ProfileSummary> {
  const file = path.join(folder, "local.cpuprofile");
  const { server, url } = await startLocal(folder, ["-r", PROFILER], { BENCH_PROFILE_FILE: file });
  let orders = 0;
  try {
    await loadTest(url, ORDER, { connections, seconds: 1 });
    server.child.kill("SIGUSR2");
    const seconds = 4;
    orders = Math.round((await loadTest(url, ORDER, { connections, seconds })).requestsPerSecond * seconds);
  } finally {
    await server.stop();
  }
  if (!existsSync(file)) throw new Error("the profiled local stack wrote no CPU profile");
  return summarizeProfile(file, 12, { count: orders, name: "order" });
}

function overRuns(runs: readonly LoadFigures[]): FiguresOverRuns {
  const keys = Object.keys(runs[0]) as (keyof LoadFigures)[];
  return Object.fromEntries(keys.map((key) => [key, spread(runs.map((run) => run[key]))])) as FiguresOverRuns;
}
