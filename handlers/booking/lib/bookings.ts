/**
 * A booking is derived, not stored: its execution says how it ended, and while it runs the
 * apartment item says whether it is reserved or paid. One source of truth for each fact.
 */
import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { BookingFailure, BookingStatus } from "../../../definitions/bookingModel";
import type { BookingInput } from "../../../definitions/bookingModel";
import type { ApartmentItem } from "./apartments";
import { getApartment } from "./apartments";
import { stepFunctions } from "./clients";
import { executionArnOf } from "./env";

/** A booking as the API returns it. */
export interface Booking {
  id: string;
  apartmentId: string;
  status: BookingStatus;
  reason: string | null;
  executionArn: string;
  expiresAt: string | null;
}

/** The parts of DescribeExecution a booking is derived from. */
export interface ExecutionView {
  executionArn: string;
  status: string;
  input: string;
  error?: string;
}

/** Why an execution failed, as the booking's `reason`, mapped to the booking's status. */
const FAILURES: Record<string, BookingStatus> = {
  [BookingFailure.apartmentNotFound]: BookingStatus.rejected,
  [BookingFailure.apartmentNotAvailable]: BookingStatus.rejected,
  [BookingFailure.expired]: BookingStatus.expired,
};

/** Derives a booking from its execution and (while it runs) its apartment. Pure. */
export function deriveBooking(
  execution: ExecutionView,
  apartment: ApartmentItem | null,
  now: Date = new Date(),
): Booking {
  const input = JSON.parse(execution.input) as BookingInput;
  const base = {
    id: input.bookingId,
    apartmentId: input.apartmentId,
    executionArn: execution.executionArn,
    expiresAt: input.expiresAt ?? null,
  };
  switch (execution.status) {
    case "SUCCEEDED":
      return { ...base, status: BookingStatus.paid, reason: null };
    case "FAILED":
      return {
        ...base,
        status: FAILURES[execution.error ?? ""] ?? BookingStatus.rejected,
        reason: execution.error ?? "ExecutionFailed",
      };
    case "TIMED_OUT":
      return { ...base, status: BookingStatus.rejected, reason: "ExecutionTimedOut" };
    case "ABORTED":
      return { ...base, status: BookingStatus.rejected, reason: "ExecutionAborted" };
    default: {
      const heldByThis = apartment?.bookingId === input.bookingId;
      if (heldByThis && apartment?.status === "PAID")
        return { ...base, status: BookingStatus.paid, reason: null };
      if (heldByThis && apartment?.status === "RESERVED")
        return { ...base, status: BookingStatus.pendingPayment, reason: null };
      // Not held (any more): released a moment ago, or not reserved yet.
      if (input.expiresAt && Date.parse(input.expiresAt) <= now.getTime())
        return { ...base, status: BookingStatus.expired, reason: BookingFailure.expired };
      return { ...base, status: BookingStatus.requested, reason: null };
    }
  }
}

/** DescribeExecution of a booking's execution, or null when there is no such booking. */
export async function describeBooking(bookingId: string): Promise<ExecutionView | null> {
  try {
    const execution = await stepFunctions().send(
      new DescribeExecutionCommand({ executionArn: executionArnOf(bookingId) }),
    );
    return {
      executionArn: execution.executionArn ?? "",
      status: execution.status ?? "RUNNING",
      input: execution.input ?? "{}",
      error: execution.error,
    };
  } catch (error) {
    if ((error as Error).name === "ExecutionDoesNotExist") return null;
    throw error;
  }
}

/** The booking as it stands now, or null when there is no such booking. */
export async function loadBooking(bookingId: string): Promise<Booking | null> {
  const execution = await describeBooking(bookingId);
  if (!execution) return null;
  const apartment =
    execution.status === "RUNNING"
      ? await getApartment((JSON.parse(execution.input) as BookingInput).apartmentId)
      : null;
  return deriveBooking(execution, apartment);
}
