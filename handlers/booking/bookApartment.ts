/**
 * `bookApartment(apartmentId, bookingId)`: writes the booking's record, then starts the booking
 * workflow for it. Booking ids are per user, so a retry with the same id answers with the same
 * booking and starts nothing new. The state machine ARN comes from the environment, never from
 * the client.
 *
 * The order of its writes is what makes a crash at any point harmless: the record first (a retry
 * finds it and carries on), then the limit check (a record over the limit is closed as REJECTED),
 * then StartExecution under a name derived from the record's key (starting twice starts once).
 * A record whose execution never started expires with its window.
 */
import { randomUUID } from "node:crypto";
import { ExecutionAlreadyExists, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { AppSyncResolverEvent } from "aws-lambda";
import { BookingStatus, TOO_MANY_OPEN_BOOKINGS } from "../../definitions/bookingModel";
import type { BookingInput } from "../../definitions/bookingModel";
import type { Booking } from "./lib/bookingView";
import { loadView } from "./lib/bookingView";
import { stepFunctions } from "./lib/clients";
import {
  maxOpenBookings,
  paymentWindowSeconds,
  stateMachineArn,
  unqualifiedStateMachineArn,
} from "./lib/env";
import { BookingIdInUseError, TooManyOpenBookingsError } from "./lib/errors";
import { callerOf } from "./lib/identity";
import { otherOpenBookings } from "./lib/openBookings";
import type { BookingRecord } from "./lib/records";
import { executionNameFor, getRecord, putNewRecord, rejectRequested } from "./lib/records";
import { paymentDeadline } from "./lib/time";
import { parseApartmentId, parseBookingId } from "./lib/validation";

/**
 * How long the resolver waits for the reservation to be decided, so a client usually gets
 * PENDING_PAYMENT or REJECTED in one call; after it, the booking is returned as REQUESTED for the
 * client to follow with `booking(id)`. Well below AppSync's 30 s resolver timeout.
 */
export const OUTCOME_WAIT_MS = 3_000;
/** The first pause between reads of the record; each next one doubles, up to OUTCOME_MAX_DELAY_MS. */
export const OUTCOME_FIRST_DELAY_MS = 25;
/**
 * The longest pause between reads. Uncapped, the pauses doubled to 800 and 1,400 ms (the last one
 * cut by the deadline), so a booking decided 1.6 s in was only seen at the 3 s deadline: 100 users
 * booking at once settled in 4 s, most of the last second waiting for that read. Capped, an outcome
 * is seen within 400 ms, for at most three more reads per call (each read costs CPU the workflows
 * are competing for on the local stack's one event loop, so not a shorter cap).
 */
export const OUTCOME_MAX_DELAY_MS = 400;

/** The arguments of `bookApartment`. */
export interface BookApartmentArgs {
  apartmentId: string;
  /** The client's own id, to retry safely; a random UUID when absent. */
  bookingId?: string | null;
}

/**
 * Resolves `Mutation.bookApartment`. Errors: `Unauthorized` without a signed-in user;
 * `BadRequest` for a malformed id; `BookingIdInUse` when the caller's `bookingId` already names a
 * booking of another apartment; `TooManyOpenBookings` at the limit. An unknown or taken apartment
 * is not an error: the booking is REJECTED with that `reason`.
 */
export const handler = async (event: AppSyncResolverEvent<BookApartmentArgs>): Promise<Booking> => {
  const owner = callerOf(event);
  const apartmentId = parseApartmentId(event.arguments.apartmentId);
  const { bookingId: requested } = event.arguments;
  const bookingId = requested === undefined || requested === null ? randomUUID() : parseBookingId(requested);

  const record = (await getRecord(owner, bookingId)) ?? (await createRecord(owner, bookingId, apartmentId));
  if (record.apartmentId !== apartmentId) throw new BookingIdInUseError(bookingId, record.apartmentId);
  if (record.reason === TOO_MANY_OPEN_BOOKINGS) throw new TooManyOpenBookingsError(maxOpenBookings());
  const now = new Date();
  // A REQUESTED record past its window is not started late: it would reserve and release at once.
  if (record.status === BookingStatus.requested && Date.parse(record.expiresAt) > now.getTime()) {
    const limit = maxOpenBookings();
    if ((await otherOpenBookings(record, now)) >= limit) {
      await rejectRequested(record, TOO_MANY_OPEN_BOOKINGS, now.toISOString());
      throw new TooManyOpenBookingsError(limit);
    }
    await startExecution(record);
  }
  return awaitOutcome(record);
};

/** Writes a new REQUESTED record; a concurrent request with the same id may win, then its record is used. */
async function createRecord(owner: string, bookingId: string, apartmentId: string): Promise<BookingRecord> {
  const now = new Date();
  const createdAt = now.toISOString();
  const record: BookingRecord = {
    owner,
    bookingId,
    apartmentId,
    status: BookingStatus.requested,
    reason: null,
    expiresAt: paymentDeadline(now, paymentWindowSeconds()),
    executionArn: `${unqualifiedStateMachineArn().replace(":stateMachine:", ":execution:")}:${executionNameFor(owner, bookingId)}`,
    paymentReference: null,
    createdAt,
    updatedAt: createdAt,
    paidAt: null,
  };
  if (await putNewRecord(record)) return record;
  const winner = await getRecord(owner, bookingId);
  if (!winner) throw new Error(`The record of booking ${bookingId} was reported to exist but cannot be read`);
  return winner;
}

/**
 * Starts the record's execution with input derived from the record only, so every attempt sends
 * the same name and input. A second start while it runs is no new execution (Step Functions'
 * idempotency); after it ended, ExecutionAlreadyExists says it did run, which is all we need.
 */
async function startExecution(record: BookingRecord): Promise<void> {
  const input: BookingInput = {
    owner: record.owner,
    bookingId: record.bookingId,
    apartmentId: record.apartmentId,
    expiresAt: record.expiresAt,
  };
  try {
    await stepFunctions().send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(),
        name: record.executionArn.split(":").pop(),
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/**
 * The booking once its record is no longer REQUESTED, or as it stands after `OUTCOME_WAIT_MS`.
 * Reads the record with capped exponential backoff: four reads in the first 400 ms, then one every
 * 400 ms, however long the workflow takes. The record, not the
 * apartment, decides when to answer, so the answer is what `booking(id)` will say next.
 */
async function awaitOutcome(record: BookingRecord): Promise<Booking> {
  const deadline = Date.now() + OUTCOME_WAIT_MS;
  let delay = OUTCOME_FIRST_DELAY_MS;
  let current = record;
  for (;;) {
    const remaining = deadline - Date.now();
    if (current.status !== BookingStatus.requested || remaining <= 0) return loadView(current);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, remaining)));
    delay = Math.min(delay * 2, OUTCOME_MAX_DELAY_MS);
    current = (await getRecord(record.owner, record.bookingId)) ?? current;
  }
}
