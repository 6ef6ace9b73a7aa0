/** `booking(id)`: a booking as it stands, or null when there is none with this id. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Booking } from "./lib/bookingStatus";
import { loadBooking } from "./lib/bookings";
import { parseBookingId } from "./lib/validation";

/** The arguments of `booking`. */
export interface BookingArgs {
  id: string;
}

/**
 * Resolves `Query.booking`: DescribeExecution of the booking's execution and, while it runs, a
 * consistent read of its apartment (see `deriveBooking`). Errors: `BadRequest` for a malformed id.
 */
export const handler = async (event: AppSyncResolverEvent<BookingArgs>): Promise<Booking | null> =>
  loadBooking(parseBookingId(event.arguments.id, "id"));
