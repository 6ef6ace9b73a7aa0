/**
 * The shape of a policy rule: `npm run policy` runs every rule over the resources a stack's
 * program registers under Pulumi mocks (the same data as `npm run plan --json`).
 */
import type { PlannedResource } from "../pulumiMocks";

/** What a rule looks at: one stack's planned resources. */
export interface PolicyContext {
  readonly stack: string;
  readonly resources: readonly PlannedResource[];
}

/** One broken rule: which, where, and what to change. */
export interface Violation {
  readonly rule: string;
  readonly resource: string;
  readonly fix: string;
}

/** A rule over a stack's resources. Rules live in `rules/<group>.ts`, listed in `rules/index.ts`. */
export interface PolicyRule {
  readonly id: string;
  readonly description: string;
  check(ctx: PolicyContext): Violation[];
}
