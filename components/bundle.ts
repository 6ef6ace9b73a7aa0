import path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { build } from "esbuild";

/** The newest Node.js runtime @pulumi/aws offers (nodejs20.x was deprecated on 2026-04-30). */
export const LAMBDA_RUNTIME = aws.lambda.Runtime.NodeJS24dX;
/** esbuild's target for that runtime. */
const ESBUILD_TARGET = "node24";
/** The project root: handler entries are given relative to it. */
const ROOT = path.resolve(__dirname, "..");

/** One bundle per handler file per process: two component instances share the same code. */
const bundles = new Map<string, Promise<pulumi.asset.AssetArchive>>();

/**
 * Bundles a handler with esbuild into a Lambda code archive at deploy time. No closure
 * serialization: the deployed code is exactly the handler file and what it imports. The AWS SDK
 * is bundled too, so Lambda runs the SDK version the tests and the local stack ran, not whatever
 * version the runtime happens to ship.
 *
 * Asynchronous on purpose: `aws.lambda.Function`'s `code` takes a `pulumi.Input<Archive>`, so the
 * bundles are built by esbuild's own (multi-threaded) process while Node goes on evaluating the
 * program, instead of blocking it once per function as `buildSync` did (measured by `npm run bench`).
 */
export function bundleHandler(entry: string): Promise<pulumi.asset.AssetArchive> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = bundleOnce(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function bundleOnce(entry: string): Promise<pulumi.asset.AssetArchive> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: "node",
    target: ESBUILD_TARGET,
    format: "cjs",
    // Minified for a small archive and fast cold starts; names kept so stack traces stay readable.
    minify: true,
    keepNames: true,
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(output.text) });
}
