import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { bundleHandler } from "../../components/bundle";

/** Writes a bundle to a temporary folder and loads it as Lambda would (`index.handler`). */
async function loadBundle(
  archive: pulumi.asset.AssetArchive,
): Promise<{ handler: (event: unknown) => Promise<unknown> }> {
  const assets = (await archive.assets) as Record<string, pulumi.asset.StringAsset>;
  const code = await assets["index.js"].text;
  const dir = mkdtempSync(path.join(tmpdir(), "bundle-"));
  try {
    writeFileSync(path.join(dir, "index.js"), code as unknown as string);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle the way Lambda does
    return require(path.join(dir, "index.js")) as { handler: (event: unknown) => Promise<unknown> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Lambda bundling", () => {
  it("bundles a handler into one index.js whose handler works on its own", async () => {
    const bundle = await loadBundle(await bundleHandler("handlers/orderPizza.ts"));
    assert.deepStrictEqual(await bundle.handler(" Hawaiian "), { containsPineapple: true });
    await assert.rejects(bundle.handler(""), { name: "InvalidOrder" });
  });

  it("fails the deployment when a handler does not exist", async () => {
    await assert.rejects(bundleHandler("handlers/missing.ts"), /Could not resolve|missing\.ts/);
  });

  it("bundles each handler once per process, however many functions use it", () => {
    assert.equal(bundleHandler("handlers/orderPizza.ts"), bundleHandler("handlers/orderPizza.ts"));
  });
});
