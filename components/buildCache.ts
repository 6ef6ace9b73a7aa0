/**
 * A cache of esbuild's outputs, so a program evaluation that bundles the same code again (a second
 * `npm run plan`, `pulumi preview` then `pulumi up`) does not pay for the build again: bundling the
 * Lambda handlers (each with its own AWS SDK) and the console (with Mermaid) took seconds of the
 * plan's wall time.
 *
 * Correctness first: an entry is served only if every input esbuild read for it (its metafile's
 * input files) still has the content hash recorded when it was built, and so has every
 * `package.json` and `tsconfig.json` esbuild may have consulted on the way (those of each input's
 * folder and of the folders above it, present or absent), and the package lock is the same. Any
 * difference, a missing file or an unreadable entry builds again. The key holds esbuild's version
 * and the build options. Nothing here is committed: the cache lives in node_modules/.cache.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BuildOptions, Metafile } from "esbuild";
import { build, version as esbuildVersion } from "esbuild";

const ROOT = path.resolve(__dirname, "..");
/** Where entries are kept. */
export const BUILD_CACHE = path.join(ROOT, "node_modules/.cache/esbuild-outputs");
/** Folders whose package.json and tsconfig.json can steer how esbuild resolves and compiles. */
const CONFIG_FILES = ["package.json", "tsconfig.json", "jsconfig.json"];

/** One output file of a build, as kept: its path (as esbuild gave it), its text. */
export interface CachedFile {
  readonly path: string;
  readonly text: string;
}

interface Entry {
  readonly key: string;
  /** Project-relative path to sha256 of its content, or null for a file that was absent. */
  readonly inputs: Record<string, string | null>;
  readonly files: CachedFile[];
}

/**
 * Content hashes taken during one lookup or store: a file read for several entries (the AWS SDK is
 * in every resolver's bundle) is hashed once. Make a new one per lookup: files change between runs.
 */
export type HashMemo = Map<string, string | null>;

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function hashOf(file: string, memo: HashMemo): string | null {
  let hash = memo.get(file);
  if (hash === undefined) {
    try {
      hash = sha256(readFileSync(path.resolve(ROOT, file)));
    } catch {
      hash = null;
    }
    memo.set(file, hash);
  }
  return hash;
}

/** The key of a build: what it is (`name`), its options, esbuild's version and the package lock. */
export function buildKey(name: string, options: object, memo: HashMemo): string {
  return sha256(JSON.stringify([name, esbuildVersion, options, hashOf("package-lock.json", memo)]));
}

/**
 * The files whose content decides a build's output: `inputs` (project-relative, as esbuild's
 * metafile names them) and the configuration files of their folders up to the project root.
 */
function fingerprint(inputs: Iterable<string>, memo: HashMemo): Record<string, string | null> {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const input of inputs) {
    files.add(input);
    for (let folder = path.dirname(input); !folders.has(folder); folder = path.dirname(folder)) {
      folders.add(folder);
      for (const name of CONFIG_FILES) files.add(path.join(folder, name));
      if (folder === "." || folder === path.dirname(folder)) break;
    }
  }
  return Object.fromEntries([...files].sort().map((file) => [file, hashOf(file, memo)]));
}

function entryFile(key: string): string {
  return path.join(BUILD_CACHE, `${key}.json`);
}

/** The kept output of the build `key`, if every file it was built from is unchanged; else undefined. */
export function cachedOutput(key: string, memo: HashMemo): CachedFile[] | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(entryFile(key), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.key !== key) return undefined;
  for (const [file, hash] of Object.entries(entry.inputs)) if (hashOf(file, memo) !== hash) return undefined;
  return entry.files;
}

/**
 * Keeps the output of build `key`, built from `inputs` by a build that started at `startedAt`
 * (`Date.now()`). Best effort: a cache that cannot be written (a read-only install) only means the
 * next run builds again.
 */
export function keepOutput(
  key: string,
  inputs: Iterable<string>,
  files: CachedFile[],
  startedAt: number,
): void {
  const recorded = fingerprint(inputs, new Map());
  // The hashes are taken after the build: a file changed while esbuild ran would be recorded with
  // content the output was not built from. Such a build (any file modified since a second before
  // it started) is not kept; the next run builds again.
  for (const file of Object.keys(recorded)) {
    try {
      if (statSync(path.resolve(ROOT, file)).mtimeMs >= startedAt - 1000) return;
    } catch {
      // Absent, and recorded as absent.
    }
  }
  const entry: Entry = { key, inputs: recorded, files };
  try {
    mkdirSync(BUILD_CACHE, { recursive: true });
    // Written whole then renamed: a concurrent run reads the old entry or the new one, never half.
    const partial = `${entryFile(key)}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(entry));
    renameSync(partial, entryFile(key));
  } catch {
    // Not kept; see above.
  }
}

/**
 * Every input file that went into the output of `entryPoint` (project-relative, as in the
 * metafile): the entry and what it imports, transitively. With several entry points in one build,
 * each entry's cache entry then depends only on its own inputs.
 */
export function inputsOf(metafile: Metafile, entryPoint: string): Set<string> {
  const seen = new Set<string>();
  const toVisit = [entryPoint];
  while (toVisit.length > 0) {
    const file = toVisit.pop() as string;
    const input = metafile.inputs[file];
    if (seen.has(file) || input === undefined) continue;
    seen.add(file);
    for (const imported of input.imports) if (!imported.external) toVisit.push(imported.path);
  }
  return seen;
}

/**
 * esbuild's `build` of `options` (written nowhere) through the cache: the output files. `name` says
 * what is built, for the key. Every input of the build counts for every output.
 */
export async function cachedBuild(name: string, options: BuildOptions): Promise<CachedFile[]> {
  // Metafile paths, and so the cache's, are relative to the project, wherever the process started.
  const complete = { ...options, absWorkingDir: ROOT, write: false, metafile: true } satisfies BuildOptions;
  const memo: HashMemo = new Map();
  const key = buildKey(name, complete, memo);
  const cached = cachedOutput(key, memo);
  if (cached !== undefined) return cached;
  const startedAt = Date.now();
  const result = await build(complete);
  const files = result.outputFiles.map((file) => ({ path: file.path, text: file.text }));
  keepOutput(key, Object.keys(result.metafile.inputs), files, startedAt);
  return files;
}
