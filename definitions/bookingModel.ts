/**
 * The apartment-booking data model shared by the booking state machine (definitions/booking.ts) and
 * the AppSync resolvers (handlers/booking/). One place, so the ASL and the Lambda code cannot drift.
 *
 * Two tables.
 *
 * Apartments: one item per apartment, hash key `Id` (string). The holder of a reservation is the
 * pair (Owner, BookingId): booking ids are chosen per user, so two users may both use "b-1".
 *   { Id: "A-101", Status: "VACANT" }
 *   { Id: "A-101", Status: "RESERVED", Owner: "<sub>", BookingId: "b-1", ExpiresAt: "2026-11-22T16:00:00Z" }
 *   { Id: "A-101", Status: "PAID", Owner, BookingId, ExpiresAt, PaidAt, PaymentReference }
 *
 * Bookings: one durable record per booking, hash key `Owner` (the Cognito `sub`), range key
 * `BookingId`. A second table rather than a key prefix in the apartments table because:
 * - ownership is the key: a user's GetItem or Query can only ever address their own records, so
 *   `booking(id)` cannot leak another user's booking, by construction rather than by a check;
 * - `myBookings` is one strongly consistent Query on the owner's partition (no GSI, which would be
 *   eventually consistent and could not back the open-bookings limit);
 * - the `apartments` listing keeps scanning only apartments, and IAM can give a resolver one table
 *   without the other (the public listing never gets read access to bookings).
 * Transactions across the two tables are possible in AWS, but the local DynamoDB (dynalite) has no
 * TransactWriteItems; the workflow instead uses ordered idempotent writes (see definitions/booking.ts).
 *   { Owner, BookingId, ApartmentId, Status: "PENDING_PAYMENT", ExpiresAt, ExecutionArn, CreatedAt, UpdatedAt }
 */

/** Attribute names of an apartment item. `Id` is the table's hash key. */
export const ApartmentAttribute = {
  id: "Id",
  status: "Status",
  owner: "Owner",
  bookingId: "BookingId",
  expiresAt: "ExpiresAt",
  paidAt: "PaidAt",
  paymentReference: "PaymentReference",
} as const;

/** The hash key of the apartments table. */
export const APARTMENT_TABLE_HASH_KEY = ApartmentAttribute.id;

/** Attribute names of a booking record. `Owner` and `BookingId` are the bookings table's keys. */
export const BookingAttribute = {
  owner: "Owner",
  bookingId: "BookingId",
  apartmentId: "ApartmentId",
  status: "Status",
  reason: "Reason",
  expiresAt: "ExpiresAt",
  executionArn: "ExecutionArn",
  paymentReference: "PaymentReference",
  createdAt: "CreatedAt",
  updatedAt: "UpdatedAt",
  paidAt: "PaidAt",
} as const;

/** The keys of the bookings table: a user's bookings are one partition. */
export const BOOKING_TABLE_HASH_KEY = BookingAttribute.owner;
export const BOOKING_TABLE_RANGE_KEY = BookingAttribute.bookingId;

/** Values of an apartment's `Status` attribute (the GraphQL `ApartmentStatus` enum). */
export const ApartmentStatus = {
  vacant: "VACANT",
  reserved: "RESERVED",
  paid: "PAID",
} as const;
export type ApartmentStatus = (typeof ApartmentStatus)[keyof typeof ApartmentStatus];

/** The GraphQL `BookingStatus` enum, and the `Status` of a booking record. */
export const BookingStatus = {
  requested: "REQUESTED",
  pendingPayment: "PENDING_PAYMENT",
  paid: "PAID",
  expired: "EXPIRED",
  rejected: "REJECTED",
} as const;
export type BookingStatus = (typeof BookingStatus)[keyof typeof BookingStatus];

/** Errors a booking execution fails with (the Fail states' `Error`), also a record's `Reason`. */
export const BookingFailure = {
  apartmentNotFound: "ApartmentNotFound",
  apartmentNotAvailable: "ApartmentNotAvailable",
  expired: "BookingExpired",
} as const;
export type BookingFailure = (typeof BookingFailure)[keyof typeof BookingFailure];

/** The `Reason` of a booking refused because its owner had too many open bookings. */
export const TOO_MANY_OPEN_BOOKINGS = "TooManyOpenBookings";

/**
 * The input of a booking execution. `expiresAt` is computed by the resolver when it writes the
 * record (now + payment window, whole seconds, RFC 3339 UTC with `Z`): the state machine stores it
 * on the reservation and waits until it, and the pay resolver refuses payments after it, so both
 * read the same clock value and the window is configured in one place.
 */
export interface BookingInput {
  /** The Cognito `sub` of the user who booked: with `bookingId`, the record's key. */
  owner: string;
  bookingId: string;
  apartmentId: string;
  expiresAt: string;
}
