/** IAM: no wildcard actions, wildcard resources only where AWS requires them, one trusted service per role. */
import { LOG_DELIVERY } from "../../../components/workflowStateMachine";
import { UNSCOPED_ACTIONS } from "../../../definitions/asl/integrations/unscopedActions";
import { jsonInput, ofType, violation } from "../resources";
import type { PolicyRule, Violation } from "../rule";
import type { PlannedResource } from "../../pulumiMocks";

/**
 * Actions AWS grants only on `*`: the log-delivery actions a state machine's logging configuration
 * needs (log deliveries are not resources IAM can name), and every action of the builder's table of
 * actions with no resource-level permissions (UNSCOPED_ACTIONS, X-Ray's among them), read from
 * definitions/ so the deploy policy and the derived IAM agree.
 */
export const WILDCARD_RESOURCE_ACTIONS: ReadonlySet<string> = new Set([
  ...LOG_DELIVERY.Action,
  ...Object.keys(UNSCOPED_ACTIONS),
]);

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: unknown;
}
interface Document {
  readonly Statement?: Statement | Statement[];
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every permission statement the plan grants: inline role policies and managed policies. */
function grants(
  resources: readonly PlannedResource[],
): { resource: PlannedResource; statement: Statement }[] {
  return resources
    .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy")
    .flatMap((resource) =>
      list(jsonInput<Document>(resource, "policy")?.Statement).map((statement) => ({ resource, statement })),
    );
}

const GRANT_RULES: PolicyRule[] = [
  {
    id: "iam-no-wildcard-action",
    description: "No policy allows an action with a wildcard, or NotAction",
    check: (ctx) =>
      grants(ctx.resources)
        .filter(({ statement }) => statement.Effect === "Allow")
        .flatMap(({ resource, statement }): Violation[] => [
          ...list(statement.Action)
            .filter((action) => action.includes("*"))
            .map((action) =>
              violation(
                "iam-no-wildcard-action",
                resource,
                `replace "${action}" with the actions the code calls`,
              ),
            ),
          ...(statement.NotAction
            ? [
                violation(
                  "iam-no-wildcard-action",
                  resource,
                  "replace NotAction with the actions the code calls",
                ),
              ]
            : []),
        ]),
  },
  {
    id: "iam-wildcard-resource",
    description:
      "Resource * only for the log-delivery actions and the actions with no resource-level permissions (UNSCOPED_ACTIONS) AWS grants on * alone",
    check: (ctx) =>
      grants(ctx.resources)
        .filter(
          ({ statement }) =>
            statement.Effect === "Allow" &&
            list(statement.Resource).some((r) => r.includes("*") && !r.endsWith(":*")),
        )
        .flatMap(({ resource, statement }) =>
          list(statement.Action)
            .filter((action) => !WILDCARD_RESOURCE_ACTIONS.has(action))
            .map((action) =>
              violation(
                "iam-wildcard-resource",
                resource,
                `grant ${action} on the ARNs it needs, not on a wildcard resource`,
              ),
            ),
        ),
  },
  {
    id: "iam-trust-one-service",
    description: "Each role's trust policy lets exactly one AWS service assume it, and nothing else",
    check: (ctx) =>
      ofType(ctx, "aws:iam/role:Role").flatMap((role): Violation[] => {
        const statements = list(jsonInput<Document>(role, "assumeRolePolicy")?.Statement);
        const principals = statements.map(
          (statement) => statement.Principal as { Service?: unknown } | undefined,
        );
        const services = principals.flatMap((principal) =>
          list(principal?.Service as string | string[] | undefined),
        );
        const onlyServices = principals.every(
          (principal) =>
            principal && typeof principal === "object" && Object.keys(principal).join() === "Service",
        );
        return statements.length === 1 &&
          onlyServices &&
          services.length === 1 &&
          services[0].endsWith(".amazonaws.com")
          ? []
          : [
              violation(
                "iam-trust-one-service",
                role,
                `trust exactly one service principal (e.g. lambda.amazonaws.com), got ${JSON.stringify(principals)}`,
              ),
            ];
      }),
  },
];

/** Inputs through which a resource hands a role to an AWS service that will use it at once. */
const ROLE_INPUTS = ["role", "roleArn", "serviceRoleArn", "credentialsArn"];

const POLICY_BEFORE_USE: PolicyRule = {
  id: "iam-policy-before-use",
  description:
    "A resource that hands a role to a service waits for the role's policies (dependsOn), so the first call after a deploy is not refused",
  check: (ctx) => {
    const roles = ofType(ctx, "aws:iam/role:Role");
    const policiesOf = (role: PlannedResource) =>
      ofType(ctx, "aws:iam/rolePolicy:RolePolicy").filter((policy) => policy.dependsOn?.includes(role.name));
    return ctx.resources.flatMap((resource) =>
      ROLE_INPUTS.flatMap((input) => {
        const role = roles.find((candidate) => candidate.outputs?.arn === resource.inputs[input]);
        if (!role || resource.type === "aws:iam/rolePolicy:RolePolicy") return [];
        return policiesOf(role)
          .filter((policy) => !resource.dependsOn?.includes(policy.name))
          .map((policy) =>
            violation(
              "iam-policy-before-use",
              resource,
              `add dependsOn: [${policy.name}]: ${input} is ${role.name}, whose permissions that policy grants`,
            ),
          );
      }),
    );
  },
};

export const IAM_RULES: PolicyRule[] = [...GRANT_RULES, POLICY_BEFORE_USE];
