/** Small helpers the policy rules share to read planned resources. */
import type { PlannedResource } from "../pulumiMocks";
import type { PolicyContext, Violation } from "./rule";

/** How a violation names a resource: `name (type)`, as `npm run plan` lists them. */
export function label(resource: PlannedResource): string {
  return `${resource.name} (${resource.type})`;
}

/** The resources of one Pulumi type, e.g. `aws:lambda/function:Function`. */
export function ofType(ctx: PolicyContext, type: string): readonly PlannedResource[] {
  return ctx.resources.filter((resource) => resource.type === type);
}

/** A violation of `rule` by `resource`, saying what to change. */
export function violation(rule: string, resource: PlannedResource, fix: string): Violation {
  return { rule, resource: label(resource), fix };
}

/** An input holding JSON text (policies, definitions), parsed; undefined when absent or not JSON. */
export function jsonInput<T>(resource: PlannedResource, key: string): T | undefined {
  const value = resource.inputs[key];
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

/** An input object's field, e.g. `field(resource, "loggingConfiguration", "level")`. */
export function field(resource: PlannedResource, ...path: string[]): unknown {
  let value: unknown = resource.inputs;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Stacks whose data must survive any deploy or destroy. */
export function isProduction(ctx: PolicyContext): boolean {
  return ctx.stack === "prod" || ctx.stack.startsWith("prod-");
}
