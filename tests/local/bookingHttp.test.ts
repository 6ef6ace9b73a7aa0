import assert from "node:assert/strict";
import type { TestStack } from "./harness";
import { eventually, startTestStack } from "./harness";

const BOOKING_FIELDS = "id apartmentId status reason executionArn expiresAt";
const book = `mutation ($apartmentId: ID!, $bookingId: ID) { bookApartment(apartmentId: $apartmentId, bookingId: $bookingId) { ${BOOKING_FIELDS} } }`;
const pay = `mutation ($bookingId: ID!) { payBooking(bookingId: $bookingId) { ${BOOKING_FIELDS} } }`;
const bookingQuery = `query ($id: ID!) { booking(id: $id) { ${BOOKING_FIELDS} } }`;
const apartmentQuery = `query ($id: ID!) { apartment(id: $id) { id status bookingId } }`;

describe("local stack over HTTP: the booking GraphQL API", function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack({ stack: "prod", paymentWindowSeconds: 2 })));
  after(() => stack.stop());

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await stack.graphql(query, variables);
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data as Record<string, Record<string, unknown>>;
  };

  describe("authorization and malformed requests", () => {
    it("answers missing credentials or a wrong API key with 401 UnauthorizedException", async () => {
      const attempts: [Record<string, string>, string][] = [
        [{ "content-type": "application/json" }, "Valid authorization header not provided."],
        [
          { "content-type": "application/json", "x-api-key": "da2-wrong" },
          "You are not authorized to make this call.",
        ],
      ];
      for (const [headers, message] of attempts) {
        const { status, body } = await stack.graphql("{ apartments { id } }", undefined, headers);
        assert.equal(status, 401);
        assert.deepStrictEqual(body, { errors: [{ errorType: "UnauthorizedException", message }] });
      }
    });

    it("answers GraphQL syntax errors with 400 MalformedHttpRequestException, saying where", async () => {
      const { status, body } = await stack.graphql("{ apartments { id ");
      assert.equal(status, 400);
      assert.deepStrictEqual(body, {
        errors: [
          {
            errorType: "MalformedHttpRequestException",
            message: "Unable to parse GraphQL query. Syntax Error: Expected Name, found <EOF>.",
          },
        ],
      });
    });

    it("answers validation errors with 200, data null and graphql-java's wording, as AppSync does", async () => {
      const cases: [string, string][] = [
        [
          "{ apartments { id colour } }",
          "Validation error of type FieldUndefined: Field 'colour' in type 'Apartment' is undefined @ 'apartments/colour'",
        ],
        [
          "{ booking { id } }",
          "Validation error of type MissingFieldArgument: Missing field argument id @ 'booking'",
        ],
        [
          "{ apartments }",
          "Validation error of type SubSelectionRequired: Sub selection required for type [Apartment!]! of field apartments @ 'apartments'",
        ],
      ];
      for (const [query, message] of cases) {
        const { status, body } = await stack.graphql(query);
        assert.equal(status, 200, query);
        assert.deepStrictEqual(body, {
          data: null,
          errors: [{ path: null, locations: body.errors?.[0].locations, message }],
        });
      }
      const { body } = await stack.graphql("{ apartments { id colour } }");
      assert.deepStrictEqual(body.errors?.[0].locations, [{ line: 1, column: 19, sourceName: null }]);
    });

    it("answers a body that is empty, not JSON or without a query with 400 MalformedHttpRequestException", async () => {
      const cases: [string, RegExp][] = [
        ["", /^Request body is empty\.$/],
        ["{query", /^Unable to parse GraphQL query\. The body is not JSON: /],
        ['{"variables":{}}', /^Unable to parse GraphQL query\. The request has no "query": send \{"query": /],
      ];
      for (const [text, message] of cases) {
        const response = await fetch(stack.outputs.bookingGraphqlUrl, {
          method: "POST",
          headers: { "x-api-key": stack.outputs.bookingApiKey },
          body: text,
        });
        assert.equal(response.status, 400, text);
        const body = (await response.json()) as { errors: { errorType: string; message: string }[] };
        assert.equal(body.errors.length, 1);
        assert.equal(body.errors[0].errorType, "MalformedHttpRequestException");
        assert.match(body.errors[0].message, message);
      }
    });

    it("reports a resolver's error with its errorType and path, as AppSync does", async () => {
      const { status, body } = await stack.graphql(pay, { bookingId: "bad id" });
      assert.equal(status, 200);
      assert.equal(body.data, null);
      const [error] = body.errors ?? [];
      assert.deepStrictEqual(
        { ...error, message: "<checked below>" },
        {
          path: ["payBooking"],
          data: null,
          errorType: "BadRequest",
          errorInfo: null,
          locations: [{ line: 1, column: 30, sourceName: null }],
          message: "<checked below>",
        },
      );
      assert.match(error.message, /bad id/);
    });
  });

  it("takes a booking from PENDING_PAYMENT to PAID", async () => {
    const booked = (await data(book, { apartmentId: "A-101", bookingId: "h-paid" })).bookApartment;
    assert.deepStrictEqual([booked.status, booked.reason], ["PENDING_PAYMENT", null]);
    assert.deepStrictEqual((await data(apartmentQuery, { id: "A-101" })).apartment, {
      id: "A-101",
      status: "RESERVED",
      bookingId: "h-paid",
    });
    assert.equal((await data(pay, { bookingId: "h-paid" })).payBooking.status, "PAID");
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the window: still PAID
    assert.equal((await data(bookingQuery, { id: "h-paid" })).booking.status, "PAID");
    assert.deepStrictEqual((await data(apartmentQuery, { id: "A-101" })).apartment, {
      id: "A-101",
      status: "PAID",
      bookingId: "h-paid",
    });
  });

  it("expires an unpaid booking and returns the apartment to VACANT", async () => {
    assert.equal(
      (await data(book, { apartmentId: "A-102", bookingId: "h-late" })).bookApartment.status,
      "PENDING_PAYMENT",
    );
    const expired = await eventually(async () => {
      const current = (await data(bookingQuery, { id: "h-late" })).booking;
      return current.status === "EXPIRED" ? current : undefined;
    });
    assert.equal(expired.reason, "BookingExpired");
    assert.deepStrictEqual((await data(apartmentQuery, { id: "A-102" })).apartment, {
      id: "A-102",
      status: "VACANT",
      bookingId: null,
    });
  });

  it("rejects bookings of unknown and taken apartments, with the reason", async () => {
    assert.deepStrictEqual(
      ((await data(book, { apartmentId: "Z-1" })).bookApartment as { status: string; reason: string }).reason,
      "ApartmentNotFound",
    );
    const taken = (await data(book, { apartmentId: "A-101" })).bookApartment;
    assert.deepStrictEqual([taken.status, taken.reason], ["REJECTED", "ApartmentNotAvailable"]);
  });

  it("lets exactly one of 50 concurrent bookings of one apartment win", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => data(book, { apartmentId: "B-201" })));
    // bookApartment waits up to 3 s for the outcome; under load a few may still be REQUESTED, so
    // count each booking once it is decided.
    const decided = await Promise.all(
      results.map(({ bookApartment }) =>
        eventually(async () => {
          const current = (await data(bookingQuery, { id: bookApartment.id })).booking;
          return current.status === "REQUESTED" ? undefined : current;
        }),
      ),
    );
    const rejected = decided.filter((booking) => booking.status === "REJECTED");
    assert.equal(rejected.length, 49, decided.map((booking) => String(booking.status)).join(","));
    assert.ok(rejected.every((booking) => booking.reason === "ApartmentNotAvailable"));
    // The winner held the apartment; with this stack's 2 s window it may have expired already.
    const winners = decided.filter((booking) => booking.status !== "REJECTED");
    assert.deepStrictEqual(
      winners
        .map((booking) => booking.status)
        .filter((status) => status !== "PENDING_PAYMENT" && status !== "EXPIRED"),
      [],
    );
    assert.equal(winners.length, 1);
    assert.ok(
      results.filter(({ bookApartment }) => bookApartment.status === "PENDING_PAYMENT").length <= 1,
      "never two holders at once",
    );
  });
});
