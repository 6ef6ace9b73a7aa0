/**
 * The local DynamoDB: dynalite, in this process, on a loopback port, in memory or on disk
 * (LevelDB under the data folder). It honours conditional writes, which the booking race relies on.
 * Known gaps (see dynalite's issues): `((` in ConditionExpressions is rejected, `size()` in filters.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  APARTMENT_TABLE_HASH_KEY,
  ApartmentAttribute,
  ApartmentStatus,
  BOOKING_TABLE_HASH_KEY,
  BOOKING_TABLE_RANGE_KEY,
} from "../definitions/bookingModel";

// dynalite ships no types; this is the part of its API we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require("dynalite") as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

/** A running local DynamoDB. */
export interface LocalDynamoDB {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Fake credentials: the local servers accept any, but the SDK insists on having some. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;

/** Starts dynalite on a free loopback port; `path` keeps the data on disk. */
export async function startDynamoDB(options: { path?: string; region: string }): Promise<LocalDynamoDB> {
  // Tables become ACTIVE at once: there is no real provisioning to wait for.
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: options.region, credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Creates the apartments table if it does not exist (same key as the deployed one: `Id`, string),
 * and returns once it is ACTIVE: even with createTableMs 0, dynalite on disk answers CreateTable
 * with CREATING and refuses writes for a moment.
 */
export async function ensureApartmentsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await ensureTable(client, tableName, [APARTMENT_TABLE_HASH_KEY]);
}

/** Creates the bookings table (the durable booking records: `Owner` + `BookingId`) if it does not exist. */
export async function ensureBookingsTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await ensureTable(client, tableName, [BOOKING_TABLE_HASH_KEY, BOOKING_TABLE_RANGE_KEY]);
}

/** Creates a table keyed on string attributes (hash, then optional range) unless it exists, and waits for ACTIVE. */
async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly string[],
): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: keys.map((name, i) => ({ AttributeName: name, KeyType: i === 0 ? "HASH" : "RANGE" })),
        AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: "S" })),
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  await untilActive(client, tableName);
}

/** Polls briefly (the SDK's waiter would poll every few seconds) until the table is ACTIVE. */
async function untilActive(client: DynamoDBClient, tableName: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    if (Date.now() > deadline)
      throw new Error(`Local table ${tableName} is still ${Table?.TableStatus} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Adds each apartment as VACANT unless it already exists: a restart never resets a booking. */
export async function seedApartments(
  client: DynamoDBClient,
  tableName: string,
  apartments: readonly string[],
): Promise<void> {
  for (const id of apartments) {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            [ApartmentAttribute.id]: { S: id },
            [ApartmentAttribute.status]: { S: ApartmentStatus.vacant },
          },
          ConditionExpression: "attribute_not_exists(#id)",
          ExpressionAttributeNames: { "#id": ApartmentAttribute.id },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
  }
}
