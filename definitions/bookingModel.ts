/**
 * The apartment-booking data model shared by the booking state machine (definitions/booking.ts) and
 * the AppSync resolvers (handlers/booking/). One place, so the ASL and the Lambda code cannot drift.
 *
 * Table: one item per apartment, hash key `Id` (string).
 *   { Id: "A-101", Status: "VACANT" }
 *   { Id: "A-101", Status: "RESERVED", BookingId: "b-1", ExpiresAt: "2026-11-22T16:00:00Z" }
 *   { Id: "A-101", Status: "PAID", BookingId: "b-1", ExpiresAt: "...", PaidAt: "..." }
 *
 * A booking is a STANDARD execution whose name is the booking id and whose input is `BookingInput`.
 * Its outcome is the execution's: SUCCEEDED with `BookingOutput` (paid), or FAILED with one of
 * `BookingFailure` as the error.
 */

/** Attribute names of an apartment item. `Id` is the table's hash key. */
export const ApartmentAttribute = {
  id: "Id",
  status: "Status",
  bookingId: "BookingId",
  expiresAt: "ExpiresAt",
  paidAt: "PaidAt",
} as const;

/** The hash key of the apartments table. */
export const APARTMENT_TABLE_HASH_KEY = ApartmentAttribute.id;

/** Values of an apartment's `Status` attribute (the GraphQL `ApartmentStatus` enum). */
export const ApartmentStatus = {
  vacant: "VACANT",
  reserved: "RESERVED",
  paid: "PAID",
} as const;
export type ApartmentStatus = (typeof ApartmentStatus)[keyof typeof ApartmentStatus];

/** The GraphQL `BookingStatus` enum: derived from the execution and the apartment item. */
export const BookingStatus = {
  requested: "REQUESTED",
  pendingPayment: "PENDING_PAYMENT",
  paid: "PAID",
  expired: "EXPIRED",
  rejected: "REJECTED",
} as const;
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus];

/** Errors a booking execution fails with (the Fail states' `Error`). */
export const BookingFailure = {
  apartmentNotFound: "ApartmentNotFound",
  apartmentNotAvailable: "ApartmentNotAvailable",
  expired: "BookingExpired",
} as const;
export type BookingFailure = (typeof BookingFailure)[keyof typeof BookingFailure];

/**
 * The input of a booking execution. `expiresAt` is computed by the resolver that starts it
 * (now + payment window, whole seconds, RFC 3339 UTC with `Z`): the state machine stores it on the
 * reservation and waits until it, and the pay resolver refuses payments after it, so both read the
 * same clock value and the window is configured in one place.
 */
export interface BookingInput {
  bookingId: string;
  apartmentId: string;
  expiresAt: string;
}

/** The output of a booking execution that succeeded: the apartment was paid in time. */
export interface BookingOutput {
  bookingId: string;
  apartmentId: string;
  status: typeof BookingStatus.paid;
}
