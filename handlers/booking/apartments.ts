/**
 * `apartments`: every apartment, sorted by id. The one public field (API key or user pool): it
 * shows each apartment's status, and a booking id only to the user whose booking holds it.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncResolverEvent } from "aws-lambda";
import { ApartmentAttribute } from "../../definitions/bookingModel";
import type { Apartment, Item } from "./lib/apartments";
import { fromItem, toApartment } from "./lib/apartments";
import { dynamodb } from "./lib/clients";
import { tableName } from "./lib/env";
import { viewerOf } from "./lib/identity";

/** Resolves `Query.apartments` (no arguments). */
export const handler = async (event: AppSyncResolverEvent<Record<string, never>>): Promise<Apartment[]> => {
  const viewer = viewerOf(event);
  const TableName = tableName();
  const apartments: Apartment[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    // A Scan page holds at most 1 MB: follow LastEvaluatedKey to the end.
    const page = await dynamodb().send(
      new ScanCommand({
        TableName,
        ExclusiveStartKey,
        // Only what an Apartment shows; `Status` is a reserved word, hence the placeholders.
        ProjectionExpression: "#id, #status, #owner, #bookingId",
        ExpressionAttributeNames: {
          "#id": ApartmentAttribute.id,
          "#status": ApartmentAttribute.status,
          "#owner": ApartmentAttribute.owner,
          "#bookingId": ApartmentAttribute.bookingId,
        },
      }),
    );
    apartments.push(...(page.Items ?? []).map((item) => toApartment(fromItem(item), viewer)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  // Code-unit order, so "A-10" < "A-9" the same way everywhere (localeCompare depends on the locale).
  return apartments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
