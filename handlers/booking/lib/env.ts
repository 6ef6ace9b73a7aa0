import { ResolverError } from "./errors";

/** Reads a required environment variable at call time, with an error that says which is missing. */
export function requiredEnv(name: "TABLE_NAME" | "STATE_MACHINE_ARN" | "PAYMENT_WINDOW_SECONDS"): string {
  const value = process.env[name];
  if (!value)
    throw new ResolverError(
      "ConfigurationError",
      `The resolver is misconfigured: environment variable ${name} is not set`,
    );
  return value;
}

/** The payment window in seconds, from `PAYMENT_WINDOW_SECONDS`. */
export function paymentWindowSeconds(): number {
  const seconds = Number(requiredEnv("PAYMENT_WINDOW_SECONDS"));
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new ResolverError(
      "ConfigurationError",
      `PAYMENT_WINDOW_SECONDS must be a whole number of seconds >= 1, got "${process.env.PAYMENT_WINDOW_SECONDS}"`,
    );
  }
  return seconds;
}

/** The ARN of a booking's execution: the execution's name is the booking id. */
export function executionArnOf(bookingId: string): string {
  return `${requiredEnv("STATE_MACHINE_ARN").replace(":stateMachine:", ":execution:")}:${bookingId}`;
}
