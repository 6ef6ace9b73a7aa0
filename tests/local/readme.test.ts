import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

const run = promisify(execFile);
const README = path.resolve(__dirname, "../../README.md");
/** In an expected response, this string stands for any value (ARNs, dates, ids). */
const ANY = "...";

interface Example {
  readonly command: string;
  readonly expected: unknown;
}

/** The README's examples: every ```sh block with a curl command followed by a ```json block. */
function examples(markdown: string): { setup: string; examples: Example[] } {
  const blocks = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, body]) => ({
    language,
    body,
  }));
  const setup = blocks.find((block) => block.language === "sh" && block.body.includes(".local/outputs.json"));
  assert.ok(setup, "the README shows how to set the URLs from .local/outputs.json");
  const found: Example[] = [];
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (block.language === "sh" && block.body.includes("curl") && next?.language === "json") {
      found.push({ command: block.body, expected: JSON.parse(next.body) });
    }
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

describe("the README's curl examples, run verbatim against the local stack", function () {
  this.timeout(60_000);
  const { setup, examples: list } = examples(readFileSync(README, "utf8"));
  let stack: TestStack;
  let cwd: string;

  before(async () => {
    stack = await startTestStack();
    // The README reads the URLs from .local/outputs.json, which `npm start` writes.
    cwd = mkdtempSync(path.join(tmpdir(), "readme-"));
    mkdirSync(path.join(cwd, ".local"));
    writeFileSync(path.join(cwd, ".local/outputs.json"), JSON.stringify(stack.outputs));
  });
  after(async () => {
    await stack.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("has examples to run", () => {
    assert.ok(list.length >= 10, `found only ${list.length} examples`);
  });

  list.forEach((example, index) => {
    // Name each case by its request body, which is what tells the examples apart.
    const title = /-d '(.*)'/.exec(example.command)?.[1] ?? example.command.trim();
    it(`#${index + 1}: ${title.length > 90 ? `${title.slice(0, 90)}...` : title}`, async () => {
      const { stdout } = await run("bash", ["-c", `set -e\n${setup}\n${example.command}`], { cwd });
      assertShows(JSON.parse(stdout), example.expected);
    });
  });
});
