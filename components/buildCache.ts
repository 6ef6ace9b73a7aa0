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
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { BuildOptions, Metafile } from "esbuild";
import { build, version as esbuildVersion } from "esbuild";
// Whole files or none (a temporary file, fsync, rename): a concurrent reader or a run after a crash
// never reads half an entry.
import writeFileAtomic from "write-file-atomic";

const ROOT = path.resolve(__dirname, "..");
/**
 * A project-relative path as an absolute one. Metafile paths and the folders above them are
 * already normalized, so plain concatenation does; `path.resolve` on each of the ~3,000 was a
 * measurable part of a lookup.
 */
const absolute = (file: string) => `${ROOT}${path.sep}${file}`;
/** Where entries are kept. */
export const BUILD_CACHE = path.join(ROOT, "node_modules/.cache/esbuild-outputs");
/** Folders whose package.json and tsconfig.json can steer how esbuild resolves and compiles. */
const CONFIG_FILES = ["package.json", "tsconfig.json", "jsconfig.json"];

/** One output file of a build, as kept: its path (as esbuild gave it), its text. */
export interface CachedFile {
  readonly path: string;
  readonly text: string;
}

/** What is recorded of one input file. */
interface Recorded {
  /** sha256 of its content, or null for a file that was absent. */
  readonly hash: string | null;
  /** Its inode, size, modification and change times when it was hashed (see `InputProbe`). */
  readonly stat?: string;
}

/**
 * What the cache keeps of a build, in `<key>.json`. The outputs' text is kept beside it in files
 * named by its sha256 (`<sha256>.out`), so a lookup parses only the small record, and a file is
 * complete and the right one whatever another run writes at the same time.
 */
interface Entry {
  readonly key: string;
  /** Project-relative path to what was recorded of it. */
  readonly inputs: Record<string, Recorded>;
  readonly files: { readonly path: string; readonly sha256: string }[];
}

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Looks at input files for one lookup, each file once (the AWS SDK is in every resolver's bundle).
 * Make a new one per lookup: files change between runs.
 *
 * A file is unchanged when its content hash is the recorded one. Reading and hashing the ~3,000
 * inputs of the bundles took a quarter of a second per run, so a file whose inode, size,
 * modification time and change time (ctime) are all as recorded is taken as unchanged without
 * reading it, as git's index does: the kernel sets ctime to the current time on every write and
 * every change of mtime, and no system call sets it back, so content cannot change with the four
 * unchanged short of the clock going backwards. Any difference reads and hashes the file, and a
 * file that was touched but has the same content still matches.
 */
export class InputProbe {
  private readonly hashes = new Map<string, string | null>();
  private readonly stats = new Map<string, { signature: string; modifiedMs: number } | undefined>();

  /** The file's stat signature and modification time, or undefined when it is absent. */
  stat(file: string): { signature: string; modifiedMs: number } | undefined {
    if (!this.stats.has(file)) {
      // Milliseconds as doubles keep the kernel's times to a fraction of a microsecond.
      const stat = statSync(absolute(file), { throwIfNoEntry: false });
      this.stats.set(
        file,
        stat && {
          signature: `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`,
          modifiedMs: stat.mtimeMs,
        },
      );
    }
    return this.stats.get(file);
  }

  hash(file: string): string | null {
    let hash = this.hashes.get(file);
    if (hash === undefined) {
      try {
        hash = sha256(readFileSync(absolute(file)));
      } catch {
        hash = null;
      }
      this.hashes.set(file, hash);
    }
    return hash;
  }

  /** Whether `file` still has the content recorded. */
  unchanged(file: string, recorded: Recorded): boolean {
    const stat = this.stat(file);
    if (recorded.hash === null) return stat === undefined;
    if (stat !== undefined && stat.signature === recorded.stat) return true;
    return this.hash(file) === recorded.hash;
  }
}

/** Changed with the layout of entries, so a run never reads an entry written in another layout. */
const LAYOUT = 2;

/** The key of a build: what it is (`name`), its options, esbuild's version and the package lock. */
export function buildKey(name: string, options: object, probe: InputProbe): string {
  return sha256(JSON.stringify([LAYOUT, name, esbuildVersion, options, probe.hash("package-lock.json")]));
}

/**
 * The files whose content decides a build's output: `inputs` (project-relative, as esbuild's
 * metafile names them) and the configuration files of their folders up to the project root.
 */
function filesDeciding(inputs: Iterable<string>): string[] {
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
  return [...files].sort();
}

const entryFile = (key: string) => path.join(BUILD_CACHE, `${key}.json`);
const outputFile = (sha: string) => path.join(BUILD_CACHE, `${sha}.out`);

function readEntry(key: string): Entry | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryFile(key), "utf8")) as Entry;
    return entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** The kept output of the build `key`, if every file it was built from is unchanged; else undefined. */
export function cachedOutput(key: string, probe: InputProbe): CachedFile[] | undefined {
  const entry = readEntry(key);
  if (entry === undefined) return undefined;
  for (const [file, recorded] of Object.entries(entry.inputs))
    if (!probe.unchanged(file, recorded)) return undefined;
  try {
    return entry.files.map(({ path: file, sha256: sha }) => ({
      path: file,
      text: readFileSync(outputFile(sha), "utf8"),
    }));
  } catch {
    // Removed by a run that replaced this entry meanwhile: build again.
    return undefined;
  }
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
  // Recorded after the build, with a fresh probe: a file changed while esbuild ran would be
  // recorded with content the output was not built from. Such a build (any file modified since a
  // second before it started) is not kept; the next run builds again.
  const probe = new InputProbe();
  const recorded: Record<string, Recorded> = {};
  for (const file of filesDeciding(inputs)) {
    const stat = probe.stat(file);
    if (stat !== undefined && stat.modifiedMs >= startedAt - 1000) return;
    const hash = probe.hash(file);
    recorded[file] = hash === null || stat === undefined ? { hash } : { hash, stat: stat.signature };
  }
  const entry: Entry = {
    key,
    inputs: recorded,
    files: files.map((file) => ({ path: file.path, sha256: sha256(file.text) })),
  };
  try {
    mkdirSync(BUILD_CACHE, { recursive: true });
    const replaced = readEntry(key);
    entry.files.forEach(({ sha256: sha }, i) => {
      if (!existsSync(outputFile(sha))) writeFileAtomic.sync(outputFile(sha), files[i].text);
    });
    writeFileAtomic.sync(entryFile(key), JSON.stringify(entry));
    // The outputs only the replaced entry had would never be read again. Deleting one another
    // entry shares only makes that entry a miss.
    const kept = new Set(entry.files.map((file) => file.sha256));
    for (const { sha256: sha } of replaced?.files ?? [])
      if (!kept.has(sha)) rmSync(outputFile(sha), { force: true });
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
  const probe = new InputProbe();
  const key = buildKey(name, complete, probe);
  const cached = cachedOutput(key, probe);
  if (cached !== undefined) return cached;
  const startedAt = Date.now();
  const result = await build(complete);
  const files = result.outputFiles.map((file) => ({ path: file.path, text: file.text }));
  keepOutput(key, Object.keys(result.metafile.inputs), files, startedAt);
  return files;
}
