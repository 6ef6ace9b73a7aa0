/** Apartment items of the table and the API's `Apartment`: one mapping, used by every resolver. */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { ApartmentAttribute, ApartmentStatus } from "../../../definitions/bookingModel";
import { dynamodb } from "./clients";
import { tableName } from "./env";

/** An apartment as the API returns it (the GraphQL `Apartment`). */
export interface Apartment {
  id: string;
  status: ApartmentStatus;
  /** The booking that holds (RESERVED) or paid for (PAID) the apartment. */
  bookingId: string | null;
}

/** An apartment item as stored: who holds it (owner and booking id) and the payment, if any. */
export interface ApartmentItem {
  id: string;
  status: ApartmentStatus;
  /** The `sub` of the user whose booking holds the apartment. */
  owner: string | null;
  bookingId: string | null;
  expiresAt: string | null;
  paidAt: string | null;
  paymentReference: string | null;
}

/** A DynamoDB item, as GetItem, Scan and UpdateItem return it. */
export type Item = Record<string, AttributeValue>;

const STATUSES: ReadonlySet<string> = new Set(Object.values(ApartmentStatus));

/**
 * Reads an item of the apartments table. A status the API cannot express is a data error worth
 * failing loudly over: answering VACANT for it could sell an apartment twice.
 */
export function fromItem(item: Item): ApartmentItem {
  const id = item[ApartmentAttribute.id]?.S;
  const status = item[ApartmentAttribute.status]?.S;
  if (id === undefined || status === undefined || !STATUSES.has(status)) {
    throw new Error(
      `Apartment item ${JSON.stringify(id ?? null)} has no valid ${ApartmentAttribute.status} (${JSON.stringify(status ?? null)}); expected one of ${[...STATUSES].join(", ")}`,
    );
  }
  return {
    id,
    status: status as ApartmentStatus,
    owner: item[ApartmentAttribute.owner]?.S ?? null,
    bookingId: item[ApartmentAttribute.bookingId]?.S ?? null,
    expiresAt: item[ApartmentAttribute.expiresAt]?.S ?? null,
    paidAt: item[ApartmentAttribute.paidAt]?.S ?? null,
    paymentReference: item[ApartmentAttribute.paymentReference]?.S ?? null,
  };
}

/**
 * The API's view of an apartment for `viewer` (a `sub`, or null for an API key): the status for
 * everyone, the booking id only to the user whose booking holds it. Booking ids are per user, so
 * another user's id would tell nothing useful and is nobody else's business.
 */
export function toApartment(item: ApartmentItem, viewer: string | null): Apartment {
  const own = viewer !== null && item.owner === viewer;
  return { id: item.id, status: item.status, bookingId: own ? item.bookingId : null };
}

/** Whether this booking holds the apartment (reserved or paid). */
export function heldBy(item: ApartmentItem | null, owner: string, bookingId: string): boolean {
  return item !== null && item.owner === owner && item.bookingId === bookingId;
}

/** The key of an apartment's item. */
export const apartmentKey = (id: string): Item => ({ [ApartmentAttribute.id]: { S: id } });

/** Reads one apartment, consistently: a reservation or payment may have landed a moment ago. */
export async function getApartment(id: string): Promise<ApartmentItem | null> {
  const { Item } = await dynamodb().send(
    new GetItemCommand({ TableName: tableName(), Key: apartmentKey(id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : null;
}
