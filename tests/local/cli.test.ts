import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "../../local/main";

const ROOT = path.resolve(__dirname, "../..");

describe("npm start (the local stack's command line)", function () {
  this.timeout(60_000);

  it("prints the outputs and a request to try, writes them to a file, and exits cleanly on Ctrl-C", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-"));
    const outputsFile = path.join(dir, "outputs.json");
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "local/main.ts", "--in-memory", "--outputs", outputsFile],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: "0" },
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready in time:\n${stdout}`)), 30_000);
        child.stdout.on(
          "data",
          () => stdout.includes("Press Ctrl-C to stop.") && (clearTimeout(timer), resolve()),
        );
        child.once("exit", (code) => reject(new Error(`exited early with ${code}:\n${stdout}`)));
      });
      const outputs = JSON.parse(readFileSync(outputsFile, "utf8")) as Record<string, string>;
      assert.deepStrictEqual(Object.keys(outputs), [
        "pizzaApiUrl",
        "bookingGraphqlUrl",
        "bookingApiKey",
        "pizzaStateMachineArn",
        "bookingStateMachineArn",
      ]);
      for (const [key, value] of Object.entries(outputs))
        assert.ok(stdout.includes(`${key}`) && stdout.includes(value), `${key} is printed`);
      assert.match(stdout, /curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/ -d '\{"flavour":"pepperoni"\}'/);
      assert.match(stdout, new RegExp(`x-api-key: ${outputs.bookingApiKey}`));
      const answer = await fetch(outputs.pizzaApiUrl, { method: "POST", body: '{"flavour":"pepperoni"}' });
      assert.equal(((await answer.json()) as { status: string }).status, "SUCCEEDED");

      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      assert.equal(await exited, 0);
      assert.match(stdout, /SIGINT: stopping the local stack\.\.\.\nStopped\./);
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the port and payment window from the environment and refuses unknown arguments", () => {
    const options = parseArgs(["--stack", "prod", "--in-memory"], {
      PORT: "4000",
      PAYMENT_WINDOW_SECONDS: "5",
    });
    assert.deepStrictEqual(
      [options.port, options.stack, options.inMemory, options.paymentWindowSeconds],
      [4000, "prod", true, 5],
    );
    assert.throws(() => parseArgs(["--fast"], {}), /^Error: Unknown argument "--fast"\nUsage: npm start/);
    assert.throws(() => parseArgs([], { PORT: "http" }), /PORT must be a port number, got "http"/);
  });
});
