/**
 * `bookApartment(apartmentId, bookingId)`: starts the booking workflow, an execution named after
 * the booking id, so a retry with the same id starts nothing new and answers with the same booking.
 * The state machine ARN comes from the environment, never from the client.
 */
import { randomUUID } from "node:crypto";
import { ExecutionAlreadyExists, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { AppSyncResolverEvent } from "aws-lambda";
import { BookingStatus } from "../../definitions/bookingModel";
import type { BookingInput } from "../../definitions/bookingModel";
import type { Booking } from "./lib/bookingStatus";
import { bookingInputOf } from "./lib/bookingStatus";
import { bookingOf, describeBooking } from "./lib/bookings";
import { stepFunctions } from "./lib/clients";
import { paymentWindowSeconds, stateMachineArn } from "./lib/env";
import { BookingIdInUseError } from "./lib/errors";
import { paymentDeadline } from "./lib/time";
import { parseApartmentId, parseBookingId } from "./lib/validation";

/**
 * How long the resolver waits for the reservation to be decided, so a client usually gets
 * PENDING_PAYMENT or REJECTED in one call; after it, the booking is returned as REQUESTED.
 * Well below AppSync's 30 s resolver timeout.
 */
export const OUTCOME_WAIT_MS = 3_000;
/** How often the resolver looks while it waits. */
export const OUTCOME_POLL_INTERVAL_MS = 100;

/** The arguments of `bookApartment`. */
export interface BookApartmentArgs {
  apartmentId: string;
  /** The client's own id, to retry safely; a random UUID when absent. */
  bookingId?: string | null;
}

/**
 * Resolves `Mutation.bookApartment`. Errors: `BadRequest` for a malformed id; `BookingIdInUse`
 * when `bookingId` already names a booking of another apartment. An unknown or taken apartment is
 * not an error: the booking is REJECTED with that `reason`.
 */
export const handler = async (event: AppSyncResolverEvent<BookApartmentArgs>): Promise<Booking> => {
  const apartmentId = parseApartmentId(event.arguments.apartmentId);
  const { bookingId: requested } = event.arguments;
  const bookingId = requested === undefined || requested === null ? randomUUID() : parseBookingId(requested);
  const input: BookingInput = {
    bookingId,
    apartmentId,
    expiresAt: paymentDeadline(new Date(), paymentWindowSeconds()),
  };
  try {
    await stepFunctions().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(),
        name: bookingId,
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    // A retry whose input differs only because expiresAt moved on, or an id in use elsewhere.
    const existing = await describeBooking(bookingId);
    if (!existing) throw error;
    const existingApartment = bookingInputOf(existing).apartmentId;
    if (existingApartment !== apartmentId) throw new BookingIdInUseError(bookingId, existingApartment);
  }
  return awaitOutcome(bookingId);
};

/** The booking once it is no longer REQUESTED, or as it stands after `OUTCOME_WAIT_MS`. */
async function awaitOutcome(bookingId: string): Promise<Booking> {
  const deadline = Date.now() + OUTCOME_WAIT_MS;
  for (;;) {
    const execution = await describeBooking(bookingId);
    // It was started or found a moment ago, and executions are kept for 90 days.
    if (!execution) throw new Error(`The execution of booking ${bookingId} disappeared after it started`);
    const booking = await bookingOf(execution);
    if (booking.status !== BookingStatus.requested || Date.now() >= deadline) return booking;
    await new Promise((resolve) => setTimeout(resolve, OUTCOME_POLL_INTERVAL_MS));
  }
}
