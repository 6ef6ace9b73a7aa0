/**
 * kill -9 of the local stack in the middle of bookings and payments (issue #9, must-show 3): after
 * a restart, every booking a client was answered for is readable, every acknowledged payment
 * stands, and each booking record agrees with its apartment item, in the API and in the stored
 * data. The stack runs as `npm start` does, in a child process, killed with SIGKILL at several
 * moments: whatever write was in flight is cut off wherever it was.
 */
import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoDB } from "../../local/dynamodb";
import { issueIdToken } from "../../scripts/token";

const ROOT = path.resolve(__dirname, "../..");
const WINDOW_SECONDS = 3;
const APARTMENTS = ["A-101", "A-102", "A-103", "B-201", "B-202"];
const USERS = ["kim", "lee", "max", "noa"];
/**
 * When each kill comes: after this many answers in the round, plus a few milliseconds, so the
 * requests and executions still in flight are cut wherever they are. Counted in answers rather
 * than time, so the kill lands amid traffic however fast this machine is.
 */
const KILL_POINTS = [
  { answers: 1, thenMs: 0 },
  { answers: 4, thenMs: 35 },
  { answers: 8, thenMs: 120 },
];

interface Outputs {
  bookingGraphqlUrl: string;
  bookingApiKey: string;
  bookingUserPoolEndpoint: string;
  bookingUserPoolId: string;
  bookingUserPoolClientId: string;
}
interface Booking {
  id: string;
  apartmentId: string;
  status: string;
  paymentReference: string | null;
}

describe("local stack: kill -9 during bookings and payments", function () {
  this.timeout(240_000);
  let dataDir: string;
  let outputsFile: string;
  let child: ChildProcessWithoutNullStreams | undefined;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "kill-"));
    outputsFile = path.join(dataDir, "outputs.json");
  });
  after(() => {
    child?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts `npm start` on the data folder and returns its outputs once it is up. */
  const start = async (): Promise<Outputs> => {
    rmSync(outputsFile, { force: true });
    child = spawn(
      process.execPath,
      [
        "-r",
        "./common/register.js",
        "local/main.ts",
        "--stack",
        "prod",
        "--data-dir",
        dataDir,
        "--outputs",
        outputsFile,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: "0", PAYMENT_WINDOW_SECONDS: String(WINDOW_SECONDS) },
      },
    );
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const started = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready:\n${stdout}\n${stderr}`)), 90_000);
      started.stdout.on("data", () => {
        if (stdout.includes("Press Ctrl-C to stop.")) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once("exit", (code) => reject(new Error(`exited with ${code}:\n${stdout}\n${stderr}`)));
    });
    return JSON.parse(readFileSync(outputsFile, "utf8")) as Outputs;
  };
  const kill = async () => {
    const running = child as ChildProcessWithoutNullStreams;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
    child = undefined;
  };

  /** GraphQL as a user (by token) or with the API key; throws on a transport error (the stack is gone). */
  const graphql = async (outputs: Outputs, auth: string, query: string, variables?: object) => {
    const response = await fetch(outputs.bookingGraphqlUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(auth.startsWith("da2-") ? { "x-api-key": auth } : { authorization: auth }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { errorType?: string }[];
    };
  };
  const FIELDS = "id apartmentId status paymentReference";
  const acknowledged = new Map<string, Booking>(); // `${user}/${id}` → the last answer
  const paidAcknowledged = new Map<string, string>(); // `${user}/${id}` → reference
  let answers = 0;

  /** Each user books and pays in a loop until the stack dies under it. */
  const traffic = async (outputs: Outputs, round: number, tokens: readonly string[]) => {
    const loop = async (user: string, token: string) => {
      for (let n = 0; ; n++) {
        const id = `r${round}-${user}-${n}`;
        const apartmentId = APARTMENTS[(n + USERS.indexOf(user)) % APARTMENTS.length];
        try {
          const booked = await graphql(
            outputs,
            token,
            `mutation ($a: ID!, $b: ID) { bookApartment(apartmentId: $a, bookingId: $b) { ${FIELDS} } }`,
            { a: apartmentId, b: id },
          );
          const booking = booked.data?.bookApartment as Booking | undefined;
          if (!booking) continue; // refused (TooManyOpenBookings): nothing acknowledged
          acknowledged.set(`${user}/${id}`, booking);
          answers++;
          if (booking.status !== "PENDING_PAYMENT") continue;
          const paid = await graphql(
            outputs,
            token,
            `mutation ($b: ID!, $r: String!) { payBooking(bookingId: $b, paymentReference: $r) { ${FIELDS} } }`,
            { b: id, r: `ref-${id}` },
          );
          const answer = paid.data?.payBooking as Booking | undefined;
          if (answer?.status === "PAID") paidAcknowledged.set(`${user}/${id}`, `ref-${id}`);
          answers++;
        } catch {
          return; // the stack was killed
        }
      }
    };
    await Promise.all(USERS.map((user, i) => loop(user, tokens[i])));
  };

  for (const [round, point] of KILL_POINTS.entries()) {
    it(`survives a kill -9 ${point.thenMs} ms after answer ${point.answers} of a round (kill point ${round + 1})`, async () => {
      const outputs = await start();
      const tokens = await Promise.all(USERS.map((user) => issueIdToken(outputs, user)));
      answers = 0;
      const running = traffic(outputs, round, tokens);
      const deadline = Date.now() + 60_000;
      while (answers < point.answers) {
        assert.ok(Date.now() < deadline, "no answers from the stack");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, point.thenMs));
      await kill();
      await running;
    });
  }

  it("after a restart, every acknowledged booking and its apartment agree", async () => {
    const outputs = await start();
    const tokens = new Map(
      await Promise.all(USERS.map(async (user) => [user, await issueIdToken(outputs, user)] as const)),
    );
    // Let every window close and every resumed execution settle.
    const settled = async () => {
      const listing = await graphql(outputs, outputs.bookingApiKey, "{ apartments { id status } }");
      const apartments = listing.data?.apartments as { status: string }[];
      return apartments.every((a) => a.status !== "RESERVED");
    };
    const deadline = Date.now() + 60_000;
    while (!(await settled())) {
      assert.ok(Date.now() < deadline, "apartments still RESERVED long after every window closed");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const paidApartments = new Map<string, string>();
    for (const user of USERS) {
      const token = tokens.get(user) as string;
      const mine = (await graphql(outputs, token, `{ myBookings { ${FIELDS} } }`)).data
        ?.myBookings as Booking[];
      const byId = new Map(mine.map((booking) => [booking.id, booking]));
      for (const [key, answered] of acknowledged) {
        const [owner, id] = key.split("/");
        if (owner !== user) continue;
        const now = byId.get(id);
        assert.ok(now, `acknowledged booking ${key} is readable`);
        assert.equal(now.apartmentId, answered.apartmentId);
        assert.ok(["PAID", "EXPIRED", "REJECTED"].includes(now.status), `${key} is settled: ${now.status}`);
        if (paidAcknowledged.has(key)) {
          assert.deepStrictEqual(
            [now.status, now.paymentReference],
            ["PAID", paidAcknowledged.get(key)],
            key,
          );
        }
      }
      for (const booking of mine.filter((b) => b.status === "PAID")) {
        const apartment = (
          await graphql(outputs, token, "query ($id: ID!) { apartment(id: $id) { status bookingId } }", {
            id: booking.apartmentId,
          })
        ).data?.apartment as { status: string; bookingId: string | null };
        assert.deepStrictEqual(apartment, { status: "PAID", bookingId: booking.id }, `${user}/${booking.id}`);
        assert.equal(paidApartments.get(booking.apartmentId), undefined, `${booking.apartmentId} paid twice`);
        paidApartments.set(booking.apartmentId, `${user}/${booking.id}`);
      }
    }
    // A PAID apartment belongs to exactly one PAID booking.
    const listing = (await graphql(outputs, outputs.bookingApiKey, "{ apartments { id status } }")).data
      ?.apartments as { id: string; status: string }[];
    assert.deepStrictEqual(
      listing
        .filter((a) => a.status === "PAID")
        .map((a) => a.id)
        .sort(),
      [...paidApartments.keys()].sort(),
    );

    // And in the stored data, once the stack has stopped cleanly: each record agrees with its apartment.
    const stopped = new Promise((resolve) => child?.once("exit", resolve));
    child?.kill("SIGTERM");
    await stopped;
    child = undefined;
    const dynamo = await startDynamoDB({ path: path.join(dataDir, "dynamodb"), region: "eu-west-1" });
    try {
      const scan = async (suffix: string) =>
        (await dynamo.client.send(new ScanCommand({ TableName: `pizza-booking-prod-booking-${suffix}` })))
          .Items ?? [];
      const apartments = new Map((await scan("apartments")).map((item) => [item.Id.S, item]));
      for (const record of await scan("bookings")) {
        const key = `${record.BookingId.S} of ${record.Owner.S}`;
        const apartment = apartments.get(record.ApartmentId.S);
        const holds =
          apartment?.Owner?.S === record.Owner.S && apartment?.BookingId?.S === record.BookingId.S;
        assert.notEqual(record.Status.S, "PENDING_PAYMENT", `${key}: its execution settled it`);
        if (record.Status.S === "PAID") {
          assert.ok(holds && apartment?.Status.S === "PAID", `${key} is PAID, so is its apartment`);
          assert.equal(record.PaymentReference?.S, apartment?.PaymentReference?.S, key);
        } else {
          assert.ok(!holds, `${key} is ${record.Status.S}: its apartment is not held for it`);
        }
      }
      for (const apartment of apartments.values()) {
        if (apartment.Status.S !== "PAID") continue;
        const record = (await scan("bookings")).find(
          (r) => r.Owner.S === apartment.Owner?.S && r.BookingId.S === apartment.BookingId?.S,
        );
        assert.equal(record?.Status.S, "PAID", `${apartment.Id.S} is PAID, so is the booking that holds it`);
      }
    } finally {
      await dynamo.stop();
    }
  });
});
