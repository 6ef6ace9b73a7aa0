import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StormDbModule } from "../../local/userPoolStore";
import { makeSavesAtomic } from "../../local/userPoolStore";

const ROOT = path.resolve(__dirname, "../..");
const COGNITO_LOCAL = require.resolve("cognito-local");
/** What the tests use of a StormDB database: chained sets, then a save. */
interface StormDbInstance {
  set(key: string, value: unknown): StormDbInstance;
  save(): Promise<void> | null;
}

/** The StormDB cognito-local stores its user pools with. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StormDB = require(require.resolve("stormdb", { paths: [COGNITO_LOCAL] })) as StormDbModule & {
  new (engine: unknown): StormDbInstance;
  localFileEngine: new (file: string, options: object) => unknown;
};

/**
 * A process that saves a user-pool-sized StormDB file over and over, as cognito-local does on each
 * change, printing the number of each save once it is acknowledged.
 */
const SAVER = `
  const { makeSavesAtomic } = require(${JSON.stringify(path.join(ROOT, "local/userPoolStore.ts"))});
  const StormDB = require(require.resolve("stormdb", { paths: [${JSON.stringify(COGNITO_LOCAL)}] }));
  makeSavesAtomic(StormDB);
  const db = new StormDB(new StormDB.localFileEngine(process.argv[1], { async: true }));
  const users = Array.from({ length: 20000 }, (_, i) => ({ Username: "user-" + i, Attributes: [{ Name: "sub", Value: String(i) }] }));
  (async () => {
    for (let save = 1; ; save++) {
      db.set("Options", { save }).set("Users", users);
      await db.save();
      process.stdout.write("saved " + save + "\\n");
    }
  })();
`;

/**
 * Starts the saver and kills it with SIGKILL at the worst moment we can catch: once `afterSaves`
 * saves are acknowledged, the store file is watched, and the saver is killed the instant the file
 * is seen shorter than a whole save (a save rewriting it in place), or after `thenMs` if that is
 * never seen. Resolves with the last acknowledged save and whether a torn file was seen.
 */
function killWhileSaving(
  file: string,
  afterSaves: number,
  thenMs: number,
): Promise<{ acknowledged: number; tornSeen: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", "./common/register.js", "-e", SAVER, file], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let acknowledged = 0;
    let watching = false;
    let tornSeen = false;
    const watch = (wholeSize: number, deadline: number) => {
      if (child.exitCode !== null || child.killed) return;
      let size = wholeSize;
      try {
        size = statSync(file).size;
      } catch {
        // Between a rename's unlink and link on some file systems: keep watching.
      }
      tornSeen = size < wholeSize;
      if (tornSeen || Date.now() >= deadline) child.kill("SIGKILL");
      else setImmediate(() => watch(wholeSize, deadline));
    };
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      for (const match of chunk.matchAll(/saved (\d+)/g)) acknowledged = Number(match[1]);
      if (acknowledged >= afterSaves && !watching) {
        watching = true;
        // Every save is about the same size; a whole one is at least 99% of the one on disk now.
        watch(Math.floor(statSync(file).size * 0.99), Date.now() + thenMs);
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ acknowledged, tornSeen });
      else reject(new Error(`the saver exited with ${code ?? signal} before it was killed`));
    });
  });
}

describe("local user pool store: saves that survive a kill -9 (cognito-local's StormDB)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "user-pool-store-"));
    makeSavesAtomic(StormDB);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lands overlapping saves whole and in order: the file holds the last one", async () => {
    const file = path.join(dir, "overlapping.json");
    const db = new StormDB(new StormDB.localFileEngine(file, { async: true }));
    // Saves of shrinking size, none awaited before the next: an in-place rewrite would leave the
    // tail of a longer save behind a shorter one.
    const saves = Array.from({ length: 40 }, (_, i) => {
      db.set(
        "Users",
        Array.from({ length: 400 - i * 10 }, (_, n) => `user-${n}`),
      ).set("Options", { save: i });
      return db.save();
    });
    await Promise.all(saves);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { Options: { save: number }; Users: string[] };
    assert.equal(stored.Options.save, 39);
    assert.equal(stored.Users.length, 10);
  });

  for (const [point, afterSaves] of [2, 3, 4].entries()) {
    it(`keeps a loadable file with every acknowledged save after a kill -9 mid-save (kill point ${point + 1})`, async () => {
      const file = path.join(dir, `killed-${point}.json`);
      const { acknowledged } = await killWhileSaving(file, afterSaves, 300);
      // What cognito-local does at its next start: load the file.
      const stored = JSON.parse(readFileSync(file, "utf8")) as {
        Options: { save: number };
        Users: unknown[];
      };
      assert.ok(
        stored.Options.save >= acknowledged,
        `save ${acknowledged} was acknowledged, the file holds ${stored.Options.save}`,
      );
      assert.equal(stored.Users.length, 20000);
    });
  }
});
