import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { plan } from "../../scripts/plan";
import type { PlanResult, PlannedResource } from "../../scripts/pulumiMocks";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";

/** Runs the stack's program with the clock at `iso` (only Date is faked; timers run as usual). */
async function planAt(stack: string, iso: string): Promise<PlanResult> {
  const clock = FakeTimers.install({ now: new Date(iso), toFake: ["Date"] });
  try {
    return await plan(stack);
  } finally {
    clock.uninstall();
  }
}

/**
 * How terraform-provider-aws reads an API key's expiry back from AppSync
 * (internal/service/appsync/api_key.go: `time.Unix(...).UTC().Format(time.RFC3339)`): whole
 * seconds, `Z`. An input written any other way differs from the state on every preview.
 */
const providerReadBack = (expires: string) =>
  new Date(Date.parse(expires)).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("A second `pulumi up` on the same day changes nothing", function () {
  this.timeout(180_000);
  let morning: PlanResult;
  let afternoon: PlanResult;

  before(async () => {
    morning = await planAt("prod", "2026-11-25T08:05:00Z");
    afternoon = await planAt("prod", "2026-11-25T14:40:00Z");
  });

  // Registration order varies (bundles are built asynchronously), so resources are matched by type and name.
  const key = (resource: PlannedResource) => `${resource.type} ${resource.name}`;
  const sorted = (result: PlanResult) => [...result.resources].sort((a, b) => key(a).localeCompare(key(b)));

  it("registers the same resources with the same options", () => {
    const shape = (result: PlanResult) =>
      sorted(result).map(({ type, name, parent, ignoreChanges, protect, retainOnDelete, dependsOn }) => ({
        type,
        name,
        parent,
        ignoreChanges,
        protect,
        retainOnDelete,
        dependsOn,
      }));
    assert.deepStrictEqual(shape(afternoon), shape(morning));
  });

  it("gives every resource identical inputs, hours later", () => {
    const later = new Map(afternoon.resources.map((resource) => [key(resource), resource]));
    for (const resource of morning.resources)
      assert.deepStrictEqual(later.get(key(resource))?.inputs, resource.inputs, key(resource));
  });

  it("uploads byte-identical function bundles", () => {
    const bundles = morning.resources
      .filter((resource) => resource.type === "aws:lambda/function:Function")
      .map((resource) => JSON.stringify(resource.inputs.code));
    assert.equal(bundles.length, 1 + BOOKING_RESOLVERS.length);
    for (const bundle of bundles) assert.match(bundle, /"sha256":"[0-9a-f]{64}"/);
  });

  it("writes the API key's expiry exactly as the provider reads it back", () => {
    const keys = afternoon.resources.filter((resource) => resource.type === "aws:appsync/apiKey:ApiKey");
    assert.equal(keys.length, 1);
    for (const key of keys) {
      const expires = String(key.inputs.expires);
      assert.equal(expires, providerReadBack(expires));
    }
  });
});
