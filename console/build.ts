/**
 * Bundles the browser console with esbuild: `app.js` (the single-page app) and `mermaid.js`
 * (Mermaid, loaded only when an execution diagram is opened, so the first page stays small), plus
 * `index.html` and `app.css` as they are. Used by the local stack (in memory, on first request) and
 * by the `ConsoleSite` component (written to a folder and uploaded to S3). Nothing here is committed.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cachedBuild } from "../components/buildCache";

/** The files of the console, as served under `/console/` and as keys under `console/` in the bucket. */
export const CONSOLE_FILES = {
  "index.html": "text/html; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "mermaid.js": "text/javascript; charset=utf-8",
} as const;

/** One file of the console. */
export type ConsoleFileName = keyof typeof CONSOLE_FILES;

/** The built console: file name to contents. */
export type ConsoleBundle = Readonly<Record<ConsoleFileName, Uint8Array>>;

const SOURCE = path.join(__dirname, "src");

/**
 * Builds the console in memory. Rejects with esbuild's messages (file, line, what is wrong).
 * Through the build cache (components/buildCache.ts): Mermaid alone takes esbuild a second or two,
 * paid by every program evaluation of a stack with the console until then.
 */
export async function buildConsole(): Promise<ConsoleBundle> {
  const outputFiles = await cachedBuild("console", {
    entryPoints: { app: path.join(SOURCE, "main.ts"), mermaid: path.join(SOURCE, "mermaid.ts") },
    bundle: true,
    format: "esm",
    minify: true,
    // Browsers of the last few years; Mermaid itself needs ES2020.
    target: ["es2020"],
    outdir: "/console",
    write: false,
    logLevel: "silent",
    legalComments: "none",
  });
  const output = (name: string) => {
    const file = outputFiles.find((candidate) => path.basename(candidate.path) === name);
    if (!file) throw new Error(`esbuild produced no ${name}`);
    return Buffer.from(file.text);
  };
  return {
    "index.html": readFileSync(path.join(SOURCE, "index.html")),
    "app.css": readFileSync(path.join(SOURCE, "app.css")),
    "app.js": output("app.js"),
    "mermaid.js": output("mermaid.js"),
  };
}

const writes = new Map<string, Promise<string>>();

function sameContent(file: string, contents: Uint8Array): boolean {
  try {
    return statSync(file).size === contents.byteLength && readFileSync(file).equals(contents);
  } catch {
    return false;
  }
}

/**
 * Builds the console into `directory` (created if needed) and resolves with it; one build per
 * directory per process, however many components ask.
 */
export function writeConsoleBundle(directory: string): Promise<string> {
  let written = writes.get(directory);
  if (!written) {
    written = buildConsole().then((bundle) => {
      mkdirSync(directory, { recursive: true });
      for (const [name, contents] of Object.entries(bundle)) {
        const file = path.join(directory, name);
        // Unchanged files are left alone: rewriting Mermaid's 3.5 MB cost more than comparing it.
        if (!sameContent(file, contents)) writeFileSync(file, contents);
      }
      return directory;
    });
    writes.set(directory, written);
  }
  return written;
}
