import assert from "node:assert/strict";
import {
  Chain,
  Choice,
  Condition,
  Fail,
  Map,
  Parallel,
  Pass,
  StateMachineDefinition,
  Succeed,
  Task,
  Wait,
  WaitTime,
} from "../../definitions/asl";
import { FN_ARN } from "./fixtures";

const invoke = (name: string, extra: Partial<ConstructorParameters<typeof Task>[1]> = {}) =>
  new Task(name, {
    queryLanguage: "JSONata",
    integration: {
      resource: "arn:aws:states:::lambda:invoke",
      arguments: { FunctionName: FN_ARN, Payload: "{% $states.input %}" },
      permissions: [{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN_ARN] }],
      pattern: "REQUEST_RESPONSE",
    },
    ...extra,
  });

describe("ASL builder: JSONata and variables", () => {
  it("renders a JSONata workflow with Arguments, Output, Assign, a JSONata Choice and expressions, keeping QueryLanguage on states that give it and leaving it out on states that follow the definition", () => {
    const total = new Pass("Total", {
      queryLanguage: "JSONata",
      assign: { total: "{% $sum($states.input.items.price) %}" },
      output: "{%$states.input%}",
    });
    const price = invoke("Price", {
      output: { price: "{% $states.result.Payload %}" },
      timeoutSeconds: "{% $total > 100 ? 60 : 30 %}",
      assign: { priced: true },
    }).addCatch(new Fail("Failed", { error: "PriceFailed", cause: "{% $states.errorOutput.Cause %}" }), {
      output: "{% $states.errorOutput %}",
      assign: { failedAt: "{% $now() %}" },
    });
    const decide = new Choice("Big?")
      .when(
        Condition.jsonata("{% $total > 100 %}"),
        new Succeed("Big", { queryLanguage: "JSONata", output: null }),
        {
          assign: { big: true },
          output: { total: "{% $total %}" },
        },
      )
      .otherwise(
        new Wait("Later", { time: WaitTime.secondsExpression("{% $total %}") }).next(new Succeed("Small")),
      );
    const definition = StateMachineDefinition.fromChain(Chain.start(total).next(price).next(decide), {
      queryLanguage: "JSONata",
    });
    assert.deepStrictEqual(definition.toAsl(), {
      QueryLanguage: "JSONata",
      StartAt: "Total",
      States: {
        Total: {
          Type: "Pass",
          // Given explicitly, so kept although it equals the definition's (imported ASL round trips).
          QueryLanguage: "JSONata",
          Output: "{%$states.input%}",
          Assign: { total: "{% $sum($states.input.items.price) %}" },
          Next: "Price",
        },
        Price: {
          Type: "Task",
          QueryLanguage: "JSONata",
          Output: { price: "{% $states.result.Payload %}" },
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: FN_ARN, Payload: "{% $states.input %}" },
          TimeoutSeconds: "{% $total > 100 ? 60 : 30 %}",
          Assign: { priced: true },
          Catch: [
            {
              ErrorEquals: ["States.ALL"],
              Output: "{% $states.errorOutput %}",
              Assign: { failedAt: "{% $now() %}" },
              Next: "Failed",
            },
          ],
          Next: "Big?",
        },
        "Big?": {
          Type: "Choice",
          Choices: [
            {
              Condition: "{% $total > 100 %}",
              Assign: { big: true },
              Output: { total: "{% $total %}" },
              Next: "Big",
            },
          ],
          Default: "Later",
        },
        Failed: { Type: "Fail", Error: "PriceFailed", Cause: "{% $states.errorOutput.Cause %}" },
        Big: { Type: "Succeed", QueryLanguage: "JSONata", Output: null },
        Later: { Type: "Wait", Seconds: "{% $total %}", Next: "Small" },
        Small: { Type: "Succeed" },
      },
    } as never);
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN_ARN] },
    ]);
  });

  it("marks a JSONPath state inside a JSONata definition, and a JSONata state inside a JSONPath one", () => {
    const old = new Pass("Old", { parameters: { "total.$": "$total" }, resultPath: "$.t" });
    const modern = new Pass("Modern", { output: "{% $states.input.t %}" }); // JSONata by its field
    const inJsonata = StateMachineDefinition.fromChain(Chain.start(old).next(new Succeed("Done")), {
      queryLanguage: "JSONata",
    }).toAsl();
    assert.equal((inJsonata.States.Old as { QueryLanguage?: string }).QueryLanguage, "JSONPath");
    assert.equal((inJsonata.States.Done as { QueryLanguage?: string }).QueryLanguage, undefined);
    const inJsonPath = StateMachineDefinition.fromChain(modern).toAsl();
    assert.equal((inJsonPath.States.Modern as { QueryLanguage?: string }).QueryLanguage, "JSONata");
  });

  it("renders Assign in JSONPath, reading variables with $name in paths", () => {
    const asl = StateMachineDefinition.fromChain(
      new Pass("Remember", {
        assign: { "customer.$": "$.customer", attempts: 0 },
        parameters: { "name.$": "$customer.name" },
      }),
    ).toAsl();
    assert.deepStrictEqual(asl.States.Remember, {
      Type: "Pass",
      Parameters: { "name.$": "$customer.name" },
      Assign: { "customer.$": "$.customer", attempts: 0 },
      End: true,
    });
  });

  it("renders a JSONata Parallel and Map with Arguments, Items and ItemSelector", () => {
    const parallel = new Parallel("Both", {
      queryLanguage: "JSONata",
      arguments: { id: "{% $states.input.id %}" },
    })
      .branch(new Pass("Left"))
      .branch(new Pass("Right"));
    const map = new Map("Each", {
      queryLanguage: "JSONata",
      items: "{% $states.input.items %}",
      itemSelector: { item: "{% $states.context.Map.Item.Value %}" },
      maxConcurrency: 5,
    }).itemProcessor(new Pass("Work"));
    const asl = StateMachineDefinition.fromChain(Chain.start(parallel).next(map)).toAsl();
    assert.deepStrictEqual(asl.States.Both, {
      Type: "Parallel",
      QueryLanguage: "JSONata",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
        { StartAt: "Right", States: { Right: { Type: "Pass", End: true } } },
      ],
      Arguments: { id: "{% $states.input.id %}" },
      Next: "Each",
    });
    assert.deepStrictEqual(asl.States.Each, {
      Type: "Map",
      QueryLanguage: "JSONata",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Work",
        States: { Work: { Type: "Pass", End: true } },
      },
      Items: "{% $states.input.items %}",
      ItemSelector: { item: "{% $states.context.Map.Item.Value %}" },
      MaxConcurrency: 5,
      End: true,
    });
  });

  describe("refuses to mix the languages in one state, naming the state and the field", () => {
    const cases: [string, () => unknown, RegExp][] = [
      [
        "Parameters in a JSONata Pass",
        () => new Pass("P", { queryLanguage: "JSONata", parameters: { a: 1 } }),
        /State "P": Parameters is a JSONPath field, but the state is JSONata/,
      ],
      [
        "ResultPath and Output together",
        () => new Pass("P", { queryLanguage: "JSONata", resultPath: "$.x" }),
        /ResultPath is a JSONPath field/,
      ],
      [
        "a JSONata condition next to a JSONPath one",
        () =>
          new Choice("C", { queryLanguage: "JSONata" })
            .when(Condition.jsonata("{% true %}"), new Succeed("A"))
            .when(Condition.isPresent("$.x"), new Succeed("B")),
        /State "C": rule 2 Variable is a JSONPath field, but the state is JSONata/,
      ],
      [
        "a JSONPath condition after a JSONata one, without queryLanguage",
        () =>
          new Choice("C")
            .when(Condition.jsonata("{% true %}"), new Succeed("A"))
            .when(Condition.isPresent("$.x"), new Succeed("B")),
        /State "C": rule 2 Variable is a JSONPath field, but the state is JSONata \(set by rule 1 Condition\)/,
      ],
      [
        "a Catch ResultPath in a JSONata Task",
        () => invoke("T").addCatch(new Succeed("S"), { resultPath: "$.error" }),
        /State "T": Catch ResultPath is a JSONPath field, but the state is JSONata/,
      ],
      [
        ".$ keys in JSONata Assign",
        () => new Pass("P", { queryLanguage: "JSONata", assign: { "x.$": "$.x" } }),
        /State "P" Assign.x.\$: JSONata has no "\.\$" keys/,
      ],
      [
        "an invalid variable name",
        () => new Pass("P", { assign: { "1st": 1 } }),
        /State "P" Assign: "1st" is not a valid variable name/,
      ],
      [
        "a blank expression",
        () => Condition.jsonata("{%  %}"),
        /Condition.jsonata: "\{%  %\}" is not a JSONata expression/,
      ],
      [
        "combining JSONata conditions with Condition.and",
        () => Condition.and(Condition.jsonata("{% true %}")),
        /combine JSONata ones inside one expression/,
      ],
    ];
    for (const [what, build, message] of cases) {
      it(what, () => assert.throws(build, message));
    }
  });

  it("draws a JSONata Choice rule with its condition", () => {
    const definition = StateMachineDefinition.fromChain(
      new Choice("Big?", { queryLanguage: "JSONata" })
        .when(Condition.jsonata("{% $states.input.total > 100 %}"), new Succeed("Big"))
        .otherwise(new Succeed("Small")),
    );
    assert.ok(
      definition.toMermaid().includes('s0 -->|"$states.input.total #gt; 100"| s1'),
      definition.toMermaid(),
    );
  });

  it("renders a Task's Credentials (a role to assume)", () => {
    const task = invoke("Cross Account", {
      credentials: { RoleArn: "arn:aws:iam::111122223333:role/other" },
    });
    const state = StateMachineDefinition.fromChain(task).toAsl().States["Cross Account"] as {
      Credentials?: unknown;
    };
    assert.deepStrictEqual(state.Credentials, { RoleArn: "arn:aws:iam::111122223333:role/other" });
  });
});
