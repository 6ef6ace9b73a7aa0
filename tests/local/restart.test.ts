import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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
});
