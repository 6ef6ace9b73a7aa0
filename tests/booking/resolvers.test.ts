import assert from "node:assert/strict";
import type { AppSyncResolverEvent } from "aws-lambda";
import { handler as apartment } from "../../handlers/booking/apartment";
import { handler as apartments } from "../../handlers/booking/apartments";
import { handler as bookApartment } from "../../handlers/booking/bookApartment";
import { handler as booking } from "../../handlers/booking/booking";
import { dynamodb, stepFunctions } from "../../handlers/booking/lib/clients";
import { handler as payBooking } from "../../handlers/booking/payBooking";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";
import type { TestStack } from "../local/harness";
import { eventually, startTestStack } from "../local/harness";

/** Short enough to watch bookings expire, long enough to pay in time on a loaded machine. */
const WINDOW_SECONDS = 3;

/** An AppSync direct-resolver event, as AppSync sends it to the Lambda. */
function event<A>(parentTypeName: "Query" | "Mutation", fieldName: string, args: A): AppSyncResolverEvent<A> {
  return {
    arguments: args,
    identity: null,
    source: null,
    request: { headers: {}, domainName: null },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: [], selectionSetGraphQL: "" },
    prev: null,
    stash: {},
  } as unknown as AppSyncResolverEvent<A>;
}

describe("booking resolvers (called as AppSync calls them, against the local stack)", function () {
  this.timeout(60_000);
  let stack: TestStack;
  /** The AWS actions sent while a resolver ran, e.g. "dynamodb:GetItem". */
  const sent = new Set<string>();
  const callsOf = new Map<string, Set<string>>();

  /** Runs a resolver and records which AWS actions it sent, per field. */
  async function run<T>(fieldName: string, call: () => Promise<T>): Promise<T> {
    sent.clear();
    try {
      return await call();
    } finally {
      const calls = callsOf.get(fieldName) ?? new Set<string>();
      sent.forEach((action) => calls.add(action));
      callsOf.set(fieldName, calls);
    }
  }

  before(async () => {
    stack = await startTestStack({ paymentWindowSeconds: WINDOW_SECONDS });
    /** Records "<service>:<Action>" for every command a client sends. */
    const recorder =
      (service: string) =>
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      (args: unknown) => {
        sent.add(`${service}:${String(context.commandName).replace(/Command$/, "")}`);
        return next(args);
      };
    dynamodb().middlewareStack.add(recorder("dynamodb") as never, {
      step: "initialize",
      name: "recordActions",
    });
    stepFunctions().middlewareStack.add(recorder("states") as never, {
      step: "initialize",
      name: "recordActions",
    });
  });
  after(() => stack.stop());

  describe("apartments", () => {
    it("lists every apartment from the stack's config, sorted, all VACANT", async () => {
      assert.deepStrictEqual(await run("apartments", () => apartments(event("Query", "apartments", {}))), [
        { id: "A-101", status: "VACANT", bookingId: null },
        { id: "A-102", status: "VACANT", bookingId: null },
        { id: "A-103", status: "VACANT", bookingId: null },
      ]);
    });
  });

  describe("apartment", () => {
    it("returns one apartment", async () => {
      assert.deepStrictEqual(
        await run("apartment", () => apartment(event("Query", "apartment", { id: "A-102" }))),
        {
          id: "A-102",
          status: "VACANT",
          bookingId: null,
        },
      );
    });

    it("returns null for an unknown apartment", async () => {
      assert.equal(await run("apartment", () => apartment(event("Query", "apartment", { id: "Z-1" }))), null);
    });

    it("refuses an id with characters an apartment id cannot have, saying which are allowed", async () => {
      await assert.rejects(apartment(event("Query", "apartment", { id: "A 101" })), {
        name: "BadRequest",
        message: `id must be 1-64 characters of letters, digits, '.', '_' or '-'; got "A 101"`,
      });
    });
  });

  describe("bookApartment and payBooking", () => {
    it("books a vacant apartment: PENDING_PAYMENT until expiresAt, now + the payment window", async () => {
      const before = Date.now();
      const result = await run("bookApartment", () =>
        bookApartment(event("Mutation", "bookApartment", { apartmentId: "A-101", bookingId: "r-paid" })),
      );
      const after = Date.now();
      assert.equal(result.status, "PENDING_PAYMENT");
      assert.equal(result.apartmentId, "A-101");
      assert.match(result.executionArn, /:execution:pizza-booking-dev-booking:r-paid$/);
      // expiresAt is now + the window, rounded up to a whole second.
      const expiresAt = Date.parse(String(result.expiresAt));
      assert.ok(
        expiresAt >= before + WINDOW_SECONDS * 1000 && expiresAt <= after + (WINDOW_SECONDS + 1) * 1000,
        `expiresAt ${result.expiresAt}`,
      );
    });

    it("answers a retry with the same bookingId with the same booking, starting nothing new", async () => {
      const first = await run("booking", () => booking(event("Query", "booking", { id: "r-paid" })));
      const retry = await run("bookApartment", () =>
        bookApartment(event("Mutation", "bookApartment", { apartmentId: "A-101", bookingId: "r-paid" })),
      );
      assert.deepStrictEqual(retry, first);
    });

    it("refuses the same bookingId for another apartment", async () => {
      await assert.rejects(
        bookApartment(event("Mutation", "bookApartment", { apartmentId: "A-102", bookingId: "r-paid" })),
        {
          name: "BookingIdInUse",
          message:
            "bookingId r-paid is already used for apartment A-101; choose another id or omit bookingId",
        },
      );
    });

    it("pays a pending booking: PAID, and the apartment shows who paid", async () => {
      const result = await run("payBooking", () =>
        payBooking(event("Mutation", "payBooking", { bookingId: "r-paid" })),
      );
      assert.equal(result.status, "PAID");
      assert.deepStrictEqual(await apartment(event("Query", "apartment", { id: "A-101" })), {
        id: "A-101",
        status: "PAID",
        bookingId: "r-paid",
      });
    });

    it("refuses a second payment, changing nothing", async () => {
      await assert.rejects(
        run("payBooking", () => payBooking(event("Mutation", "payBooking", { bookingId: "r-paid" }))),
        {
          name: "BookingAlreadyPaid",
          message: "Booking r-paid is already paid; nothing was changed",
        },
      );
    });

    it("keeps the booking PAID once its window has passed", async () => {
      const paid = await eventually(async () => {
        const current = await booking(event("Query", "booking", { id: "r-paid" }));
        return current && Date.parse(String(current.expiresAt)) < Date.now() - 500 ? current : undefined;
      });
      assert.equal(paid.status, "PAID");
    });

    it("rejects a taken apartment with reason ApartmentNotAvailable, generating a booking id when none is given", async () => {
      const result = await bookApartment(event("Mutation", "bookApartment", { apartmentId: "A-101" }));
      assert.deepStrictEqual([result.status, result.reason], ["REJECTED", "ApartmentNotAvailable"]);
      assert.match(result.id, /^[0-9a-f-]{36}$/);
    });

    it("rejects an unknown apartment with reason ApartmentNotFound", async () => {
      const result = await bookApartment(
        event("Mutation", "bookApartment", { apartmentId: "Z-404", bookingId: "r-unknown" }),
      );
      assert.deepStrictEqual([result.status, result.reason], ["REJECTED", "ApartmentNotFound"]);
    });

    it("refuses to pay a rejected booking", async () => {
      await assert.rejects(payBooking(event("Mutation", "payBooking", { bookingId: "r-unknown" })), {
        name: "BookingRejected",
        message: /rejected \(ApartmentNotFound\)/,
      });
    });

    it("refuses a late payment once the window has closed, and the apartment is VACANT again", async () => {
      const late = await bookApartment(
        event("Mutation", "bookApartment", { apartmentId: "A-102", bookingId: "r-late" }),
      );
      assert.equal(late.status, "PENDING_PAYMENT");
      await eventually(async () =>
        (await booking(event("Query", "booking", { id: "r-late" })))?.status === "EXPIRED" ? true : undefined,
      );
      await assert.rejects(payBooking(event("Mutation", "payBooking", { bookingId: "r-late" })), {
        name: "PaymentWindowClosed",
        message: `The payment window for booking r-late closed at ${late.expiresAt}; nothing was charged. Book again`,
      });
      assert.deepStrictEqual(await apartment(event("Query", "apartment", { id: "A-102" })), {
        id: "A-102",
        status: "VACANT",
        bookingId: null,
      });
    });

    it("refuses to pay a booking that does not exist", async () => {
      await assert.rejects(
        run("payBooking", () => payBooking(event("Mutation", "payBooking", { bookingId: "nobody" }))),
        {
          name: "BookingNotFound",
          message: "There is no booking nobody; book an apartment with bookApartment first",
        },
      );
    });

    it("refuses malformed ids before calling anything", async () => {
      await assert.rejects(bookApartment(event("Mutation", "bookApartment", { apartmentId: "" })), {
        name: "BadRequest",
        message: /apartmentId must be 1-64 characters/,
      });
      await assert.rejects(
        bookApartment(event("Mutation", "bookApartment", { apartmentId: "A-103", bookingId: "has space" })),
        {
          name: "BadRequest",
          message: `bookingId must be 1-80 characters of letters, digits, '_' or '-'; got "has space"`,
        },
      );
      await assert.rejects(payBooking(event("Mutation", "payBooking", { bookingId: "x".repeat(81) })), {
        name: "BadRequest",
      });
    });
  });

  describe("booking", () => {
    it("returns null for an unknown booking", async () => {
      assert.equal(await run("booking", () => booking(event("Query", "booking", { id: "nobody" }))), null);
    });

    it("refuses an invalid id", async () => {
      await assert.rejects(booking(event("Query", "booking", { id: "a/b" })), { name: "BadRequest" });
    });
  });

  // Last, so it sees the calls every case above made (mocha runs nested suites in order).
  describe("the resolver manifest", () => {
    it("lists exactly the AWS calls each resolver made (so its IAM policy is exact)", () => {
      for (const resolver of BOOKING_RESOLVERS) {
        const made = [...(callsOf.get(resolver.fieldName) ?? [])].sort();
        assert.deepStrictEqual(made, [...resolver.calls].sort(), resolver.fieldName);
      }
    });
  });
});
