/**
 * `npm run integrations-table`: prints the service integration table (definitions/asl/integrations/
 * catalog.ts) as Markdown, the table README.md shows between its `integrations-table` markers.
 * `--write` replaces that part of README.md; tests/asl/integrationsTable.test.ts keeps the two equal.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { integrationsTableMarkdown } from "./integrationsTable/markdown";

const README = path.resolve(__dirname, "../README.md");
const START = "<!-- integrations-table:start -->";
const END = "<!-- integrations-table:end -->";

const table = integrationsTableMarkdown();
if (process.argv.includes("--write")) {
  const readme = fs.readFileSync(README, "utf8");
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) {
    console.error(`README.md has no ${START} ... ${END} section to replace`);
    process.exitCode = 1;
  } else {
    const updated = `${readme.slice(0, from + START.length)}\n${table}${readme.slice(to)}`;
    // Formatted as `npm run lint` expects (Prettier pads the table's columns).
    void prettier
      .resolveConfig(README)
      .then((config) => prettier.format(updated, { ...config, filepath: README }))
      .then((formatted) => fs.writeFileSync(README, formatted));
  }
} else {
  process.stdout.write(table);
}
