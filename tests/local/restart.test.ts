import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { TestStack } from "./harness";
import { eventually, startTestStack } from "./harness";

const book =
  "mutation ($a: ID!, $b: ID) { bookApartment(apartmentId: $a, bookingId: $b) { id status expiresAt } }";
const bookingStatus = "query ($id: ID!) { booking(id: $id) { status reason } }";
const apartments = "{ apartments { id status bookingId } }";

describe("local stack: a restart with a data folder", function () {
  this.timeout(60_000);
  let dataDir: string;
  let stack: TestStack | undefined;
  before(() => (dataDir = mkdtempSync(path.join(tmpdir(), "local-stack-"))));
  after(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await (stack as TestStack).graphql(query, variables);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data as Record<string, Record<string, unknown>>;
  };

  it("keeps every apartment and booking across a restart", async () => {
    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 60 });
    await data(book, { a: "A-101", b: "kept-paid" });
    await data('mutation { payBooking(bookingId: "kept-paid", paymentReference: "pay-kept") { status } }');
    await data(book, { a: "A-102", b: "kept-pending" });
    const before = await data(apartments);
    await stack.stop();

    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 60 });
    assert.equal(stack.resumedExecutions, 2, "both bookings were still in their window");
    assert.deepStrictEqual(await data(apartments), before);
    assert.equal((await data(bookingStatus, { id: "kept-paid" })).booking.status, "PAID");
    assert.equal((await data(bookingStatus, { id: "kept-pending" })).booking.status, "PENDING_PAYMENT");
    await stack.stop();
    stack = undefined;
  });

  it("settles a booking whose window ended while the stack was down: nothing stays RESERVED", async () => {
    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 1 });
    const { expiresAt } = (await data(book, { a: "A-103", b: "down-while-due" })).bookApartment as {
      expiresAt: string;
    };
    assert.deepStrictEqual((await data(bookingStatus, { id: "down-while-due" })).booking, {
      status: "PENDING_PAYMENT",
      reason: null,
    });
    await stack.stop();
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 300),
    );

    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 1 });
    const settled = await eventually(async () => {
      const booking = (await data(bookingStatus, { id: "down-while-due" })).booking;
      return booking.status === "EXPIRED" ? booking : undefined;
    });
    assert.equal(settled.reason, "BookingExpired");
    const a103 = ((await data(apartments)).apartments as unknown as { id: string; status: string }[]).find(
      (a) => a.id === "A-103",
    );
    assert.equal(a103?.status, "VACANT");
  });

  it("keeps a user's state machine, and resumes its execution waiting for a token, across a restart", async () => {
    await stack?.stop();
    const client = () =>
      new SFNClient({
        endpoint: (stack as TestStack).endpoints.stepfunctions,
        region: "us-east-1",
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
      });
    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 60 });
    let sfn = client();
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "kept-across-restarts",
        roleArn: "arn:aws:iam::000000000000:role/tries",
        definition: JSON.stringify({
          StartAt: "Wait For Approval",
          States: {
            "Wait For Approval": {
              Type: "Task",
              Resource: "arn:aws:states:::events:putEvents.waitForTaskToken",
              Parameters: {
                Entries: [
                  { Detail: { "token.$": "$$.Task.Token" }, DetailType: "approval", Source: "tries" },
                ],
              },
              End: true,
            },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "waits" }));
    await eventually(async () => {
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      return events.some((event) => event.type === "TaskScheduled") || undefined;
    });
    sfn.destroy();
    await stack.stop();

    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 60 });
    sfn = client();
    // Resumed: the task was scheduled again, with a new token.
    const token = await eventually(async () => {
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      const scheduled = events.filter((event) => event.type === "TaskScheduled");
      if (scheduled.length < 2) return undefined;
      const parameters = JSON.parse(String(scheduled[1].taskScheduledEventDetails?.parameters)) as {
        Entries: { Detail: { token: string } }[];
      };
      return parameters.Entries[0].Detail.token;
    });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"approved"' }));
    const done = await eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === "RUNNING" ? undefined : described;
    });
    assert.deepStrictEqual([done.status, done.output], ["SUCCEEDED", '"approved"']);
    sfn.destroy();
  });
});
