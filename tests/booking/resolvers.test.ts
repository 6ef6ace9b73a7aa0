import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { AppSyncIdentityCognito } from "aws-lambda";
import { buildSchema } from "graphql";
import { handler as apartmentHandler } from "../../handlers/booking/apartment";
import { handler as apartmentsHandler } from "../../handlers/booking/apartments";
import type { BookApartmentArgs } from "../../handlers/booking/bookApartment";
import { handler as bookApartmentHandler } from "../../handlers/booking/bookApartment";
import { handler as bookingHandler } from "../../handlers/booking/booking";
import { dynamodb, stepFunctions } from "../../handlers/booking/lib/clients";
import { rfc3339Seconds } from "../../handlers/booking/lib/time";
import { handler as myBookingsHandler } from "../../handlers/booking/myBookings";
import { handler as payBookingHandler } from "../../handlers/booking/payBooking";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";
import type { LocalStack } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { ResolverRecorder, appSyncEvent, cognitoIdentity, eventually, sleep } from "./support";

/** Short enough to watch a booking expire, long enough to pay right after booking. */
const WINDOW_SECONDS = 2;
const alice = cognitoIdentity("a11ce000-0000-4000-8000-000000000001", "alice");
const bob = cognitoIdentity("b0b00000-0000-4000-8000-000000000002", "bob");
const carol = cognitoIdentity("ca401000-0000-4000-8000-000000000003", "carol");
type Caller = AppSyncIdentityCognito | null;

describe("booking resolvers, called as AppSync calls them, against the local stack", function () {
  this.timeout(30_000);
  let stack: LocalStack;
  let table: DynamoDBClient;
  const recorder = new ResolverRecorder([
    "TABLE_NAME",
    "BOOKINGS_TABLE_NAME",
    "STATE_MACHINE_ARN",
    "PAYMENT_WINDOW_SECONDS",
    "MAX_OPEN_BOOKINGS",
  ]);

  /** The API, one function per field, called as `who`; every call is recorded for the manifest check. */
  const api = {
    apartment: (id: string, who: Caller = alice) =>
      recorder.run("apartment", () => apartmentHandler(appSyncEvent("apartment", "Query", { id }, who))),
    apartments: (who: Caller = null) =>
      recorder.run("apartments", () => apartmentsHandler(appSyncEvent("apartments", "Query", {}, who))),
    booking: (id: string, who: Caller = alice) =>
      recorder.run("booking", () => bookingHandler(appSyncEvent("booking", "Query", { id }, who))),
    myBookings: (who: Caller = alice) =>
      recorder.run("myBookings", () => myBookingsHandler(appSyncEvent("myBookings", "Query", {}, who))),
    bookApartment: (args: BookApartmentArgs, who: Caller = alice) =>
      recorder.run("bookApartment", () =>
        bookApartmentHandler(appSyncEvent("bookApartment", "Mutation", args, who)),
      ),
    payBooking: (bookingId: string, paymentReference: string, who: Caller = alice) =>
      recorder.run("payBooking", () =>
        payBookingHandler(appSyncEvent("payBooking", "Mutation", { bookingId, paymentReference }, who)),
      ),
  };
  /** Raw items, read past the resolvers. */
  const item = async (id: string) =>
    (
      await table.send(
        new GetItemCommand({ TableName: stack.tableName, Key: { Id: { S: id } }, ConsistentRead: true }),
      )
    ).Item;
  const record = async (who: AppSyncIdentityCognito, bookingId: string) =>
    (
      await table.send(
        new GetItemCommand({
          TableName: stack.bookingsTableName,
          Key: { Owner: { S: who.sub }, BookingId: { S: bookingId } },
          ConsistentRead: true,
        }),
      )
    ).Item;

  before(async () => {
    // The prod config seeds five apartments; maxOpenBookingsPerUser is the default, 2.
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      stack: "prod",
      paymentWindowSeconds: WINDOW_SECONDS,
    });
    table = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb });
    // The handlers' own clients for this stack's endpoints (the stack has set the environment).
    recorder.attach(dynamodb(), stepFunctions(), {
      apartments: stack.tableName,
      bookings: stack.bookingsTableName,
    });
  });
  after(async () => {
    recorder.detach();
    table?.destroy();
    await stack?.stop();
  });

  describe("without a signed-in user (the API key)", () => {
    it("lists every apartment, sorted by id, all VACANT", async () => {
      assert.deepStrictEqual(
        (await api.apartments()).map((a) => a.id),
        ["A-101", "A-102", "A-103", "B-201", "B-202"],
      );
      assert.ok((await api.apartments()).every((a) => a.status === "VACANT" && a.bookingId === null));
    });

    it("refuses every other operation with Unauthorized, before touching any table", async () => {
      const calls = [
        () => api.apartment("A-101", null),
        () => api.booking("any", null),
        () => api.myBookings(null),
        () => api.bookApartment({ apartmentId: "A-101" }, null),
        () => api.payBooking("any", "ref-1", null),
      ];
      for (const call of calls) {
        await assert.rejects(call(), { name: "Unauthorized", message: /needs a signed-in user/ });
        assert.deepStrictEqual(recorder.last.calls, []);
      }
    });
  });

  describe("alice books and pays", () => {
    let booked: Awaited<ReturnType<typeof api.bookApartment>>;

    it("books a vacant apartment: PENDING_PAYMENT until expiresAt = now + the payment window", async () => {
      const before = Date.now();
      booked = await api.bookApartment({ apartmentId: "A-101", bookingId: "trip" });
      const after = Date.now();
      assert.deepStrictEqual(
        [booked.id, booked.apartmentId, booked.status, booked.reason, booked.paymentReference],
        ["trip", "A-101", "PENDING_PAYMENT", null, null],
      );
      assert.match(booked.executionArn, /:execution:[^:]+:trip-[0-9a-f]{32}$/);
      const expiresAt = Date.parse(String(booked.expiresAt));
      assert.ok(
        before + WINDOW_SECONDS * 1000 <= expiresAt && expiresAt <= after + (WINDOW_SECONDS + 1) * 1000,
      );
      assert.deepStrictEqual(await api.booking("trip"), booked);
    });

    it("shows the booking id on the apartment to alice only: not to bob, not to the API key", async () => {
      assert.deepStrictEqual(await api.apartment("A-101"), {
        id: "A-101",
        status: "RESERVED",
        bookingId: "trip",
      });
      assert.deepStrictEqual(await api.apartment("A-101", bob), {
        id: "A-101",
        status: "RESERVED",
        bookingId: null,
      });
      const listed = (who: Caller) => api.apartments(who).then((all) => all.find((a) => a.id === "A-101"));
      assert.deepStrictEqual(await listed(alice), { id: "A-101", status: "RESERVED", bookingId: "trip" });
      assert.deepStrictEqual(await listed(bob), { id: "A-101", status: "RESERVED", bookingId: null });
      assert.deepStrictEqual(await listed(null), { id: "A-101", status: "RESERVED", bookingId: null });
    });

    it("answers a retry with the same bookingId with the same booking, starting nothing", async () => {
      assert.deepStrictEqual(await api.bookApartment({ apartmentId: "A-101", bookingId: "trip" }), booked);
      assert.ok(!recorder.last.calls.some((call) => call.action === "states:StartExecution"));
    });

    it("refuses bob's reads and payment of alice's booking exactly as for a booking that does not exist", async () => {
      const notFound = (id: string) => ({
        name: "BookingNotFound",
        message: `You have no booking ${id}; list yours with myBookings, or book with bookApartment`,
      });
      await assert.rejects(api.booking("trip", bob), notFound("trip"));
      await assert.rejects(api.booking("no-such-booking", bob), notFound("no-such-booking"));
      await assert.rejects(api.payBooking("trip", "bob-ref", bob), notFound("trip"));
      assert.equal((await item("A-101"))?.Status?.S, "RESERVED", "bob's attempt changed nothing");
    });

    it("lets bob use the same booking id for his own booking: ids are per user", async () => {
      const his = await api.bookApartment({ apartmentId: "A-102", bookingId: "trip" }, bob);
      assert.deepStrictEqual([his.id, his.apartmentId, his.status], ["trip", "A-102", "PENDING_PAYMENT"]);
      assert.notEqual(his.executionArn, booked.executionArn);
      assert.equal((await api.booking("trip")).apartmentId, "A-101", "alice's booking is untouched");
    });

    it("pays: PAID with the reference, recorded on the booking and the apartment", async () => {
      const paid = await api.payBooking("trip", "pay_1001");
      assert.deepStrictEqual(
        [paid.id, paid.status, paid.reason, paid.paymentReference],
        ["trip", "PAID", null, "pay_1001"],
      );
      assert.ok(paid.paidAt);
      assert.equal((await record(alice, "trip"))?.Status?.S, "PAID");
      assert.equal((await record(alice, "trip"))?.PaymentReference?.S, "pay_1001");
      assert.deepStrictEqual(
        [(await item("A-101"))?.Status?.S, (await item("A-101"))?.PaymentReference?.S],
        ["PAID", "pay_1001"],
      );
    });

    it("answers the same payment again with the paid booking, and changes nothing", async () => {
      const before = [await item("A-101"), await record(alice, "trip")];
      const again = await api.payBooking("trip", "pay_1001");
      assert.deepStrictEqual([again.status, again.paymentReference], ["PAID", "pay_1001"]);
      assert.deepStrictEqual([await item("A-101"), await record(alice, "trip")], before);
    });

    it("refuses a payment with another reference with BookingAlreadyPaid", async () => {
      await assert.rejects(api.payBooking("trip", "pay_2002"), { name: "BookingAlreadyPaid" });
      assert.equal((await record(alice, "trip"))?.PaymentReference?.S, "pay_1001");
    });

    it("refuses a bookingId alice already used for another apartment with BookingIdInUse", async () => {
      await assert.rejects(api.bookApartment({ apartmentId: "A-103", bookingId: "trip" }), {
        name: "BookingIdInUse",
        message: "bookingId trip is already used for apartment A-101; choose another id or omit bookingId",
      });
    });

    it("keeps the paid booking PAID after its window has closed", async () => {
      await sleep(Date.parse(String(booked.expiresAt)) + 200 - Date.now());
      assert.equal((await api.booking("trip")).status, "PAID");
      assert.equal((await api.apartment("A-101"))?.status, "PAID");
    });
  });

  describe("rejections and refusals", () => {
    it("rejects a taken apartment with reason ApartmentNotAvailable, under a generated booking id", async () => {
      const rejected = await api.bookApartment({ apartmentId: "A-101" }, carol);
      assert.deepStrictEqual([rejected.status, rejected.reason], ["REJECTED", "ApartmentNotAvailable"]);
      assert.match(rejected.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal((await record(carol, rejected.id))?.Status?.S, "REJECTED");
    });

    it("rejects an unknown apartment with reason ApartmentNotFound, and creates no apartment", async () => {
      const rejected = await api.bookApartment({ apartmentId: "Z-404", bookingId: "r-unknown" });
      assert.deepStrictEqual([rejected.status, rejected.reason], ["REJECTED", "ApartmentNotFound"]);
      assert.equal(await api.apartment("Z-404"), null);
    });

    it("refuses to pay a rejected booking with BookingRejected, giving the reason", async () => {
      await assert.rejects(api.payBooking("r-unknown", "pay_3"), {
        name: "BookingRejected",
        message: /^Booking r-unknown was rejected \(ApartmentNotFound\) and cannot be paid/,
      });
    });

    it("refuses malformed arguments as BadRequest before calling AWS", async () => {
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
        [() => api.payBooking("b:1", "ref"), /^bookingId must be 1-80 characters/],
        [() => api.payBooking("trip", ""), /^paymentReference must be 1-128 characters/],
        [() => api.payBooking("trip", "two words"), /^paymentReference must be 1-128 characters/],
        [() => api.booking("a/b"), /^id must be 1-80 characters/],
        [() => api.apartment("A 101"), /^id must be 1-64 characters/],
      ];
      for (const [call, message] of cases) {
        await assert.rejects(call(), { name: "BadRequest", message });
        assert.deepStrictEqual(recorder.last.calls, [], String(message));
      }
    });

    it("refuses a late payment with PaymentWindowClosed, and the booking ends EXPIRED, the apartment VACANT", async () => {
      const late = await api.bookApartment({ apartmentId: "A-103", bookingId: "late" }, carol);
      assert.equal(late.status, "PENDING_PAYMENT");
      // A little past expiresAt: timers may fire a millisecond early.
      await sleep(Date.parse(String(late.expiresAt)) + 20 - Date.now());
      await assert.rejects(api.payBooking("late", "pay_4", carol), {
        name: "PaymentWindowClosed",
        message: `The payment window for booking late closed at ${late.expiresAt}; nothing was charged. Book again`,
      });
      await eventually(async () =>
        (await record(carol, "late"))?.Status?.S === "EXPIRED" ? true : undefined,
      );
      const expired = await api.booking("late", carol);
      assert.deepStrictEqual([expired.status, expired.reason], ["EXPIRED", "BookingExpired"]);
      assert.deepStrictEqual(await item("A-103"), { Id: { S: "A-103" }, Status: { S: "VACANT" } });
    });
  });

  describe("the open-bookings limit (maxOpenBookingsPerUser = 2)", () => {
    const dave = cognitoIdentity("da7e0000-0000-4000-8000-000000000004", "dave");

    it("refuses a third open booking with TooManyOpenBookings, and records it as REJECTED", async () => {
      assert.equal(
        (await api.bookApartment({ apartmentId: "B-201", bookingId: "one" }, dave)).status,
        "PENDING_PAYMENT",
      );
      assert.equal(
        (await api.bookApartment({ apartmentId: "B-202", bookingId: "two" }, dave)).status,
        "PENDING_PAYMENT",
      );
      await assert.rejects(api.bookApartment({ apartmentId: "A-103", bookingId: "three" }, dave), {
        name: "TooManyOpenBookings",
        message: /^You already have 2 open booking\(s\)/,
      });
      assert.deepStrictEqual(
        [(await record(dave, "three"))?.Status?.S, (await record(dave, "three"))?.Reason?.S],
        ["REJECTED", "TooManyOpenBookings"],
      );
      assert.equal((await item("A-103"))?.Status?.S, "VACANT", "no execution ran for it");
    });

    it("refuses a retry of the refused booking the same way", async () => {
      await assert.rejects(api.bookApartment({ apartmentId: "A-103", bookingId: "three" }, dave), {
        name: "TooManyOpenBookings",
      });
    });

    it("lets the user book again once one of the open bookings is paid", async () => {
      await api.payBooking("one", "pay_one", dave);
      const four = await api.bookApartment({ apartmentId: "A-103", bookingId: "four" }, dave);
      assert.equal(four.status, "PENDING_PAYMENT");
    });

    it("lists the user's own bookings, newest first, and nobody else's", async () => {
      const mine = await api.myBookings(dave);
      assert.deepStrictEqual(
        mine.map((b) => [b.id, b.status]),
        [
          ["four", "PENDING_PAYMENT"],
          ["three", "REJECTED"],
          ["two", "PENDING_PAYMENT"],
          ["one", "PAID"],
        ],
      );
      assert.ok((await api.myBookings(bob)).every((b) => b.apartmentId === "A-102"));
    });
  });

  describe("a payment whose resolver died between its two writes", () => {
    it("is completed by the same payment again: the record catches up with the apartment", async () => {
      const erin = cognitoIdentity("e4100000-0000-4000-8000-000000000005", "erin");
      // A-102 held bob's unpaid booking, which has expired by now.
      await eventually(async () => ((await item("A-102"))?.Status?.S === "VACANT" ? true : undefined));
      const pending = await api.bookApartment({ apartmentId: "A-102", bookingId: "crash" }, erin);
      assert.equal(pending.status, "PENDING_PAYMENT");
      // The first of payBooking's two writes, alone: the apartment is PAID, the record is not.
      await table.send(
        new UpdateItemCommand({
          TableName: stack.tableName,
          Key: { Id: { S: "A-102" } },
          UpdateExpression: "SET #status = :paid, PaidAt = :now, PaymentReference = :reference",
          ExpressionAttributeNames: { "#status": "Status" },
          ExpressionAttributeValues: {
            ":paid": { S: "PAID" },
            ":now": { S: rfc3339Seconds(new Date()) },
            ":reference": { S: "pay_crash" },
          },
        }),
      );
      assert.equal((await record(erin, "crash"))?.Status?.S, "PENDING_PAYMENT");
      assert.equal((await api.booking("crash", erin)).status, "PAID", "readers already see the payment");
      const repaid = await api.payBooking("crash", "pay_crash", erin);
      assert.deepStrictEqual([repaid.status, repaid.paymentReference], ["PAID", "pay_crash"]);
      assert.equal((await record(erin, "crash"))?.Status?.S, "PAID");
    });
  });

  // Last: it checks what every case above made the resolvers do (mocha runs suites in order).
  describe("the resolver manifest (handlers/booking/resolvers.ts)", () => {
    it("lists one resolver per Query and Mutation field of the schema", () => {
      const sdl = readFileSync(path.resolve(__dirname, "../../handlers/booking/schema.graphql"), "utf8");
      const schema = buildSchema(
        `scalar AWSDateTime\ndirective @aws_api_key on OBJECT | FIELD_DEFINITION\ndirective @aws_cognito_user_pools on OBJECT | FIELD_DEFINITION\n${sdl}`,
      );
      const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
        Object.keys(type?.getFields() ?? {}).map((field) => `${type?.name}.${field}`),
      );
      assert.deepStrictEqual(
        BOOKING_RESOLVERS.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`).sort(),
        fields.sort(),
      );
    });

    for (const resolver of BOOKING_RESOLVERS) {
      it(`grants ${resolver.fieldName} exactly the AWS calls (table by table) and environment it used`, () => {
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
