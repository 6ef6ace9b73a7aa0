/**
 * The booking state machine's writes to a booking record (the bookings table; see bookingModel.ts).
 * Each is one conditional UpdateItem that moves the record forward only from the statuses it may
 * leave, so replaying it after a retry, a resumed execution or a crash changes nothing, and a later
 * fact (PAID) is never overwritten by an earlier one (PENDING_PAYMENT) or a weaker one (EXPIRED).
 */
import { DynamoDB, DynamoDBErrors, DynamoValue } from "./asl";
import type { DynamoTable, IChainable, RetryProps, Task } from "./asl";
import { BookingAttribute, BookingStatus } from "./bookingModel";

/** The placeholders every record write uses (`Status` is a reserved word). */
const NAMES = { "#status": BookingAttribute.status, "#updatedAt": BookingAttribute.updatedAt };

/** Where each write reads its values from the execution's input or context. */
export interface RecordWriteContext {
  readonly table: DynamoTable;
  readonly retry: RetryProps;
}

/** The record's key, from the execution input: the owner's `sub` and the booking id. */
export function recordKey(): Record<string, DynamoValue> {
  return {
    [BookingAttribute.owner]: DynamoValue.stringAt("$.owner"),
    [BookingAttribute.bookingId]: DynamoValue.stringAt("$.bookingId"),
  };
}

/**
 * REQUESTED → PENDING_PAYMENT once the apartment is reserved. When the record has moved on already
 * (a replay, or payBooking was quicker than this write), the condition fails and `then` follows
 * anyway: the reservation stands either way. `UpdatedAt` is the execution's start, the closest
 * time the context object offers (Step Functions has no "now" in JSONPath).
 */
export function markPendingPayment(name: string, ctx: RecordWriteContext, then: IChainable): Task {
  const task = DynamoDB.updateItem(name, {
    table: ctx.table,
    key: recordKey(),
    updateExpression: "SET #status = :pending, #updatedAt = :at",
    conditionExpression: "#status = :requested",
    expressionAttributeNames: NAMES,
    expressionAttributeValues: {
      ":pending": DynamoValue.string(BookingStatus.pendingPayment),
      ":requested": DynamoValue.string(BookingStatus.requested),
      ":at": DynamoValue.stringAt("$$.Execution.StartTime"),
    },
    resultPath: null,
  })
    .addRetry(ctx.retry)
    .addCatch(then, { errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED], resultPath: null });
  task.next(then);
  return task;
}

/**
 * REQUESTED or PENDING_PAYMENT → `status` with `reason`, at `at` (a path). Never overwrites PAID:
 * if the record was paid the condition fails and `then` follows with the record untouched.
 */
export function closeRecord(
  name: string,
  ctx: RecordWriteContext,
  outcome: {
    status: typeof BookingStatus.expired | typeof BookingStatus.rejected;
    reason: string;
    at: string;
  },
  then: IChainable,
): Task {
  const task = DynamoDB.updateItem(name, {
    table: ctx.table,
    key: recordKey(),
    updateExpression: "SET #status = :closed, #reason = :reason, #updatedAt = :at",
    conditionExpression: "#status = :requested OR #status = :pending",
    expressionAttributeNames: { ...NAMES, "#reason": BookingAttribute.reason },
    expressionAttributeValues: {
      ":closed": DynamoValue.string(outcome.status),
      ":reason": DynamoValue.string(outcome.reason),
      ":requested": DynamoValue.string(BookingStatus.requested),
      ":pending": DynamoValue.string(BookingStatus.pendingPayment),
      ":at": DynamoValue.stringAt(outcome.at),
    },
    resultPath: null,
  })
    .addRetry(ctx.retry)
    .addCatch(then, { errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED], resultPath: null });
  task.next(then);
  return task;
}

/**
 * Any status but a closed one → PAID, copying the payment from the apartment item read at
 * `apartmentPath`. payBooking writes the same values after it pays, so whichever of the two lands
 * first, the second is a no-op; this one repairs a payment whose resolver died between its two
 * writes. Only a record that exists is touched (an execution started by hand has none).
 */
export function recordPayment(
  name: string,
  ctx: RecordWriteContext,
  apartmentPath: string,
  then: IChainable,
): Task {
  const task = DynamoDB.updateItem(name, {
    table: ctx.table,
    key: recordKey(),
    updateExpression:
      "SET #status = :paid, #reference = :reference, #paidAt = :paidAt, #updatedAt = :paidAt REMOVE #reason",
    conditionExpression: "attribute_exists(#status)",
    expressionAttributeNames: {
      ...NAMES,
      "#reference": BookingAttribute.paymentReference,
      "#paidAt": BookingAttribute.paidAt,
      "#reason": BookingAttribute.reason,
    },
    expressionAttributeValues: {
      ":paid": DynamoValue.string(BookingStatus.paid),
      ":reference": DynamoValue.stringAt(`${apartmentPath}.PaymentReference.S`),
      ":paidAt": DynamoValue.stringAt(`${apartmentPath}.PaidAt.S`),
    },
    resultPath: null,
  })
    .addRetry(ctx.retry)
    .addCatch(then, { errors: [DynamoDBErrors.CONDITIONAL_CHECK_FAILED], resultPath: null });
  task.next(then);
  return task;
}
