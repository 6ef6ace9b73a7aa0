/**
 * `payBooking(bookingId)`: marks the apartment PAID with one conditional write, only while this
 * booking holds it and before its payment window closes. Anything else is a clear error and
 * changes nothing: a late payment, a second payment, a rejected or unknown booking.
 */
import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncResolverEvent } from "aws-lambda";
import { ApartmentAttribute, ApartmentStatus, BookingStatus } from "../../definitions/bookingModel";
import type { BookingInput } from "../../definitions/bookingModel";
import { getApartment } from "./lib/apartments";
import type { Booking } from "./lib/bookings";
import { deriveBooking, describeBooking } from "./lib/bookings";
import { dynamodb } from "./lib/clients";
import { requiredEnv } from "./lib/env";
import { ResolverError } from "./lib/errors";
import { checkBookingId } from "./lib/validation";

export const handler = async (event: AppSyncResolverEvent<{ bookingId: string }>): Promise<Booking> => {
  const bookingId = checkBookingId(event.arguments.bookingId);
  const execution = await describeBooking(bookingId);
  if (!execution)
    throw new ResolverError(
      "BookingNotFound",
      `There is no booking ${bookingId}; book an apartment with bookApartment first`,
    );
  const { apartmentId } = JSON.parse(execution.input) as BookingInput;
  // Whole seconds, like expiresAt, so the two compare as strings exactly as they compare as times.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: requiredEnv("TABLE_NAME"),
        Key: { [ApartmentAttribute.id]: { S: apartmentId } },
        UpdateExpression: "SET #status = :paid, #paidAt = :now",
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
          ":now": { S: now },
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    throw await whyNotPayable(bookingId);
  }
  return deriveBooking(execution, await getApartment(apartmentId));
};

/** Explains, from the booking as it stands, why the payment was refused. */
async function whyNotPayable(bookingId: string): Promise<ResolverError> {
  const execution = await describeBooking(bookingId);
  const apartment = execution
    ? await getApartment((JSON.parse(execution.input) as BookingInput).apartmentId)
    : null;
  const booking = execution ? deriveBooking(execution, apartment) : null;
  switch (booking?.status) {
    case BookingStatus.paid:
      return new ResolverError(
        "BookingAlreadyPaid",
        `Booking ${bookingId} is already paid; nothing was changed`,
      );
    case BookingStatus.rejected:
      return new ResolverError(
        "BookingRejected",
        `Booking ${bookingId} was rejected (${booking.reason}); it cannot be paid. Book another apartment`,
      );
    case BookingStatus.requested:
      return new ResolverError(
        "BookingNotReady",
        `Booking ${bookingId} is not reserved yet; try again in a moment`,
      );
    default:
      return new ResolverError(
        "PaymentWindowClosed",
        `The payment window for booking ${bookingId} closed at ${booking?.expiresAt ?? "its expiry"}; nothing was charged. Book again`,
      );
  }
}
