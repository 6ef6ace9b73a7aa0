/**
 * The resolvers' configuration, read from the environment at call time (not at import): a test
 * process may import a handler before the local stack has set the environment, and a missing
 * variable then fails the call that needs it with a message naming it.
 */
import type { ResolverEnvironment } from "../resolvers";
import { ConfigurationError } from "./errors";

/** A required environment variable's value. */
export function requiredEnv(name: ResolverEnvironment): string {
  const value = process.env[name];
  if (!value) {
    throw new ConfigurationError(`The resolver is misconfigured: environment variable ${name} is not set`);
  }
  return value;
}

/** The apartments table, from `TABLE_NAME`. */
export const tableName = (): string => requiredEnv("TABLE_NAME");

/** The bookings table (the durable records), from `BOOKINGS_TABLE_NAME`. */
export const bookingsTableName = (): string => requiredEnv("BOOKINGS_TABLE_NAME");

/** How many open bookings one user may hold, from `MAX_OPEN_BOOKINGS` (stack config `maxOpenBookingsPerUser`). */
export function maxOpenBookings(): number {
  const text = requiredEnv("MAX_OPEN_BOOKINGS");
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ConfigurationError(`MAX_OPEN_BOOKINGS must be a whole number >= 1, got "${text}"`);
  }
  return limit;
}

/** The booking state machine, from `STATE_MACHINE_ARN` (never from the client). */
export function stateMachineArn(): string {
  const arn = requiredEnv("STATE_MACHINE_ARN");
  // Execution ARNs are derived from it, so a wrong kind of ARN would look up the wrong thing.
  if (!/^arn:[\w-]+:states:[\w-]+:\d{12}:stateMachine:[^:\s]+$/.test(arn)) {
    throw new ConfigurationError(
      `STATE_MACHINE_ARN must be a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>), got "${arn}"`,
    );
  }
  return arn;
}

/** The payment window in whole seconds, from `PAYMENT_WINDOW_SECONDS`. */
export function paymentWindowSeconds(): number {
  const text = requiredEnv("PAYMENT_WINDOW_SECONDS");
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new ConfigurationError(
      `PAYMENT_WINDOW_SECONDS must be a whole number of seconds >= 1, got "${text}"`,
    );
  }
  return seconds;
}
