import assert from "node:assert/strict";
import type { TestStack } from "./harness";
import { eventually, startTestStack } from "./harness";

const book = `mutation ($apartmentId: ID!) { bookApartment(apartmentId: $apartmentId) { id status reason } }`;
const bookingQuery = `query ($id: ID!) { booking(id: $id) { id status reason } }`;

/**
 * Its own stack with a payment window far longer than the race: with a short window, a booking
 * whose turn comes after the winner's window closed may rightly win the apartment next.
 */
describe("local stack over HTTP: a race for one apartment", function () {
  this.timeout(120_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack({ stack: "prod", paymentWindowSeconds: 60 })));
  after(() => stack.stop());

  const data = async (query: string, variables: Record<string, unknown>, user: string) => {
    const headers = { "content-type": "application/json", authorization: await stack.token(user) };
    const { status, body } = await stack.graphql(query, variables, headers);
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data as Record<string, Record<string, unknown>>;
  };

  it("lets exactly one of 50 concurrent bookings of one apartment, by 50 users, win", async () => {
    const users = Array.from({ length: 50 }, (_, i) => `racer-${i}`);
    await Promise.all(users.map((user) => stack.token(user)));
    const results = await Promise.all(users.map((user) => data(book, { apartmentId: "B-201" }, user)));
    // bookApartment waits up to 3 s for the outcome; under load a few may still be REQUESTED, so
    // count each booking once it is decided.
    const decided = await Promise.all(
      results.map(({ bookApartment }, i) =>
        eventually(async () => {
          const current = (await data(bookingQuery, { id: bookApartment.id }, users[i])).booking;
          return current.status === "REQUESTED" ? undefined : current;
        }),
      ),
    );
    const rejected = decided.filter((booking) => booking.status === "REJECTED");
    assert.equal(rejected.length, 49, decided.map((booking) => String(booking.status)).join(","));
    assert.ok(rejected.every((booking) => booking.reason === "ApartmentNotAvailable"));
    // The winner holds the apartment for its 60 s window.
    const winners = decided.filter((booking) => booking.status !== "REJECTED");
    assert.deepStrictEqual(
      winners.map((booking) => booking.status),
      ["PENDING_PAYMENT"],
    );
  });
});
