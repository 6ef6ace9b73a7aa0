import assert from "node:assert/strict";
import type { Apartment } from "../../handlers/booking/lib/apartments";
import type { ExecutionView } from "../../handlers/booking/lib/bookingStatus";
import { bookingInputOf, deriveBooking, executionArnFor } from "../../handlers/booking/lib/bookingStatus";
import { paymentRefusal } from "../../handlers/booking/lib/errors";
import { paymentDeadline, rfc3339Seconds } from "../../handlers/booking/lib/time";

const EXPIRES_AT = "2026-11-22T16:00:00Z";
const ARN = "arn:aws:states:us-east-1:000000000000:execution:booking:b-1";
const execution = (status: string, error?: string): ExecutionView => ({
  executionArn: ARN,
  status,
  input: JSON.stringify({ bookingId: "b-1", apartmentId: "A-101", expiresAt: EXPIRES_AT }),
  error,
});
const apartment = (status: Apartment["status"], bookingId: string | null = "b-1"): Apartment => ({
  id: "A-101",
  status,
  bookingId,
});
const IN_WINDOW = new Date("2026-11-22T15:59:59.999Z");
const AT_EXPIRY = new Date(EXPIRES_AT);

describe("a booking's status, derived from its execution and its apartment", () => {
  const cases: [string, ExecutionView, Apartment | null, Date, string, string | null][] = [
    ["SUCCEEDED is PAID", execution("SUCCEEDED"), null, AT_EXPIRY, "PAID", null],
    [
      "FAILED ApartmentNotFound is REJECTED with that reason",
      execution("FAILED", "ApartmentNotFound"),
      null,
      IN_WINDOW,
      "REJECTED",
      "ApartmentNotFound",
    ],
    [
      "FAILED ApartmentNotAvailable is REJECTED with that reason",
      execution("FAILED", "ApartmentNotAvailable"),
      null,
      IN_WINDOW,
      "REJECTED",
      "ApartmentNotAvailable",
    ],
    [
      "FAILED BookingExpired is EXPIRED",
      execution("FAILED", "BookingExpired"),
      null,
      AT_EXPIRY,
      "EXPIRED",
      "BookingExpired",
    ],
    [
      "FAILED with another error is REJECTED with that error",
      execution("FAILED", "InvalidBookingRequest"),
      null,
      IN_WINDOW,
      "REJECTED",
      "InvalidBookingRequest",
    ],
    [
      "FAILED without an error is REJECTED",
      execution("FAILED"),
      null,
      IN_WINDOW,
      "REJECTED",
      "ExecutionFailed",
    ],
    ["TIMED_OUT is EXPIRED", execution("TIMED_OUT"), null, IN_WINDOW, "EXPIRED", "ExecutionTimedOut"],
    ["ABORTED is REJECTED", execution("ABORTED"), null, IN_WINDOW, "REJECTED", "ExecutionAborted"],
    [
      "RUNNING and RESERVED by this booking is PENDING_PAYMENT",
      execution("RUNNING"),
      apartment("RESERVED"),
      IN_WINDOW,
      "PENDING_PAYMENT",
      null,
    ],
    [
      "RUNNING and PAID by this booking is PAID, even past expiresAt",
      execution("RUNNING"),
      apartment("PAID"),
      AT_EXPIRY,
      "PAID",
      null,
    ],
    [
      "RUNNING and VACANT is REQUESTED: not reserved yet",
      execution("RUNNING"),
      apartment("VACANT", null),
      IN_WINDOW,
      "REQUESTED",
      null,
    ],
    [
      "RUNNING and held by another booking is REQUESTED until the workflow decides",
      execution("RUNNING"),
      apartment("RESERVED", "b-2"),
      IN_WINDOW,
      "REQUESTED",
      null,
    ],
    [
      "RUNNING and PAID by another booking is not PAID",
      execution("RUNNING"),
      apartment("PAID", "b-2"),
      IN_WINDOW,
      "REQUESTED",
      null,
    ],
    [
      "RUNNING and still RESERVED at expiresAt is EXPIRED: it can no longer be paid",
      execution("RUNNING"),
      apartment("RESERVED"),
      AT_EXPIRY,
      "EXPIRED",
      "BookingExpired",
    ],
    [
      "RUNNING and released after expiresAt is EXPIRED",
      execution("RUNNING"),
      apartment("VACANT", null),
      AT_EXPIRY,
      "EXPIRED",
      "BookingExpired",
    ],
  ];
  for (const [behaviour, exec, item, now, status, reason] of cases) {
    it(behaviour, () => {
      assert.deepStrictEqual(deriveBooking(exec, item, now), {
        id: "b-1",
        apartmentId: "A-101",
        status,
        reason,
        executionArn: ARN,
        expiresAt: EXPIRES_AT,
      });
    });
  }

  it("takes the id from the execution's name when its input was not a booking request", () => {
    const view = { executionArn: ARN, status: "FAILED", input: '{"apartmentId": 7}' };
    assert.deepStrictEqual(bookingInputOf(view), { bookingId: "b-1", apartmentId: "", expiresAt: "" });
    assert.equal(deriveBooking(view, null, IN_WINDOW).expiresAt, null);
  });
});

describe("a refused payment's error, from the booking as it stands", () => {
  /** The booking an ended execution stands for. */
  const ended = (status: string, error?: string) => deriveBooking(execution(status, error), null, IN_WINDOW);
  const cases: [string, ReturnType<typeof ended>, string, RegExp][] = [
    ["PAID → BookingAlreadyPaid", ended("SUCCEEDED"), "BookingAlreadyPaid", /^Booking b-1 is already paid/],
    [
      "EXPIRED → PaymentWindowClosed, saying when it closed",
      ended("FAILED", "BookingExpired"),
      "PaymentWindowClosed",
      /^The payment window for booking b-1 closed at 2026-11-22T16:00:00Z; nothing was charged/,
    ],
    [
      "REJECTED → BookingRejected, with the reason",
      ended("FAILED", "ApartmentNotAvailable"),
      "BookingRejected",
      /^Booking b-1 was rejected \(ApartmentNotAvailable\)/,
    ],
    [
      "REQUESTED → BookingNotReady, to try again",
      deriveBooking(execution("RUNNING"), null, IN_WINDOW),
      "BookingNotReady",
      /try again in a moment$/,
    ],
  ];
  for (const [behaviour, input, name, message] of cases) {
    it(behaviour, () => {
      const error = paymentRefusal(input);
      assert.ok(error instanceof Error);
      assert.equal(error.name, name);
      assert.match(error.message, message);
    });
  }
});

describe("booking times and ARNs", () => {
  it("writes times in whole seconds, RFC 3339 UTC with Z", () => {
    assert.equal(rfc3339Seconds(new Date("2026-11-22T15:59:59.999Z")), "2026-11-22T15:59:59Z");
  });

  it("gives a booking at least the whole payment window, ending on a whole second", () => {
    assert.equal(paymentDeadline(new Date("2026-11-22T15:59:00.000Z"), 60), "2026-11-22T16:00:00Z");
    assert.equal(paymentDeadline(new Date("2026-11-22T15:59:00.001Z"), 60), "2026-11-22T16:00:01Z");
  });

  it("names a booking's execution after the booking id", () => {
    assert.equal(
      executionArnFor("arn:aws:states:eu-west-1:123456789012:stateMachine:booking-sm", "b-1"),
      "arn:aws:states:eu-west-1:123456789012:execution:booking-sm:b-1",
    );
  });

  it("names the execution after the state machine when bookings start its alias", () => {
    assert.equal(
      executionArnFor("arn:aws:states:eu-west-1:123456789012:stateMachine:booking-sm:live", "b-1"),
      "arn:aws:states:eu-west-1:123456789012:execution:booking-sm:b-1",
    );
  });
});
