/** `booking(id)`: one of the caller's bookings, read from its durable record. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Booking } from "./lib/bookingView";
import { loadView } from "./lib/bookingView";
import { BookingNotFoundError } from "./lib/errors";
import { callerOf } from "./lib/identity";
import { getRecord } from "./lib/records";
import { parseBookingId } from "./lib/validation";

/** The arguments of `booking`. */
export interface BookingArgs {
  id: string;
}

/**
 * Resolves `Query.booking`: the caller's record (and, while it is open, its apartment; see
 * `viewOf`). No execution is read, so a booking outlives its execution history and the state
 * machine that ran it. Errors: `BadRequest` for a malformed id; `BookingNotFound` when the caller
 * has no booking with this id, whether or not another user has one.
 */
export const handler = async (event: AppSyncResolverEvent<BookingArgs>): Promise<Booking> => {
  const owner = callerOf(event);
  const id = parseBookingId(event.arguments.id, "id");
  const record = await getRecord(owner, id);
  if (!record) throw new BookingNotFoundError(id);
  return loadView(record);
};
