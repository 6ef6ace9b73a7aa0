/**
 * `bookApartment(apartmentId, bookingId)`: starts the booking workflow. The booking id is the
 * execution name, so a retry with the same id starts nothing new and answers with the same booking.
 * The state machine ARN comes from the environment, never from the client.
 */
import { randomUUID } from "node:crypto";
import { StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { AppSyncResolverEvent } from "aws-lambda";
import { BookingStatus } from "../../definitions/bookingModel";
import type { BookingInput } from "../../definitions/bookingModel";
import type { Booking } from "./lib/bookings";
import { describeBooking, loadBooking } from "./lib/bookings";
import { stepFunctions } from "./lib/clients";
import { paymentWindowSeconds, requiredEnv } from "./lib/env";
import { ResolverError } from "./lib/errors";
import { checkApartmentId, checkBookingId } from "./lib/validation";

/** How long to wait for the reservation's outcome, so a client usually learns it in one call. */
export const OUTCOME_WAIT_MS = 3_000;
const POLL_INTERVAL_MS = 100;

export const handler = async (
  event: AppSyncResolverEvent<{ apartmentId: string; bookingId?: string | null }>,
): Promise<Booking> => {
  const apartmentId = checkApartmentId(event.arguments.apartmentId);
  const bookingId =
    event.arguments.bookingId == null ? randomUUID() : checkBookingId(event.arguments.bookingId);
  // Whole seconds in RFC 3339 with Z: the Wait state and the pay resolver compare this value.
  const expiresAt = new Date(Math.ceil(Date.now() / 1000 + paymentWindowSeconds()) * 1000)
    .toISOString()
    .replace(".000Z", "Z");
  const input: BookingInput = { bookingId, apartmentId, expiresAt };
  try {
    await stepFunctions().send(
      new StartExecutionCommand({
        stateMachineArn: requiredEnv("STATE_MACHINE_ARN"),
        name: bookingId,
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
    // A retry: the input differs only because expiresAt moved on. Answer with the booking that exists.
    const existing = await describeBooking(bookingId);
    const existingInput = existing ? (JSON.parse(existing.input) as BookingInput) : undefined;
    if (!existing || existingInput?.apartmentId !== apartmentId) {
      throw new ResolverError(
        "BookingIdInUse",
        `bookingId ${bookingId} is already used for apartment ${existingInput?.apartmentId ?? "another apartment"}; choose another id or omit bookingId`,
      );
    }
  }
  return awaitOutcome(bookingId);
};

/** Polls briefly until the reservation is decided (no longer REQUESTED). */
async function awaitOutcome(bookingId: string): Promise<Booking> {
  const deadline = Date.now() + OUTCOME_WAIT_MS;
  for (;;) {
    const booking = await loadBooking(bookingId);
    if (!booking)
      throw new ResolverError(
        "BookingNotFound",
        `Booking ${bookingId} was started but cannot be found; try the booking query`,
      );
    if (booking.status !== BookingStatus.requested || Date.now() >= deadline) return booking;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
