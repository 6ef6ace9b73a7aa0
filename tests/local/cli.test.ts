import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "../../local/main";
import { readStackSettings } from "../../local/stackSettings";

const ROOT = path.resolve(__dirname, "../..");

describe("npm start (the local stack's command line)", function () {
  this.timeout(60_000);

  it("prints the outputs and a request to try, writes them to a file, and exits cleanly on Ctrl-C", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-"));
    const outputsFile = path.join(dir, "outputs.json");
    const child = spawn(
      process.execPath,
      ["-r", "./common/register.js", "local/main.ts", "--in-memory", "--outputs", outputsFile],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: "0" },
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready in time:\n${stdout}`)), 50_000);
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
        "bookingUserPoolId",
        "bookingUserPoolClientId",
        "bookingUserPoolEndpoint",
        "stepFunctionsEndpoint",
        "dynamodbEndpoint",
        "edgeUrl",
        "consoleUrl",
      ]);
      assert.ok(
        stdout.includes(
          `export AWS_ENDPOINT_URL_SFN=${outputs.stepFunctionsEndpoint} AWS_ENDPOINT_URL_DYNAMODB=${outputs.dynamodbEndpoint}`,
        ),
        "the endpoint variables are printed ready to export",
      );
      for (const [key, value] of Object.entries(outputs))
        assert.ok(stdout.includes(`${key}`) && stdout.includes(value), `${key} is printed`);
      assert.match(stdout, /curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/ -d '\{"flavour":"pepperoni"\}'/);
      assert.match(stdout, new RegExp(`x-api-key: ${outputs.bookingApiKey}`));
      assert.match(stdout, /TOKEN=\$\(npm run --silent token -- alice\)/);
      const answer = await fetch(outputs.pizzaApiUrl, { method: "POST", body: '{"flavour":"pepperoni"}' });
      assert.equal(((await answer.json()) as { status: string }).status, "SUCCEEDED");

      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      assert.equal(await exited, 0);
      assert.match(stdout, /SIGINT: stopping the local stack\.\.\.\nStopped \(\d+ ms\)\./);
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the port from the environment and refuses unknown arguments", () => {
    const options = parseArgs(["--stack", "prod", "--in-memory"], { PORT: "4000" });
    assert.deepStrictEqual([options.port, options.stack, options.inMemory], [4000, "prod", true]);
    assert.throws(() => parseArgs(["--fast"], {}), /^Error: Unknown argument "--fast"\nUsage: npm start/);
    assert.throws(() => parseArgs([], { PORT: "http" }), /PORT must be a port number, got "http"/);
  });
});

describe("the local stack's settings, from the stack config", () => {
  const config = {
    "aws:region": "eu-west-1",
    "pizza-booking:apartments": '["A-101","B-201"]',
    "pizza-booking:paymentWindowSeconds": "900",
  };

  it("takes the region, apartments, payment window and open-bookings limit from the stack's config", () => {
    assert.deepStrictEqual(readStackSettings(config, "pizza-booking", undefined, {}), {
      region: "eu-west-1",
      apartments: ["A-101", "B-201"],
      paymentWindowSeconds: 900,
      maxOpenBookingsPerUser: 2,
      graphql: { queryDepthLimit: 5, resolverCountLimit: 10, introspection: false },
    });
  });

  it("lets PAYMENT_WINDOW_SECONDS override the window, and the option override both", () => {
    const env = { PAYMENT_WINDOW_SECONDS: "5" };
    assert.equal(readStackSettings(config, "pizza-booking", undefined, env).paymentWindowSeconds, 5);
    assert.equal(readStackSettings(config, "pizza-booking", 2, env).paymentWindowSeconds, 2);
  });

  it("refuses a window that is not a whole number of seconds, naming where it came from", () => {
    assert.throws(
      () => readStackSettings(config, "pizza-booking", undefined, { PAYMENT_WINDOW_SECONDS: "soon" }),
      /^Error: \[PAYMENT_WINDOW_SECONDS\] must be a whole number of seconds from 1 to 604800, got "soon"$/,
    );
    assert.throws(
      () => readStackSettings(config, "pizza-booking", 0, {}),
      /\[paymentWindowSeconds\] must be/,
    );
  });
});
