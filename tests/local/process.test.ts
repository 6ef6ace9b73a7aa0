import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/** Runs `npm start`'s entry point (as `npm start` does) with its output collected. */
function start(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string } {
  const child = spawn(process.execPath, ["-r", "./common/register.js", "local/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0" },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function ready(child: ChildProcessWithoutNullStreams, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output()}`)), 120_000);
    child.stdout.on(
      "data",
      () => output().includes("Press Ctrl-C to stop.") && (clearTimeout(timer), resolve()),
    );
    child.once(
      "exit",
      (code) => (clearTimeout(timer), reject(new Error(`exited with ${code}:\n${output()}`))),
    );
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const exit = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

describe("npm start: one stack per data folder, and a prompt stop", function () {
  this.timeout(300_000);
  let dir: string;
  const children: ChildProcessWithoutNullStreams[] = [];
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "local-process-"))));
  after(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second start on a data folder in use, naming the folder and the process, then stops on SIGTERM", async () => {
    const dataDir = path.join(dir, "data");
    const first = start(["--data-dir", dataDir, "--outputs", path.join(dir, "first.json")]);
    children.push(first.child);
    await ready(first.child, first.output);
    // Keep a connection alive, as SDK clients do, so the stop has an idle socket to drop.
    const outputs = (await import(path.join(dir, "first.json"))) as { pizzaApiUrl: string };
    await fetch(outputs.pizzaApiUrl, { method: "POST", body: '{"flavour":"pepperoni"}' });

    const second = start(["--data-dir", dataDir, "--outputs", path.join(dir, "second.json")]);
    children.push(second.child);
    assert.equal(await exit(second.child), 1);
    const pid = first.child.pid;
    // The command line is shortened past 120 characters (a long node path, as under nvm, gets there).
    assert.match(
      second.output().trim(),
      new RegExp(
        `^The data folder ${escape(dataDir)} is in use by process ${pid} \\(${escape(process.execPath)} -r \\./common/register\\.js local/main\\.ts[^)]*\\), another local stack\\. ` +
          `Stop that one first \\(Ctrl-C in its terminal, or kill ${pid}\\), or start this one with --data-dir <another folder> or --in-memory\\.$`,
      ),
    );

    const exited = exit(first.child);
    first.child.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.match(first.output(), /SIGTERM: stopping the local stack\.\.\.\nStopped \(\d+ ms\)\./);
  });

  it("starts again on the same folder right after the stop, and takes over a lock left by a killed stack", async () => {
    const dataDir = path.join(dir, "data");
    const again = start(["--data-dir", dataDir, "--outputs", path.join(dir, "again.json")]);
    children.push(again.child);
    await ready(again.child, again.output);
    const killed = exit(again.child);
    again.child.kill("SIGKILL");
    await killed;

    const after = start(["--data-dir", dataDir, "--outputs", path.join(dir, "after.json")]);
    children.push(after.child);
    await ready(after.child, after.output);
    const exited = exit(after.child);
    after.child.kill("SIGINT");
    assert.equal(await exited, 0);
  });
});
