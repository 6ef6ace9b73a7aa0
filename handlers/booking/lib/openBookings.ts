/**
 * The `maxOpenBookingsPerUser` limit, enforced without a counter. A new record is written first,
 * then the caller's records are read back consistently (one partition), and the new booking goes
 * ahead only if fewer than the limit of the caller's *other* records are open. Of two concurrent
 * requests of one user, at least the later reader sees the earlier writer's record, so they can
 * never both squeeze past the limit; at worst both are refused in a tight race, and the client
 * retries. Nothing to decrement, so nothing drifts when a process dies between writes.
 */
import { BookingStatus, TOO_MANY_OPEN_BOOKINGS } from "../../../definitions/bookingModel";
import type { BookingRecord } from "./records";
import { ownerRecords } from "./records";

/**
 * Whether `record` holds one of its owner's open slots at `now`: REQUESTED or PENDING_PAYMENT, and
 * its window still open (past it, it can no longer be paid and is about to be released).
 */
export function holdsOpenSlot(record: BookingRecord, now: Date): boolean {
  const open = record.status === BookingStatus.requested || record.status === BookingStatus.pendingPayment;
  return open && record.reason !== TOO_MANY_OPEN_BOOKINGS && Date.parse(record.expiresAt) > now.getTime();
}

/** How many of the owner's bookings other than `record` hold an open slot. */
export async function otherOpenBookings(record: BookingRecord, now: Date): Promise<number> {
  const records = await ownerRecords(record.owner);
  return records.filter((other) => other.bookingId !== record.bookingId && holdsOpenSlot(other, now)).length;
}
