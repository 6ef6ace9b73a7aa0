/** `booking(id)`: a booking as it stands, or null when there is none with this id. */
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Booking } from "./lib/bookings";
import { loadBooking } from "./lib/bookings";
import { checkBookingId } from "./lib/validation";

export const handler = async (event: AppSyncResolverEvent<{ id: string }>): Promise<Booking | null> =>
  loadBooking(checkBookingId(event.arguments.id, "id"));
