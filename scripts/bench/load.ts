/** One autocannon load run against a URL, reduced to the figures the bench records. */
import autocannon from "autocannon";

/** What one load run measured. */
export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Answers whose status was not 2xx. */
  readonly non2xx: number;
}

/** POSTs `body` to `url` from `connections` connections for `seconds`. */
export async function loadTest(
  url: string,
  body: string,
  { connections = 50, seconds = 8 }: { connections?: number; seconds?: number } = {},
): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    connections,
    duration: seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
