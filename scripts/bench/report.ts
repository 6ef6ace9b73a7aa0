/** The bench's printed report: one row per figure, its baseline and ratio, its target, and why a miss. */
import type { BuilderFigures } from "./builder";
import type { ContentionResult } from "./contention";
import { CONTENTION_TARGET } from "./contention";
import { formatProfile } from "./profile";
import type { ProgramEvaluationResult } from "./programEvaluation";
import { PROGRAM_TARGET } from "./programEvaluation";
import type { StartupResult } from "./startup";
import { STARTUP_TARGETS } from "./startup";
import { formatSpread, round } from "./stats";
import type { TestSuiteResult } from "./testSuite";
import { TEST_SUITE_TARGET } from "./testSuite";
import type { ThroughputResult } from "./throughput";
import { THROUGHPUT_TARGETS } from "./throughput";

type Row = [figure: string, value: string, baseline: string, ratio: string, target: string, verdict: string];

const verdict = (met: boolean) => (met ? "met" : "MISSED");

/** Formats whatever sections `results` holds. */
export function formatReport(results: Record<string, unknown>): string {
  const rows: Row[] = [];
  const notes: string[] = [];
  const pizza = results.pizza as ThroughputResult | undefined;
  if (pizza) {
    rows.push([
      `local pizza API, req/s (autocannon -c ${pizza.connections}, ${pizza.secondsPerRun} s)`,
      formatSpread(pizza.local.requestsPerSecond),
      `${formatSpread(pizza.bare.requestsPerSecond)} bare node:http`,
      `${formatSpread(pizza.ratio)}×`,
      `≥ ${THROUGHPUT_TARGETS.minRatio}×`,
      verdict(pizza.ratio.median >= THROUGHPUT_TARGETS.minRatio),
    ]);
    rows.push([
      "local pizza API, p50 / p99 latency",
      `${formatSpread(pizza.local.p50Ms, " ms")} / ${formatSpread(pizza.local.p99Ms, " ms")}`,
      `${formatSpread(pizza.bare.p50Ms, " ms")} / ${formatSpread(pizza.bare.p99Ms, " ms")}`,
      "",
      `p99 ≤ ${THROUGHPUT_TARGETS.maxP99Ms} ms`,
      verdict(pizza.local.p99Ms.median <= THROUGHPUT_TARGETS.maxP99Ms),
    ]);
    const failures = pizza.local.errors.max + pizza.local.non2xx.max;
    if (failures > 0)
      notes.push(`The pizza load saw errors or non-2xx answers (at most ${failures} in a run).`);
    if (pizza.profile) notes.push(`Local pizza API under load:\n${formatProfile(pizza.profile)}`);
  }
  const contention = results.contention as ContentionResult | undefined;
  if (contention) {
    rows.push([
      `${contention.users} users book one apartment: all settled`,
      formatSpread(contention.settleMs, " ms"),
      "",
      "",
      `≤ ${CONTENTION_TARGET.maxSettleMs} ms, 1 winner`,
      verdict(contention.met),
    ]);
    rows.push([
      "  winners per run",
      contention.winners.join(", "),
      "",
      "",
      "1",
      verdict(contention.winners.every((w) => w === 1)),
    ]);
    if (contention.profile)
      notes.push(
        `Local stack while ${contention.users} users book at once:\n${formatProfile(contention.profile)}`,
      );
  }
  const program = results.program as ProgramEvaluationResult | undefined;
  if (program) {
    rows.push([
      "program under mocks (npm run plan), wall",
      formatSpread(program.plan.wallMs, " ms"),
      `${formatSpread(program.importFloor.wallMs, " ms")} import floor`,
      `${formatSpread(program.planToFloor.wall)}×`,
      `≤ ${PROGRAM_TARGET.maxRatioToFloor}×`,
      verdict(program.met),
    ]);
    rows.push([
      "program under mocks, peak memory",
      formatSpread(program.plan.maxRssMiB, " MiB"),
      `${formatSpread(program.importFloor.maxRssMiB, " MiB")} import floor`,
      `${formatSpread(program.planToFloor.memory)}×`,
      "",
      "",
    ]);
    if (program.cdkSynth && program.planToCdk) {
      rows.push([
        "  against a CDK synth of the seed's pizza stack",
        `${formatSpread(program.cdkSynth.wallMs, " ms")}, ${formatSpread(program.cdkSynth.maxRssMiB, " MiB")}`,
        "",
        `${formatSpread(program.planToCdk.wall)}× wall, ${formatSpread(program.planToCdk.memory)}× memory`,
        "",
        "",
      ]);
    } else if (program.cdkSkipped) notes.push(`CDK baseline skipped: ${program.cdkSkipped}`);
  }
  const startup = results.startup as StartupResult | undefined;
  if (startup) {
    rows.push([
      "npm start until the first answer",
      formatSpread(startup.firstAnswerMs, " ms"),
      "",
      "",
      `≤ ${STARTUP_TARGETS.maxFirstAnswerMs} ms`,
      verdict(startup.firstAnswerMs.median <= STARTUP_TARGETS.maxFirstAnswerMs),
    ]);
    rows.push([
      "stop after SIGTERM",
      formatSpread(startup.stopMs, " ms"),
      "",
      "",
      `≤ ${STARTUP_TARGETS.maxStopMs} ms`,
      verdict(startup.stopMs.median <= STARTUP_TARGETS.maxStopMs),
    ]);
  }
  for (const figures of (results.builder as BuilderFigures[] | undefined) ?? []) {
    rows.push([
      `build + render ${figures.workflow}`,
      formatSpread(figures.buildAndRenderUs, " µs"),
      `${formatSpread(figures.stringifyUs, " µs")} JSON.stringify`,
      `${formatSpread(figures.ratio)}×`,
      "",
      "",
    ]);
  }
  const tests = results.tests as TestSuiteResult | undefined;
  if (tests) {
    rows.push([
      `npm test (${tests.summary})`,
      `${round(tests.wallMs / 1000)} s`,
      "",
      "",
      `≤ ${TEST_SUITE_TARGET.maxWallMs / 1000} s`,
      verdict(tests.met),
    ]);
    if (!tests.met) {
      notes.push(
        [
          "Slowest test files:",
          ...tests.slowestFiles.map((f) => `    ${String(round(f.ms / 1000)).padStart(6)} s  ${f.file}`),
        ].join("\n"),
      );
    }
  }
  return [table(["figure", "median (min–max)", "baseline", "ratio", "target", ""], rows), ...notes].join(
    "\n\n",
  );
}

function table(header: Row, rows: readonly Row[]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: Row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
