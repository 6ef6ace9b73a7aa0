// `node -r ./local/register.js local/main.ts`: what `npm start` runs. It loads TypeScript files by
// stripping their types with esbuild (already a dependency, for the Lambda bundles), one file at a
// time as Node requires it, like `ts-node --transpile-only` but without loading the TypeScript
// compiler: that compiler (half a second to load) and its per-file transpile were most of the
// local stack's start-up. Type errors are `npm run typecheck`'s job, as with --transpile-only.
// Stack traces point at the .ts lines through Node's own source-map support.
//
// Plain CommonJS JavaScript on purpose: it is what has to exist before TypeScript can be loaded.
"use strict";
const { readFileSync } = require("node:fs");
const Module = require("node:module");
const { transformSync } = require("esbuild");

// The tsconfig's target (ES2022) and module system (CommonJS, with esModuleInterop's default imports).
const OPTIONS = { loader: "ts", format: "cjs", target: "es2022", sourcemap: "inline" };

process.setSourceMapsEnabled(true);
Module._extensions[".ts"] = function loadTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), { ...OPTIONS, sourcefile: filename });
  module._compile(code, filename);
};
