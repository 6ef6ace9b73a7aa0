import assert from "node:assert/strict";
import { paymentWindowSeconds, stateMachineArn, tableName } from "../../handlers/booking/lib/env";
import { parseApartmentId, parseBookingId } from "../../handlers/booking/lib/validation";

describe("apartment ids", () => {
  for (const id of ["A-101", "a", "flat_2.b", "x".repeat(64)]) {
    it(`accepts ${JSON.stringify(id.length > 10 ? `${id.length} characters` : id)}`, () => {
      assert.equal(parseApartmentId(id), id);
    });
  }
  const refused: [string, unknown, string][] = [
    ["an empty id", "", '""'],
    ["a space", "a b", '"a b"'],
    ["a slash", "A/101", '"A/101"'],
    ["65 characters", "x".repeat(65), `"${"x".repeat(65)}"`],
    ["a number", 101, "101"],
    ["null", null, "null"],
  ];
  for (const [what, value, shown] of refused) {
    it(`refuses ${what} as BadRequest, saying what is allowed and what it got`, () => {
      assert.throws(() => parseApartmentId(value), {
        name: "BadRequest",
        message: `apartmentId must be 1-64 characters of letters, digits, '.', '_' or '-'; got ${shown}`,
      });
    });
  }

  it("names the argument it checked", () => {
    assert.throws(() => parseApartmentId("a b", "id"), { message: /^id must be/ });
  });
});

describe("booking ids (execution names)", () => {
  for (const id of ["b-1", "my_first_booking", "3f1c0d2e-8a7b-4c5d-9e6f-0a1b2c3d4e5f", "x".repeat(80)]) {
    it(`accepts ${JSON.stringify(id.length > 40 ? `${id.length} characters` : id)}`, () => {
      assert.equal(parseBookingId(id), id);
    });
  }
  for (const [what, value] of [
    ["an empty id", ""],
    ["81 characters", "x".repeat(81)],
    ["a space", "has space"],
    ["a '.' (allowed in apartment ids only)", "b.1"],
    ["a ':' (it would break the execution ARN)", "b:1"],
    ["non-ASCII letters", "bücher"],
  ] as const) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseBookingId(value), {
        name: "BadRequest",
        message: /^bookingId must be 1-80 characters of letters, digits, '_' or '-'; got "/,
      });
    });
  }

  it("shortens a huge value in the message", () => {
    assert.throws(
      () => parseBookingId("y".repeat(10_000)),
      (error: Error) => error.message.length < 200,
    );
  });
});

describe("the resolvers' environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["TABLE_NAME", "STATE_MACHINE_ARN", "PAYMENT_WINDOW_SECONDS"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("names a missing variable", () => {
    delete process.env.TABLE_NAME;
    assert.throws(tableName, {
      name: "ConfigurationError",
      message: "The resolver is misconfigured: environment variable TABLE_NAME is not set",
    });
  });

  it("refuses a STATE_MACHINE_ARN that is not a state machine's", () => {
    process.env.STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:execution:m:b-1";
    assert.throws(stateMachineArn, { name: "ConfigurationError", message: /must be a state machine ARN/ });
    process.env.STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    assert.equal(stateMachineArn(), "arn:aws:states:us-east-1:000000000000:stateMachine:m");
  });

  for (const value of ["0", "1.5", "ten"]) {
    it(`refuses PAYMENT_WINDOW_SECONDS=${value}`, () => {
      process.env.PAYMENT_WINDOW_SECONDS = value;
      assert.throws(paymentWindowSeconds, {
        name: "ConfigurationError",
        message: `PAYMENT_WINDOW_SECONDS must be a whole number of seconds >= 1, got "${value}"`,
      });
    });
  }
});
