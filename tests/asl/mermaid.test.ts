import assert from "node:assert/strict";
import {
  Choice,
  Condition,
  Fail,
  Parallel,
  Pass,
  StateMachineDefinition,
  Succeed,
  Task,
} from "../../definitions/asl";
import { FN_ARN } from "./fixtures";

describe("ASL builder: Mermaid diagrams", () => {
  it("draws start, choices with their conditions, catches, Parallel branches, Succeed and Fail", () => {
    const sorry = new Fail('Say "Sorry"', { error: "No" });
    const call = new Task("Call?", {
      integration: { resource: FN_ARN, permissions: [], pattern: "REQUEST_RESPONSE" },
    }).addCatch(sorry, {
      errors: ["States.Timeout", "Custom"],
    });
    const both = new Parallel("Both").branch(new Pass("Left"), new Pass("Right"));
    const choice = new Choice("Decide")
      .when(Condition.numberLessThan("$.n", 3), call)
      .otherwise(new Succeed("Done"));
    call.next(both);
    const text = StateMachineDefinition.fromChain(choice).toMermaid();
    assert.equal(
      text,
      [
        "flowchart TD",
        "  start_([start])",
        "  start_ --> s0",
        '  s0{"Decide"}',
        '  s0 -->|"$.n #lt; 3"| s1',
        "  s0 -->|otherwise| s2",
        '  s1["Call?"]',
        "  s1 --> s3",
        '  s1 -.->|"States.Timeout, Custom"| s4',
        '  s2(["Done"]):::succeed',
        "  end_([end])",
        "  s2 --> end_",
        '  subgraph s3 ["Both"]',
        "    direction TB",
        '    s5["Left"]',
        '    s6["Right"]',
        "  end",
        "  s3 --> end_",
        '  s4(["Say #quot;Sorry#quot;"]):::fail',
        "  classDef fail fill:#fde2e1,stroke:#c0392b,color:#7b241c",
        "  classDef succeed fill:#e3f6e5,stroke:#27ae60,color:#145a32",
        "",
      ].join("\n"),
    );
  });

  it("uses generated ids, so names with spaces, quotes and ? never break the diagram", () => {
    const text = StateMachineDefinition.fromChain(
      new Pass('With "Pineapple"? (maybe)').next(new Succeed("end")),
    ).toMermaid();
    const ids = [...text.matchAll(/^\s+(\w+)[[({]/gm)].map((match) => match[1]);
    assert.deepStrictEqual(ids, ["start_", "s0", "s1", "end_"]);
    assert.ok(text.includes('s0["With #quot;Pineapple#quot;? (maybe)"]'));
  });

  it("labels a Choice rule with its Comment when it has one", () => {
    const choice = new Choice("Paid?")
      .when(Condition.booleanEquals("$.paid", true), new Succeed("Keep"), { comment: "paid in time" })
      .otherwise(new Fail("Release"));
    assert.match(StateMachineDefinition.fromChain(choice).toMermaid(), /s0 -->\|"paid in time"\| s1/);
  });

  it("is deterministic", () => {
    const build = () => StateMachineDefinition.fromChain(new Pass("A").next(new Succeed("B"))).toMermaid();
    assert.equal(build(), build());
  });
});
