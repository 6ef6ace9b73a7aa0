/**
 * What the API answers about a booking: its record, and while the record is still open, the
 * apartment item too. The workflow and payBooking write the apartment first and the record second
 * (definitions/booking.ts), so an open record can only be behind its apartment: a payment whose
 * record write has not landed yet (or whose writer died) already counts as PAID here, and a
 * booking past its window is EXPIRED although its execution has not released the apartment yet
 * (payBooking refuses it already). Everything here but `loadView` is pure.
 */
import { ApartmentStatus, BookingFailure, BookingStatus } from "../../../definitions/bookingModel";
import type { ApartmentItem } from "./apartments";
import { getApartment, heldBy } from "./apartments";
import type { BookingRecord } from "./records";

/** A booking as the API returns it (the GraphQL `Booking`). */
export interface Booking {
  id: string;
  apartmentId: string;
  status: BookingStatus;
  /** Why it was rejected or expired. */
  reason: string | null;
  executionArn: string;
  expiresAt: string | null;
  paymentReference: string | null;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
}

/** Whether the record may still change: REQUESTED or PENDING_PAYMENT. */
export const isOpenRecord = (record: BookingRecord): boolean =>
  record.status === BookingStatus.requested || record.status === BookingStatus.pendingPayment;

/** The booking `record` describes, given its apartment's item (read only for an open record). */
export function viewOf(record: BookingRecord, apartment: ApartmentItem | null, now: Date): Booking {
  const booking: Booking = {
    id: record.bookingId,
    apartmentId: record.apartmentId,
    status: record.status,
    reason: record.reason,
    executionArn: record.executionArn,
    expiresAt: record.expiresAt || null,
    paymentReference: record.paymentReference,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    paidAt: record.paidAt,
  };
  if (!isOpenRecord(record)) return booking;
  const ours = heldBy(apartment, record.owner, record.bookingId) ? apartment : null;
  if (ours?.status === ApartmentStatus.paid) {
    return {
      ...booking,
      status: BookingStatus.paid,
      reason: null,
      paymentReference: ours.paymentReference,
      paidAt: ours.paidAt,
      updatedAt: ours.paidAt ?? booking.updatedAt,
    };
  }
  if (record.expiresAt && now.getTime() >= Date.parse(record.expiresAt)) {
    return { ...booking, status: BookingStatus.expired, reason: BookingFailure.expired };
  }
  if (ours?.status === ApartmentStatus.reserved) return { ...booking, status: BookingStatus.pendingPayment };
  return booking;
}

/** The booking as it stands: the record, plus its apartment while the record is open. */
export async function loadView(record: BookingRecord, now: Date = new Date()): Promise<Booking> {
  const apartment = isOpenRecord(record) ? await getApartment(record.apartmentId) : null;
  return viewOf(record, apartment, now);
}
