import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

/** What a deploy needs from the repository: the program and its config, not tests or the local stack. */
const PROGRAM_FILES = [
  "package.json",
  "package-lock.json",
  "Pulumi.yaml",
  "Pulumi.dev.yaml",
  "Pulumi.prod.yaml",
  "tsconfig.json",
  "tsconfig.pulumi.json",
  "index.ts",
  // The console's bundle is built by the program (components/ConsoleSite.ts) from its sources.
  "console",
  "components",
  "definitions",
  "handlers",
  "scripts",
  "common",
];

/**
 * Loads index.ts the way Pulumi's Node.js language host does (@pulumi/pulumi cmd/run/run.js):
 * TypeScript and ts-node resolved from the program's node_modules by @pulumi/pulumi/tsutils
 * (falling back to Pulumi's vendored TypeScript 3.8 when absent), the tsconfig from Pulumi.yaml's
 * runtime.options.tsconfig, transpile-only when that file sets noCheck; then runs the program
 * under the same mocks as `npm run plan` and prints what it registered.
 */
const LOAD_LIKE_PULUMI = `
const path = require("node:path");
const { createRequire } = require("node:module");
const root = process.cwd();
const fromPulumi = createRequire(path.join(root, "node_modules/@pulumi/pulumi/cmd/run/run.js"));
const yaml = fromPulumi("js-yaml");
const project = yaml.load(require("node:fs").readFileSync("Pulumi.yaml", "utf8"));
const tsconfig = project.runtime.options.tsconfig ?? "tsconfig.json";
const tsutils = fromPulumi("../../tsutils");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsconfig);
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
fromPulumi(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: tsconfig,
  skipProject: false,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});
const { runUnderMocks } = require(path.join(root, "scripts/pulumiMocks.ts"));
const { loadStackConfig } = require(path.join(root, "common/stackConfig.ts"));
runUnderMocks(async () => ({ ...require(path.join(root, "index.ts")) }), {
  config: loadStackConfig("prod", root),
  stack: "prod",
  project: project.name,
}).then(
  ({ resources, outputs }) => {
    process.stdout.write(JSON.stringify({ typescript: require(typescriptRequire).version, resources: resources.length, outputs: Object.keys(outputs) }));
    process.exit(0);
  },
  (error) => {
    process.stderr.write(String(error && error.stack || error));
    process.exit(1);
  },
);
`;

/**
 * The production tree for this package.json and lock file, installed by `npm ci --omit=dev` once
 * and reused while neither they nor npm or Node change: the install is a function of those alone
 * (the root package has no install scripts), and it is most of this file's time. It lives in the
 * system's temporary folder, never under a node_modules folder, so that nothing missing from it can
 * resolve from the development install above it. CI starts without it and installs for real.
 */
async function productionNodeModules(): Promise<string> {
  const { stdout: npmVersion } = await run("npm", ["--version"]);
  const key = createHash("sha256")
    .update([process.version, process.platform, process.arch, npmVersion.trim()].join(" "))
    .update(readFileSync(path.join(ROOT, "package.json")))
    .update(readFileSync(path.join(ROOT, "package-lock.json")))
    .digest("hex")
    .slice(0, 16);
  const installed = path.join(tmpdir(), `pizza-booking-prod-install-${key}`);
  if (existsSync(installed)) return path.join(installed, "node_modules");
  // Installed beside, then renamed into place whole: a run stopped halfway leaves no usable tree.
  const staging = mkdtempSync(`${installed}.partial-`);
  try {
    for (const file of ["package.json", "package-lock.json"])
      cpSync(path.join(ROOT, file), path.join(staging, file));
    // The npm cache first: CI and developers have just installed the same lock file.
    await run("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    try {
      renameSync(staging, installed);
    } catch (error) {
      // Another run installed the same tree first: use that one.
      if (!existsSync(installed)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return path.join(installed, "node_modules");
}

describe("A production install (npm ci --omit=dev) runs the Pulumi program", function () {
  this.timeout(600_000);
  let copy: string;

  before(async () => {
    copy = mkdtempSync(path.join(tmpdir(), "pizza-booking-prod-"));
    for (const file of PROGRAM_FILES)
      cpSync(path.join(ROOT, file), path.join(copy, file), { recursive: true });
    symlinkSync(await productionNodeModules(), path.join(copy, "node_modules"), "dir");
  });
  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it("installs no development tools", () => {
    for (const devOnly of ["mocha", "eslint", "prettier", "dynalite", "@types/mocha"])
      assert.ok(!existsSync(path.join(copy, "node_modules", devOnly)), `${devOnly} is installed`);
  });

  it("loads index.ts as Pulumi's language host does and registers the whole prod stack", async () => {
    const { stdout } = await run(process.execPath, ["-e", LOAD_LIKE_PULUMI], {
      cwd: copy,
      maxBuffer: 16 * 1024 * 1024,
    });
    const loaded = JSON.parse(stdout) as { typescript: string; resources: number; outputs: string[] };
    // The project's TypeScript, not Pulumi's vendored 3.8, which cannot read this tsconfig.
    assert.match(loaded.typescript, /^5\./);
    assert.ok(loaded.resources > 60, `${loaded.resources} resources`);
    assert.ok(loaded.outputs.includes("bookingGraphqlUrl"), loaded.outputs.join(", "));
  });
});
