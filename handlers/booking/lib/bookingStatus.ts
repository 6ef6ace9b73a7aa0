/**
 * A booking is derived, not stored: its execution says how it ended, and while it runs the
 * apartment item says whether it is reserved or paid. Each fact has one source of truth, so the
 * API cannot disagree with the workflow. Everything here is pure; bookings.ts does the reading.
 */
import { ApartmentStatus, BookingFailure, BookingStatus } from "../../../definitions/bookingModel";
import type { BookingInput } from "../../../definitions/bookingModel";
import type { Apartment } from "./apartments";

/** A booking as the API returns it (the GraphQL `Booking`). */
export interface Booking {
  id: string;
  apartmentId: string;
  status: BookingStatus;
  /** Why it was rejected or expired: the execution's error, or one named below. */
  reason: string | null;
  executionArn: string;
  expiresAt: string | null;
}

/** The parts of a DescribeExecution answer a booking is derived from. */
export interface ExecutionView {
  executionArn: string;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE. */
  status: string;
  /** The execution's input, as JSON text (a `BookingInput` when the resolver started it). */
  input: string;
  /** The error a FAILED execution failed with. */
  error?: string;
}

/** `reason` of a booking whose execution timed out or was stopped (they have no error of their own). */
export const ExecutionEnded = {
  timedOut: "ExecutionTimedOut",
  aborted: "ExecutionAborted",
  failed: "ExecutionFailed",
} as const;

/**
 * The ARN of a booking's execution: a STANDARD execution's ARN ends with its name, the booking id.
 * `stateMachineArn` may be qualified by an alias or version (`...:stateMachine:name:live`); the
 * execution's ARN is named after the state machine only, so the qualifier is dropped.
 */
export function executionArnFor(stateMachineArn: string, bookingId: string): string {
  const unqualified = stateMachineArn.split(":").slice(0, 7).join(":");
  return `${unqualified.replace(":stateMachine:", ":execution:")}:${bookingId}`;
}

/**
 * The booking fields of an execution's input. An execution started another way (console, CLI)
 * may lack them; the id then comes from the execution's name, and the others stay empty.
 */
export function bookingInputOf(execution: ExecutionView): BookingInput {
  let input: Partial<Record<keyof BookingInput, unknown>> = {};
  try {
    input = (JSON.parse(execution.input) ?? {}) as typeof input;
  } catch {
    // Not JSON: Step Functions refuses such input, so only a hand-made view gets here.
  }
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    bookingId: text(input.bookingId) || (execution.executionArn.split(":").pop() ?? ""),
    apartmentId: text(input.apartmentId),
    expiresAt: text(input.expiresAt),
  };
}

/**
 * Derives a booking from its execution and, while it runs, its apartment's item (`null` when the
 * execution has ended or the apartment does not exist):
 * - SUCCEEDED → PAID.
 * - FAILED → EXPIRED for BookingExpired; REJECTED for anything else, with the error as `reason`
 *   (ApartmentNotFound, ApartmentNotAvailable, InvalidBookingRequest, a DynamoDB error that
 *   outlasted the retries).
 * - TIMED_OUT → EXPIRED (reason ExecutionTimedOut): it ran out of time, like an unpaid booking.
 * - ABORTED → REJECTED (reason ExecutionAborted): someone stopped it; it can no longer be paid.
 * - RUNNING (or PENDING_REDRIVE) → PAID when this booking paid the apartment; EXPIRED (reason
 *   BookingExpired) once `now` reaches `expiresAt`, since the workflow is about to release it and
 *   payBooking refuses it already; PENDING_PAYMENT while this booking holds the reservation;
 *   otherwise REQUESTED: not reserved yet (or about to be rejected).
 */
export function deriveBooking(execution: ExecutionView, apartment: Apartment | null, now: Date): Booking {
  const input = bookingInputOf(execution);
  const booking = (status: BookingStatus, reason: string | null = null): Booking => ({
    id: input.bookingId,
    apartmentId: input.apartmentId,
    status,
    reason,
    executionArn: execution.executionArn,
    expiresAt: input.expiresAt || null,
  });
  switch (execution.status) {
    case "SUCCEEDED":
      return booking(BookingStatus.paid);
    case "FAILED":
      return execution.error === BookingFailure.expired
        ? booking(BookingStatus.expired, BookingFailure.expired)
        : booking(BookingStatus.rejected, execution.error || ExecutionEnded.failed);
    case "TIMED_OUT":
      return booking(BookingStatus.expired, ExecutionEnded.timedOut);
    case "ABORTED":
      return booking(BookingStatus.rejected, ExecutionEnded.aborted);
  }
  const heldByThis = apartment !== null && apartment.bookingId === input.bookingId;
  if (heldByThis && apartment.status === ApartmentStatus.paid) return booking(BookingStatus.paid);
  if (input.expiresAt && now.getTime() >= Date.parse(input.expiresAt)) {
    return booking(BookingStatus.expired, BookingFailure.expired);
  }
  if (heldByThis && apartment.status === ApartmentStatus.reserved)
    return booking(BookingStatus.pendingPayment);
  return booking(BookingStatus.requested);
}
