import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** `npm run plan -- <args>`, as a user types it; --silent keeps npm's banner out of stdout. */
const npmRunPlan = (...args: string[]) =>
  run("npm", ["run", "--silent", "plan", "--", ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });

interface PrintedPlan {
  resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
}

describe("npm run plan (an offline pulumi preview)", function () {
  this.timeout(120_000);

  describe("--stack prod --json", () => {
    let printed: PrintedPlan;
    before(async () => {
      printed = JSON.parse((await npmRunPlan("--stack", "prod", "--json")).stdout) as PrintedPlan;
    });

    it("lists every resource with its type, name, parent and inputs", () => {
      assert.ok(printed.resources.length > 60, `${printed.resources.length} resources`);
      for (const resource of printed.resources)
        assert.deepStrictEqual(Object.keys(resource), ["type", "name", "parent", "inputs"]);
    });

    it("puts the two workflows at the top and everything else under one of them", () => {
      const top = printed.resources.filter((r) => r.parent === null).map((r) => `${r.type} ${r.name}`);
      assert.deepStrictEqual(top, [
        "pizza-booking:workflows:PizzaWorkflow pizza",
        "pizza-booking:workflows:BookingWorkflow booking",
      ]);
      const sm = printed.resources.filter((r) => r.type === "aws:sfn/stateMachine:StateMachine");
      assert.deepStrictEqual(sm.map((r) => [r.name, r.parent, r.inputs.type]).sort(), [
        ["booking-state-machine", "booking", "STANDARD"],
        ["pizza-state-machine", "pizza", "EXPRESS"],
      ]);
    });

    it("prints the stack outputs in the stack's region, hiding the API key", () => {
      assert.deepStrictEqual(Object.keys(printed.outputs), [
        "pizzaApiUrl",
        "pizzaStateMachineArn",
        "bookingGraphqlUrl",
        "bookingApiKey",
        "bookingStateMachineArn",
        "bookingUserPoolId",
        "bookingUserPoolClientId",
      ]);
      assert.match(
        String(printed.outputs.pizzaApiUrl),
        /^https:\/\/\w+\.execute-api\.eu-west-1\.amazonaws\.com\/$/,
      );
      assert.match(
        String(printed.outputs.bookingGraphqlUrl),
        /^https:\/\/\w+\.appsync-api\.eu-west-1\.amazonaws\.com\/graphql$/,
      );
      assert.equal(printed.outputs.bookingApiKey, "[secret]");
    });
  });

  it("prints a tree and the outputs by default, for the dev stack", async () => {
    const { stdout } = await npmRunPlan();
    assert.match(stdout, /^Previewing stack dev/);
    assert.match(stdout, /^ \+ {3}pizza-booking:workflows:PizzaWorkflow\s+pizza$/m);
    assert.match(
      stdout,
      /^ \+ {5}aws:sfn\/stateMachine:StateMachine\s+pizza-state-machine$/m,
      "indented under pizza",
    );
    assert.match(stdout, /^ {4}bookingApiKey\s+: "\[secret\]"$/m);
    assert.match(stdout, /^ {4}\+ \d+ to create$/m);
  });

  it("refuses an unknown stack, listing the ones there are", async () => {
    await assert.rejects(npmRunPlan("--stack", "staging"), (error: { stderr: string; code: number }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /No Pulumi\.staging\.yaml: available stacks are dev, prod/);
      return true;
    });
  });

  it("refuses an unknown argument with its usage", async () => {
    await assert.rejects(npmRunPlan("--stak", "dev"), (error: { stderr: string; code: number }) => {
      assert.equal(error.code, 1);
      assert.match(
        error.stderr,
        /Unknown argument "--stak"\. Usage: npm run plan \[-- --stack <dev\|prod>\] \[--json\]/,
      );
      return true;
    });
  });
});
