/** `apartments`: every apartment, sorted by id. */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncResolverEvent } from "aws-lambda";
import type { Apartment } from "./lib/apartments";
import { fromItem, toApartment } from "./lib/apartments";
import { dynamodb } from "./lib/clients";
import { requiredEnv } from "./lib/env";

export const handler = async (_event: AppSyncResolverEvent<Record<string, never>>): Promise<Apartment[]> => {
  const apartments: Apartment[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    // A Scan reads at most 1 MB a page: follow LastEvaluatedKey to the end.
    const page = await dynamodb().send(
      new ScanCommand({ TableName: requiredEnv("TABLE_NAME"), ExclusiveStartKey: startKey }),
    );
    apartments.push(...(page.Items ?? []).map((item) => toApartment(fromItem(item))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return apartments.sort((a, b) => a.id.localeCompare(b.id));
};
