import assert from "node:assert/strict";
import type { PlanResult, PlannedResource } from "../../scripts/pulumiMocks";

/** Small lookups over a mocked run, so component tests read as specifications. */
export class Planned {
  constructor(readonly result: PlanResult) {}

  /** The resource of `type` named `name`; fails the test if there is not exactly one. */
  one(type: string, name: string): PlannedResource {
    const found = this.result.resources.filter(
      (resource) => resource.type === type && resource.name === name,
    );
    assert.equal(found.length, 1, `expected one ${type} named ${name}, found ${found.length}`);
    return found[0];
  }

  ofType(type: string): PlannedResource[] {
    return this.result.resources.filter((resource) => resource.type === type);
  }

  /** `type name` for every resource, sorted: the resource set. */
  inventory(): string[] {
    return this.result.resources.map((resource) => `${resource.type} ${resource.name}`).sort();
  }

  /** The parsed policy document of a RolePolicy, without its Version. */
  policy(name: string): { Effect: string; Action: string[]; Resource: string[] }[] {
    const policy = this.one("aws:iam/rolePolicy:RolePolicy", name);
    return (
      JSON.parse(String(policy.inputs.policy)) as {
        Statement: { Effect: string; Action: string[]; Resource: string[] }[];
      }
    ).Statement;
  }

  /** The service a role's trust policy lets assume it. */
  trustedService(roleName: string): string {
    const role = this.one("aws:iam/role:Role", roleName);
    return (
      JSON.parse(String(role.inputs.assumeRolePolicy)) as { Statement: { Principal: { Service: string } }[] }
    ).Statement[0].Principal.Service;
  }
}

/** The ARN the mocks give a resource (see scripts/pulumiMocks.ts). */
export const mockedArn = (service: string, resource: string, region = "us-east-1") =>
  `arn:aws:${service}:${region}:123456789012:${resource}`;
