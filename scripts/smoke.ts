/**
 * `npm run smoke -- [--outputs <file> | --stack <name>] [--pay]`: runs the README's contract
 * against a running stack, local or deployed, and prints a report; exits 1 naming each failed case.
 *
 * The outputs come from `--outputs <file>`; else from `pulumi stack output --json --show-secrets`
 * when the Pulumi CLI is installed; else from `.local/outputs.json` (what `npm start` writes).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SmokeCase, SmokeContext } from "./smokeCases";
import { SMOKE_CASES } from "./smokeCases";
import type { SmokeOutputs } from "./smokeClient";
import { readOutputs, userToken } from "./smokeClient";

const ROOT = path.resolve(__dirname, "..");
const USAGE = "Usage: npm run smoke -- [--outputs <file> | --stack <name>] [--pay]";

/** What the command line asks for. */
export interface SmokeOptions {
  readonly outputsFile?: string;
  readonly stack?: string;
  readonly pay: boolean;
}

/** Parses the command line; throws with the usage on anything unknown. */
export function parseSmokeArgs(argv: readonly string[]): SmokeOptions {
  let outputsFile: string | undefined;
  let stack: string | undefined;
  let pay = false;
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--"))
        throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
      return next;
    };
    if (argv[i] === "--outputs") outputsFile = path.resolve(value());
    else if (argv[i] === "--stack") stack = value();
    else if (argv[i] === "--pay") pay = true;
    else throw new Error(`Unknown argument "${argv[i]}"\n${USAGE}`);
  }
  if (outputsFile && stack) throw new Error(`Give --outputs or --stack, not both\n${USAGE}`);
  return { outputsFile, stack, pay };
}

function hasPulumiCli(): boolean {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Reads the outputs as the options say; returns them with where they came from. */
export function loadOutputs(
  options: SmokeOptions,
  cliAvailable = hasPulumiCli(),
): { outputs: SmokeOutputs; source: string } {
  if (!options.outputsFile && cliAvailable) {
    const args = [
      "stack",
      "output",
      "--json",
      "--show-secrets",
      ...(options.stack ? ["--stack", options.stack] : []),
    ];
    const source = `pulumi ${args.join(" ")}`;
    return {
      outputs: readOutputs(JSON.parse(execFileSync("pulumi", args, { cwd: ROOT, encoding: "utf8" })), source),
      source,
    };
  }
  if (options.stack)
    throw new Error(
      `--stack ${options.stack} needs the Pulumi CLI, which is not installed: give --outputs <file> instead`,
    );
  const file = options.outputsFile ?? path.join(ROOT, ".local/outputs.json");
  if (!existsSync(file))
    throw new Error(`No outputs at ${file}: start the local stack (npm start) or give --outputs <file>`);
  return {
    outputs: readOutputs(JSON.parse(readFileSync(file, "utf8")), file),
    source: path.relative(process.cwd(), file) || file,
  };
}

/** One case's result. */
export interface CaseResult {
  readonly name: string;
  readonly outcome: "passed" | "failed" | "skipped";
  readonly detail?: string;
  readonly ms: number;
}

/** Runs the cases in order; a failing case never stops the others. */
export async function runSmoke(
  context: SmokeContext,
  cases: readonly SmokeCase[] = SMOKE_CASES,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const smokeCase of cases) {
    const started = Date.now();
    const skipped = smokeCase.skip?.(context);
    if (skipped) {
      results.push({ name: smokeCase.name, outcome: "skipped", detail: skipped, ms: 0 });
      continue;
    }
    try {
      await smokeCase.run(context);
      results.push({ name: smokeCase.name, outcome: "passed", ms: Date.now() - started });
    } catch (error) {
      results.push({
        name: smokeCase.name,
        outcome: "failed",
        detail: (error as Error).message,
        ms: Date.now() - started,
      });
    }
  }
  return results;
}

/** The readable report; the last lines name every failed case. */
export function report(results: readonly CaseResult[], source: string, context: SmokeContext): string {
  const mark = { passed: "✔", failed: "✘", skipped: "-" } as const;
  const failed = results.filter((result) => result.outcome === "failed");
  const count = (outcome: CaseResult["outcome"]) =>
    results.filter((result) => result.outcome === outcome).length;
  return [
    `Smoke test of ${source}`,
    `  pizza responses: ${context.pizzaMode ?? "unknown"}; bookings as ${"token" in (context.bookingAuth as object) ? "a user (token)" : "the API key"}`,
    "",
    ...results.map(
      (result) =>
        `  ${mark[result.outcome]} ${result.name}${result.outcome === "passed" ? ` (${result.ms} ms)` : ""}${
          result.detail ? `\n      ${result.outcome === "skipped" ? "skipped: " : ""}${result.detail}` : ""
        }`,
    ),
    "",
    `${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`,
    ...(failed.length > 0 ? ["", "Failed:", ...failed.map((result) => `  ${result.name}`)] : []),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const options = parseSmokeArgs(argv);
  const { outputs, source } = loadOutputs(options);
  const token = await userToken(outputs);
  const context: SmokeContext = {
    outputs,
    bookingAuth: token ? { token } : { apiKey: outputs.bookingApiKey },
    pay: options.pay,
  };
  const results = await runSmoke(context);
  process.stdout.write(`${report(results, source, context)}\n`);
  return results.some((result) => result.outcome === "failed") ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    },
  );
}
