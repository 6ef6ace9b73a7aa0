import assert from "node:assert/strict";
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { TestStack } from "../local/harness";
import { eventually, secondsFromNow, startTestStack } from "../local/harness";

describe("booking workflow, executed against the local DynamoDB and Step Functions", function () {
  this.timeout(60_000);
  let stack: TestStack;
  let sfn: SFNClient;
  let dynamo: DynamoDBClient;
  let count = 0;

  before(async () => {
    stack = await startTestStack({ stack: "prod" }); // five apartments: room for one per test
    const credentials = { accessKeyId: "local", secretAccessKey: "local" };
    sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions, region: "eu-west-1", credentials });
    dynamo = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: "eu-west-1", credentials });
  });
  after(async () => {
    sfn.destroy();
    dynamo.destroy();
    await stack.stop();
  });

  const apartment = async (id: string) =>
    (
      await dynamo.send(
        new GetItemCommand({ TableName: stack.tableName, Key: { Id: { S: id } }, ConsistentRead: true }),
      )
    ).Item;
  const start = async (apartmentId: string, windowSeconds: number, bookingId = `wf-${++count}`) => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.bookingStateMachineArn,
        name: bookingId,
        input: JSON.stringify({ bookingId, apartmentId, expiresAt: secondsFromNow(windowSeconds) }),
      }),
    );
    return { bookingId, executionArn: executionArn as string };
  };
  const finished = (executionArn: string) =>
    eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === "RUNNING" ? undefined : execution;
    });
  const reserved = (id: string, bookingId: string) =>
    eventually(async () => ((await apartment(id))?.BookingId?.S === bookingId ? true : undefined));
  /** What payBooking does: one conditional write while the reservation is this booking's and unexpired. */
  const pay = (id: string, bookingId: string) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName: stack.tableName,
        Key: { Id: { S: id } },
        UpdateExpression: "SET #s = :paid",
        ConditionExpression: "#s = :reserved AND BookingId = :b AND ExpiresAt > :now",
        ExpressionAttributeNames: { "#s": "Status" },
        ExpressionAttributeValues: {
          ":paid": { S: "PAID" },
          ":reserved": { S: "RESERVED" },
          ":b": { S: bookingId },
          ":now": { S: secondsFromNow(0) },
        },
      }),
    );

  it("keeps a paid apartment: the execution succeeds with status PAID", async () => {
    // A window wide enough that a loaded machine still pays inside it.
    const { bookingId, executionArn } = await start("A-101", 3);
    await reserved("A-101", bookingId);
    await pay("A-101", bookingId);
    const execution = await finished(executionArn);
    assert.equal(execution.status, "SUCCEEDED");
    assert.deepStrictEqual(JSON.parse(execution.output ?? ""), {
      bookingId,
      apartmentId: "A-101",
      status: "PAID",
    });
    assert.equal((await apartment("A-101"))?.Status?.S, "PAID");
  });

  it("releases an unpaid apartment to VACANT when the window closes: the booking fails BookingExpired", async () => {
    const { bookingId, executionArn } = await start("A-102", 1);
    await reserved("A-102", bookingId);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "BookingExpired"]);
    assert.deepStrictEqual(await apartment("A-102"), { Id: { S: "A-102" }, Status: { S: "VACANT" } });
  });

  it("rejects an unknown apartment with ApartmentNotFound and creates nothing", async () => {
    const { executionArn } = await start("Z-999", 1);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "ApartmentNotFound"]);
    assert.equal(await apartment("Z-999"), undefined);
  });

  it("rejects a taken apartment with ApartmentNotAvailable and leaves the holder's reservation alone", async () => {
    const holder = await start("A-103", 5);
    await reserved("A-103", holder.bookingId);
    const { executionArn } = await start("A-103", 5);
    const execution = await finished(executionArn);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "ApartmentNotAvailable"]);
    assert.equal((await apartment("A-103"))?.BookingId?.S, holder.bookingId);
  });

  it("refuses a late payment: the condition fails and the apartment is released", async () => {
    const { bookingId, executionArn } = await start("B-201", 1);
    await reserved("B-201", bookingId);
    await finished(executionArn);
    await assert.rejects(pay("B-201", bookingId), { name: "ConditionalCheckFailedException" });
    assert.equal((await apartment("B-201"))?.Status?.S, "VACANT");
  });

  it("refuses a second payment and changes nothing", async () => {
    const paid = await apartment("A-101");
    await assert.rejects(pay("A-101", String(paid?.BookingId?.S)), {
      name: "ConditionalCheckFailedException",
    });
    assert.deepStrictEqual(await apartment("A-101"), paid);
  });

  it("lets exactly one of 20 concurrent bookings of one apartment win", async () => {
    const bookings = await Promise.all(Array.from({ length: 20 }, () => start("B-202", 2)));
    const executions = await Promise.all(bookings.map(({ executionArn }) => finished(executionArn)));
    const outcomes = executions.map((execution) => execution.error);
    assert.equal(
      outcomes.filter((error) => error === "ApartmentNotAvailable").length,
      19,
      outcomes.join(","),
    );
    assert.equal(
      outcomes.filter((error) => error === "BookingExpired").length,
      1,
      "the winner held it until the window closed",
    );
    assert.equal((await apartment("B-202"))?.Status?.S, "VACANT");
  });

  it("refuses a request without the fields it needs", async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stack.outputs.bookingStateMachineArn,
        name: "wf-bad",
        input: JSON.stringify({ apartmentId: "A-101" }),
      }),
    );
    const execution = await finished(executionArn as string);
    assert.deepStrictEqual([execution.status, execution.error], ["FAILED", "InvalidBookingRequest"]);
  });
});
