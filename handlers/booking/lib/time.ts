/**
 * Timestamps in whole seconds, RFC 3339 UTC with `Z` (2026-11-22T16:00:00Z). In this one format the
 * state machine's Wait, the stored `ExpiresAt` and payBooking's `ExpiresAt > :now` condition all
 * agree, and comparing two of them as strings is comparing them as times.
 */

/** `time` rounded down to the second, e.g. "2026-11-22T16:00:00Z". */
export function rfc3339Seconds(time: Date): string {
  return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** When a booking made at `now` must be paid by: at least `windowSeconds` later, on a whole second. */
export function paymentDeadline(now: Date, windowSeconds: number): string {
  return rfc3339Seconds(new Date(Math.ceil(now.getTime() / 1000 + windowSeconds) * 1000));
}
