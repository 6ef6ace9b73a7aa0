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

/** An apartment item with the reservation's expiry, which payBooking and bookings need. */
export interface ApartmentItem extends Apartment {
  expiresAt: string | null;
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
    bookingId: item[ApartmentAttribute.bookingId]?.S ?? null,
    expiresAt: item[ApartmentAttribute.expiresAt]?.S ?? null,
  };
}

/** The API's view of an apartment: the expiry belongs to the booking, not the apartment. */
export function toApartment({ id, status, bookingId }: ApartmentItem): Apartment {
  return { id, status, bookingId };
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
