/** DynamoDB tables: recoverable, encrypted with a KMS key, and in production impossible to lose by a deploy. */
import { field, isProduction, ofType, violation } from "../resources";
import type { PolicyRule, Violation } from "../rule";

const TABLE = "aws:dynamodb/table:Table";
const ITEM = "aws:dynamodb/tableItem:TableItem";

export const DYNAMODB_RULES: PolicyRule[] = [
  {
    id: "dynamodb-point-in-time-recovery",
    description: "Tables keep 35 days of point-in-time recovery",
    check: (ctx) =>
      ofType(ctx, TABLE)
        .filter((table) => field(table, "pointInTimeRecovery", "enabled") !== true)
        .map((table) =>
          violation("dynamodb-point-in-time-recovery", table, "set pointInTimeRecovery.enabled to true"),
        ),
  },
  {
    id: "dynamodb-encryption",
    description:
      "Tables are encrypted with a KMS key (AWS managed or customer managed), whose use CloudTrail records, rather than the default AWS owned key",
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
    check: (ctx) =>
      ofType(ctx, TABLE)
        .filter((table) => field(table, "serverSideEncryption", "enabled") !== true)
        .map((table) =>
          violation(
            "dynamodb-encryption",
            table,
            "set serverSideEncryption.enabled to true (the aws/dynamodb key, or a kmsKeyArn of your own)",
          ),
        ),
  },
  {
    id: "dynamodb-deletion-protection",
    description: "In production, tables have AWS deletion protection",
    check: (ctx) =>
      isProduction(ctx)
        ? ofType(ctx, TABLE)
            .filter((table) => table.inputs.deletionProtectionEnabled !== true)
            .map((table) =>
              violation("dynamodb-deletion-protection", table, "set deletionProtectionEnabled to true"),
            )
        : [],
  },
  {
    id: "dynamodb-protect",
    description:
      "In production, no config change or `pulumi destroy` deletes data: tables are protect + retainOnDelete, seeded items retainOnDelete",
    check: (ctx) =>
      isProduction(ctx)
        ? [
            ...ofType(ctx, TABLE)
              .filter((table) => !table.protect || !table.retainOnDelete)
              .map((table): Violation =>
                violation(
                  "dynamodb-protect",
                  table,
                  "give the table the resource options protect: true and retainOnDelete: true",
                ),
              ),
            ...ofType(ctx, ITEM)
              .filter((item) => !item.retainOnDelete)
              .map((item): Violation =>
                violation(
                  "dynamodb-protect",
                  item,
                  "give the item retainOnDelete: true: removing it from config must not delete a booked apartment",
                ),
              ),
          ]
        : [],
  },
];
