/** Runs the policy rules over a stack's planned resources. */
import { plan } from "../plan";
import type { PolicyRule, Violation } from "./rule";
import { POLICY_RULES } from "./rules";

/** Every violation of `rules` in `stack`, as the program registers it under mocks. */
export async function evaluateStack(
  stack: string,
  rules: readonly PolicyRule[] = POLICY_RULES,
): Promise<Violation[]> {
  const { resources } = await plan(stack);
  return rules.flatMap((rule) => rule.check({ stack, resources }));
}

/** One line per violation: rule id, resource, what to change. */
export function formatViolation(stack: string, violation: Violation): string {
  return `${stack}: ${violation.rule}: ${violation.resource}: ${violation.fix}`;
}
