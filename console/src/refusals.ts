/**
 * What the console tells a user for each refusal the booking API documents (README, "The GraphQL
 * API"; `handlers/booking/lib/errors.ts`), and for the reasons a booking ends without being paid.
 * The API's own message follows, since it names the booking and the time.
 */

const ERROR_ADVICE: Readonly<Record<string, string>> = {
  BadRequest: "The request was not valid.",
  BookingIdInUse: "That booking id is already used for another apartment.",
  BookingNotFound: "There is no such booking.",
  BookingAlreadyPaid: "This booking is already paid; nothing was charged again.",
  PaymentWindowClosed: "Too late: the payment window has closed and nothing was charged. Book again.",
  BookingRejected: "This booking was rejected, so it cannot be paid.",
  BookingNotReady: "The apartment is not reserved yet. Try paying again in a moment.",
  TooManyOpenBookings: "You already have as many open bookings as allowed: pay or let one end first.",
  Unauthorized: "That booking is not yours.",
  UnauthorizedException:
    "You are not allowed to do this: sign in first, or sign in again if your session ended.",
  NetworkError: "The booking API could not be reached.",
};

const REASON_TEXT: Readonly<Record<string, string>> = {
  ApartmentNotFound: "There is no such apartment.",
  ApartmentNotAvailable: "Someone else holds or has paid for this apartment.",
  BookingExpired: "Not paid in time: the apartment was released.",
  TooManyOpenBookings: "You already had as many open bookings as allowed.",
};

/** A sentence for a refused request: advice for the code, then the API's message. */
export function refusalMessage(errorType: string, message: string): string {
  const advice = ERROR_ADVICE[errorType];
  return advice ? `${advice} (${errorType}: ${message})` : `${errorType}: ${message}`;
}

/** A sentence for why a booking was REJECTED or EXPIRED. */
export function reasonText(reason: string | null | undefined): string {
  if (!reason) return "";
  return REASON_TEXT[reason] ?? reason;
}
