import assert from "node:assert/strict";
import { aslValidatorErrors } from "../../definitions/asl";
import type { TaskStateJson, WaitStateJson } from "../../definitions/asl";
import {
  EXECUTION_TIMEOUT_MARGIN_SECONDS,
  TRANSIENT_DYNAMODB_ERRORS,
  bookingDefinition,
  bookingTimeoutSeconds,
} from "../../definitions/booking";
import { EXAMPLE_ARNS } from "../../definitions/examples";

describe("booking workflow definition", () => {
  const definition = bookingDefinition({
    tableName: EXAMPLE_ARNS.bookingTableName,
    tableArn: EXAMPLE_ARNS.bookingTable,
    bookingsTableName: EXAMPLE_ARNS.bookingsTableName,
    bookingsTableArn: EXAMPLE_ARNS.bookingsTable,
    paymentWindowSeconds: 900,
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
      /SET #status = :vacant REMOVE #owner, #bookingId, #expiresAt/,
    );
    assert.equal(
      release.Parameters?.ConditionExpression,
      "#status = :reserved AND #bookingId = :bookingId AND #owner = :owner",
    );
  });

  it("avoids '((' in condition expressions, which the local DynamoDB rejects", () => {
    assert.ok(!definition.toJson().includes("(("));
  });

  it("needs only the DynamoDB actions it uses: read and write apartments, update booking records", () => {
    assert.deepStrictEqual(definition.permissions(), [
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
        Resource: [EXAMPLE_ARNS.bookingTable],
      },
      {
        Effect: "Allow",
        Action: ["dynamodb:UpdateItem"],
        Resource: [EXAMPLE_ARNS.bookingsTable],
      },
    ]);
  });

  it("times out a stuck execution: the payment window plus a margin for the writes around the Wait", () => {
    assert.equal(asl.TimeoutSeconds, 900 + 1 + EXECUTION_TIMEOUT_MARGIN_SECONDS);
    assert.equal(bookingTimeoutSeconds(30), 331);
    assert.throws(() => bookingTimeoutSeconds(0), /\[paymentWindowSeconds\] must be a whole number/);
  });

  it("retries only DynamoDB error names that exist (DynamoDB. + a DynamoDB error code), on every task", () => {
    // The error codes DynamoDB documents as retryable (Programming.Errors.html); "InternalServerErrorException" is not one.
    assert.deepStrictEqual([...TRANSIENT_DYNAMODB_ERRORS].sort(), [
      "DynamoDB.InternalServerError",
      "DynamoDB.ProvisionedThroughputExceededException",
      "DynamoDB.RequestLimitExceeded",
      "DynamoDB.ThrottlingException",
    ]);
    const tasks = Object.entries(asl.States).filter(([, state]) => state.Type === "Task");
    assert.ok(tasks.length >= 8);
    for (const [name, state] of tasks) {
      assert.deepStrictEqual(
        (state as TaskStateJson).Retry?.[0]?.ErrorEquals,
        [...TRANSIENT_DYNAMODB_ERRORS],
        name,
      );
    }
  });

  it("writes the booking record after each apartment write, never the other way round", () => {
    // Apartment first, record second: a kill between the two leaves the record behind, never ahead.
    assert.equal(task("Reserve Apartment").Next, "Record Reservation");
    assert.equal(task("Release Apartment").Next, "Record Expiry");
    assert.equal(task("Record Reservation").Parameters?.ConditionExpression, "#status = :requested");
    assert.equal(
      task("Record Expiry").Parameters?.ConditionExpression,
      "#status = :requested OR #status = :pending",
      "an expiry never overwrites PAID",
    );
    assert.deepStrictEqual(task("Record Payment").Parameters?.Key, {
      Owner: { "S.$": "$.owner" },
      BookingId: { "S.$": "$.bookingId" },
    });
    for (const name of ["Record Reservation", "Record Expiry", "Record Payment"]) {
      assert.deepStrictEqual(
        task(name).Catch?.map((c) => c.ErrorEquals),
        [["DynamoDB.ConditionalCheckFailedException"]],
        `${name}: a record that moved on already is no error`,
      );
    }
  });

  it("passes asl-validator", () => {
    assert.deepStrictEqual(aslValidatorErrors(asl), []);
  });
});
