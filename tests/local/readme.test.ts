/**
 * Runs the README's curl examples against a started local stack, so the README cannot drift.
 *
 * The convention the README follows (README_PATH=<file> checks another file, e.g. a draft):
 * - One ```sh block reads `.local/outputs.json` to set `PIZZA_URL`, `GRAPHQL_URL`, `API_KEY` and
 *   `TOKEN` (`npm run --silent token`); it runs once, and every example runs with the variables it
 *   set, in a folder whose
 *   `.local/outputs.json` is this stack's and whose package.json, node_modules and scripts/ are the
 *   project's (linked), so `npm run` works there as in the project.
 * - Every ```sh block that contains `curl` is an example and must be followed directly by a ```json
 *   block: the response it shows. Examples run in order, with bash, against one fresh in-memory
 *   stack of the dev config, so an example may rely on those before it.
 * - The response is compared as parsed JSON: keys it leaves out are not checked; `"..."` stands for
 *   any value that is present (ARNs, dates, ids); arrays are compared item by item and by length.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const README = path.resolve(process.env.README_PATH ?? path.join(__dirname, "../../README.md"));
/** In an expected response, this string stands for any value (ARNs, dates, ids). */
const ANY = "...";

interface Example {
  readonly command: string;
  readonly expected: unknown;
}

/** The setup block and the examples of a README, checked against the convention above. */
function examples(markdown: string): { setup: string; examples: Example[] } {
  const blocks = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, body]) => ({
    language,
    body,
  }));
  const setup = blocks.find((block) => block.language === "sh" && block.body.includes(".local/outputs.json"));
  assert.ok(setup, `${README} shows how to set the URLs from .local/outputs.json in a sh block`);
  const found: Example[] = [];
  blocks.forEach((block, index) => {
    if (block.language !== "sh" || !block.body.includes("curl")) return;
    const next = blocks[index + 1];
    assert.equal(
      next?.language,
      "json",
      `this curl example needs a json block with its response right after it:\n${block.body}`,
    );
    found.push({ command: block.body, expected: JSON.parse(next.body) });
  });
  return { setup: setup.body, examples: found };
}

/** Checks that `actual` has everything `expected` shows; "..." matches any value that is there. */
function assertShows(actual: unknown, expected: unknown, at = "$"): void {
  if (expected === ANY) return assert.notEqual(actual, undefined, `${at} is missing`);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at} should be an array`);
    assert.equal(actual.length, expected.length, `${at} length`);
    return expected.forEach((item, index) => assertShows(actual[index], item, `${at}[${index}]`));
  }
  if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${at} should be an object`);
    for (const [key, value] of Object.entries(expected))
      assertShows((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
    return;
  }
  assert.deepStrictEqual(actual, expected, at);
}

describe(`the curl examples of ${path.basename(README)}, run verbatim against the local stack`, function () {
  this.timeout(60_000);
  const { setup, examples: list } = examples(readFileSync(README, "utf8"));
  let stack: TestStack;
  let cwd: string;
  /** The environment the setup block leaves (`set -a` exports what it assigns). */
  let env: NodeJS.ProcessEnv;

  before(async () => {
    stack = await startTestStack();
    // The README reads the URLs from .local/outputs.json, which `npm start` writes.
    cwd = mkdtempSync(path.join(tmpdir(), "readme-"));
    mkdirSync(path.join(cwd, ".local"));
    writeFileSync(path.join(cwd, ".local/outputs.json"), JSON.stringify(stack.outputs));
    for (const entry of ["package.json", "node_modules", "scripts", "common"]) {
      symlinkSync(path.join(ROOT, entry), path.join(cwd, entry));
    }
    const { stdout } = await run("bash", ["-c", `set -e -a\n${setup}\nenv -0`], { cwd });
    env = Object.fromEntries(
      stdout
        .split("\0")
        .filter((entry) => entry.includes("="))
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
  });
  after(async () => {
    await stack.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("has examples to run", () => {
    assert.ok(list.length > 0, `${README} has no curl examples`);
  });

  list.forEach((example, index) => {
    // Name each case by its request body, which is what tells the examples apart.
    const title = /-d '(.*)'/.exec(example.command)?.[1] ?? example.command.trim();
    it(`#${index + 1}: ${title.length > 90 ? `${title.slice(0, 90)}...` : title}`, async () => {
      const { stdout } = await run("bash", ["-c", `set -e\n${example.command}`], { cwd, env });
      let actual: unknown;
      try {
        actual = JSON.parse(stdout);
      } catch {
        assert.fail(`the example printed no JSON:\n${stdout}`);
      }
      assertShows(actual, example.expected);
    });
  });
});
