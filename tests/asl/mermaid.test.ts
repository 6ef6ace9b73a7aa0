import assert from "node:assert/strict";
import { Condition } from "../../definitions/asl/condition";
import { aslToMermaid } from "../../definitions/asl/mermaid";
import type { AslDefinition, StateJson } from "../../definitions/asl/types";

const FN_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:order";
const CLASS_DEFS = [
  "  classDef fail fill:#fde2e1,stroke:#c0392b,color:#7b241c",
  "  classDef succeed fill:#e3f6e5,stroke:#27ae60,color:#145a32",
];

/** A definition of one state (plus a Succeed after it), to look at how that state is drawn. */
function around(name: string, state: StateJson): AslDefinition {
  return { StartAt: name, States: { [name]: state, Done: { Type: "Succeed" } } };
}

describe("ASL builder: Mermaid diagrams", () => {
  it("draws start, a Choice with its conditions, a Catch, a Parallel's branches, Succeed and Fail", () => {
    const asl: AslDefinition = {
      StartAt: "Decide",
      States: {
        Decide: {
          Type: "Choice",
          Choices: [{ ...Condition.numberLessThan("$.n", 3).toJson(), Next: "Call?" }],
          Default: "Done",
        },
        "Call?": {
          Type: "Task",
          Resource: FN_ARN,
          Next: "Both",
          Catch: [{ ErrorEquals: ["States.Timeout", "Custom"], Next: 'Say "Sorry"' }],
        },
        Done: { Type: "Succeed" },
        Both: {
          Type: "Parallel",
          End: true,
          Branches: [
            { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
            {
              StartAt: "Right",
              States: {
                Right: { Type: "Wait", Seconds: 1, Next: "Right done" },
                "Right done": { Type: "Pass", End: true },
              },
            },
          ],
        },
        'Say "Sorry"': { Type: "Fail", Error: "No" },
      },
    };
    assert.equal(
      aslToMermaid(asl),
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
        "    s3_start([branches])",
        '    s5["Left"]',
        '    s6[/"Right"/]',
        "    s6 --> s7",
        '    s7["Right done"]',
        "    s3_start --> s5",
        "    s3_start --> s6",
        "  end",
        "  s3 --> end_",
        '  s4(["Say #quot;Sorry#quot;"]):::fail',
        ...CLASS_DEFS,
        "",
      ].join("\n"),
    );
  });

  it("draws a Map as a subgraph whose entry points at its item processor's first state", () => {
    const asl = around("Each", {
      Type: "Map",
      ItemsPath: "$.items",
      Next: "Done",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Inner",
        States: { Inner: { Type: "Pass", End: true } },
      },
    });
    assert.equal(
      aslToMermaid(asl),
      [
        "flowchart TD",
        "  start_([start])",
        "  start_ --> s0",
        '  subgraph s0 ["Each"]',
        "    direction TB",
        "    s0_start([each item])",
        '    s1["Inner"]',
        "    s0_start --> s1",
        "  end",
        "  s0 --> s2",
        '  s2(["Done"]):::succeed',
        "  end_([end])",
        "  s2 --> end_",
        ...CLASS_DEFS,
        "",
      ].join("\n"),
    );
  });

  it("labels Choice rules with the same text as Condition.toString(), or with the rule's Comment", () => {
    const paid = Condition.and(Condition.isPresent("$.paid"), Condition.booleanEquals("$.paid", true));
    const asl = around("Paid?", {
      Type: "Choice",
      Choices: [
        { ...paid.toJson(), Next: "Done" },
        { ...Condition.stringEquals("$.state", "late").toJson(), Comment: "too late", Next: "Done" },
      ],
    });
    const text = aslToMermaid(asl);
    assert.ok(text.includes(`  s0 -->|"${paid.toString()}"| s1\n`), text);
    assert.ok(text.includes('  s0 -->|"too late"| s1\n'), text);
  });

  describe("uses generated ids and quoted labels, so no state name can break the diagram", () => {
    const names = ['With "Pineapple"? (maybe)', "end", "a --> b", "x[y]{z}", "Order #1", "#quot;", "<b>"];
    for (const name of names) {
      it(`draws the state ${JSON.stringify(name)} as s0`, () => {
        const lines = aslToMermaid(around(name, { Type: "Pass", Next: "Done" })).split("\n");
        assert.equal(lines[3].replace(/\[".*"\]$/, '["…"]'), '  s0["…"]');
        assert.equal(lines[4], "  s0 --> s1");
        assert.doesNotMatch(lines[3].slice(6, -2), /["<>]/);
      });
    }

    it("escapes quotes, angle brackets and would-be entity codes, and leaves other text as is", () => {
      const label = (name: string) =>
        aslToMermaid(around(name, { Type: "Pass", Next: "Done" })).split("\n")[3];
      assert.equal(label('With "Pineapple"? (maybe)'), '  s0["With #quot;Pineapple#quot;? (maybe)"]');
      assert.equal(label("<b>"), '  s0["#lt;b#gt;"]');
      assert.equal(label("#quot;"), '  s0["#35;quot;"]');
      assert.equal(label("Order #1"), '  s0["Order #1"]');
    });
  });

  it("draws a Wait as a parallelogram and a Fail with the fail class", () => {
    const text = aslToMermaid({
      StartAt: "Hold",
      States: { Hold: { Type: "Wait", Seconds: 5, Next: "Stop" }, Stop: { Type: "Fail" } },
    });
    assert.match(text, /^ {2}s0\[\/"Hold"\/\]$/m);
    assert.match(text, /^ {2}s1\(\["Stop"\]\):::fail$/m);
    assert.doesNotMatch(text, /end_/, "a Fail is not an end of success");
  });

  it("is deterministic: the same definition gives the same text", () => {
    const build = () =>
      aslToMermaid({
        StartAt: "A",
        States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } },
      });
    assert.equal(build(), build());
  });
});
