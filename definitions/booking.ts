/**
 * The apartment booking workflow (after the seed article's SAM/AppSync example, without its bugs):
 * reserve the apartment with one conditional write, wait until the payment window closes, then
 * keep the apartment if this booking paid for it or release it if not. DynamoDB service
 * integrations only: no Lambda in the state machine.
 */
import {
  Choice,
  Condition,
  DynamoDB,
  DynamoDBErrors,
  DynamoValue,
  Fail,
  Pass,
  StateMachineDefinition,
  Wait,
  WaitTime,
} from "./asl";
import type { DynamoTable } from "./asl";
import { ApartmentAttribute, ApartmentStatus, BookingFailure, BookingStatus } from "./bookingModel";

/** The table the workflow books apartments in. */
export interface BookingDefinitionProps {
  readonly tableName: string;
  readonly tableArn: string;
  /** The payment window, which bounds the execution's time (TimeoutSeconds). @default 7 days, the longest */
  readonly paymentWindowSeconds?: number;
}

/**
 * What an execution may take beyond its payment window: the reservation before the wait and the
 * check or release after it, with their retries. Without a TimeoutSeconds a stuck STANDARD
 * execution would run for a year.
 */
export const BOOKING_TIMEOUT_MARGIN_SECONDS = 3600;

/**
 * DynamoDB errors worth retrying (throttling and transient server errors). Every write below is
 * idempotent for its booking, so a retry after a write that did land changes nothing.
 */
const TRANSIENT_DYNAMODB_ERRORS = [
  "DynamoDB.ProvisionedThroughputExceededException",
  "DynamoDB.RequestLimitExceeded",
  "DynamoDB.ThrottlingException",
  "DynamoDB.InternalServerError",
];

/** `#name` placeholders for every attribute the expressions use (`Status` is a reserved word). */
const names = {
  "#id": ApartmentAttribute.id,
  "#status": ApartmentAttribute.status,
  "#bookingId": ApartmentAttribute.bookingId,
  "#expiresAt": ApartmentAttribute.expiresAt,
};

/** Builds the booking state machine definition; its input is a `BookingInput`. */
export function bookingDefinition(props: BookingDefinitionProps): StateMachineDefinition {
  const table: DynamoTable = { name: props.tableName, arn: props.tableArn };
  const apartmentKey = { [ApartmentAttribute.id]: DynamoValue.stringAt("$.apartmentId") };
  const retry = {
    errors: TRANSIENT_DYNAMODB_ERRORS,
    intervalSeconds: 1,
    maxAttempts: 3,
    backoffRate: 2,
    jitterStrategy: "FULL" as const,
  };

  const bookingExpired = new Fail("Booking Expired", {
    error: BookingFailure.expired,
    cause: "The payment window closed before the booking was paid; the apartment is available again",
  });
  const apartmentPaid = new Pass("Apartment Paid", {
    parameters: {
      "bookingId.$": "$.bookingId",
      "apartmentId.$": "$.apartmentId",
      status: BookingStatus.paid,
    },
  });

  const getBookingStatus = DynamoDB.getItem("Get Booking Status", {
    table,
    key: apartmentKey,
    consistentRead: true, // the payment may have landed a moment ago
    resultPath: "$.apartment",
  }).addRetry(retry);

  // Release only while this booking still holds the reservation. If the condition fails the
  // apartment was paid between the read and this write: read again and decide again.
  const releaseApartment = DynamoDB.updateItem("Release Apartment", {
    table,
    key: apartmentKey,
    updateExpression: "SET #status = :vacant REMOVE #bookingId, #expiresAt",
    conditionExpression: "#status = :reserved AND #bookingId = :bookingId",
    expressionAttributeNames: {
      "#status": names["#status"],
      "#bookingId": names["#bookingId"],
      "#expiresAt": names["#expiresAt"],
    },
    expressionAttributeValues: {
      ":vacant": DynamoValue.string(ApartmentStatus.vacant),
      ":reserved": DynamoValue.string(ApartmentStatus.reserved),
      ":bookingId": DynamoValue.stringAt("$.bookingId"),
    },
    resultPath: null,
  })
    .addRetry(retry)
    .addCatch(getBookingStatus, { errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED], resultPath: null });
  releaseApartment.next(bookingExpired);

  const heldByThisBooking = [
    Condition.isPresent("$.apartment.Item.BookingId.S"),
    Condition.stringEqualsPath("$.apartment.Item.BookingId.S", "$.bookingId"),
  ];
  const hasBeenPaid = new Choice("Has the Apartment been Paid?")
    .when(
      Condition.and(
        ...heldByThisBooking,
        Condition.stringEquals("$.apartment.Item.Status.S", ApartmentStatus.paid),
      ),
      apartmentPaid,
      { comment: "paid by this booking" },
    )
    .when(
      Condition.and(
        ...heldByThisBooking,
        Condition.stringEquals("$.apartment.Item.Status.S", ApartmentStatus.reserved),
      ),
      releaseApartment,
      { comment: "still reserved by this booking" },
    )
    .otherwise(bookingExpired);
  getBookingStatus.next(hasBeenPaid);

  const waitForPayment = new Wait("Wait For Payment", { time: WaitTime.timestampPath("$.expiresAt") });
  waitForPayment.next(getBookingStatus);

  // A lost reservation: tell an unknown apartment from a taken one.
  const apartmentExists = new Choice("Does the Apartment Exist?")
    .when(
      Condition.isPresent("$.lookup.Item"),
      new Fail("Apartment Not Available", {
        error: BookingFailure.apartmentNotAvailable,
        cause: "The apartment is reserved or paid by another booking; choose another apartment",
      }),
    )
    .otherwise(
      new Fail("Apartment Not Found", {
        error: BookingFailure.apartmentNotFound,
        cause: "There is no apartment with this id; list apartments with the `apartments` query",
      }),
    );
  const lookUpApartment = DynamoDB.getItem("Look Up Apartment", {
    table,
    key: apartmentKey,
    consistentRead: true,
    projectionExpression: "#id",
    expressionAttributeNames: { "#id": names["#id"] },
    resultPath: "$.lookup",
  }).addRetry(retry);
  lookUpApartment.next(apartmentExists);

  // One conditional write decides the race: of N concurrent bookings exactly one wins. Re-reserving
  // for the same booking is allowed, so a retried write (or a resumed execution) is harmless. A
  // reservation whose window closed before this execution started is free to take: its own
  // execution releases only while it still holds the apartment, and if it was stopped, nothing
  // else would ever release it. ExpiresAt is in whole seconds and StartTime has milliseconds, so
  // the string comparison is at most a second late, never early.
  const reserveApartment = DynamoDB.updateItem("Reserve Apartment", {
    table,
    key: apartmentKey,
    updateExpression: "SET #status = :reserved, #bookingId = :bookingId, #expiresAt = :expiresAt",
    conditionExpression:
      "attribute_exists(#id) AND (#status = :vacant OR (#status = :reserved AND #bookingId = :bookingId) OR (#status = :reserved AND #expiresAt < :startedAt))",
    expressionAttributeNames: names,
    expressionAttributeValues: {
      ":vacant": DynamoValue.string(ApartmentStatus.vacant),
      ":reserved": DynamoValue.string(ApartmentStatus.reserved),
      ":bookingId": DynamoValue.stringAt("$.bookingId"),
      ":expiresAt": DynamoValue.stringAt("$.expiresAt"),
      ":startedAt": DynamoValue.stringAt("$$.Execution.StartTime"),
    },
    resultPath: null,
  })
    .addRetry(retry)
    .addCatch(lookUpApartment, {
      errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED],
      resultPath: "$.reservationError",
    });
  reserveApartment.next(waitForPayment);

  // The resolver validates requests; this guards executions started any other way (console, CLI).
  const checkRequest = new Choice("Check Booking Request")
    .when(
      Condition.and(
        Condition.isPresent("$.bookingId"),
        Condition.isString("$.bookingId"),
        Condition.isPresent("$.apartmentId"),
        Condition.isString("$.apartmentId"),
        Condition.isPresent("$.expiresAt"),
        Condition.isTimestamp("$.expiresAt"),
      ),
      reserveApartment,
      { comment: "a well-formed request" },
    )
    .otherwise(
      new Fail("Reject Invalid Request", {
        error: "InvalidBookingRequest",
        cause:
          'The input must be {"bookingId": string, "apartmentId": string, "expiresAt": RFC 3339 timestamp}',
      }),
    );

  return StateMachineDefinition.fromChain(checkRequest, {
    comment: "Reserves an apartment, waits for the payment window, then keeps or releases it",
    timeoutSeconds: (props.paymentWindowSeconds ?? 7 * 86_400) + BOOKING_TIMEOUT_MARGIN_SECONDS,
  });
}
