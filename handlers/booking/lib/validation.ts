/** Argument checks at the edge: a bad id is refused before any AWS call, with what is allowed. */
import { BadRequestError } from "./errors";

/** Apartment ids: the table's keys, as the stack's config allows them. */
const APARTMENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/**
 * Booking ids are execution names, so 1-80 characters Step Functions allows in a name. This is
 * stricter than Step Functions (no '.', no non-ASCII) so an id is also safe in URLs and logs.
 */
const BOOKING_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Returns `value` if it is a valid apartment id, else throws `BadRequest` naming `field`. */
export function parseApartmentId(value: unknown, field = "apartmentId"): string {
  if (typeof value !== "string" || !APARTMENT_ID.test(value)) {
    throw new BadRequestError(
      `${field} must be 1-64 characters of letters, digits, '.', '_' or '-'; got ${describe(value)}`,
    );
  }
  return value;
}

/** Returns `value` if it is a valid booking id, else throws `BadRequest` naming `field`. */
export function parseBookingId(value: unknown, field = "bookingId"): string {
  if (typeof value !== "string" || !BOOKING_ID.test(value)) {
    throw new BadRequestError(
      `${field} must be 1-80 characters of letters, digits, '_' or '-'; got ${describe(value)}`,
    );
  }
  return value;
}

/** Payment references: what a payment provider hands out (ids, URNs), never free text. */
const PAYMENT_REFERENCE = /^[A-Za-z0-9_.:\/-]{1,128}$/;

/** Returns `value` if it is a valid payment reference, else throws `BadRequest`. */
export function parsePaymentReference(value: unknown, field = "paymentReference"): string {
  if (typeof value !== "string" || !PAYMENT_REFERENCE.test(value)) {
    throw new BadRequestError(
      `${field} must be 1-128 characters of letters, digits, '.', '_', ':', '/' or '-'; got ${describe(value)}`,
    );
  }
  return value;
}

/** The offending value as JSON, cut short so a huge argument does not make a huge message. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
