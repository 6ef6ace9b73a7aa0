/**
 * `payBooking(bookingId, paymentReference)`: pays one of the caller's bookings. Two writes, in
 * this order: the apartment item becomes PAID with the reference (one conditional write, only while
 * this booking holds the reservation and before its window closes), then the record follows. If
 * the resolver dies between them, repeating the call with the same reference completes the second
 * write, and so does the workflow when the window ends; readers already see PAID (see `viewOf`).
 * Idempotent on the reference: the same payment again answers with the paid booking.
 */
import { ConditionalCheckFailedException, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncResolverEvent } from "aws-lambda";
import { ApartmentAttribute, ApartmentStatus, BookingStatus } from "../../definitions/bookingModel";
import type { ApartmentItem } from "./lib/apartments";
import { apartmentKey, getApartment, heldBy } from "./lib/apartments";
import type { Booking } from "./lib/bookingView";
import { loadView, viewOf } from "./lib/bookingView";
import { dynamodb } from "./lib/clients";
import { tableName } from "./lib/env";
import {
  BookingAlreadyPaidError,
  BookingNotFoundError,
  BookingNotReadyError,
  paymentRefusal,
} from "./lib/errors";
import { callerOf } from "./lib/identity";
import type { BookingRecord } from "./lib/records";
import { getRecord, recordPayment } from "./lib/records";
import { rfc3339Seconds } from "./lib/time";
import { parseBookingId, parsePaymentReference } from "./lib/validation";

/** The arguments of `payBooking`. */
export interface PayBookingArgs {
  bookingId: string;
  paymentReference: string;
}

/**
 * Resolves `Mutation.payBooking`. Errors: `Unauthorized`, `BadRequest`, `BookingNotFound` (also
 * for another user's booking), `BookingAlreadyPaid` (with another reference),
 * `PaymentWindowClosed`, `BookingRejected`, `BookingNotReady` (see `paymentRefusal`).
 */
export const handler = async (event: AppSyncResolverEvent<PayBookingArgs>): Promise<Booking> => {
  const owner = callerOf(event);
  const bookingId = parseBookingId(event.arguments.bookingId);
  const reference = parsePaymentReference(event.arguments.paymentReference);
  const record = await getRecord(owner, bookingId);
  if (!record) throw new BookingNotFoundError(bookingId);
  if (record.status === BookingStatus.paid) return samePayment(record, reference, record.paymentReference);

  const now = new Date();
  const view = viewOf(record, null, now);
  // Closed for good (REJECTED, EXPIRED, or past its window): no write.
  if (view.status === BookingStatus.rejected || view.status === BookingStatus.expired) {
    throw paymentRefusal(view);
  }
  try {
    const { Attributes } = await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: apartmentKey(record.apartmentId),
        UpdateExpression: "SET #status = :paid, #paidAt = :now, #reference = :reference",
        // `ExpiresAt > :now` compares RFC 3339 strings in whole seconds, i.e. times. No `((`: dynalite.
        ConditionExpression:
          "#status = :reserved AND #owner = :owner AND #bookingId = :bookingId AND #expiresAt > :now",
        ExpressionAttributeNames: {
          "#status": ApartmentAttribute.status,
          "#paidAt": ApartmentAttribute.paidAt,
          "#reference": ApartmentAttribute.paymentReference,
          "#owner": ApartmentAttribute.owner,
          "#bookingId": ApartmentAttribute.bookingId,
          "#expiresAt": ApartmentAttribute.expiresAt,
        },
        ExpressionAttributeValues: {
          ":paid": { S: ApartmentStatus.paid },
          ":reserved": { S: ApartmentStatus.reserved },
          ":owner": { S: owner },
          ":bookingId": { S: bookingId },
          ":now": { S: rfc3339Seconds(now) },
          ":reference": { S: reference },
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    const paidAt = Attributes?.[ApartmentAttribute.paidAt]?.S ?? rfc3339Seconds(now);
    await recordPayment(record, reference, paidAt);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return afterRefusedWrite(record, reference, now);
  }
  return loadView((await getRecord(owner, bookingId)) ?? record);
};

/** The apartment was not RESERVED for this booking before its window: find out why. */
async function afterRefusedWrite(record: BookingRecord, reference: string, now: Date): Promise<Booking> {
  const apartment: ApartmentItem | null = await getApartment(record.apartmentId);
  if (heldBy(apartment, record.owner, record.bookingId) && apartment?.status === ApartmentStatus.paid) {
    // Paid already (a repeated call, or one that died before its record write): finish the record.
    if (apartment.paymentReference === reference) {
      await recordPayment(record, reference, apartment.paidAt ?? rfc3339Seconds(now));
    }
    return samePayment(record, reference, apartment.paymentReference);
  }
  const current = (await getRecord(record.owner, record.bookingId)) ?? record;
  const view = viewOf(current, apartment, now);
  if (view.status === BookingStatus.requested) throw new BookingNotReadyError(record.bookingId);
  throw paymentRefusal(view);
}

/** A booking already paid: the same reference answers with it, another one is refused. */
async function samePayment(
  record: BookingRecord,
  reference: string,
  paidWith: string | null,
): Promise<Booking> {
  if (paidWith !== reference) throw new BookingAlreadyPaidError(record.bookingId);
  return loadView((await getRecord(record.owner, record.bookingId)) ?? record);
}
