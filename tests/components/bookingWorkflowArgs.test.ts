import assert from "node:assert/strict";
import { BookingWorkflow, apiKeyExpiry } from "../../components/BookingWorkflow";
import { runUnderMocks } from "../../scripts/pulumiMocks";

const DAY_MS = 86_400_000;

describe("BookingWorkflow arguments and instances", function () {
  this.timeout(60_000);

  it("lets two instances live in one stack without a name collision", async () => {
    const { resources } = await runUnderMocks(async () => {
      new BookingWorkflow("north", { apartments: ["A-1"] });
      new BookingWorkflow("south", { apartments: ["A-1"] });
      return {};
    });
    const names = resources.map((resource) => `${resource.type} ${resource.name}`);
    assert.equal(new Set(names).size, names.length, "resource names repeat");
    const logGroups = resources
      .filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")
      .map((r) => String(r.inputs.name));
    assert.equal(
      new Set(logGroups).size,
      logGroups.length,
      `log group names repeat: ${logGroups.join(", ")}`,
    );
  });

  it("seeds apartments once: a later `pulumi up` leaves a booked apartment's item alone", async () => {
    const { resources } = await runUnderMocks(async () => {
      new BookingWorkflow("seeded", { apartments: ["A-1"] });
      return {};
    });
    const item = resources.find((r) => r.name === "seeded-apartment-A-1");
    assert.deepStrictEqual(item?.ignoreChanges, ["item"]);
  });

  it("uses an existing user pool when given one: no pool is created, the client is created in it", async () => {
    const { resources } = await runUnderMocks(async () => {
      new BookingWorkflow("shared", { existingUserPoolId: "eu-west-1_AbC123xyz" });
      return {};
    });
    assert.equal(resources.filter((r) => r.type === "aws:cognito/userPool:UserPool").length, 0);
    const client = resources.find((r) => r.type === "aws:cognito/userPoolClient:UserPoolClient");
    assert.equal(client?.inputs.userPoolId, "eu-west-1_AbC123xyz");
    const api = resources.find((r) => r.type === "aws:appsync/graphQLApi:GraphQLApi");
    assert.equal((api?.inputs.userPoolConfig as { userPoolId: string }).userPoolId, "eu-west-1_AbC123xyz");
  });

  it("turns introspection on when asked and takes other limits", async () => {
    const { resources } = await runUnderMocks(async () => {
      new BookingWorkflow("open", { introspection: true, queryDepthLimit: 3, resolverCountLimit: 4 });
      return {};
    });
    const api = resources.find((r) => r.type === "aws:appsync/graphQLApi:GraphQLApi")?.inputs;
    assert.deepStrictEqual(
      [api?.introspectionConfig, api?.queryDepthLimit, api?.resolverCountLimit],
      ["ENABLED", 3, 4],
    );
  });

  const refusals: [string, ConstructorParameters<typeof BookingWorkflow>[1], RegExp][] = [
    [
      "a malformed user pool id",
      { existingUserPoolId: "my-pool" },
      /\[existingUserPoolId\] must be a Cognito user pool id/,
    ],
    [
      "a depth limit AppSync refuses",
      { queryDepthLimit: 76 },
      /\[queryDepthLimit\] must be a whole number between 1 and 75, got 76/,
    ],
    [
      "a resolver limit AppSync refuses",
      { resolverCountLimit: 0 },
      /\[resolverCountLimit\] must be a whole number between 1 and 10000/,
    ],
    [
      "no open bookings at all",
      { maxOpenBookingsPerUser: 0 },
      /\[maxOpenBookingsPerUser\] must be a whole number between 1 and 100/,
    ],
  ];
  for (const [what, args, message] of refusals) {
    it(`refuses ${what}, naming the field`, async () => {
      await assert.rejects(
        runUnderMocks(async () => {
          new BookingWorkflow("bad", args);
          return {};
        }),
        message,
      );
    });
  }

  describe("the API key's expiry", () => {
    const cases: [number, string, string][] = [
      [30, "2026-11-22T16:45:00Z", "2026-12-22T00:00:00Z"],
      [365, "2026-11-22T23:59:00Z", "2027-11-22T00:00:00Z"],
      [2, "2026-11-22T00:00:00Z", "2026-11-24T00:00:00Z"],
      // 1 day from the day's start would be under AppSync's 1-day minimum: one more day is added.
      [1, "2026-11-22T16:45:00Z", "2026-11-24T00:00:00Z"],
      [1, "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"],
    ];
    for (const [days, now, expires] of cases) {
      it(`expires a ${days}-day key deployed at ${now} at ${expires}`, () => {
        assert.equal(apiKeyExpiry(days, new Date(now)), expires);
      });
    }

    it("stays within AppSync's 1 to 365 days, in whole hours, at any time of day", () => {
      for (const days of [1, 2, 7, 364, 365]) {
        for (let minute = 0; minute < 24 * 60; minute += 17) {
          const now = new Date(Date.UTC(2026, 10, 22) + minute * 60_000);
          const lifetime = Date.parse(apiKeyExpiry(days, now)) - now.getTime();
          assert.ok(lifetime >= DAY_MS && lifetime <= 365 * DAY_MS, `${days} days at ${now.toISOString()}`);
          assert.equal(Date.parse(apiKeyExpiry(days, now)) % 3_600_000, 0);
        }
      }
    });

    it("does not change within a day, so previews stay quiet", () => {
      assert.equal(
        apiKeyExpiry(365, new Date("2026-11-22T00:30:00Z")),
        apiKeyExpiry(365, new Date("2026-11-22T23:30:00Z")),
      );
    });
  });

  const invalid: [string, ConstructorParameters<typeof BookingWorkflow>[1], RegExp][] = [
    [
      "a zero payment window",
      { paymentWindowSeconds: 0 },
      /^\[paymentWindowSeconds\] must be a whole number between 1 and 604800, got 0$/,
    ],
    [
      "an API key living over a year",
      { apiKeyExpiryDays: 400 },
      /^\[apiKeyExpiryDays\] must be a whole number between 1 and 365, got 400$/,
    ],
    [
      "a log retention CloudWatch does not offer",
      { logRetentionDays: 2 },
      /^\[logRetentionDays\] must be one of 1, 3, 5, 7, 14, .*got 2$/,
    ],
    ["an apartment id with a space", { apartments: ["A 1"] }, /^\[apartments\] ids must be 1-64 letters/],
    ["an apartment listed twice", { apartments: ["A-1", "A-1"] }, /^\[apartments\] lists an id twice/],
  ];
  for (const [what, args, message] of invalid) {
    it(`rejects ${what}, naming the argument`, async () => {
      await runUnderMocks(async () => {
        assert.throws(
          () => new BookingWorkflow(`bad-${what.length}`, args),
          (error: Error) => message.test(error.message),
        );
        return {};
      });
    });
  }
});
