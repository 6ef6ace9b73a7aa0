/**
 * The optional CDK baseline of the program-evaluation figure. aws-cdk-lib is installed on first use
 * into `bench/.cache/cdk` (gitignored), never into the project: it is only a yardstick. When it
 * cannot be installed (no registry, no disk), the bench says so and goes on without it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./processes";

const CACHE = path.join(ROOT, "bench/.cache/cdk");
/** Versions of the yardstick, pinned so figures from different days compare. */
const PACKAGES = ["aws-cdk-lib@2.276.0", "constructs@10.8.1"];

/** How to run the CDK synth, or why it cannot run here. */
export type CdkBaseline = { command: string; args: string[]; env: NodeJS.ProcessEnv } | { skipped: string };

export async function cdkBaselineCommand(): Promise<CdkBaseline> {
  const modules = path.join(CACHE, "node_modules");
  if (!existsSync(path.join(modules, "aws-cdk-lib"))) {
    mkdirSync(CACHE, { recursive: true });
    try {
      await promisify(execFile)(
        "npm",
        [
          "install",
          "--prefix",
          CACHE,
          "--no-save",
          "--no-audit",
          "--no-fund",
          "--no-package-lock",
          ...PACKAGES,
        ],
        { cwd: CACHE, timeout: 600_000 },
      );
    } catch (error) {
      return {
        skipped: `aws-cdk-lib could not be installed into ${path.relative(ROOT, CACHE)}: ${(error as Error).message.split("\n")[0]}`,
      };
    }
  }
  return {
    command: `CDK synth of the seed's pizza stack (${PACKAGES.join(", ")}; scripts/bench/cdkPizzaApp.js)`,
    args: [path.join(__dirname, "cdkPizzaApp.js")],
    env: { NODE_PATH: modules, CDK_OUTDIR: mkdtempSync(path.join(tmpdir(), "bench-cdk-out-")) },
  };
}
