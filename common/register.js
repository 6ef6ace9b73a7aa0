// `node -r ./common/register.js <file>.ts`: how every command of the project runs TypeScript
// (`npm start`, `npm run plan`, `policy`, `render`, `token`, `smoke`, ...): as ts-node's
// transpile-only mode does (TypeScript's own `transpileModule`, the project's tsconfig.json), with
// every file's output cached by its content. One loader for all, so the local stack, the scripts and
// Pulumi's language host (ts-node, for `pulumi up`) all run the same JavaScript.
//
// Why not ts-node itself: profiled under `npm run plan`, it ran the TypeScript compiler on
// every file on every run (about 2 s of CPU), and the source-map-support it installs rewrote every
// stack trace; Pulumi takes one (`new Error().stack`) per resource and per internal promise, which
// cost another 2 s. Here a run whose files are unchanged does not even load TypeScript, and stack
// traces are Node's own: they point into the emitted JavaScript (the plan and the policies print
// error messages, not stacks), and `node --enable-source-maps` maps them back, for debugging, from
// the source map each emitted file carries.
//
// Not esbuild, though faster on a miss: its CommonJS output lists a module's exports in alphabetical
// order, not in the order the module declares them, and the stack's outputs are printed in that
// order. The emit here is the one Pulumi's language host runs for `pulumi up` (ts-node, transpile
// only), so the plan evaluates the same JavaScript the deployment does.
//
// It was `npm start`'s start-up too: ts-node spent about 3.5 s of CPU loading the compiler and
// transpiling the local stack's files; a start that finds them cached loads neither.
//
// CommonJS and plain JavaScript because it is what makes TypeScript loadable.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules/.cache/transpiled");
const TSCONFIG = path.join(ROOT, "tsconfig.json");

// An emit depends on the source, the compiler options and TypeScript's version: all are in the key.
// The version is read from its package.json, so a run that finds everything cached never loads it.
const version = (name) =>
  JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [ROOT] }), "utf8")).version;
const optionsKey = JSON.stringify([version("typescript"), readFileSync(TSCONFIG, "utf8")]);

let compiler;
/** TypeScript and the compiler options, loaded on the first file not in the cache. */
function typescript() {
  if (compiler === undefined) {
    const ts = require("typescript");
    const { config } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    // As ts-node: emit JavaScript only, with its source map.
    for (const option of ["declaration", "declarationMap", "composite", "emitDeclarationOnly", "outFile"])
      delete options[option];
    compiler = { ts, options: { ...options, noEmit: false, sourceMap: false, inlineSourceMap: true } };
  }
  return compiler;
}

function transpile(source, filename) {
  const { ts, options } = typescript();
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: options,
    reportDiagnostics: true,
  });
  // Syntax errors only, as in ts-node's transpile-only mode: type errors are `npm run typecheck`'s.
  if (diagnostics.length > 0)
    throw new SyntaxError(
      ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (file) => file,
        getCurrentDirectory: () => ROOT,
        getNewLine: () => "\n",
      }),
    );
  return outputText;
}

function cachedTranspile(source, filename) {
  const key = createHash("sha256")
    .update(optionsKey)
    .update("\0")
    .update(filename)
    .update("\0")
    .update(source)
    .digest("hex");
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    // Not cached yet: transpile below.
  }
  const output = transpile(source, filename);
  try {
    mkdirSync(CACHE, { recursive: true });
    // Whole or not at all (write-file-atomic: a temporary file, fsync, rename), so a concurrent run
    // or one after a crash never loads half a module. Loaded on a miss only.
    require("write-file-atomic").sync(cached, output);
  } catch {
    // A read-only node_modules only makes the next run transpile again.
  }
  return output;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(cachedTranspile(readFileSync(filename, "utf8"), filename), filename);
};
