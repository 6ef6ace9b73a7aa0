import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { baseUrl, close, listen } from "../../local/httpServer";
import { loadOutputs, parseSmokeArgs, report, runSmoke } from "../../scripts/smoke";
import { userToken } from "../../scripts/smokeClient";
import type { TestStack } from "../local/harness";
import { startTestStack } from "../local/harness";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** `npm run smoke -- <args>`, as CI runs it; resolves with the exit code and what it printed. */
async function npmRunSmoke(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "smoke", "--", ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run smoke (the README's contract against a stack's outputs)", function () {
  this.timeout(120_000);
  let stack: TestStack;
  let folder: string;
  let outputsFile: string;

  before(async () => {
    stack = await startTestStack();
    folder = mkdtempSync(path.join(tmpdir(), "smoke-"));
    outputsFile = path.join(folder, "outputs.json");
    writeFileSync(outputsFile, JSON.stringify(stack.outputs));
  });
  after(async () => {
    await stack.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("passes against the local stack, pizza, booking lifecycle and edge, and exits 0", async () => {
    const { code, stdout } = await npmRunSmoke("--outputs", outputsFile, "--pay");
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^Smoke test of /);
    assert.match(stdout, /pizza responses: raw; bookings as a user \(token\)/);
    for (const name of [
      "pizza: a Hawaiian order is refused",
      "booking: another booking of the held apartment is rejected",
      "booking: the booking is paid; the same payment again changes nothing, another is refused (--pay)",
      "edge /pizza: a pepperoni order succeeds",
      "edge /graphql: the apartments are listed, with the security headers",
    ])
      assert.ok(stdout.includes(`✔ ${name}`), `${name} passed:\n${stdout}`);
    assert.match(stdout, /^20 passed, 0 failed, 0 skipped$/m);
  });

  it("exits 1 and names the failing cases when the credentials in the outputs are wrong", async () => {
    const wrongKey = path.join(folder, "wrong-key.json");
    writeFileSync(wrongKey, JSON.stringify({ ...stack.outputs, bookingApiKey: "da2-not-the-key" }));
    const { code, stdout } = await npmRunSmoke("--outputs", wrongKey);
    assert.equal(code, 1, stdout);
    assert.match(
      stdout,
      /✘ booking: the apartments are listed with the API key\n {6}expected HTTP 200 and a list of apartments; got HTTP 401/,
    );
    assert.match(stdout, /\nFailed:\n {2}booking: the apartments are listed with the API key\n/);
    assert.doesNotMatch(stdout, /✘ pizza/);
  });

  it("names exactly the cases a broken pizza API breaks (one that stopped refusing pineapple)", async () => {
    // Answers every order as the stack answers pepperoni: pineapple is no longer refused.
    const broken = await listen(
      createServer((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ executionArn: "arn", status: "SUCCEEDED", output: '{"containsPineapple":false}' }),
        );
      }),
      0,
    );
    try {
      const context = {
        outputs: { ...stack.outputs, pizzaApiUrl: `${baseUrl(broken)}/` },
        bookingAuth: { token: String(await userToken(stack.outputs)) },
        pay: false,
      };
      const results = await runSmoke(context);
      assert.deepStrictEqual(
        results.filter((result) => result.outcome === "failed").map((result) => result.name),
        [
          "pizza: a Hawaiian order is refused",
          "pizza: an order without a flavour fails as InvalidOrder",
          "pizza: a body that is not JSON is refused by Step Functions",
        ],
      );
      const printed = report(results, "broken", context);
      assert.match(
        printed,
        /✘ pizza: a Hawaiian order is refused\n {6}expected HTTP 200, status FAILED, error "Failed To Make Pizza"; got HTTP 200: /,
      );
      assert.match(printed, /^16 passed, 3 failed, 1 skipped$/m);
      assert.match(
        printed,
        /- booking: the booking is paid; the same payment again changes nothing, another is refused \(--pay\)\n {6}skipped: pass --pay/,
      );
    } finally {
      await close(broken);
    }
  });

  it("checks the mapped response mode's status codes when the stack answers that way", async () => {
    await stack.stop();
    stack = await startTestStack({ pizzaResponses: "mapped" });
    const context = {
      outputs: stack.outputs,
      bookingAuth: { token: String(await userToken(stack.outputs)) },
      pay: false,
    };
    const results = await runSmoke(context);
    assert.equal((context as { pizzaMode?: string }).pizzaMode, "mapped");
    assert.deepStrictEqual(
      results.filter((result) => result.outcome === "failed"),
      [],
    );
  });

  it("refuses unknown arguments, --stack without the Pulumi CLI, and outputs that are not a stack's", () => {
    assert.throws(() => parseSmokeArgs(["--stak", "dev"]), /Unknown argument "--stak"\nUsage: npm run smoke/);
    assert.throws(
      () => parseSmokeArgs(["--outputs", "a.json", "--stack", "dev"]),
      /Give --outputs or --stack, not both/,
    );
    assert.throws(
      () => loadOutputs({ stack: "prod", pay: false }, false),
      /--stack prod needs the Pulumi CLI/,
    );
    const notOutputs = path.join(folder, "not-outputs.json");
    writeFileSync(notOutputs, JSON.stringify({ pizzaApiUrl: "http://x/" }));
    assert.throws(
      () => loadOutputs({ outputsFile: notOutputs, pay: false }, false),
      /lacks bookingGraphqlUrl, bookingApiKey: give the outputs of a stack/,
    );
  });
});
