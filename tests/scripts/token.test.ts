import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { parseTokenArgs, readUserPoolOutputs } from "../../scripts/token";
import type { TestStack } from "../local/harness";
import { startTestStack } from "../local/harness";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

describe("npm run token", function () {
  this.timeout(90_000);
  let stack: TestStack;
  let dir: string;
  let outputsFile: string;
  before(async () => {
    stack = await startTestStack();
    dir = mkdtempSync(path.join(tmpdir(), "token-"));
    outputsFile = path.join(dir, "outputs.json");
    writeFileSync(outputsFile, JSON.stringify(stack.outputs));
  });
  after(async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = async (...args: string[]) =>
    (await run("npm", ["run", "--silent", "token", "--", ...args], { cwd: ROOT })).stdout;

  it("prints only an ID token of the stack's pool for the user, creating the user once", async () => {
    const first = await token("alice", "--outputs", outputsFile);
    assert.match(first, /^[\w-]+\.[\w-]+\.[\w-]+\n$/, "one JWT and a newline, nothing else");
    const claims = decodeJwt(first.trim());
    assert.equal(claims["cognito:username"], "alice");
    assert.equal(claims.token_use, "id");
    assert.equal(claims.aud, stack.outputs.bookingUserPoolClientId);
    const again = decodeJwt((await token("alice", "--outputs", outputsFile)).trim());
    assert.equal(again.sub, claims.sub, "the same user, not a new one");

    const { status, body } = await stack.graphql("{ myBookings { id } }", undefined, {
      "content-type": "application/json",
      authorization: first.trim(),
    });
    assert.equal(status, 200);
    assert.deepStrictEqual(body, { data: { myBookings: [] } });
  });

  it("says what to do when the stack is not running or the outputs are not a local stack's", async () => {
    await assert.rejects(
      token("alice", "--outputs", path.join(dir, "missing.json")),
      (error: { stderr: string }) => {
        assert.match(error.stderr, /No .*missing\.json: start the local stack with `npm start` first/);
        return true;
      },
    );
    const deployed = path.join(dir, "deployed.json");
    writeFileSync(
      deployed,
      JSON.stringify({ bookingGraphqlUrl: "https://example.appsync-api.us-east-1.amazonaws.com/graphql" }),
    );
    assert.throws(
      () => readUserPoolOutputs(deployed),
      /has no bookingUserPoolEndpoint, bookingUserPoolId, bookingUserPoolClientId: it is not the outputs of a running local stack/,
    );
  });

  it("takes one username and the --outputs option, and says so otherwise", () => {
    assert.deepStrictEqual(parseTokenArgs(["bob", "--outputs", "x.json"]), {
      username: "bob",
      outputsFile: path.resolve("x.json"),
    });
    assert.throws(
      () => parseTokenArgs([]),
      /^Error: Which user\? Usage: npm run --silent token -- <username>/,
    );
    assert.throws(() => parseTokenArgs(["a", "b"]), /One username only, got "a" and "b"/);
    assert.throws(() => parseTokenArgs(["a", "--fast"]), /Unknown option "--fast"/);
    assert.throws(() => parseTokenArgs(["a", "--outputs"]), /--outputs needs a file/);
  });
});
