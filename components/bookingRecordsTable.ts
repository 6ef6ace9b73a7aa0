import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { BOOKING_TABLE_HASH_KEY, BOOKING_TABLE_RANGE_KEY } from "../definitions/bookingModel";

/**
 * The bookings table: one durable record per booking, keyed by the owner's `sub` and the booking
 * id (why a second table: definitions/bookingModel.ts). Records are the only lasting evidence of a
 * payment, so the table gets the same protection as the apartments: point-in-time recovery and
 * deletion protection.
 */
export function bookingRecordsTable(
  name: string,
  args: { readonly deletionProtection: boolean; readonly tags: Record<string, string> },
  parent: pulumi.Resource,
): aws.dynamodb.Table {
  return new aws.dynamodb.Table(
    `${name}-bookings`,
    {
      attributes: [
        { name: BOOKING_TABLE_HASH_KEY, type: "S" },
        { name: BOOKING_TABLE_RANGE_KEY, type: "S" },
      ],
      hashKey: BOOKING_TABLE_HASH_KEY,
      rangeKey: BOOKING_TABLE_RANGE_KEY,
      billingMode: "PAY_PER_REQUEST",
      pointInTimeRecovery: { enabled: true },
      // The AWS managed key (aws/dynamodb) instead of the AWS owned default: its use shows in CloudTrail.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: args.deletionProtection,
      tags: args.tags,
    },
    // Like the apartments table: `pulumi destroy` stops here, and even unprotected the table stays in AWS.
    { parent, protect: args.deletionProtection, retainOnDelete: args.deletionProtection },
  );
}
