/**
 * Issue #9, must-show 1, over HTTP against the local stack with real ID tokens of the local user
 * pool: alice books and pays; bob can neither read nor pay her booking; the API key and other users
 * see no booking id; a third open booking is refused; a 1,000-alias mutation is refused before any
 * resolver runs. (Token checks, 401s and the API key's reach: tests/local/auth.test.ts.)
 */
import assert from "node:assert/strict";
import type { GraphqlBody, TestStack } from "./harness";
import { startTestStack } from "./harness";

const FIELDS = "id apartmentId status reason paymentReference";
const book = `mutation ($a: ID!, $b: ID) { bookApartment(apartmentId: $a, bookingId: $b) { ${FIELDS} } }`;
const pay = `mutation ($b: ID!, $r: String!) { payBooking(bookingId: $b, paymentReference: $r) { ${FIELDS} } }`;
const read = `query ($id: ID!) { booking(id: $id) { ${FIELDS} } }`;
const listing = "{ apartments { id status bookingId } }";

describe("local stack over HTTP: whose booking is whose", function () {
  this.timeout(120_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack({ stack: "prod", paymentWindowSeconds: 60 })));
  after(() => stack.stop());

  const as = async (
    user: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlBody> => {
    const headers = { "content-type": "application/json", authorization: await stack.token(user) };
    const { status, body } = await stack.graphql(query, variables, headers);
    assert.equal(status, 200);
    return body;
  };
  const withKey = async (query: string) =>
    (
      await stack.graphql(query, undefined, {
        "content-type": "application/json",
        "x-api-key": stack.outputs.bookingApiKey,
      })
    ).body;
  const errorType = (body: GraphqlBody) => body.errors?.map((error) => error.errorType);

  it("alice books and pays", async () => {
    const booked = await as("alice", book, { a: "A-101", b: "holiday" });
    assert.equal((booked.data?.bookApartment as { status: string }).status, "PENDING_PAYMENT");
    const paid = await as("alice", pay, { b: "holiday", r: "card-7781" });
    assert.deepStrictEqual(paid.data?.payBooking, {
      id: "holiday",
      apartmentId: "A-101",
      status: "PAID",
      reason: null,
      paymentReference: "card-7781",
    });
  });

  it("bob can neither read nor pay alice's booking, and learns nothing about its existence", async () => {
    const bobReads = await as("bob", read, { id: "holiday" });
    const bobReadsNothing = await as("bob", read, { id: "never-made" });
    assert.deepStrictEqual(errorType(bobReads), ["BookingNotFound"]);
    assert.deepStrictEqual(
      bobReads.errors?.[0].message.replace("holiday", "<id>"),
      bobReadsNothing.errors?.[0].message.replace("never-made", "<id>"),
    );
    assert.deepStrictEqual(errorType(await as("bob", pay, { b: "holiday", r: "bob-1" })), [
      "BookingNotFound",
    ]);
    assert.equal(
      ((await as("alice", read, { id: "holiday" })).data?.booking as { status: string }).status,
      "PAID",
    );
  });

  it("shows alice her booking id on the listing; bob and the API key see none", async () => {
    const a101 = (body: GraphqlBody) =>
      (body.data?.apartments as { id: string }[]).find((a) => a.id === "A-101");
    assert.deepStrictEqual(a101(await as("alice", listing)), {
      id: "A-101",
      status: "PAID",
      bookingId: "holiday",
    });
    assert.deepStrictEqual(a101(await as("bob", listing)), { id: "A-101", status: "PAID", bookingId: null });
    const keyListing = await withKey(listing);
    assert.ok(
      (keyListing.data?.apartments as { bookingId: string | null }[]).every((a) => a.bookingId === null),
    );
    assert.deepStrictEqual(errorType(await withKey("{ myBookings { id } }")), ["Unauthorized"]);
  });

  it("refuses bob's third open booking with TooManyOpenBookings", async () => {
    for (const [a, b] of [
      ["A-102", "b-1"],
      ["A-103", "b-2"],
    ]) {
      const body = await as("bob", book, { a, b });
      assert.equal((body.data?.bookApartment as { status: string }).status, "PENDING_PAYMENT");
    }
    const third = await as("bob", book, { a: "B-201", b: "b-3" });
    assert.deepStrictEqual(errorType(third), ["TooManyOpenBookings"]);
    const mine = (await as("bob", "{ myBookings { id status reason } }")).data?.myBookings;
    assert.deepStrictEqual(mine, [
      { id: "b-3", status: "REJECTED", reason: "TooManyOpenBookings" },
      { id: "b-2", status: "PENDING_PAYMENT", reason: null },
      { id: "b-1", status: "PENDING_PAYMENT", reason: null },
    ]);
  });

  it("refuses a mutation of 1,000 aliased bookApartment fields before any booking starts", async () => {
    const fields = Array.from(
      { length: 1000 },
      (_, i) => `m${i}: bookApartment(apartmentId: "B-202") { id }`,
    );
    const body = await as("carol", `mutation { ${fields.join(" ")} }`);
    assert.ok(body.errors && body.errors.length > 0, "refused");
    assert.equal(body.data ?? null, null);
    assert.deepStrictEqual((await as("carol", "{ myBookings { id } }")).data?.myBookings, []);
  });
});
