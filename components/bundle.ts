import path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BuildOptions } from "esbuild";
import { build } from "esbuild";
import { InputProbe, buildKey, cachedOutput, inputsOf, keepOutput } from "./buildCache";

/** The newest Node.js runtime @pulumi/aws offers (nodejs20.x was deprecated on 2026-04-30). */
export const LAMBDA_RUNTIME = aws.lambda.Runtime.NodeJS24dX;
/** esbuild's target for that runtime. */
const ESBUILD_TARGET = "node24";
/** The project root: handler entries are given relative to it. */
const ROOT = path.resolve(__dirname, "..");

const OPTIONS = {
  bundle: true,
  platform: "node",
  target: ESBUILD_TARGET,
  format: "cjs",
  // Minified for a small archive and fast cold starts; names kept so stack traces stay readable.
  minify: true,
  keepNames: true,
  write: false,
  logLevel: "silent",
  // Metafile paths (and so the cache's) are relative to the project, wherever the process started.
  absWorkingDir: ROOT,
  metafile: true,
} satisfies BuildOptions;

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
 * A bundle whose inputs are all unchanged since it was last built comes from the build cache
 * (components/buildCache.ts).
 */
export function bundleHandler(entry: string): Promise<pulumi.asset.AssetArchive> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = bundleCode(entry).then(
      (code) => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(code) }),
    );
    bundles.set(entry, bundle);
  }
  return bundle;
}

interface Waiter {
  resolve(code: string): void;
  reject(error: unknown): void;
}

/** Handlers asked for since the last build started; built together on the next turn of the event loop. */
const pending = new Map<string, Waiter>();

function bundleCode(entry: string): Promise<string> {
  return new Promise((resolve, reject) => {
    pending.set(path.normalize(entry), { resolve, reject });
    if (pending.size === 1) setImmediate(flush);
  });
}

const keyOf = (entry: string, probe: InputProbe) => buildKey(`lambda ${entry}`, OPTIONS, probe);

/**
 * Serves what the cache has, then builds the rest in one esbuild build with an entry point per
 * handler: the resolvers share most of their inputs (the AWS SDK), which esbuild then reads and
 * parses once instead of once per handler. Each output is the same, byte for byte, as a build of
 * that handler alone (esbuild links each entry point's output on its own when not splitting code).
 */
async function flush(): Promise<void> {
  const batch = new Map(pending);
  pending.clear();
  const probe = new InputProbe();
  const toBuild = new Map<string, Waiter>();
  for (const [entry, waiter] of batch) {
    const cached = cachedOutput(keyOf(entry, probe), probe);
    if (cached?.length === 1) waiter.resolve(cached[0].text);
    else toBuild.set(entry, waiter);
  }
  if (toBuild.size === 0) return;
  try {
    await buildTogether(toBuild, probe);
  } catch {
    // One handler that does not build fails the whole build: build each alone, so each function
    // gets its own bundle or its own error.
    await Promise.all(
      [...toBuild].map(([entry, waiter]) =>
        buildTogether(new Map([[entry, waiter]]), probe).catch(waiter.reject),
      ),
    );
  }
}

async function buildTogether(entries: Map<string, Waiter>, probe: InputProbe): Promise<void> {
  const startedAt = Date.now();
  const result = await build({
    ...OPTIONS,
    entryPoints: [...entries.keys()].map((entry) => path.join(ROOT, entry)),
    // Required with several entry points; nothing is written there (`write: false`).
    outdir: path.join(ROOT, "dist/lambda"),
  });
  const codeOf = new Map<string, string>();
  for (const file of result.outputFiles) {
    const output = result.metafile.outputs[path.relative(ROOT, file.path)];
    if (output?.entryPoint !== undefined) codeOf.set(output.entryPoint, file.text);
  }
  for (const [entry, waiter] of entries) {
    const code = codeOf.get(entry);
    if (code === undefined) throw new Error(`esbuild produced no bundle for ${entry}`);
    keepOutput(
      keyOf(entry, probe),
      inputsOf(result.metafile, entry),
      [{ path: "index.js", text: code }],
      startedAt,
    );
    waiter.resolve(code);
  }
}
