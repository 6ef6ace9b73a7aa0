/**
 * Booking contention: 100 users book the same VACANT apartment at the same moment through the
 * local GraphQL API. Measured: the time until every booking has settled (the one winner holds the
 * apartment, every other booking is REJECTED) and the number of winners, which must be exactly 1.
 * Each run gets a fresh local stack (its start is not counted) so the apartment starts VACANT.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { bookingClient } from "./bookingClient";
import type { Spread } from "./stats";
import { spread } from "./stats";
import type { ProfileSummary } from "./profile";
import { summarizeProfile } from "./profile";
import { PROFILER, startLocal } from "./throughput";

/** The target: every booking settled within 2 s, exactly one winner. */
export const CONTENTION_TARGET = { maxSettleMs: 2000, winners: 1 };
const SETTLED = new Set(["PENDING_PAYMENT", "PAID", "REJECTED", "EXPIRED"]);

/** What `measureContention` reports. */
export interface ContentionResult {
  readonly users: number;
  readonly settleMs: Spread;
  /** Winners per run: each must be 1. */
  readonly winners: readonly number[];
  readonly met: boolean;
  /** Where the local stack's CPU time went during one more round, when the target was missed. */
  readonly profile?: ProfileSummary;
}

export async function measureContention({ runs = 3, users = 100 } = {}): Promise<ContentionResult> {
  const settle: number[] = [];
  const winners: number[] = [];
  for (let run = 0; run < runs; run++) {
    const round = await bookAtOnce(run, users);
    settle.push(round.settleMs);
    winners.push(round.winners);
  }
  const settleMs = spread(settle);
  const met = settleMs.median <= CONTENTION_TARGET.maxSettleMs && winners.every((count) => count === 1);
  if (met) return { users, settleMs, winners, met };
  // One more round with V8's profiler on from the first booking to the last settled one.
  const round = await bookAtOnce(runs, users, true);
  return { users, settleMs, winners, met, profile: round.profile };
}

/** One round on a fresh stack: every user books the same apartment at once; optionally profiled. */
async function bookAtOnce(
  run: number,
  users: number,
  profiled = false,
): Promise<{ settleMs: number; winners: number; profile?: ProfileSummary }> {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-contention-"));
  const profileFile = path.join(folder, "local.cpuprofile");
  const { server, outputsFile } = profiled
    ? await startLocal(folder, ["-r", PROFILER], { BENCH_PROFILE_FILE: profileFile })
    : await startLocal(folder);
  try {
    const outputs = JSON.parse(readFileSync(outputsFile, "utf8")) as Record<string, string>;
    const client = bookingClient(outputs);
    const names = Array.from({ length: users }, (_, i) => `bench-user-${run}-${i}`);
    const sessions = await Promise.all(names.map((name) => client.signIn(name)));
    const [apartmentId] = await client.vacantApartments(sessions[0]);
    if (profiled) server.child.kill("SIGUSR2");
    const start = performance.now();
    const statuses = await Promise.all(
      sessions.map(async (session, i) => {
        let booking = await client.book(session, apartmentId, `bench-${run}-${i}`);
        // A booking answered REQUESTED is followed as a client would, until it has settled.
        for (let delay = 20; !SETTLED.has(booking.status); delay = Math.min(delay * 2, 200)) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          booking = await client.booking(session, booking.id);
        }
        return booking.status;
      }),
    );
    const settleMs = performance.now() - start;
    const winners = statuses.filter((status) => status === "PENDING_PAYMENT").length;
    await server.stop();
    if (!profiled) return { settleMs, winners };
    if (!existsSync(profileFile)) throw new Error("the profiled local stack wrote no CPU profile");
    return {
      settleMs,
      winners,
      profile: summarizeProfile(profileFile, 12, { count: users, name: "booking" }),
    };
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
