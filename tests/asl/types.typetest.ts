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

// Nested scopes are checked with their own names: a Parallel branch or a Map item processor cannot
// go to a state it does not declare (not even one of the outer scope).
StateMachineDefinition.fromAsl({
  StartAt: "Both",
  States: {
    Both: {
      Type: "Parallel",
      Branches: [
        // @ts-expect-error "Elsewhere" is not a state of this branch
        { StartAt: "Left", States: { Left: { Type: "Pass", Next: "Elsewhere" } } },
        // @ts-expect-error StartAt of a branch must name one of its states
        { StartAt: "Nope", States: { Right: { Type: "Succeed" } } },
      ],
      End: true,
    },
  },
});

StateMachineDefinition.fromAsl({
  StartAt: "Each",
  States: {
    Each: {
      Type: "Map",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Work",
        // @ts-expect-error "Each" belongs to the outer scope, not to the item processor
        States: { Work: { Type: "Pass", Next: "Each" } },
      },
      End: true,
    },
  },
});

// A field no state of its type has does not compile, at any level.
StateMachineDefinition.fromAsl({
  StartAt: "A",
  States: {
    // @ts-expect-error ResultPth is misspelled
    A: { Type: "Pass", ResultPth: "$.x", End: true },
  },
});
StateMachineDefinition.fromAsl({
  StartAt: "Both",
  States: {
    Both: {
      Type: "Parallel",
      // @ts-expect-error a Wait has no Resource
      Branches: [{ StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, Resource: "arn:x", End: true } } }],
      End: true,
    },
  },
});

// JSONPath-only fields do not compile in a JSONata state, nor JSONata fields in a JSONPath one.
StateMachineDefinition.fromAsl({
  QueryLanguage: "JSONata",
  StartAt: "A",
  States: {
    // @ts-expect-error Parameters is JSONPath-only; JSONata uses Arguments
    A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true },
  },
});
StateMachineDefinition.fromAsl({
  StartAt: "A",
  States: {
    // @ts-expect-error ResultSelector in a state that says it is JSONata
    A: { Type: "Task", QueryLanguage: "JSONata", Resource: "arn:aws:states:::lambda:invoke", ResultSelector: {}, End: true },
  },
});
StateMachineDefinition.fromAsl({
  QueryLanguage: "JSONata",
  StartAt: "A",
  States: {
    // @ts-expect-error InputPath is JSONPath-only
    A: { Type: "Pass", InputPath: "$.x", Next: "B" },
    // @ts-expect-error OutputPath is JSONPath-only
    B: { Type: "Succeed", OutputPath: "$.x" },
  },
});
StateMachineDefinition.fromAsl({
  StartAt: "A",
  States: {
    // @ts-expect-error Output is JSONata-only and the definition is JSONPath
    A: { Type: "Pass", Output: { x: 1 }, End: true },
  },
});

// What does compile: JSONata (definition- and state-level), variables, and a Distributed Map.
export const jsonata = StateMachineDefinition.fromAsl({
  QueryLanguage: "JSONata",
  StartAt: "Total",
  States: {
    Total: { Type: "Pass", Assign: { total: "{% $sum($states.input.items.price) %}" }, Output: null, Next: "Big?" },
    "Big?": {
      Type: "Choice",
      Choices: [{ Condition: "{% $total > 100 %}", Next: "Each", Output: { total: "{% $total %}" } }],
      Default: "Old",
    },
    Old: { Type: "Pass", QueryLanguage: "JSONPath", Parameters: { "total.$": "$total" }, ResultPath: "$.t", Next: "Each" },
    Each: {
      Type: "Map",
      Items: "{% $states.input.items %}",
      ItemProcessor: {
        ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" },
        StartAt: "Work",
        States: { Work: { Type: "Succeed" } },
      },
      ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSONL" }, Arguments: { Bucket: "b", Key: "k" } },
      ItemBatcher: { MaxItemsPerBatch: 10 },
      ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Arguments: { Bucket: "b", Prefix: "out" } },
      ToleratedFailurePercentage: 5,
      Label: "items",
      End: true,
    },
  },
});
export const legacyMap = StateMachineDefinition.fromAsl({
  StartAt: "M",
  States: {
    M: { Type: "Map", ItemsPath: "$.xs", Parameters: { "x.$": "$$.Map.Item.Value" }, Iterator: { StartAt: "I", States: { I: { Type: "Pass", End: true } } }, End: true },
  },
});
