import assert from "node:assert/strict";
import type { ApartmentItem } from "../../handlers/booking/lib/apartments";
import { viewOf } from "../../handlers/booking/lib/bookingView";
import type { BookingRecord } from "../../handlers/booking/lib/records";

const NOW = new Date("2026-11-25T12:00:00Z");
const record = (status: BookingRecord["status"], extra: Partial<BookingRecord> = {}): BookingRecord => ({
  owner: "sub-a",
  bookingId: "b-1",
  apartmentId: "A-101",
  status,
  reason: null,
  expiresAt: "2026-11-25T12:01:00Z",
  executionArn: "arn:aws:states:us-east-1:123456789012:execution:booking:b-1-0",
  paymentReference: null,
  createdAt: "2026-11-25T11:59:59.000Z",
  updatedAt: "2026-11-25T11:59:59.000Z",
  paidAt: null,
  ...extra,
});
const apartment = (status: ApartmentItem["status"], owner = "sub-a", bookingId = "b-1"): ApartmentItem => ({
  id: "A-101",
  status,
  owner,
  bookingId,
  expiresAt: "2026-11-25T12:01:00Z",
  paidAt: status === "PAID" ? "2026-11-25T11:59:30Z" : null,
  paymentReference: status === "PAID" ? "pay-1" : null,
});

describe("a booking's status: the record, caught up with its apartment while open", () => {
  const cases: [string, BookingRecord, ApartmentItem | null, Date, string, string | null][] = [
    [
      "a closed record is final, whatever the apartment says",
      record("EXPIRED", { reason: "BookingExpired" }),
      apartment("RESERVED"),
      NOW,
      "EXPIRED",
      "BookingExpired",
    ],
    [
      "an open record whose apartment this booking paid is PAID (the record write is behind)",
      record("PENDING_PAYMENT"),
      apartment("PAID"),
      NOW,
      "PAID",
      null,
    ],
    [
      "an open record past its window is EXPIRED (payBooking refuses it already)",
      record("PENDING_PAYMENT"),
      apartment("RESERVED"),
      new Date("2026-11-25T12:01:00Z"),
      "EXPIRED",
      "BookingExpired",
    ],
    [
      "a REQUESTED record whose apartment is reserved for it is PENDING_PAYMENT",
      record("REQUESTED"),
      apartment("RESERVED"),
      NOW,
      "PENDING_PAYMENT",
      null,
    ],
    [
      "another user's booking with the same id on the apartment is not this one",
      record("REQUESTED"),
      apartment("PAID", "sub-b"),
      NOW,
      "REQUESTED",
      null,
    ],
    [
      "a REQUESTED record whose apartment is not held for it stays REQUESTED",
      record("REQUESTED"),
      apartment("VACANT", "", ""),
      NOW,
      "REQUESTED",
      null,
    ],
  ];
  for (const [what, rec, apt, now, status, reason] of cases) {
    it(what, () => {
      const view = viewOf(rec, apt, now);
      assert.deepStrictEqual([view.status, view.reason], [status, reason]);
    });
  }

  it("takes the payment's reference and time from the apartment when the record is behind", () => {
    const view = viewOf(record("PENDING_PAYMENT"), apartment("PAID"), NOW);
    assert.deepStrictEqual([view.paymentReference, view.paidAt], ["pay-1", "2026-11-25T11:59:30Z"]);
  });
});
