/**
 * Booking records: the durable truth about each booking, in the bookings table keyed by
 * (Owner, BookingId) (see definitions/bookingModel.ts for why a second table). A record outlives
 * its execution's 90-day history and any replacement of the state machine.
 */
import { createHash } from "node:crypto";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { BookingAttribute, BookingStatus } from "../../../definitions/bookingModel";
import { dynamodb } from "./clients";
import { bookingsTableName } from "./env";

/** A booking record as stored. */
export interface BookingRecord {
  owner: string;
  bookingId: string;
  apartmentId: string;
  status: BookingStatus;
  reason: string | null;
  expiresAt: string;
  executionArn: string;
  paymentReference: string | null;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
}

type Item = Record<string, AttributeValue>;
const STATUSES: ReadonlySet<string> = new Set(Object.values(BookingStatus));
const A = BookingAttribute;

/** The record's key. */
export const recordKey = (owner: string, bookingId: string): Item => ({
  [A.owner]: { S: owner },
  [A.bookingId]: { S: bookingId },
});

/**
 * The execution name of a booking: unique per (owner, booking id), since booking ids are only
 * unique per user, readable in the console, and within Step Functions' 80 characters (the id is
 * cut to 47, a 32-digit hash of both parts follows). The same booking always gets the same name,
 * so a retried StartExecution cannot start a second execution.
 */
export function executionNameFor(owner: string, bookingId: string): string {
  const hash = createHash("sha256").update(`${owner}\n${bookingId}`).digest("hex").slice(0, 32);
  return `${bookingId.slice(0, 47)}-${hash}`;
}

/** Reads a stored item; a record missing its keys or with an unknown status fails loudly. */
export function fromRecordItem(item: Item): BookingRecord {
  const text = (name: string) => item[name]?.S ?? null;
  const status = text(A.status);
  const owner = text(A.owner);
  const bookingId = text(A.bookingId);
  if (!owner || !bookingId || !status || !STATUSES.has(status)) {
    throw new Error(
      `Booking record ${JSON.stringify(bookingId)} has no valid ${A.status} (${JSON.stringify(status)}); expected one of ${[...STATUSES].join(", ")}`,
    );
  }
  return {
    owner,
    bookingId,
    apartmentId: text(A.apartmentId) ?? "",
    status: status as BookingStatus,
    reason: text(A.reason),
    expiresAt: text(A.expiresAt) ?? "",
    executionArn: text(A.executionArn) ?? "",
    paymentReference: text(A.paymentReference),
    createdAt: text(A.createdAt) ?? "",
    updatedAt: text(A.updatedAt) ?? text(A.createdAt) ?? "",
    paidAt: text(A.paidAt),
  };
}

/** A user's record, read consistently, or `null`: another user's booking is simply not addressable. */
export async function getRecord(owner: string, bookingId: string): Promise<BookingRecord | null> {
  const { Item } = await dynamodb().send(
    new GetItemCommand({
      TableName: bookingsTableName(),
      Key: recordKey(owner, bookingId),
      ConsistentRead: true,
    }),
  );
  return Item ? fromRecordItem(Item) : null;
}

/** Writes a new REQUESTED record; `false` when one with this key exists already (a concurrent retry). */
export async function putNewRecord(record: BookingRecord): Promise<boolean> {
  const item: Item = {
    ...recordKey(record.owner, record.bookingId),
    [A.apartmentId]: { S: record.apartmentId },
    [A.status]: { S: record.status },
    [A.expiresAt]: { S: record.expiresAt },
    [A.executionArn]: { S: record.executionArn },
    [A.createdAt]: { S: record.createdAt },
    [A.updatedAt]: { S: record.updatedAt },
  };
  try {
    await dynamodb().send(
      new PutItemCommand({
        TableName: bookingsTableName(),
        Item: item,
        ConditionExpression: "attribute_not_exists(#owner)",
        ExpressionAttributeNames: { "#owner": A.owner },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Every record of one user, read consistently (one partition, following pages). */
export async function ownerRecords(owner: string): Promise<BookingRecord[]> {
  const records: BookingRecord[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: bookingsTableName(),
        KeyConditionExpression: "#owner = :owner",
        ExpressionAttributeNames: { "#owner": A.owner },
        ExpressionAttributeValues: { ":owner": { S: owner } },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    records.push(...(page.Items ?? []).map(fromRecordItem));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return records;
}

/** REQUESTED → REJECTED with `reason`; does nothing if the record has moved on. */
export async function rejectRequested(record: BookingRecord, reason: string, at: string): Promise<void> {
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: bookingsTableName(),
        Key: recordKey(record.owner, record.bookingId),
        UpdateExpression: "SET #status = :rejected, #reason = :reason, #updatedAt = :at",
        ConditionExpression: "#status = :requested",
        ExpressionAttributeNames: { "#status": A.status, "#reason": A.reason, "#updatedAt": A.updatedAt },
        ExpressionAttributeValues: {
          ":rejected": { S: BookingStatus.rejected },
          ":requested": { S: BookingStatus.requested },
          ":reason": { S: reason },
          ":at": { S: at },
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Records a payment the apartment item already holds: PAID with the reference. Idempotent; the
 * condition keeps a record from ever showing a different reference than the one that paid.
 */
export async function recordPayment(
  record: BookingRecord,
  paymentReference: string,
  paidAt: string,
): Promise<void> {
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: bookingsTableName(),
        Key: recordKey(record.owner, record.bookingId),
        UpdateExpression:
          "SET #status = :paid, #reference = :reference, #paidAt = :paidAt, #updatedAt = :paidAt REMOVE #reason",
        ConditionExpression: "attribute_not_exists(#reference) OR #reference = :reference",
        ExpressionAttributeNames: {
          "#status": A.status,
          "#reference": A.paymentReference,
          "#paidAt": A.paidAt,
          "#updatedAt": A.updatedAt,
          "#reason": A.reason,
        },
        ExpressionAttributeValues: {
          ":paid": { S: BookingStatus.paid },
          ":reference": { S: paymentReference },
          ":paidAt": { S: paidAt },
        },
      }),
    );
  } catch (error) {
    // The state machine recorded this same payment first: the apartment holds one reference only.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
