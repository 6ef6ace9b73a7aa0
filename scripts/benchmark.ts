/**
 * A tiny measuring harness for `npm run bench`: warm up, run a fixed number of iterations, report
 * the median and 95th percentile. Performance is measured here, never asserted in unit tests.
 */
import { performance } from "node:perf_hooks";

/** One benchmark's result, in milliseconds per operation. */
export interface BenchResult {
  readonly name: string;
  readonly iterations: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly opsPerSecond: number;
}

/** Runs `operation` `iterations` times after `warmup` untimed runs. */
export async function bench(
  name: string,
  operation: () => unknown,
  { iterations = 200, warmup = 20 }: { iterations?: number; warmup?: number } = {},
): Promise<BenchResult> {
  for (let i = 0; i < warmup; i++) await operation();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await operation();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const medianMs = samples[Math.floor(samples.length / 2)];
  const p95Ms = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))];
  return { name, iterations, medianMs, p95Ms, opsPerSecond: 1000 / medianMs };
}

/** Formats results as an aligned table. */
export function formatResults(results: readonly BenchResult[]): string {
  const width = Math.max(...results.map((result) => result.name.length), 9);
  const header = `${"benchmark".padEnd(width)}  ${"median ms".padStart(10)}  ${"p95 ms".padStart(10)}  ${"ops/s".padStart(10)}`;
  const rows = results.map(
    (r) =>
      `${r.name.padEnd(width)}  ${r.medianMs.toFixed(3).padStart(10)}  ${r.p95Ms.toFixed(3).padStart(10)}  ${r.opsPerSecond.toFixed(0).padStart(10)}`,
  );
  return [header, ...rows].join("\n");
}
