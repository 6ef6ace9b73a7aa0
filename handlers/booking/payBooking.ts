/**
 * `payBooking(bookingId)`: marks the apartment PAID with one conditional write, only while this
 * booking holds the reservation and before its payment window closes. Anything else is a clear
 * error and changes nothing: an unknown, rejected, unready, expired or already paid booking.
 */
import { ConditionalCheckFailedException, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncResolverEvent } from "aws-lambda";
import { ApartmentAttribute, ApartmentStatus } from "../../definitions/bookingModel";
import { apartmentKey, fromItem } from "./lib/apartments";
import type { Booking } from "./lib/bookingStatus";
import { bookingInputOf, deriveBooking } from "./lib/bookingStatus";
import { bookingOf, describeBooking } from "./lib/bookings";
import { dynamodb } from "./lib/clients";
import { tableName } from "./lib/env";
import { BookingNotFoundError, paymentRefusal } from "./lib/errors";
import { rfc3339Seconds } from "./lib/time";
import { parseBookingId } from "./lib/validation";

/** The arguments of `payBooking`. */
export interface PayBookingArgs {
  bookingId: string;
}

/**
 * Resolves `Mutation.payBooking`. Errors: `BadRequest`, `BookingNotFound`, `BookingAlreadyPaid`,
 * `PaymentWindowClosed`, `BookingRejected`, `BookingNotReady` (see `paymentRefusal`).
 */
export const handler = async (event: AppSyncResolverEvent<PayBookingArgs>): Promise<Booking> => {
  const bookingId = parseBookingId(event.arguments.bookingId);
  const execution = await describeBooking(bookingId);
  if (!execution) throw new BookingNotFoundError(bookingId);
  const now = new Date();
  // An ended execution's outcome is final: no write, even if a stopped one left the item RESERVED.
  if (execution.status !== "RUNNING") throw paymentRefusal(await bookingOf(execution, now));

  const { apartmentId } = bookingInputOf(execution);
  try {
    const { Attributes } = await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: apartmentKey(apartmentId),
        UpdateExpression: "SET #status = :paid, #paidAt = :now",
        // `ExpiresAt > :now` compares RFC 3339 strings in whole seconds, i.e. times. No `((`: dynalite.
        ConditionExpression: "#status = :reserved AND #bookingId = :bookingId AND #expiresAt > :now",
        ExpressionAttributeNames: {
          "#status": ApartmentAttribute.status,
          "#paidAt": ApartmentAttribute.paidAt,
          "#bookingId": ApartmentAttribute.bookingId,
          "#expiresAt": ApartmentAttribute.expiresAt,
        },
        ExpressionAttributeValues: {
          ":paid": { S: ApartmentStatus.paid },
          ":reserved": { S: ApartmentStatus.reserved },
          ":bookingId": { S: bookingId },
          ":now": { S: rfc3339Seconds(now) },
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return deriveBooking(execution, Attributes ? fromItem(Attributes) : null, now);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Look again: the execution may have ended between the first look and the write.
    const current = await describeBooking(bookingId);
    throw current ? paymentRefusal(await bookingOf(current, now)) : new BookingNotFoundError(bookingId);
  }
};
