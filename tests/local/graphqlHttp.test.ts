/**
 * GraphQL over HTTP against the local `/graphql`, with a client nobody here wrote: urql
 * (@urql/core) with its defaults, which sends queries as GET and mutations as POST, plus the CORS
 * preflight a browser sends before calling from another origin.
 */
import assert from "node:assert/strict";
import { Client, cacheExchange, fetchExchange, gql } from "@urql/core";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

describe("local GraphQL API over HTTP: urql, CORS, GET and variables", function () {
  this.timeout(60_000);
  let stack: TestStack;
  before(async () => (stack = await startTestStack()));
  after(() => stack.stop());

  /** An urql client with its defaults; `requests` records what it sent, to show the method. */
  const urql = (headers: Record<string, string>) => {
    const requests: { method: string; url: string }[] = [];
    const client = new Client({
      url: stack.outputs.bookingGraphqlUrl,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers },
      fetch: (input, init) => {
        requests.push({ method: init?.method ?? "GET", url: String(input) });
        return fetch(input, init);
      },
    });
    return { client, requests };
  };

  it("answers urql's default GET for queries and POST for mutations", async () => {
    const { client, requests } = urql({ authorization: await stack.token() });
    const listing = await client
      .query(
        gql`
          query Listing {
            apartments {
              id
              status
            }
          }
        `,
        {},
      )
      .toPromise();
    assert.equal(listing.error, undefined);
    assert.equal((listing.data as { apartments: unknown[] }).apartments.length, 3);

    const booked = await client
      .mutation(
        gql`
          mutation Book($apartmentId: ID!, $bookingId: ID) {
            bookApartment(apartmentId: $apartmentId, bookingId: $bookingId) {
              id
              status
            }
          }
        `,
        { apartmentId: "A-103", bookingId: "urql-1" },
      )
      .toPromise();
    assert.equal(booked.error, undefined);
    assert.equal((booked.data as { bookApartment: { id: string } }).bookApartment.id, "urql-1");

    const followed = await client
      .query(
        gql`
          query Follow($id: ID!) {
            booking(id: $id) {
              id
              apartmentId
            }
          }
        `,
        { id: "urql-1" },
      )
      .toPromise();
    assert.deepStrictEqual(followed.data, {
      booking: { id: "urql-1", apartmentId: "A-103", __typename: "Booking" },
    });
    assert.deepStrictEqual(
      requests.map((request) => request.method),
      ["GET", "POST", "GET"],
    );
    assert.match(requests[2].url, /[?&]variables=/);
  });

  it("gives urql AppSync's error for a field the API key may not read", async () => {
    const { client } = urql({ "x-api-key": stack.outputs.bookingApiKey });
    const result = await client
      .query(
        gql`
          {
            booking(id: "urql-1") {
              id
            }
          }
        `,
        {},
      )
      .toPromise();
    assert.equal(result.error?.graphQLErrors[0]?.message, "Not Authorized to access booking on type Query");
    assert.deepStrictEqual(result.error?.graphQLErrors[0]?.path, ["booking"]);
  });

  it("answers a CORS preflight from another origin, and puts CORS headers on answers", async () => {
    const preflight = await fetch(stack.outputs.bookingGraphqlUrl, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /\bPOST\b/);
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /\bGET\b/);
    assert.equal(preflight.headers.get("access-control-allow-headers"), "authorization,content-type");

    const answer = await fetch(stack.outputs.bookingGraphqlUrl, {
      method: "POST",
      headers: { origin: "http://localhost:5173", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ apartments { id } }" }),
    });
    assert.equal(answer.status, 401);
    assert.equal(
      answer.headers.get("access-control-allow-origin"),
      "*",
      "even a refusal is readable by the page",
    );
  });

  it("accepts variables sent as a JSON string, and refuses other wrong types with 400 and the reason", async () => {
    const post = (body: unknown) =>
      fetch(stack.outputs.bookingGraphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": stack.outputs.bookingApiKey },
        body: JSON.stringify(body),
      });
    const query = "query ($first: Boolean!) { apartments @include(if: $first) { id } }";
    const stringified = await post({ query, variables: JSON.stringify({ first: true }) });
    assert.equal(stringified.status, 200);
    assert.equal(
      ((await stringified.json()) as { data: { apartments: unknown[] } }).data.apartments.length,
      3,
    );

    const cases: [unknown, RegExp][] = [
      [{ query, variables: "{first: true" }, /^"variables" is a string that is not JSON: /],
      [
        { query, variables: [true] },
        /^"variables" must be an object \(or a JSON string of one\), got an array$/,
      ],
      [{ query, variables: 7 }, /^"variables" must be an object \(or a JSON string of one\), got a number$/],
      [{ query: 42 }, /^Unable to parse GraphQL query\. "query" must be a string, got a number$/],
      [{ query, operationName: 1, variables: {} }, /^"operationName" must be a string, got a number$/],
      [["not", "an", "object"], /^Unable to parse GraphQL query\. Send a JSON object like /],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const { errors } = (await response.json()) as { errors: { errorType: string; message: string }[] };
      assert.equal(errors[0].errorType, "MalformedHttpRequestException");
      assert.match(errors[0].message, message);
    }
  });

  it("refuses a mutation sent with GET (405), and methods GraphQL over HTTP does not use", async () => {
    const url = new URL(stack.outputs.bookingGraphqlUrl);
    url.searchParams.set("query", 'mutation { bookApartment(apartmentId: "A-102") { id } }');
    const get = await fetch(url, { headers: { authorization: await stack.token() } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");
    assert.match(((await get.json()) as { errors: { message: string }[] }).errors[0].message, /use POST/);
    const put = await fetch(stack.outputs.bookingGraphqlUrl, { method: "PUT", body: "{}" });
    assert.equal(put.status, 405);
    // The mutation never ran: the apartment is still free.
    const { body } = await stack.graphql('{ apartment(id: "A-102") { status } }');
    assert.deepStrictEqual(body.data, { apartment: { status: "VACANT" } });
  });
});
