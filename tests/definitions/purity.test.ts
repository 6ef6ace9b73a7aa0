import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const DEFINITIONS = path.resolve(__dirname, "../../definitions");

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? typescriptFiles(path.join(folder, entry.name))
      : entry.name.endsWith(".ts")
        ? [path.join(folder, entry.name)]
        : [],
  );
}

describe("definitions/ (the builder and the workflows)", () => {
  it("imports nothing from Pulumi, so the same definitions run locally and in AWS", () => {
    const files = typescriptFiles(DEFINITIONS);
    assert.ok(files.length > 20, `found only ${files.length} files`);
    const offenders = files.filter((file) =>
      /from\s+["']@pulumi\/|require\(["']@pulumi\//.test(readFileSync(file, "utf8")),
    );
    assert.deepStrictEqual(
      offenders.map((file) => path.relative(DEFINITIONS, file)),
      [],
    );
  });
});
