import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { integrationsTableMarkdown } from "../../scripts/integrationsTable/markdown";

/** Table rows without Prettier's column padding. */
const normalize = (markdown: string) =>
  markdown
    .split("\n")
    .map((line) =>
      line
        .replace(/\s*\|\s*/g, "|")
        .replace(/-{3,}/g, "---")
        .trim(),
    )
    .filter(Boolean);

describe("README: the service integration table", () => {
  it("is the one generated from the integration data (npm run integrations-table -- --write)", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const section = /<!-- integrations-table:start -->([\s\S]*)<!-- integrations-table:end -->/.exec(readme);
    assert.ok(section, "README.md has no integrations-table section");
    assert.deepStrictEqual(normalize(section[1]), normalize(integrationsTableMarkdown()));
  });
});
