import assert from "node:assert/strict";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { BookingInput } from "../../definitions/bookingModel";
import { paymentDeadline, rfc3339Seconds } from "../../handlers/booking/lib/time";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { eventually } from "./support";

/** The `sub` the test's bookings belong to. */
const OWNER = "6f1c2e44-0000-4000-8000-00000000a11c";

describe("the booking definition, executed by the local engines through the Step Functions API", function () {
  this.timeout(30_000);
  let stack: LocalStack;
  let sfn: SFNClient;
  let dynamo: DynamoDBClient;
  let count = 0;

  before(async () => {
    // The prod config seeds five apartments: one for each case that needs a vacant one.
    stack = await startLocalStack({ port: 0, inMemory: true, stack: "prod" });
    sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions });
    dynamo = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
  });
  after(async () => {
    sfn?.destroy();
    dynamo?.destroy();
    await stack?.stop();
  });

  const apartment = async (id: string): Promise<Record<string, AttributeValue> | undefined> =>
    (
      await dynamo.send(
        new GetItemCommand({ TableName: stack.tableName, Key: { Id: { S: id } }, ConsistentRead: true }),
      )
    ).Item;
  /** The booking record the workflow keeps up to date (the bookings table, keyed by owner and id). */
  const record = async (bookingId: string): Promise<Record<string, AttributeValue> | undefined> =>
    (
      await dynamo.send(
        new GetItemCommand({
          TableName: stack.bookingsTableName,
          Key: { Owner: { S: OWNER }, BookingId: { S: bookingId } },
          ConsistentRead: true,
        }),
      )
    ).Item;
  /**
   * Writes a REQUESTED record and starts its execution, as bookApartment does, with a payment
   * window of `windowSeconds`.
   */
  const book = async (apartmentId: string, windowSeconds: number, bookingId = `wf-${++count}`) => {
    const input: BookingInput = {
      owner: OWNER,
      bookingId,
      apartmentId,
      expiresAt: paymentDeadline(new Date(), windowSeconds),
    };
    await dynamo.send(
      new PutItemCommand({
        TableName: stack.bookingsTableName,
        Item: {
          Owner: { S: OWNER },
          BookingId: { S: bookingId },
          ApartmentId: { S: apartmentId },
          Status: { S: "REQUESTED" },
          ExpiresAt: { S: input.expiresAt },
          CreatedAt: { S: new Date().toISOString() },
        },
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.bookingStateMachineArn,
        name: bookingId,
        input: JSON.stringify(input),
      }),
    );
    assert.ok(executionArn);
    return { ...input, executionArn };
  };
  const finished = (executionArn: string): Promise<DescribeExecutionCommandOutput> =>
    eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === "RUNNING" ? undefined : execution;
    });
  const reservedFor = (id: string, bookingId: string) =>
    eventually(async () => ((await apartment(id))?.BookingId?.S === bookingId ? true : undefined));
  /** The write payBooking makes: PAID only while this booking holds the reservation, before it expires. */
  const pay = (id: string, bookingId: string) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName: stack.tableName,
        Key: { Id: { S: id } },
        UpdateExpression: "SET #status = :paid, PaidAt = :now, PaymentReference = :reference",
        ConditionExpression:
          "#status = :reserved AND #owner = :owner AND BookingId = :bookingId AND ExpiresAt > :now",
        ExpressionAttributeNames: { "#status": "Status", "#owner": "Owner" },
        ExpressionAttributeValues: {
          ":paid": { S: "PAID" },
          ":reserved": { S: "RESERVED" },
          ":owner": { S: OWNER },
          ":reference": { S: `ref-${bookingId}` },
          ":bookingId": { S: bookingId },
          ":now": { S: rfc3339Seconds(new Date()) },
        },
      }),
    );

  it("keeps a paid apartment: the execution SUCCEEDS with {bookingId, apartmentId, status: PAID}", async () => {
    const { bookingId, executionArn, expiresAt } = await book("A-101", 2);
    await reservedFor("A-101", bookingId);
    assert.deepStrictEqual(await apartment("A-101"), {
      Id: { S: "A-101" },
      Status: { S: "RESERVED" },
      Owner: { S: OWNER },
      BookingId: { S: bookingId },
      ExpiresAt: { S: expiresAt },
    });
    await eventually(async () =>
      (await record(bookingId))?.Status?.S === "PENDING_PAYMENT" ? true : undefined,
    );
    await pay("A-101", bookingId);
    const execution = await finished(executionArn);
    assert.equal(execution.status, "SUCCEEDED");
    assert.deepStrictEqual(JSON.parse(String(execution.output)), {
      bookingId,
      apartmentId: "A-101",
      status: "PAID",
    });
    assert.equal((await apartment("A-101"))?.Status?.S, "PAID");
    const paid = await record(bookingId);
    assert.deepStrictEqual(
      [paid?.Status?.S, paid?.PaymentReference?.S, paid?.PaidAt?.S],
      ["PAID", `ref-${bookingId}`, (await apartment("A-101"))?.PaidAt?.S],
      "the workflow records the payment from the apartment item",
    );
  });

  it("refuses a second payment and changes nothing", async () => {
    const paid = await apartment("A-101");
    await assert.rejects(pay("A-101", String(paid?.BookingId?.S)), {
      name: "ConditionalCheckFailedException",
    });
    assert.deepStrictEqual(await apartment("A-101"), paid);
  });

  it("releases an unpaid apartment when the window closes: VACANT, no BookingId, FAILED BookingExpired", async () => {
    const { bookingId, executionArn } = await book("A-102", 1);
    await reservedFor("A-102", bookingId);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "BookingExpired"]);
    assert.deepStrictEqual(await apartment("A-102"), { Id: { S: "A-102" }, Status: { S: "VACANT" } });
    const expired = await record(bookingId);
    assert.deepStrictEqual(
      [expired?.Status?.S, expired?.Reason?.S, expired?.UpdatedAt?.S],
      ["EXPIRED", "BookingExpired", expired?.ExpiresAt?.S],
    );
  });

  it("refuses a late payment: the write's condition fails and the apartment stays released", async () => {
    const { bookingId, executionArn } = await book("B-201", 1);
    await reservedFor("B-201", bookingId);
    await finished(executionArn);
    await assert.rejects(pay("B-201", bookingId), { name: "ConditionalCheckFailedException" });
    assert.deepStrictEqual(await apartment("B-201"), { Id: { S: "B-201" }, Status: { S: "VACANT" } });
  });

  it("takes over a hold left by a stopped execution once that hold's window has passed", async () => {
    const stale = await book("B-201", 1);
    await reservedFor("B-201", stale.bookingId);
    await sfn.send(new StopExecutionCommand({ executionArn: stale.executionArn }));
    assert.equal((await finished(stale.executionArn)).status, "ABORTED");
    assert.equal((await apartment("B-201"))?.Status?.S, "RESERVED", "nothing will release it");
    // A second past the expiry: ExpiresAt has whole seconds, the start time milliseconds.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(stale.expiresAt) + 1_100 - Date.now())),
    );
    const next = await book("B-201", 30);
    await reservedFor("B-201", next.bookingId);
    assert.deepStrictEqual(
      [(await apartment("B-201"))?.Status?.S, (await apartment("B-201"))?.ExpiresAt?.S],
      ["RESERVED", next.expiresAt],
    );
  });

  it("fails an unknown apartment with ApartmentNotFound and creates no item", async () => {
    const { executionArn, bookingId } = await book("Z-999", 1);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "ApartmentNotFound"]);
    const rejected = await record(bookingId);
    assert.deepStrictEqual([rejected?.Status?.S, rejected?.Reason?.S], ["REJECTED", "ApartmentNotFound"]);
    assert.equal(await apartment("Z-999"), undefined);
  });

  it("fails a taken apartment with ApartmentNotAvailable and leaves the holder's reservation alone", async () => {
    const holder = await book("A-103", 2);
    await reservedFor("A-103", holder.bookingId);
    const held = await apartment("A-103");
    const { executionArn, bookingId } = await book("A-103", 2);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "ApartmentNotAvailable"]);
    assert.equal((await record(bookingId))?.Reason?.S, "ApartmentNotAvailable");
    assert.deepStrictEqual(await apartment("A-103"), held);
  });

  it("lets exactly one of 20 concurrent bookings of one apartment reserve it", async () => {
    const bookings = await Promise.all(Array.from({ length: 20 }, () => book("B-202", 3)));
    const executions = await Promise.all(bookings.map(({ executionArn }) => finished(executionArn)));
    const errors = executions.map((execution) => execution.error).sort();
    const statuses = await Promise.all(
      bookings.map(async ({ bookingId }) => (await record(bookingId))?.Status?.S),
    );
    assert.deepStrictEqual(statuses.sort(), ["EXPIRED", ...Array<string>(19).fill("REJECTED")]);
    // The winner held it until its window closed; every other one lost the conditional write.
    assert.deepStrictEqual(errors, [...Array<string>(19).fill("ApartmentNotAvailable"), "BookingExpired"]);
    assert.deepStrictEqual(await apartment("B-202"), { Id: { S: "B-202" }, Status: { S: "VACANT" } });
  });

  it("fails a request without the fields it needs with InvalidBookingRequest", async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.bookingStateMachineArn,
        name: "wf-bad",
        input: JSON.stringify({ apartmentId: "A-101" }),
      }),
    );
    const execution = await finished(String(executionArn));
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "InvalidBookingRequest"]);
  });
});
