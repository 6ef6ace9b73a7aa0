/**
 * Start-up and shutdown of the local stack as a user meets them: `npm start` (npm included) until
 * the first pizza order is answered, then SIGTERM until the process has exited. Each run gets a
 * fresh data folder, as a first `npm start` on a clean checkout does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../common/freePort";
import { startServer } from "./processes";
import type { Spread } from "./stats";
import { spread } from "./stats";
import { order } from "./throughput";

/** The targets: answering within 2 s of `npm start`, stopping within 1 s of SIGTERM. */
export const STARTUP_TARGETS = { maxFirstAnswerMs: 2000, maxStopMs: 1000 };

/** What `measureStartup` reports. */
export interface StartupResult {
  readonly command: string;
  readonly firstAnswerMs: Spread;
  readonly stopMs: Spread;
  readonly met: boolean;
}

export async function measureStartup({ runs = 3 } = {}): Promise<StartupResult> {
  const firstAnswer: number[] = [];
  const stop: number[] = [];
  for (let run = 0; run < runs; run++) {
    const folder = mkdtempSync(path.join(tmpdir(), "bench-start-"));
    try {
      const port = await freePort();
      const server = await startServer(
        "npm",
        [
          "start",
          "--",
          "--data-dir",
          path.join(folder, "data"),
          "--outputs",
          path.join(folder, "outputs.json"),
        ],
        () => order(`http://127.0.0.1:${port}/`),
        { env: { PORT: String(port) } },
      );
      firstAnswer.push(server.readyMs);
      stop.push(await server.stop());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const result = { firstAnswerMs: spread(firstAnswer), stopMs: spread(stop) };
  return {
    command: "npm start -- --data-dir <fresh folder>",
    ...result,
    met:
      result.firstAnswerMs.median <= STARTUP_TARGETS.maxFirstAnswerMs &&
      result.stopMs.median <= STARTUP_TARGETS.maxStopMs,
  };
}
