/**
 * Rewrites a definition into an equivalent one that aws-local-stepfunctions 3.0.0 evaluates as
 * Step Functions does. That version evaluates a type test with `false` (`"IsPresent": false`,
 * `"IsString": false`, ...) as never matching, where AWS matches when the test fails; the
 * equivalent `{"Not": {"IsPresent": true}}` is evaluated correctly. The deployed ASL is unchanged.
 */
import { nestedScopes } from "../definitions/asl";
import type { AslDefinition, BranchJson, ConditionJson, StateJson } from "../definitions/asl";

const TYPE_TESTS = ["IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp"] as const;

/** A copy of `asl` with every negative type test written as `Not` of a positive one. */
export function withEngineQuirksFixed<T extends AslDefinition | BranchJson>(asl: T): T {
  const copy = structuredClone(asl);
  fixScope(copy);
  return copy;
}

function fixScope(scope: BranchJson): void {
  for (const state of Object.values(scope.States as Record<string, StateJson>)) {
    if (state.Type === "Choice")
      state.Choices = state.Choices.map((rule) => ({ ...fixCondition(rule), Next: rule.Next }));
    nestedScopes(state).forEach(fixScope);
  }
}

function fixCondition(condition: ConditionJson): ConditionJson {
  if (condition.And) return { ...condition, And: condition.And.map(fixCondition) };
  if (condition.Or) return { ...condition, Or: condition.Or.map(fixCondition) };
  if (condition.Not) return { ...condition, Not: fixCondition(condition.Not) };
  for (const test of TYPE_TESTS) {
    if (condition[test] === false) {
      const { [test]: _negative, Comment, ...rest } = condition;
      return { ...(Comment !== undefined ? { Comment } : {}), Not: { ...rest, [test]: true } };
    }
  }
  return condition;
}
