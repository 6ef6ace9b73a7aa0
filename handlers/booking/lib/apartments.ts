import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { ApartmentAttribute } from "../../../definitions/bookingModel";
import type { ApartmentStatus } from "../../../definitions/bookingModel";
import { dynamodb } from "./clients";
import { requiredEnv } from "./env";

/** An apartment as the API returns it. */
export interface Apartment {
  id: string;
  status: ApartmentStatus;
  bookingId: string | null;
}

/** An apartment item with the booking fields the resolvers need. */
export interface ApartmentItem extends Apartment {
  expiresAt: string | null;
}

/** Reads an item of the apartments table. */
export function fromItem(item: Record<string, AttributeValue>): ApartmentItem {
  return {
    id: item[ApartmentAttribute.id]?.S ?? "",
    status: (item[ApartmentAttribute.status]?.S ?? "VACANT") as ApartmentStatus,
    bookingId: item[ApartmentAttribute.bookingId]?.S ?? null,
    expiresAt: item[ApartmentAttribute.expiresAt]?.S ?? null,
  };
}

/** The API's view of an apartment (the expiry belongs to the booking). */
export function toApartment({ id, status, bookingId }: ApartmentItem): Apartment {
  return { id, status, bookingId };
}

/** Reads one apartment with a consistent read (a reservation or payment may have just landed). */
export async function getApartment(id: string): Promise<ApartmentItem | null> {
  const { Item } = await dynamodb().send(
    new GetItemCommand({
      TableName: requiredEnv("TABLE_NAME"),
      Key: { [ApartmentAttribute.id]: { S: id } },
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem(Item) : null;
}
