/**
 * Type tests: compiled by `npm run typecheck`, never run. Each `@ts-expect-error` line must fail to
 * compile; if it ever compiles, TypeScript reports the directive as unused and the type check fails.
 * tests/asl/typeErrors.test.ts also checks the compiler's message for the key cases.
 * (Excluded from Prettier: each directive must stay directly above the line that fails.)
 */
import { Chain, Choice, Condition, Fail, Pass, StateMachineDefinition, Succeed } from "../../definitions/asl";
import type { AslDefinition, StateJson, TaskStateJson } from "../../definitions/asl";

// A reference to a state that is never declared does not compile: Next, Default, Catch and StartAt.
StateMachineDefinition.fromAsl({
  StartAt: "Order",
  States: {
    // @ts-expect-error "Box" is not a state of this definition
    Order: { Type: "Pass", Next: "Box" },
  },
});

StateMachineDefinition.fromAsl({
  StartAt: "Decide",
  States: {
    // @ts-expect-error the Default "Nowhere" is not declared
    Decide: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Done" }], Default: "Nowhere" },
    Done: { Type: "Succeed" },
  },
});

StateMachineDefinition.fromAsl({
  StartAt: "Call",
  States: {
    // @ts-expect-error the Catch target "Recover" is not declared
    Call: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:1:function:f", End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Recover" }] },
  },
});

StateMachineDefinition.fromAsl({
  // @ts-expect-error StartAt must name a declared state
  StartAt: "Begin",
  States: { Done: { Type: "Succeed" } },
});

// A state has Next or End, never both, and never neither.
// @ts-expect-error Next and End together
export const both: TaskStateJson<"A"> = { Type: "Task", Resource: "arn:aws:lambda:us-east-1:1:function:f", Next: "A", End: true };
// @ts-expect-error neither Next nor End
export const neither: StateJson<"A"> = { Type: "Pass" };

// A definition's States hold exactly its names.
export const typed: AslDefinition<"A" | "B"> = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } };
// @ts-expect-error a state named in the type is missing
export const missing: AslDefinition<"A" | "B"> = { StartAt: "A", States: { A: { Type: "Succeed" } } };

// Terminal states and Choice have no next(): they cannot be followed.
// @ts-expect-error a Succeed state ends the workflow
new Succeed("Done").next(new Pass("More"));
// @ts-expect-error a Fail state ends the workflow
new Fail("Sorry").next(new Pass("More"));
// @ts-expect-error a Choice is continued with afterwards(), not next()
new Choice("Decide").when(Condition.isPresent("$.a"), new Pass("A")).next(new Pass("B"));

// Conditions are made only through the factories.
// @ts-expect-error the constructor is private
new Condition();

// What does compile: a chain and a fully declared raw definition.
export const ok = StateMachineDefinition.fromChain(Chain.sequence(new Pass("A"), new Succeed("B")));
export const raw = StateMachineDefinition.fromAsl({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } });
export const names: ("A" | "B")[] = raw.stateNames;
