/**
 * The README's contract as smoke-test cases, run in order against a stack's outputs: the pizza
 * orders (in whichever response mode the stack answers), the booking API's refusals and a booking
 * lifecycle, and the edge's paths and headers when the stack has an edge. Each case throws an
 * error that says what was expected and what came back.
 */
import { INVALID_ORDER_ERROR, PINEAPPLE_CAUSE, PINEAPPLE_ERROR } from "../definitions/pizza";
import type { Answer, GraphqlAuth, GraphqlBody, SmokeOutputs } from "./smokeClient";
import { call, graphql } from "./smokeClient";

/** What the cases share while they run. */
export interface SmokeContext {
  readonly outputs: SmokeOutputs;
  /** How booking operations authenticate: a user's token when the stack has a user pool, else the API key. */
  readonly bookingAuth: GraphqlAuth;
  /** Pay the booking (the apartment then stays PAID: for throwaway stacks). */
  readonly pay: boolean;
  /** Detected from the first order: `raw` answers carry the execution, `mapped` ones only its output. */
  pizzaMode?: "raw" | "mapped";
  apartmentId?: string;
  bookingId?: string;
}

/** One named check. */
export interface SmokeCase {
  readonly name: string;
  /** Why the case does not apply to this stack, if it does not. */
  skip?(context: SmokeContext): string | undefined;
  run(context: SmokeContext): Promise<void>;
}

/** Throws `expected ..., got ...` with the answer, when `ok` is false. */
function expect(ok: boolean, expected: string, answer?: Answer): void {
  if (!ok)
    throw new Error(
      `expected ${expected}${answer ? `; got HTTP ${answer.status}: ${answer.text.slice(0, 400)}` : ""}`,
    );
}

const order = (url: string, body: string) => call(url, { method: "POST", body });

/** The security headers CloudFront's managed SecurityHeadersPolicy adds (see local/edge.ts). */
const EDGE_HEADERS = [
  "strict-transport-security",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
];

function pizzaCases(
  label: string,
  urlOf: (outputs: SmokeOutputs) => string | undefined,
  edge: boolean,
): SmokeCase[] {
  const skip = (context: SmokeContext) =>
    urlOf(context.outputs) === undefined ? "the stack has no edge (edgeUrl)" : undefined;
  const withHeaders = (answer: Answer) => {
    if (!edge) return;
    const missing = EDGE_HEADERS.filter((header) => !answer.headers.has(header));
    expect(missing.length === 0, `the edge's security headers (missing ${missing.join(", ")})`);
  };
  return [
    {
      name: `${label}: a pepperoni order succeeds`,
      skip,
      async run(context) {
        const answer = await order(urlOf(context.outputs) as string, '{"flavour":"pepperoni"}');
        const body = answer.body as Record<string, unknown>;
        context.pizzaMode ??=
          body !== null && typeof body === "object" && "executionArn" in body ? "raw" : "mapped";
        if (context.pizzaMode === "raw")
          expect(
            answer.status === 200 &&
              body.status === "SUCCEEDED" &&
              body.output === '{"containsPineapple":false}',
            'HTTP 200, status SUCCEEDED, output {"containsPineapple":false}',
            answer,
          );
        else
          expect(
            answer.status === 200 && JSON.stringify(body) === '{"containsPineapple":false}',
            'HTTP 200 {"containsPineapple":false}',
            answer,
          );
        withHeaders(answer);
      },
    },
    {
      name: `${label}: a Hawaiian order is refused`,
      skip,
      async run(context) {
        const answer = await order(urlOf(context.outputs) as string, '{"flavour":" Hawaiian "}');
        const body = answer.body as Record<string, unknown>;
        const refused = body?.error === PINEAPPLE_ERROR && body?.cause === PINEAPPLE_CAUSE;
        if (context.pizzaMode === "mapped")
          expect(answer.status === 422 && refused, `HTTP 422 {error: "${PINEAPPLE_ERROR}"}`, answer);
        else
          expect(
            answer.status === 200 && body.status === "FAILED" && refused,
            `HTTP 200, status FAILED, error "${PINEAPPLE_ERROR}"`,
            answer,
          );
        withHeaders(answer);
      },
    },
    {
      name: `${label}: an order without a flavour fails as InvalidOrder`,
      skip,
      async run(context) {
        const answer = await order(urlOf(context.outputs) as string, '{"size":"large"}');
        const body = answer.body as Record<string, unknown>;
        const invalid = body?.error === INVALID_ORDER_ERROR && /flavour/.test(String(body?.cause));
        expect(
          invalid && answer.status === (context.pizzaMode === "mapped" ? 422 : 200),
          `${context.pizzaMode === "mapped" ? 422 : 200} with error InvalidOrder and a cause about the flavour`,
          answer,
        );
      },
    },
    {
      name: `${label}: a body that is not JSON is refused by Step Functions`,
      skip,
      async run(context) {
        const answer = await order(urlOf(context.outputs) as string, '{"flavour": pepperoni}');
        expect(
          answer.status === 400 &&
            /InvalidExecutionInput$/.test(String((answer.body as Record<string, unknown>)?.__type)),
          "HTTP 400 InvalidExecutionInput",
          answer,
        );
      },
    },
  ];
}

const errorTypeOf = (answer: Answer) => (answer.body as GraphqlBody)?.errors?.[0]?.errorType;
const dataOf = (answer: Answer, field: string) =>
  (answer.body as GraphqlBody)?.data?.[field] as Record<string, unknown> | undefined;

const BOOK =
  "mutation Book($apartmentId: ID!, $bookingId: ID) { bookApartment(apartmentId: $apartmentId, bookingId: $bookingId) { id apartmentId status reason expiresAt } }";
const PAY =
  "mutation Pay($bookingId: ID!, $ref: String!) { payBooking(bookingId: $bookingId, paymentReference: $ref) { id status } }";

/** Every case, in the order they run (later booking cases use what earlier ones booked). */
export const SMOKE_CASES: readonly SmokeCase[] = [
  ...pizzaCases("pizza", (outputs) => outputs.pizzaApiUrl, false),
  {
    name: "booking: a request without credentials is unauthorized",
    async run({ outputs }) {
      const answer = await graphql(outputs.bookingGraphqlUrl, "{ apartments { id } }", {}, "none");
      expect(
        answer.status === 401 && errorTypeOf(answer) === "UnauthorizedException",
        "HTTP 401 UnauthorizedException",
        answer,
      );
    },
  },
  {
    name: "booking: the apartments are listed with the API key",
    async run(context) {
      const { outputs } = context;
      const answer = await graphql(
        outputs.bookingGraphqlUrl,
        "{ apartments { id status } }",
        {},
        { apiKey: outputs.bookingApiKey },
      );
      const apartments = (answer.body as GraphqlBody)?.data?.apartments as
        { id: string; status: string }[] | undefined;
      expect(
        answer.status === 200 && Array.isArray(apartments) && apartments.length > 0,
        "HTTP 200 and a list of apartments",
        answer,
      );
      context.apartmentId = apartments?.find((apartment) => apartment.status === "VACANT")?.id;
      expect(
        context.apartmentId !== undefined,
        `a VACANT apartment to book (all are taken: ${JSON.stringify(apartments)})`,
      );
    },
  },
  {
    name: "booking: a malformed query is refused with 400",
    async run({ outputs }) {
      const answer = await graphql(
        outputs.bookingGraphqlUrl,
        "{ apartments { id ",
        {},
        { apiKey: outputs.bookingApiKey },
      );
      expect(answer.status === 400, "HTTP 400 for a syntax error", answer);
    },
  },
  {
    name: "booking: a VACANT apartment is held for payment",
    async run(context) {
      context.bookingId = `smoke-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const answer = await graphql(
        context.outputs.bookingGraphqlUrl,
        BOOK,
        { apartmentId: context.apartmentId, bookingId: context.bookingId },
        context.bookingAuth,
      );
      const booking = dataOf(answer, "bookApartment");
      expect(
        booking?.id === context.bookingId &&
          booking?.status === "PENDING_PAYMENT" &&
          typeof booking?.expiresAt === "string",
        "the booking PENDING_PAYMENT with an expiresAt",
        answer,
      );
    },
  },
  {
    name: "booking: retrying with the same booking id answers the same booking",
    async run(context) {
      const answer = await graphql(
        context.outputs.bookingGraphqlUrl,
        BOOK,
        { apartmentId: context.apartmentId, bookingId: context.bookingId },
        context.bookingAuth,
      );
      const booking = dataOf(answer, "bookApartment");
      expect(
        booking?.id === context.bookingId && booking?.status === "PENDING_PAYMENT",
        "the same PENDING_PAYMENT booking",
        answer,
      );
    },
  },
  {
    name: "booking: another booking of the held apartment is rejected",
    async run(context) {
      const answer = await graphql(
        context.outputs.bookingGraphqlUrl,
        BOOK,
        { apartmentId: context.apartmentId },
        context.bookingAuth,
      );
      const booking = dataOf(answer, "bookApartment");
      expect(
        booking?.status === "REJECTED" && booking?.reason === "ApartmentNotAvailable",
        "REJECTED, reason ApartmentNotAvailable",
        answer,
      );
    },
  },
  {
    name: "booking: the booking can be followed",
    async run(context) {
      const answer = await graphql(
        context.outputs.bookingGraphqlUrl,
        "query Follow($id: ID!) { booking(id: $id) { id apartmentId status executionArn } }",
        { id: context.bookingId },
        context.bookingAuth,
      );
      const booking = dataOf(answer, "booking");
      expect(
        booking?.apartmentId === context.apartmentId &&
          booking?.status === "PENDING_PAYMENT" &&
          /:execution:/.test(String(booking?.executionArn)),
        "the booking, PENDING_PAYMENT, with its execution ARN",
        answer,
      );
    },
  },
  {
    name: "booking: paying an unknown booking changes nothing and says so",
    async run(context) {
      const answer = await graphql(
        context.outputs.bookingGraphqlUrl,
        PAY,
        { bookingId: `smoke-unknown-${Date.now()}`, ref: "smoke-payment-unknown" },
        context.bookingAuth,
      );
      expect(errorTypeOf(answer) === "BookingNotFound", "errorType BookingNotFound", answer);
    },
  },
  {
    name: "booking: the booking is paid; the same payment again changes nothing, another is refused (--pay)",
    skip: (context) => (context.pay ? undefined : "pass --pay to pay (the apartment then stays PAID)"),
    async run(context) {
      const pay = (ref: string) =>
        graphql(
          context.outputs.bookingGraphqlUrl,
          PAY,
          { bookingId: context.bookingId, ref },
          context.bookingAuth,
        );
      const paid = await pay("smoke-payment-1");
      expect(dataOf(paid, "payBooking")?.status === "PAID", "status PAID", paid);
      // payBooking is idempotent on its reference: a retried payment answers the paid booking.
      const retried = await pay("smoke-payment-1");
      expect(dataOf(retried, "payBooking")?.status === "PAID", "the same payment again: PAID", retried);
      const other = await pay("smoke-payment-2");
      expect(
        errorTypeOf(other) === "BookingAlreadyPaid",
        "another payment: errorType BookingAlreadyPaid",
        other,
      );
    },
  },
  ...pizzaCases("edge /", (outputs) => outputs.edgeUrl, true),
  ...pizzaCases(
    "edge /pizza",
    (outputs) => outputs.edgeUrl && new URL("pizza", outputs.edgeUrl).toString(),
    true,
  ).slice(0, 2),
  {
    name: "edge /graphql: the apartments are listed, with the security headers",
    skip: ({ outputs }) => (outputs.edgeUrl ? undefined : "the stack has no edge (edgeUrl)"),
    async run({ outputs }) {
      const answer = await graphql(
        new URL("graphql", outputs.edgeUrl).toString(),
        "{ apartments { id } }",
        {},
        { apiKey: outputs.bookingApiKey },
      );
      expect(
        answer.status === 200 && Array.isArray((answer.body as GraphqlBody)?.data?.apartments),
        "HTTP 200 and a list of apartments",
        answer,
      );
      const missing = EDGE_HEADERS.filter((header) => !answer.headers.has(header));
      expect(missing.length === 0, `the edge's security headers (missing ${missing.join(", ")})`);
    },
  },
];
