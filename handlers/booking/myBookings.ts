/** `myBookings`: every booking of the caller, newest first. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Booking } from "./lib/bookingView";
import { loadView } from "./lib/bookingView";
import { callerOf } from "./lib/identity";
import { ownerRecords } from "./lib/records";

/**
 * Resolves `Query.myBookings` (no arguments): one consistent Query of the caller's partition of
 * the bookings table, plus a read of the apartment of each booking still open.
 */
export const handler = async (event: AppSyncResolverEvent<Record<string, never>>): Promise<Booking[]> => {
  const owner = callerOf(event);
  const now = new Date();
  const records = await ownerRecords(owner);
  const bookings = await Promise.all(records.map((record) => loadView(record, now)));
  return bookings.sort((a, b) =>
    a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
};
