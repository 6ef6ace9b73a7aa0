import assert from "node:assert/strict";
import { BookingWorkflow } from "../../components/BookingWorkflow";
import { PizzaWorkflow } from "../../components/PizzaWorkflow";
import type { PlannedResource } from "../../scripts/pulumiMocks";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { BOOKING_RESOLVERS } from "../../handlers/booking/resolvers";

/** What `pulumi up` would register for both workflows, with the booking data kept or not. */
async function planWorkflows(deletionProtection?: boolean): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(async () => {
    new PizzaWorkflow("pizza");
    new BookingWorkflow("booking", { apartments: ["A-1", "A-2"], deletionProtection });
    return {};
  });
  return resources;
}

describe("Deploys that neither lose data nor race IAM", function () {
  this.timeout(60_000);

  let resources: PlannedResource[];
  before(async () => {
    resources = await planWorkflows();
  });

  describe("where data is kept (the default, and prod)", () => {
    it("protects the table from `pulumi destroy` and keeps it in AWS even once unprotected", () => {
      const table = resources.find((r) => r.type === "aws:dynamodb/table:Table");
      assert.equal(table?.protect, true);
      assert.equal(table?.retainOnDelete, true);
      assert.equal(table?.inputs.deletionProtectionEnabled, true);
    });

    it("only forgets a seeded apartment removed from config, leaving its item and booking in the table", () => {
      const items = resources.filter((r) => r.type === "aws:dynamodb/tableItem:TableItem");
      assert.equal(items.length, 2);
      for (const item of items) {
        assert.equal(item.retainOnDelete, true, item.name);
        assert.deepStrictEqual(item.ignoreChanges, ["item"], item.name);
      }
    });
  });

  it("lets a throwaway stack delete its table and items", async () => {
    const throwaway = await planWorkflows(false);
    for (const resource of throwaway.filter((r) => r.type.startsWith("aws:dynamodb/"))) {
      assert.equal(resource.protect, undefined, resource.name);
      assert.equal(resource.retainOnDelete, undefined, resource.name);
    }
  });

  describe("ordering", () => {
    const dependsOn = (name: string) => resources.find((r) => r.name === name)?.dependsOn ?? [];

    it("creates every function after its role's policy, so its first invocation may use the table and logs", () => {
      const functions = resources.filter((r) => r.type === "aws:lambda/function:Function");
      // The pizza order function and one per resolver in the manifest.
      assert.equal(functions.length, 1 + BOOKING_RESOLVERS.length);
      for (const fn of functions) assert.ok(dependsOn(fn.name).includes(`${fn.name}-policy`), fn.name);
    });

    it("creates every AppSync data source after the policy that lets AppSync invoke its function", () => {
      const dataSources = resources.filter((r) => r.type === "aws:appsync/dataSource:DataSource");
      assert.equal(dataSources.length, BOOKING_RESOLVERS.length);
      for (const ds of dataSources) assert.ok(dependsOn(ds.name).includes(`${ds.name}-policy`), ds.name);
    });

    it("integrates the pizza API only once API Gateway may start executions", () => {
      assert.ok(dependsOn("pizza-start-sync-execution").includes("pizza-api-policy"));
    });

    it("creates state machines after their role's policy, which Step Functions checks for logging", () => {
      for (const machine of resources.filter((r) => r.type === "aws:sfn/stateMachine:StateMachine"))
        assert.ok(dependsOn(machine.name).includes(`${machine.name}-policy`), machine.name);
    });
  });
});
