import assert from "node:assert/strict";
import { aslValidatorErrors } from "../../definitions/asl";
import type { TaskStateJson, WaitStateJson } from "../../definitions/asl";
import { bookingDefinition } from "../../definitions/booking";
import { EXAMPLE_ARNS } from "../../definitions/examples";

describe("booking workflow definition", () => {
  const definition = bookingDefinition({
    tableName: EXAMPLE_ARNS.bookingTableName,
    tableArn: EXAMPLE_ARNS.bookingTable,
  });
  const asl = definition.toAsl();
  const task = (name: string) => asl.States[name] as TaskStateJson;

  it("reserves with one conditional write on the table key Id, read from the request", () => {
    const reserve = task("Reserve Apartment");
    assert.equal(reserve.Resource, "arn:aws:states:::dynamodb:updateItem");
    assert.deepStrictEqual(reserve.Parameters?.Key, { Id: { "S.$": "$.apartmentId" } });
    assert.match(
      String(reserve.Parameters?.ConditionExpression),
      /^attribute_exists\(#id\) AND \(#status = :vacant OR/,
    );
  });

  it("tells a lost race apart by catching ConditionalCheckFailedException specifically", () => {
    assert.deepStrictEqual(
      task("Reserve Apartment").Catch?.map((c) => [c.ErrorEquals, c.Next]),
      [[["DynamoDB.ConditionalCheckFailedException"], "Look Up Apartment"]],
    );
  });

  it("waits until the booking's own expiry time", () => {
    const wait = asl.States["Wait For Payment"] as WaitStateJson;
    assert.equal(wait.TimestampPath, "$.expiresAt");
  });

  it("checks the payment with a consistent read on key Id", () => {
    const check = task("Get Booking Status");
    assert.equal(check.Resource, "arn:aws:states:::dynamodb:getItem");
    assert.equal(check.Parameters?.ConsistentRead, true);
    assert.deepStrictEqual(check.Parameters?.Key, { Id: { "S.$": "$.apartmentId" } });
  });

  it("releases the apartment to VACANT only while this booking holds it", () => {
    const release = task("Release Apartment");
    assert.match(
      String(release.Parameters?.UpdateExpression),
      /SET #status = :vacant REMOVE #bookingId, #expiresAt/,
    );
    assert.equal(release.Parameters?.ConditionExpression, "#status = :reserved AND #bookingId = :bookingId");
  });

  it("avoids '((' in condition expressions, which the local DynamoDB rejects", () => {
    assert.ok(!definition.toJson().includes("(("));
  });

  it("needs only the DynamoDB actions it uses, on the table only", () => {
    assert.deepStrictEqual(definition.permissions(), [
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
        Resource: [EXAMPLE_ARNS.bookingTable],
      },
    ]);
  });

  it("passes asl-validator", () => {
    assert.deepStrictEqual(aslValidatorErrors(asl), []);
  });
});
