import assert from "node:assert/strict";
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BuildOptions } from "esbuild";
import { InputProbe, buildKey, cachedBuild, cachedOutput, keepOutput } from "../../components/buildCache";

const ROOT = path.resolve(__dirname, "../..");
/** A tiny project inside the repository (esbuild's paths are project-relative), gitignored. */
const DIR = path.join(ROOT, ".local", `build-cache-test-${process.pid}`);
const ENTRY = path.join(DIR, "entry.ts");
const DEPENDENCY = path.join(DIR, "dependency.ts");

/** Writes a file as an editor would, then dates it a minute back, as a file saved before the build. */
function writeOld(file: string, text: string): void {
  writeFileSync(file, text);
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(file, minuteAgo, minuteAgo);
}

const options = (): BuildOptions => ({ entryPoints: [ENTRY], bundle: true, platform: "node", format: "cjs" });
/** The key `cachedBuild` files the build under (it completes the options the same way). */
const keyOf = (name: string) =>
  buildKey(name, { ...options(), absWorkingDir: ROOT, write: false, metafile: true }, new InputProbe());
const isCached = (name: string) => cachedOutput(keyOf(name), new InputProbe()) !== undefined;
const built = async (name: string) => (await cachedBuild(name, options())).map((file) => file.text).join("");

describe("build cache: a bundle is served from the cache only while everything it was built from is unchanged", () => {
  let run = 0;
  /** A build name of its own per test, so the tests do not share entries. */
  const name = () => `build-cache-test-${process.pid}-${++run}`;

  beforeEach(() => {
    mkdirSync(DIR, { recursive: true });
    writeOld(DEPENDENCY, 'export const flavour = "pepperoni";\n');
    writeOld(ENTRY, 'import { flavour } from "./dependency";\nconsole.log(flavour);\n');
  });
  after(() => rmSync(DIR, { recursive: true, force: true }));

  it("keeps a build and serves it again", async () => {
    const build = name();
    assert.equal(isCached(build), false);
    assert.match(await built(build), /pepperoni/);
    assert.equal(isCached(build), true);
    assert.match(await built(build), /pepperoni/);
  });

  it("builds again when an imported file's content changes", async () => {
    const build = name();
    await built(build);
    writeOld(DEPENDENCY, 'export const flavour = "margherita";\n');
    assert.equal(isCached(build), false);
    const text = await built(build);
    assert.match(text, /margherita/);
    assert.doesNotMatch(text, /pepperoni/);
  });

  it("still serves the build when a file is only touched, its content the same", async () => {
    const build = name();
    await built(build);
    writeFileSync(DEPENDENCY, 'export const flavour = "pepperoni";\n');
    assert.equal(isCached(build), true);
  });

  it("builds again when a package.json appears where esbuild would read it", async () => {
    const build = name();
    await built(build);
    writeOld(path.join(DIR, "package.json"), '{ "sideEffects": false }\n');
    try {
      assert.equal(isCached(build), false);
    } finally {
      rmSync(path.join(DIR, "package.json"));
    }
  });

  it("does not keep a build whose input changed while it ran", () => {
    const build = name();
    const key = keyOf(build);
    // The dependency was saved after the build started (its mtime is now): its recorded content
    // might not be what was bundled.
    writeFileSync(DEPENDENCY, 'export const flavour = "hawaiian";\n');
    keepOutput(
      key,
      [path.relative(ROOT, ENTRY), path.relative(ROOT, DEPENDENCY)],
      [{ path: "out.js", text: "stale" }],
      Date.now() - 500,
    );
    assert.equal(cachedOutput(key, new InputProbe()), undefined);
  });
});
