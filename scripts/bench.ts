/**
 * `npm run bench [-- --only pizza,contention,program,startup,tests,builder] [--quick] [--profile]`
 *
 * Measures each figure against a baseline taken in the same run on the same machine, prints a table
 * (median, min–max over runs, ratio, target), says where the time goes for a missed target, and writes
 * everything with the machine's description to bench/results.json. Not part of `npm test`: no test
 * asserts timing. `--quick` runs fewer and shorter rounds (for trying the bench, not for quoting).
 */
import "../local/polyfills";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureBuilder } from "./bench/builder";
import { measureContention } from "./bench/contention";
import { ROOT } from "./bench/processes";
import { measureProgramEvaluation } from "./bench/programEvaluation";
import { formatReport } from "./bench/report";
import { measureStartup } from "./bench/startup";
import { measureTestSuite } from "./bench/testSuite";
import { measurePizzaThroughput } from "./bench/throughput";

const SECTIONS = ["pizza", "contention", "program", "startup", "tests", "builder"] as const;
type Section = (typeof SECTIONS)[number];
const USAGE = `Usage: npm run bench [-- --only ${SECTIONS.join(",")}] [--quick] [--profile]`;

function parseArgs(argv: readonly string[]): { only: Set<Section>; quick: boolean; profile: boolean } {
  let only = new Set<Section>(SECTIONS);
  let quick = false;
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") quick = true;
    else if (argv[i] === "--profile") profile = true;
    else if (argv[i] === "--only") {
      const names = (argv[++i] ?? "").split(",");
      const unknown = names.filter((name) => !SECTIONS.includes(name as Section));
      if (unknown.length > 0) throw new Error(`Unknown section(s) ${unknown.join(", ")}\n${USAGE}`);
      only = new Set(names as Section[]);
    } else throw new Error(`Unknown argument "${argv[i]}"\n${USAGE}`);
  }
  return { only, quick, profile };
}

async function main(): Promise<void> {
  const { only, quick, profile } = parseArgs(process.argv.slice(2));
  const runs = quick ? 1 : 3;
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine, quick };
  const step = async <T>(section: Section, measure: () => Promise<T> | T) => {
    if (!only.has(section)) return;
    process.stderr.write(`measuring ${section}...\n`);
    results[section] = await measure();
  };
  await step("pizza", () => measurePizzaThroughput({ runs, seconds: quick ? 3 : 8, profile }));
  await step("contention", () => measureContention({ runs }));
  await step("program", () => measureProgramEvaluation({ runs }));
  await step("startup", () => measureStartup({ runs }));
  await step("builder", () => measureBuilder({ runs: quick ? 2 : 5 }));
  await step("tests", () => measureTestSuite());

  const file = path.join(ROOT, "bench/results.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReport(results));
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}.`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
