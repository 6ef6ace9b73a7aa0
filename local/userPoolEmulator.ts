/**
 * The local user pool's emulator process (cognito-local, run by local/userPoolProcess.ts): started
 * on a loopback port and stopped. Node's built-in modules only, on purpose: the local stack forks
 * it before it loads anything else, so the emulator's own start-up (Node, cognito-local and the AWS
 * SDK v2 it brings) runs while the stack loads its modules, instead of after them.
 *
 * The port is kept in the pool's folder and reused: the issuer of its tokens
 * (`http://127.0.0.1:<port>/<poolId>`) names it, so a token issued before a restart stays valid.
 */
import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../common/freePort";
import type { UserPoolProcessMessage } from "./userPoolProcess";

/** How long the emulator may take to start (it loads AWS SDK v2) before the start fails. */
const START_TIMEOUT_MS = 30_000;
/** The file in the pool's folder that remembers its port. */
const PORT_FILE = "endpoint.json";

/** A started emulator, answering the Cognito Identity Provider API at `endpoint`. */
export interface UserPoolEmulator {
  readonly endpoint: string;
  /** Remembers the port for the next start (call once the pool in it is set up). */
  keepPort(): void;
  /** Stops the process; a temporary folder is removed. */
  stop(): Promise<void>;
}

/**
 * Forks the emulator with its data in `dataDir` (a temporary folder, removed at stop, when absent)
 * and resolves once it listens. `log` gets the emulator's error output, line by line.
 */
export async function startUserPoolEmulator(
  dataDir: string | undefined,
  log: (line: string) => void,
): Promise<UserPoolEmulator> {
  const temporary = dataDir === undefined;
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), "local-user-pool-"));
  const removeTemporary = () => temporary && rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess;
  let port: number;
  try {
    mkdirSync(dir, { recursive: true });
    port = await choosePort(dir);
    child = await forkEmulator(dir, port, `http://127.0.0.1:${port}`, log);
  } catch (error) {
    removeTemporary();
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    keepPort: () => writeFileSync(path.join(dir, PORT_FILE), `${JSON.stringify({ port })}\n`),
    stop: async () => {
      await stopEmulator(child);
      removeTemporary();
    },
  };
}

/** The port used last time when it is still free (tokens name it), else a free one. */
async function choosePort(dir: string): Promise<number> {
  const file = path.join(dir, PORT_FILE);
  if (existsSync(file)) {
    const { port } = JSON.parse(readFileSync(file, "utf8")) as { port?: unknown };
    if (typeof port === "number" && (await isFree(port))) return port;
  }
  return freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function forkEmulator(
  dir: string,
  port: number,
  issuerDomain: string,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const entry = path.join(__dirname, `userPoolProcess${path.extname(__filename)}`);
  // Run from TypeScript (npm start, the tests), the child needs a loader too; compiled, it does not.
  // The project's cached one (common/register.js) whatever the parent uses: the child has a few small
  // files to load, and loading the TypeScript compiler for them (ts-node) would be most of its start-up.
  const execArgv = entry.endsWith(".ts")
    ? ["--require", path.join(__dirname, "..", "common", "register.js")]
    : [];
  const child = fork(entry, [dir, String(port), issuerDomain], {
    execArgv,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) if (line.trim() !== "") log(`[cognito-local] ${line}`);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(`The local user pool (cognito-local) did not start within ${START_TIMEOUT_MS / 1000} s`),
      );
    }, START_TIMEOUT_MS);
    child.once("message", (message: UserPoolProcessMessage) => {
      clearTimeout(timer);
      if ("ready" in message) resolve(child);
      else reject(new Error(`The local user pool (cognito-local) could not start: ${message.error}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The local user pool (cognito-local) exited with code ${code} while starting`));
    });
  });
}

function stopEmulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Closing the IPC channel is the child's cue to exit; SIGTERM in case it is stuck.
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill("SIGTERM"), 1000).unref();
  });
}
