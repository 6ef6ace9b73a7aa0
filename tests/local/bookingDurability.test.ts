/**
 * A booking is its record, not its execution: it stays readable, with the right status, after the
 * execution's history is gone and after the state machine is replaced (issue #9, must-show 2).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import type { TestStack } from "./harness";
import { eventually, startTestStack } from "./harness";

const FIELDS = "id apartmentId status reason paymentReference executionArn";
const book = `mutation ($a: ID!, $b: ID) { bookApartment(apartmentId: $a, bookingId: $b) { ${FIELDS} } }`;
const pay = `mutation ($b: ID!, $r: String!) { payBooking(bookingId: $b, paymentReference: $r) { ${FIELDS} } }`;
const booking = `query ($id: ID!) { booking(id: $id) { ${FIELDS} } }`;
const mine = `{ myBookings { ${FIELDS} } }`;

describe("local stack: a booking outlives its execution and its state machine", function () {
  this.timeout(120_000);
  let dataDir: string;
  let stack: TestStack | undefined;
  before(() => (dataDir = mkdtempSync(path.join(tmpdir(), "durable-"))));
  after(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await (stack as TestStack).graphql(query, variables);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data as Record<string, Record<string, unknown>>;
  };
  let paid: Record<string, unknown>;
  let expired: Record<string, unknown>;

  it("settles one paid and one expired booking, each recorded", async () => {
    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 2 });
    await data(book, { a: "A-101", b: "durable-paid" });
    paid = (await data(pay, { b: "durable-paid", r: "pay-durable" })).payBooking;
    await data(book, { a: "A-102", b: "durable-expired" });
    expired = await eventually(async () => {
      const current = (await data(booking, { id: "durable-expired" })).booking;
      return current.status === "EXPIRED" ? current : undefined;
    });
    assert.deepStrictEqual(
      [paid.status, expired.status, expired.reason],
      ["PAID", "EXPIRED", "BookingExpired"],
    );
    await stack.stop();
    stack = undefined;
  });

  it("still answers both after the engine's execution history is deleted", async () => {
    const executions = path.join(dataDir, "executions");
    assert.ok(readdirSync(executions).length >= 2, "the executions were kept on disk");
    rmSync(executions, { recursive: true, force: true });
    stack = await startTestStack({ inMemory: false, dataDir, paymentWindowSeconds: 2 });
    const sfn = new SFNClient({ endpoint: stack.endpoints.stepfunctions });
    try {
      await assert.rejects(
        sfn.send(new DescribeExecutionCommand({ executionArn: String(paid.executionArn) })),
        { name: "ExecutionDoesNotExist" },
        "the history is really gone",
      );
    } finally {
      sfn.destroy();
    }
    assert.deepStrictEqual((await data(booking, { id: "durable-paid" })).booking, paid);
    assert.deepStrictEqual((await data(booking, { id: "durable-expired" })).booking, expired);
    assert.deepStrictEqual(
      ((await data(mine)).myBookings as unknown as Record<string, unknown>[]).map((b) => [b.id, b.status]),
      [
        ["durable-expired", "EXPIRED"],
        ["durable-paid", "PAID"],
      ],
    );
  });

  it("still answers both once the resolvers point at a replacement state machine", async () => {
    // What a replacing deploy does: the functions get the new machine's ARN; old executions stay
    // with the old machine (or are gone). Reads never look at either.
    const original = process.env.STATE_MACHINE_ARN;
    process.env.STATE_MACHINE_ARN = String(original).replace(
      /:stateMachine:(.+)$/,
      ":stateMachine:$1-replaced",
    );
    try {
      assert.deepStrictEqual((await data(booking, { id: "durable-paid" })).booking, paid);
      assert.deepStrictEqual((await data(booking, { id: "durable-expired" })).booking, expired);
      // And a payment repeated with its reference still answers from the record.
      assert.deepStrictEqual((await data(pay, { b: "durable-paid", r: "pay-durable" })).payBooking, paid);
    } finally {
      process.env.STATE_MACHINE_ARN = original;
    }
  });
});
