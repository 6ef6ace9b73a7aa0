/** Reads a booking as it stands: its execution, and while that runs, its apartment. */
import { DescribeExecutionCommand, ExecutionDoesNotExist } from "@aws-sdk/client-sfn";
import { getApartment } from "./apartments";
import type { Booking, ExecutionView } from "./bookingStatus";
import { bookingInputOf, deriveBooking, executionArnFor } from "./bookingStatus";
import { stepFunctions } from "./clients";
import { stateMachineArn } from "./env";

/** DescribeExecution of a booking's execution, or `null` when there is no booking with this id. */
export async function describeBooking(bookingId: string): Promise<ExecutionView | null> {
  const executionArn = executionArnFor(stateMachineArn(), bookingId);
  try {
    const execution = await stepFunctions().send(new DescribeExecutionCommand({ executionArn }));
    return {
      executionArn: execution.executionArn ?? executionArn,
      status: execution.status ?? "RUNNING",
      input: execution.input ?? "{}",
      error: execution.error,
    };
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return null;
    throw error;
  }
}

/** The booking `execution` runs, reading its apartment only while the execution is still running. */
export async function bookingOf(execution: ExecutionView, now: Date = new Date()): Promise<Booking> {
  const { apartmentId } = bookingInputOf(execution);
  // An ended execution's outcome is final; only a running one needs the apartment's current state.
  const running = execution.status === "RUNNING" || execution.status === "PENDING_REDRIVE";
  const apartment = running && apartmentId ? await getApartment(apartmentId) : null;
  return deriveBooking(execution, apartment, now);
}

/** The booking with this id as it stands, or `null` when there is none. */
export async function loadBooking(bookingId: string): Promise<Booking | null> {
  const execution = await describeBooking(bookingId);
  return execution && bookingOf(execution);
}
