/**
 * The errors a resolver throws for its caller. AppSync reports a direct Lambda resolver's thrown
 * error `name` as the GraphQL error's `errorType`, so each class's `name` is part of the API
 * (README and schema list them) and each message says what was wrong and what to do instead.
 */
import { BookingStatus } from "../../../definitions/bookingModel";
import type { Booking } from "./bookingView";

/** Bad arguments: nothing was read or changed. */
export class BadRequestError extends Error {
  override readonly name = "BadRequest";
}

/** The function's environment is incomplete: a deployment problem, not the caller's. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** `bookApartment` with a `bookingId` that already names a booking of another apartment. */
export class BookingIdInUseError extends Error {
  override readonly name = "BookingIdInUse";
  constructor(bookingId: string, apartmentId: string) {
    super(
      `bookingId ${bookingId} is already used for apartment ${apartmentId}; choose another id or omit bookingId`,
    );
  }
}

/** A caller without a user pool identity on an operation that needs one. */
export class UnauthorizedError extends Error {
  override readonly name = "Unauthorized";
}

/**
 * `booking` or `payBooking` for an id that is not one of the caller's bookings. The same answer
 * whether it exists for another user or not at all, so it reveals nothing about other users.
 */
export class BookingNotFoundError extends Error {
  override readonly name = "BookingNotFound";
  constructor(bookingId: string) {
    super(`You have no booking ${bookingId}; list yours with myBookings, or book with bookApartment`);
  }
}

/** `payBooking` for a booking that is paid already, with another payment reference. */
export class BookingAlreadyPaidError extends Error {
  override readonly name = "BookingAlreadyPaid";
  constructor(bookingId: string) {
    super(
      `Booking ${bookingId} is already paid with another paymentReference; nothing was changed. Repeat a payment with its own reference to get the paid booking back`,
    );
  }
}

/** `bookApartment` while the caller already holds the most open bookings allowed. */
export class TooManyOpenBookingsError extends Error {
  override readonly name = "TooManyOpenBookings";
  constructor(limit: number) {
    super(
      `You already have ${limit} open booking(s) (REQUESTED or PENDING_PAYMENT), the most allowed; pay one or let it expire, then book again`,
    );
  }
}

/** `payBooking` at or after the booking's `expiresAt`. */
export class PaymentWindowClosedError extends Error {
  override readonly name = "PaymentWindowClosed";
  constructor(bookingId: string, expiresAt: string | null) {
    super(
      `The payment window for booking ${bookingId} closed at ${expiresAt ?? "its expiry"}; nothing was charged. Book again`,
    );
  }
}

/** `payBooking` for a booking whose apartment could not be reserved. */
export class BookingRejectedError extends Error {
  override readonly name = "BookingRejected";
  constructor(bookingId: string, reason: string | null) {
    super(
      `Booking ${bookingId} was rejected (${reason ?? "no reason given"}) and cannot be paid; book an apartment that is VACANT`,
    );
  }
}

/** `payBooking` before the workflow has reserved the apartment. */
export class BookingNotReadyError extends Error {
  override readonly name = "BookingNotReady";
  constructor(bookingId: string) {
    super(`Booking ${bookingId} is not reserved yet; try again in a moment`);
  }
}

/** Why a booking in this state cannot be paid, as the error `payBooking` throws. */
export function paymentRefusal(booking: Booking): Error {
  switch (booking.status) {
    case BookingStatus.paid:
      return new BookingAlreadyPaidError(booking.id);
    case BookingStatus.rejected:
      return new BookingRejectedError(booking.id, booking.reason);
    case BookingStatus.expired:
      return new PaymentWindowClosedError(booking.id, booking.expiresAt);
    default:
      // REQUESTED; or PENDING_PAYMENT if the reservation changed between the write and the read.
      return new BookingNotReadyError(booking.id);
  }
}
