import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** `npm run policy -- <args>` as a user types it; resolves with the exit code instead of throwing. */
async function npmRunPolicy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "policy", "--", ...args], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run policy", function () {
  this.timeout(300_000);

  describe("--stack prod --stack dev", () => {
    // One run names both stacks: each program is evaluated under mocks once either way, and the
    // project is loaded through ts-node once instead of twice.
    let run: { code: number; stdout: string };
    before(async () => (run = await npmRunPolicy("--stack", "prod", "--stack", "dev")));

    for (const stack of ["dev", "prod"]) {
      it(`passes the ${stack} stack`, () => {
        assert.match(run.stdout, new RegExp(`^${stack}: passes \\d+ rules$`, "m"));
        assert.equal(run.code, 0, run.stdout);
      });
    }

    it("evaluates exactly the stacks named, in the order named", () => {
      assert.match(run.stdout, /^prod: passes \d+ rules\ndev: passes \d+ rules\n$/);
    });
  });

  it("refuses a stack that does not exist, listing the ones that do", async () => {
    const { code, stderr } = await npmRunPolicy("--stack", "staging");
    assert.equal(code, 2);
    assert.match(stderr, /^No stack "staging"\. Usage: npm run policy \[-- --stack <dev\|prod>\]/);
  });
});
