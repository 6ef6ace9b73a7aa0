import path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";

/** The newest Node.js runtime @pulumi/aws offers (nodejs20.x was deprecated on 2026-04-30). */
export const LAMBDA_RUNTIME = aws.lambda.Runtime.NodeJS24dX;
/** esbuild's target for that runtime. */
const ESBUILD_TARGET = "node24";
/** The project root: handler entries are given relative to it. */
const ROOT = path.resolve(__dirname, "..");

/**
 * Bundles a handler with esbuild into a Lambda code archive at deploy time. No closure
 * serialization: the deployed code is exactly the handler file and what it imports. The AWS SDK
 * is bundled too, so Lambda runs the SDK version the tests and the local stack ran, not whatever
 * version the runtime happens to ship.
 */
export function bundleHandler(entry: string): pulumi.asset.AssetArchive {
  const result = buildSync({
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
