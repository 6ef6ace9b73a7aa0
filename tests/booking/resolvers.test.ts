import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { buildSchema } from "graphql";
import { handler as apartmentHandler } from "../../handlers/booking/apartment";
import { handler as apartmentsHandler } from "../../handlers/booking/apartments";
import type { BookApartmentArgs } from "../../handlers/booking/bookApartment";
import { handler as bookApartmentHandler } from "../../handlers/booking/bookApartment";
import { handler as bookingHandler } from "../../handlers/booking/booking";
import { dynamodb, stepFunctions } from "../../handlers/booking/lib/clients";
import { handler as payBookingHandler } from "../../handlers/booking/payBooking";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { ResolverRecorder, appSyncEvent, eventually, sleep } from "./support";

/** Short enough to watch a booking expire, long enough to pay right after booking. */
const WINDOW_SECONDS = 2;

describe("booking resolvers, called as AppSync calls them, against the local stack", function () {
  this.timeout(30_000);
  let stack: LocalStack;
  let table: DynamoDBClient;
  const recorder = new ResolverRecorder(["TABLE_NAME", "STATE_MACHINE_ARN", "PAYMENT_WINDOW_SECONDS"]);

  /** The API, one function per field; every call is recorded for the manifest check at the end. */
  const api = {
    apartment: (id: string) =>
      recorder.run("apartment", () => apartmentHandler(appSyncEvent("apartment", "Query", { id }))),
    apartments: () =>
      recorder.run("apartments", () => apartmentsHandler(appSyncEvent("apartments", "Query", {}))),
    booking: (id: string) =>
      recorder.run("booking", () => bookingHandler(appSyncEvent("booking", "Query", { id }))),
    bookApartment: (args: BookApartmentArgs) =>
      recorder.run("bookApartment", () =>
        bookApartmentHandler(appSyncEvent("bookApartment", "Mutation", args)),
      ),
    payBooking: (bookingId: string) =>
      recorder.run("payBooking", () =>
        payBookingHandler(appSyncEvent("payBooking", "Mutation", { bookingId })),
      ),
  };
  /** The raw apartment item, read past the resolvers. */
  const item = async (id: string) =>
    (
      await table.send(
        new GetItemCommand({ TableName: stack.tableName, Key: { Id: { S: id } }, ConsistentRead: true }),
      )
    ).Item;

  before(async () => {
    stack = await startLocalStack({ port: 0, inMemory: true, paymentWindowSeconds: WINDOW_SECONDS });
    table = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
    // The handlers' own clients for this stack's endpoints (the stack has set the environment).
    recorder.attach(dynamodb(), stepFunctions());
  });
  after(async () => {
    recorder.detach();
    table?.destroy();
    await stack?.stop();
  });

  describe("apartments", () => {
    it("lists every apartment of the stack's config, sorted by id, all VACANT", async () => {
      assert.deepStrictEqual(await api.apartments(), [
        { id: "A-101", status: "VACANT", bookingId: null },
        { id: "A-102", status: "VACANT", bookingId: null },
        { id: "A-103", status: "VACANT", bookingId: null },
      ]);
    });
  });

  describe("apartment(id)", () => {
    it("returns the apartment", async () => {
      assert.deepStrictEqual(await api.apartment("A-102"), {
        id: "A-102",
        status: "VACANT",
        bookingId: null,
      });
    });

    it("returns null for an id no apartment has", async () => {
      assert.equal(await api.apartment("Z-404"), null);
    });

    it("refuses a malformed id as BadRequest, saying what an id may contain", async () => {
      await assert.rejects(api.apartment("A 101"), {
        name: "BadRequest",
        message: `id must be 1-64 characters of letters, digits, '.', '_' or '-'; got "A 101"`,
      });
    });
  });

  describe("booking(id)", () => {
    it("returns null for an id no booking has", async () => {
      assert.equal(await api.booking("nobody"), null);
    });

    it("refuses a malformed id as BadRequest", async () => {
      await assert.rejects(api.booking("a/b"), {
        name: "BadRequest",
        message: /^id must be 1-80 characters/,
      });
    });
  });

  describe("bookApartment and payBooking", () => {
    it("books a vacant apartment: PENDING_PAYMENT until expiresAt = now + the payment window", async () => {
      const before = Date.now();
      const booked = await api.bookApartment({ apartmentId: "A-101", bookingId: "r-paid" });
      const after = Date.now();
      assert.deepStrictEqual(
        { ...booked, expiresAt: "(checked below)" },
        {
          id: "r-paid",
          apartmentId: "A-101",
          status: "PENDING_PAYMENT",
          reason: null,
          executionArn: `${stack.outputs.bookingStateMachineArn.replace(":stateMachine:", ":execution:")}:r-paid`,
          expiresAt: "(checked below)",
        },
      );
      assert.match(String(booked.expiresAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const expiresAt = Date.parse(String(booked.expiresAt));
      assert.ok(
        before + WINDOW_SECONDS * 1000 <= expiresAt && expiresAt <= after + (WINDOW_SECONDS + 1) * 1000,
      );
      assert.deepStrictEqual(await api.apartment("A-101"), {
        id: "A-101",
        status: "RESERVED",
        bookingId: "r-paid",
      });
      assert.deepStrictEqual(await api.booking("r-paid"), booked);
    });

    it("pays a pending booking: PAID, and the apartment is PAID by it", async () => {
      const paid = await api.payBooking("r-paid");
      assert.deepStrictEqual([paid.id, paid.status, paid.reason], ["r-paid", "PAID", null]);
      assert.deepStrictEqual(await api.apartment("A-101"), {
        id: "A-101",
        status: "PAID",
        bookingId: "r-paid",
      });
      assert.equal((await api.booking("r-paid"))?.status, "PAID");
    });

    it("refuses a second payment with BookingAlreadyPaid and changes nothing", async () => {
      const before = await item("A-101");
      assert.ok(before?.PaidAt?.S, "the first payment recorded PaidAt");
      await assert.rejects(api.payBooking("r-paid"), {
        name: "BookingAlreadyPaid",
        message: "Booking r-paid is already paid; nothing was changed",
      });
      assert.deepStrictEqual(await item("A-101"), before);
    });

    it("answers a retry with the same bookingId with the same booking, starting no second execution", async () => {
      const first = await api.bookApartment({ apartmentId: "A-103", bookingId: "r-retry" });
      assert.equal(first.status, "PENDING_PAYMENT");
      // Retry in the next second, so the retry's input (its expiresAt) differs from the first's.
      await sleep(1000 - (Date.now() % 1000) + 10);
      const retry = await api.bookApartment({ apartmentId: "A-103", bookingId: "r-retry" });
      assert.deepStrictEqual(retry, first);
      assert.deepStrictEqual(
        recorder.last.calls.find((call) => call.action === "states:StartExecution"),
        { action: "states:StartExecution", error: "ExecutionAlreadyExists" },
      );
    });

    it("refuses a bookingId already used for another apartment with BookingIdInUse", async () => {
      await assert.rejects(api.bookApartment({ apartmentId: "A-102", bookingId: "r-retry" }), {
        name: "BookingIdInUse",
        message: "bookingId r-retry is already used for apartment A-103; choose another id or omit bookingId",
      });
    });

    it("rejects a taken apartment with reason ApartmentNotAvailable, under a generated booking id", async () => {
      const rejected = await api.bookApartment({ apartmentId: "A-101" });
      assert.deepStrictEqual([rejected.status, rejected.reason], ["REJECTED", "ApartmentNotAvailable"]);
      assert.match(rejected.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepStrictEqual(await api.apartment("A-101"), {
        id: "A-101",
        status: "PAID",
        bookingId: "r-paid",
      });
    });

    it("rejects an unknown apartment with reason ApartmentNotFound, and creates no apartment", async () => {
      const rejected = await api.bookApartment({ apartmentId: "Z-404", bookingId: "r-unknown" });
      assert.deepStrictEqual([rejected.status, rejected.reason], ["REJECTED", "ApartmentNotFound"]);
      assert.equal(await api.apartment("Z-404"), null);
    });

    it("refuses to pay a rejected booking with BookingRejected, giving the reason", async () => {
      await assert.rejects(api.payBooking("r-unknown"), {
        name: "BookingRejected",
        message: /^Booking r-unknown was rejected \(ApartmentNotFound\) and cannot be paid/,
      });
    });

    it("refuses to pay a booking that does not exist with BookingNotFound", async () => {
      await assert.rejects(api.payBooking("nobody"), {
        name: "BookingNotFound",
        message: "There is no booking nobody; book an apartment with bookApartment first",
      });
    });

    it("refuses malformed ids as BadRequest before calling AWS", async () => {
      const cases: [() => Promise<unknown>, RegExp][] = [
        [() => api.bookApartment({ apartmentId: "" }), /^apartmentId must be 1-64 characters/],
        [
          () => api.bookApartment({ apartmentId: "A-101", bookingId: "has space" }),
          /^bookingId must be 1-80/,
        ],
        [
          () => api.bookApartment({ apartmentId: "A-101", bookingId: "x".repeat(81) }),
          /^bookingId must be 1-80/,
        ],
        [() => api.payBooking("b:1"), /^bookingId must be 1-80 characters/],
      ];
      for (const [call, message] of cases) {
        await assert.rejects(call(), { name: "BadRequest", message });
        assert.deepStrictEqual(recorder.last.calls, [], String(message));
      }
    });

    it("refuses a late payment with PaymentWindowClosed, and the apartment ends VACANT", async () => {
      const late = await api.bookApartment({ apartmentId: "A-102", bookingId: "r-late" });
      assert.equal(late.status, "PENDING_PAYMENT");
      // A little past expiresAt: timers may fire a millisecond early.
      await sleep(Date.parse(String(late.expiresAt)) + 20 - Date.now());
      await assert.rejects(api.payBooking("r-late"), {
        name: "PaymentWindowClosed",
        message: `The payment window for booking r-late closed at ${late.expiresAt}; nothing was charged. Book again`,
      });
      const expired = await eventually(async () => {
        const booking = await api.booking("r-late");
        return (await api.apartment("A-102"))?.status === "VACANT" ? booking : undefined;
      });
      assert.deepStrictEqual([expired?.status, expired?.reason], ["EXPIRED", "BookingExpired"]);
      assert.deepStrictEqual(await item("A-102"), { Id: { S: "A-102" }, Status: { S: "VACANT" } });
    });

    it("keeps a paid booking PAID after its window has closed", async () => {
      const paid = await api.booking("r-paid");
      await sleep(Date.parse(String(paid?.expiresAt)) + 200 - Date.now());
      assert.equal((await api.booking("r-paid"))?.status, "PAID");
      assert.equal((await api.apartment("A-101"))?.status, "PAID");
    });
  });

  // Last: it checks what every case above made the resolvers do (mocha runs suites in order).
  describe("the resolver manifest (handlers/booking/resolvers.ts)", () => {
    it("lists one resolver per Query and Mutation field of the schema", () => {
      const sdl = readFileSync(path.resolve(__dirname, "../../handlers/booking/schema.graphql"), "utf8");
      const schema = buildSchema(`scalar AWSDateTime\n${sdl}`);
      const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
        Object.keys(type?.getFields() ?? {}).map((field) => `${type?.name}.${field}`),
      );
      assert.deepStrictEqual(
        BOOKING_RESOLVERS.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`).sort(),
        fields.sort(),
      );
    });

    for (const resolver of BOOKING_RESOLVERS) {
      it(`grants ${resolver.fieldName} exactly the AWS calls and environment it used`, () => {
        const trace = recorder.byField.get(resolver.fieldName);
        assert.ok(trace, `no test called ${resolver.fieldName}`);
        assert.deepStrictEqual(
          [...new Set(trace.calls.map((call) => call.action))].sort(),
          [...resolver.calls].sort(),
          "calls",
        );
        assert.deepStrictEqual(
          [...trace.environment].sort(),
          [...resolver.environment].sort(),
          "environment",
        );
      });
    }
  });
});
