import assert from "node:assert/strict";
import type { ApartmentItem } from "../../handlers/booking/lib/apartments";
import { deriveBooking } from "../../handlers/booking/lib/bookings";

const input = JSON.stringify({ bookingId: "b-1", apartmentId: "A-1", expiresAt: "2026-11-22T16:00:00Z" });
const execution = (status: string, error?: string) => ({
  executionArn: "arn:aws:states:r:1:execution:m:b-1",
  status,
  input,
  error,
});
const held = (status: ApartmentItem["status"], bookingId = "b-1"): ApartmentItem => ({
  id: "A-1",
  status,
  bookingId,
  expiresAt: "2026-11-22T16:00:00Z",
});
const BEFORE = new Date("2026-11-22T15:59:00Z");
const AFTER = new Date("2026-11-22T16:00:01Z");

describe("booking status, derived from the execution and the apartment", () => {
  const cases: [string, ReturnType<typeof execution>, ApartmentItem | null, Date, string, string | null][] = [
    ["a succeeded execution is PAID", execution("SUCCEEDED"), null, AFTER, "PAID", null],
    [
      "ApartmentNotFound is REJECTED",
      execution("FAILED", "ApartmentNotFound"),
      null,
      BEFORE,
      "REJECTED",
      "ApartmentNotFound",
    ],
    [
      "ApartmentNotAvailable is REJECTED",
      execution("FAILED", "ApartmentNotAvailable"),
      null,
      BEFORE,
      "REJECTED",
      "ApartmentNotAvailable",
    ],
    [
      "BookingExpired is EXPIRED",
      execution("FAILED", "BookingExpired"),
      null,
      AFTER,
      "EXPIRED",
      "BookingExpired",
    ],
    [
      "an unexpected failure is REJECTED with its error",
      execution("FAILED", "States.Runtime"),
      null,
      BEFORE,
      "REJECTED",
      "States.Runtime",
    ],
    ["a stopped execution is REJECTED", execution("ABORTED"), null, BEFORE, "REJECTED", "ExecutionAborted"],
    [
      "running and reserved by this booking is PENDING_PAYMENT",
      execution("RUNNING"),
      held("RESERVED"),
      BEFORE,
      "PENDING_PAYMENT",
      null,
    ],
    ["running and paid by this booking is PAID", execution("RUNNING"), held("PAID"), BEFORE, "PAID", null],
    [
      "running, not reserved yet, is REQUESTED",
      execution("RUNNING"),
      held("VACANT", ""),
      BEFORE,
      "REQUESTED",
      null,
    ],
    [
      "running, held by another booking, is REQUESTED until decided",
      execution("RUNNING"),
      held("RESERVED", "b-2"),
      BEFORE,
      "REQUESTED",
      null,
    ],
    [
      "running, released after the window, is EXPIRED",
      execution("RUNNING"),
      held("VACANT", ""),
      AFTER,
      "EXPIRED",
      "BookingExpired",
    ],
  ];
  for (const [what, exec, apartment, now, status, reason] of cases) {
    it(what, () => {
      const booking = deriveBooking(exec, apartment, now);
      assert.deepStrictEqual([booking.status, booking.reason], [status, reason]);
      assert.deepStrictEqual(
        [booking.id, booking.apartmentId, booking.expiresAt],
        ["b-1", "A-1", "2026-11-22T16:00:00Z"],
      );
    });
  }
});
