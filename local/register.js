// `node -r ./local/register.js local/main.ts`: what `npm start` runs. It loads TypeScript files by
// stripping their types with esbuild (already a dependency, for the Lambda bundles), one file at a
// time as Node requires it, like `ts-node --transpile-only` but without loading the TypeScript
// compiler: that compiler (half a second to load) and its per-file transpile were most of the
// local stack's start-up. Type errors are `npm run typecheck`'s job, as with --transpile-only.
// Stack traces point at the .ts lines through Node's own source-map support.
//
// Each result is cached under node_modules/.cache/local-ts, keyed by the file's path and content
// and esbuild's version and options (as babel's and ts-node's caches are), so a start after the
// first one reads a file per module instead of waiting for esbuild.
//
// Plain CommonJS JavaScript on purpose: it is what has to exist before TypeScript can be loaded.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

// The tsconfig's target (ES2022) and module system (CommonJS, with esModuleInterop's default
// imports); `import()` becomes a `require` as tsc compiles it, so it loads TypeScript through here too.
const OPTIONS = {
  loader: "ts",
  format: "cjs",
  target: "es2022",
  sourcemap: "inline",
  supported: { "dynamic-import": false },
};
const ESBUILD_VERSION = require("esbuild/package.json").version;
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "local-ts");

/** The JavaScript for one TypeScript file: from the cache, else from esbuild (then cached). */
function compiled(source, filename) {
  const key = createHash("sha256")
    .update(`${ESBUILD_VERSION}\0${JSON.stringify(OPTIONS)}\0${filename}\0${source}`)
    .digest("hex");
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    // Not cached yet.
  }
  // Loaded on the first miss only: a start that finds everything cached never starts esbuild.
  const { transformSync } = require("esbuild");
  const { code } = transformSync(source, { ...OPTIONS, sourcefile: filename });
  try {
    mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed, so a process reading it meanwhile never sees half a file.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A cache that cannot be written (read-only install) only costs the next start some time.
  }
  return code;
}

process.setSourceMapsEnabled(true);
Module._extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(compiled(readFileSync(filename, "utf8"), filename), filename);
};
