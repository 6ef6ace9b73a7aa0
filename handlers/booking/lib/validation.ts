import { badRequest } from "./errors";

/** Apartment ids: what the seed data and DynamoDB keys use. */
const APARTMENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** Booking ids: they are execution names, so 1-80 of the characters Step Functions allows in names. */
const BOOKING_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Checks an apartment id argument. */
export function checkApartmentId(value: unknown, field = "apartmentId"): string {
  if (typeof value !== "string" || !APARTMENT_ID.test(value)) {
    throw badRequest(
      `${field} must be 1-64 characters of letters, digits, '.', '_' or '-'; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Checks a booking id argument. */
export function checkBookingId(value: unknown, field = "bookingId"): string {
  if (typeof value !== "string" || !BOOKING_ID.test(value)) {
    throw badRequest(
      `${field} must be 1-80 characters of letters, digits, '_' or '-'; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
