/**
 * The apartment booking workflow (after the seed article's SAM/AppSync example, without its bugs):
 * reserve the apartment with one conditional write, wait until the payment window closes, then
 * keep the apartment if this booking paid for it or release it if not, writing each step to the
 * booking's durable record. DynamoDB service integrations only: no Lambda in the state machine.
 *
 * Consistency without transactions: every write is conditional and idempotent, and the apartment
 * item is always written before the record. The apartment item decides (who holds it, whether it
 * was paid); the record follows it. So a crash or kill between any two writes leaves a record that
 * is behind its apartment, never ahead or contradicting it, and the next step that runs (the
 * resumed execution, a retried payBooking) brings it level. Readers of a record that is still open
 * look at its apartment too (handlers/booking/lib/bookingView.ts).
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
import type { DynamoTable, RetryProps } from "./asl";
import { ApartmentAttribute, ApartmentStatus, BookingFailure, BookingStatus } from "./bookingModel";
import { closeRecord, markPendingPayment, recordPayment } from "./bookingRecordWrites";

/** The tables the workflow writes and how long a booking waits for its payment. */
export interface BookingDefinitionProps {
  /** The apartments table. */
  readonly tableName: string;
  readonly tableArn: string;
  /** The bookings table (the durable records). */
  readonly bookingsTableName: string;
  readonly bookingsTableArn: string;
  /** The payment window in seconds: the execution's timeout is derived from it. */
  readonly paymentWindowSeconds: number;
}

/**
 * DynamoDB errors worth retrying: throttling and DynamoDB's own server error. Step Functions names
 * an optimized integration's errors `DynamoDB.` + the DynamoDB error code
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-ddb.html, "Exception prefix
 * differences"), and these are the retryable codes DynamoDB documents
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html:
 * ProvisionedThroughputExceededException, RequestLimitExceeded, ThrottlingException, and
 * InternalServerError for HTTP 500; there is no "InternalServerErrorException"). Every write below
 * is idempotent for its booking, so a retry after a write that did land changes nothing.
 */
export const TRANSIENT_DYNAMODB_ERRORS = [
  "DynamoDB.ProvisionedThroughputExceededException",
  "DynamoDB.RequestLimitExceeded",
  "DynamoDB.ThrottlingException",
  "DynamoDB.InternalServerError",
] as const;

/**
 * Time an execution may take beyond the payment window: the reservation and record writes before
 * the Wait, and after it the read, the release and the record write, each with up to three retries
 * (1 + 2 + 4 s with jitter) and a re-read when a payment races the release. Five minutes covers
 * that many times over; after it the execution fails with States.Timeout rather than run for a year.
 */
export const EXECUTION_TIMEOUT_MARGIN_SECONDS = 300;

/** `#name` placeholders for the apartment attributes the expressions use (`Status` is reserved). */
const names = {
  "#id": ApartmentAttribute.id,
  "#status": ApartmentAttribute.status,
  "#owner": ApartmentAttribute.owner,
  "#bookingId": ApartmentAttribute.bookingId,
  "#expiresAt": ApartmentAttribute.expiresAt,
};

/** Builds the booking state machine definition; its input is a `BookingInput`. */
export function bookingDefinition(props: BookingDefinitionProps): StateMachineDefinition {
  const table: DynamoTable = { name: props.tableName, arn: props.tableArn };
  const records = {
    table: { name: props.bookingsTableName, arn: props.bookingsTableArn },
    retry: {
      errors: [...TRANSIENT_DYNAMODB_ERRORS],
      intervalSeconds: 1,
      maxAttempts: 3,
      backoffRate: 2,
      jitterStrategy: "FULL",
    } satisfies RetryProps,
  };
  const retry = records.retry;
  const apartmentKey = { [ApartmentAttribute.id]: DynamoValue.stringAt("$.apartmentId") };
  /** This booking holds the apartment item at `path` (same owner and booking id). */
  const heldByThisBooking = (path: string) => [
    Condition.isPresent(`${path}.BookingId.S`),
    Condition.stringEqualsPath(`${path}.BookingId.S`, "$.bookingId"),
    Condition.isPresent(`${path}.Owner.S`),
    Condition.stringEqualsPath(`${path}.Owner.S`, "$.owner"),
  ];

  const bookingExpired = new Fail("Booking Expired", {
    error: BookingFailure.expired,
    cause: "The payment window closed before the booking was paid; the apartment is available again",
  });
  const recordExpiry = closeRecord(
    "Record Expiry",
    records,
    { status: BookingStatus.expired, reason: BookingFailure.expired, at: "$.expiresAt" },
    bookingExpired,
  );
  const apartmentPaid = new Pass("Apartment Paid", {
    parameters: {
      "bookingId.$": "$.bookingId",
      "apartmentId.$": "$.apartmentId",
      status: BookingStatus.paid,
    },
  });
  const recordPaid = recordPayment("Record Payment", records, "$.apartment.Item", apartmentPaid);

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
    updateExpression: "SET #status = :vacant REMOVE #owner, #bookingId, #expiresAt",
    conditionExpression: "#status = :reserved AND #bookingId = :bookingId AND #owner = :owner",
    expressionAttributeNames: {
      "#status": names["#status"],
      "#owner": names["#owner"],
      "#bookingId": names["#bookingId"],
      "#expiresAt": names["#expiresAt"],
    },
    expressionAttributeValues: {
      ":vacant": DynamoValue.string(ApartmentStatus.vacant),
      ":reserved": DynamoValue.string(ApartmentStatus.reserved),
      ":bookingId": DynamoValue.stringAt("$.bookingId"),
      ":owner": DynamoValue.stringAt("$.owner"),
    },
    resultPath: null,
  })
    .addRetry(retry)
    .addCatch(getBookingStatus, { errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED], resultPath: null });
  releaseApartment.next(recordExpiry);

  const hasBeenPaid = new Choice("Has the Apartment been Paid?")
    .when(
      Condition.and(
        ...heldByThisBooking("$.apartment.Item"),
        Condition.stringEquals("$.apartment.Item.Status.S", ApartmentStatus.paid),
      ),
      recordPaid,
      { comment: "paid by this booking" },
    )
    .when(
      Condition.and(
        ...heldByThisBooking("$.apartment.Item"),
        Condition.stringEquals("$.apartment.Item.Status.S", ApartmentStatus.reserved),
      ),
      releaseApartment,
      { comment: "still reserved by this booking" },
    )
    .otherwise(recordExpiry);
  getBookingStatus.next(hasBeenPaid);

  const waitForPayment = new Wait("Wait For Payment", { time: WaitTime.timestampPath("$.expiresAt") });
  waitForPayment.next(getBookingStatus);
  const markPending = markPendingPayment("Record Reservation", records, waitForPayment);

  // A lost reservation: this booking's own (a replay after the reservation landed), a taken
  // apartment, or an unknown one.
  const rejectedAt = "$$.Execution.StartTime";
  const apartmentExists = new Choice("Does the Apartment Exist?")
    .when(Condition.and(...heldByThisBooking("$.lookup.Item")), markPending, {
      comment: "already held by this booking",
    })
    .when(
      Condition.isPresent("$.lookup.Item"),
      closeRecord(
        "Record Apartment Not Available",
        records,
        { status: BookingStatus.rejected, reason: BookingFailure.apartmentNotAvailable, at: rejectedAt },
        new Fail("Apartment Not Available", {
          error: BookingFailure.apartmentNotAvailable,
          cause: "The apartment is reserved or paid by another booking; choose another apartment",
        }),
      ),
    )
    .otherwise(
      closeRecord(
        "Record Apartment Not Found",
        records,
        { status: BookingStatus.rejected, reason: BookingFailure.apartmentNotFound, at: rejectedAt },
        new Fail("Apartment Not Found", {
          error: BookingFailure.apartmentNotFound,
          cause: "There is no apartment with this id; list apartments with the `apartments` query",
        }),
      ),
    );
  const lookUpApartment = DynamoDB.getItem("Look Up Apartment", {
    table,
    key: apartmentKey,
    consistentRead: true,
    projectionExpression: "#id, #owner, #bookingId",
    expressionAttributeNames: {
      "#id": names["#id"],
      "#owner": names["#owner"],
      "#bookingId": names["#bookingId"],
    },
    resultPath: "$.lookup",
  }).addRetry(retry);
  lookUpApartment.next(apartmentExists);

  // One conditional write decides the race: of N concurrent bookings exactly one wins. Re-reserving
  // for the same booking is allowed, so a retried write (or a resumed execution) is harmless; a
  // paid apartment is never re-reserved (the lookup above sends its own booking on). A reservation
  // whose window closed before this execution started is free to take: its own execution releases
  // only while it still holds the apartment, and if it was stopped, nothing else would ever release
  // it. ExpiresAt is in whole seconds and StartTime has milliseconds, so the string comparison is at
  // most a second late, never early. No "((": the local DynamoDB refuses nested parentheses.
  const reserveApartment = DynamoDB.updateItem("Reserve Apartment", {
    table,
    key: apartmentKey,
    updateExpression:
      "SET #status = :reserved, #owner = :owner, #bookingId = :bookingId, #expiresAt = :expiresAt",
    conditionExpression:
      "attribute_exists(#id) AND (#status = :vacant OR (#status = :reserved AND #bookingId = :bookingId AND #owner = :owner) OR (#status = :reserved AND #expiresAt < :startedAt))",
    expressionAttributeNames: names,
    expressionAttributeValues: {
      ":vacant": DynamoValue.string(ApartmentStatus.vacant),
      ":reserved": DynamoValue.string(ApartmentStatus.reserved),
      ":owner": DynamoValue.stringAt("$.owner"),
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
  reserveApartment.next(markPending);

  // The resolver validates requests; this guards executions started any other way (console, CLI).
  const checkRequest = new Choice("Check Booking Request")
    .when(
      Condition.and(
        ...["$.owner", "$.bookingId", "$.apartmentId"].flatMap((path) => [
          Condition.isPresent(path),
          Condition.isString(path),
        ]),
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
          'The input must be {"owner": string, "bookingId": string, "apartmentId": string, "expiresAt": RFC 3339 timestamp}',
      }),
    );

  return StateMachineDefinition.fromChain(checkRequest, {
    comment: "Reserves an apartment, waits for the payment window, then keeps or releases it",
    timeoutSeconds: bookingTimeoutSeconds(props.paymentWindowSeconds),
  });
}

/**
 * The execution timeout for a payment window: the window plus the margin. The resolver computes
 * `expiresAt` as at most the window (rounded up to a second) after the start, so the Wait always
 * ends well inside the timeout.
 */
export function bookingTimeoutSeconds(paymentWindowSeconds: number): number {
  if (!Number.isInteger(paymentWindowSeconds) || paymentWindowSeconds < 1) {
    throw new Error(
      `[paymentWindowSeconds] must be a whole number of seconds >= 1, got ${paymentWindowSeconds}`,
    );
  }
  return paymentWindowSeconds + 1 + EXECUTION_TIMEOUT_MARGIN_SECONDS;
}
