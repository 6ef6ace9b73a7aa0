import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { aslValidatorErrors } from "../../definitions/asl";
import type { AslDefinition } from "../../definitions/asl";
import { render } from "../../scripts/render";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

describe("npm run render", function () {
  this.timeout(30_000);

  for (const workflow of ["pizza", "booking"]) {
    it(`prints the ${workflow} workflow as ASL that asl-validator accepts`, () => {
      const asl = JSON.parse(render(workflow)) as AslDefinition;
      assert.ok(Object.keys(asl.States).length > 3);
      assert.deepStrictEqual(aslValidatorErrors(asl), []);
    });

    it(`prints the ${workflow} workflow as a Mermaid flowchart and its permissions`, () => {
      assert.match(render(workflow, "mermaid"), /^flowchart TD\n {2}start_\(\[start\]\)\n/);
      assert.ok(JSON.parse(render(workflow, "permissions")).length >= 1);
    });
  }

  it("runs from the command line, with --format", async () => {
    const { stdout } = await run(
      process.execPath,
      ["-r", "./common/register.js", "scripts/render.ts", "pizza", "--format", "mermaid"],
      { cwd: ROOT },
    );
    assert.match(stdout, /"Order Pizza Job"/);
  });

  it("names the choices when the workflow or format is unknown", async () => {
    assert.throws(() => render("sushi"), /Unknown workflow "sushi": choose one of pizza, booking/);
    assert.throws(
      () => render("pizza", "yaml"),
      /Unknown format "yaml": choose one of asl, mermaid, permissions/,
    );
    await assert.rejects(
      run(process.execPath, ["-r", "./common/register.js", "scripts/render.ts"], { cwd: ROOT }),
      (error: { stderr: string; code: number }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /^Usage: npm run render -- <workflow>/);
        return true;
      },
    );
  });
});
