/** The spread of one figure over several runs: what `bench/results.json` records for each. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  /** Every run's value, in the order measured. */
  readonly runs: readonly number[];
}

/** Min, median and max of `values` (at least one). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("spread: no values measured");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], runs: [...values] };
}

/** Ratios of paired runs (run i of `values` over run i of `baseline`), as a spread. */
export function ratio(values: readonly number[], baseline: readonly number[]): Spread {
  if (values.length !== baseline.length) throw new Error("ratio: runs are not paired");
  return spread(values.map((value, i) => value / baseline[i]));
}

/** `1234.5` as `1234.5`, `0.123456` as `0.123`: enough digits to read, no more. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 3;
  return Number(value.toFixed(digits));
}

/** `median (min–max)` for a table cell. */
export function formatSpread(figure: Spread, unit = ""): string {
  const f = (value: number) => `${round(value)}${unit}`;
  return figure.min === figure.max
    ? f(figure.median)
    : `${f(figure.median)} (${f(figure.min)}–${f(figure.max)})`;
}
