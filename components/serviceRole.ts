import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../definitions/asl";
import type { StatementInput } from "./policy";
import { assumedBy, policyDocument } from "./policy";

/** A role and its inline policy. */
export interface ServiceRole {
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
}

/**
 * A role that one AWS service assumes, with an inline policy of exactly `statements`: the one shape
 * every role here has. Named `${name}-role` and `${name}-policy`.
 */
export function serviceRole(
  name: string,
  service: string,
  statements: pulumi.Input<readonly (StatementInput | PolicyStatement)[]>,
  tags: Record<string, string>,
  parent: pulumi.Resource,
): ServiceRole {
  const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: assumedBy(service), tags }, { parent });
  const policy = new aws.iam.RolePolicy(
    `${name}-policy`,
    { role: role.id, policy: policyDocument(statements) },
    { parent },
  );
  return { role, policy };
}
