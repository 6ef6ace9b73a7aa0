import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { AslDefinition } from "../../definitions/asl";
import { LocalWorkflow } from "../../local/engine";
import { UnsupportedDefinitionError, taskHandlersFor } from "../../local/taskResources";
import { task } from "./harness";

describe("local engine: task resources", () => {
  const targets = { lambdas: new Map(), dynamodb: new DynamoDBClient({ region: "us-east-1" }) };

  it("refuses a definition that waits for a task token, naming the state", () => {
    assert.throws(
      () => taskHandlersFor("m", task("Ask", "arn:aws:states:::lambda:invoke.waitForTaskToken"), targets),
      (error: Error) => {
        assert.ok(error instanceof UnsupportedDefinitionError);
        assert.match(
          error.message,
          /cannot run state machine "m":\n {2}- state "Ask" \(arn:aws:states:::lambda:invoke\.waitForTaskToken\) waits for a task token/,
        );
        return true;
      },
    );
  });

  it("refuses a JSONata state inside a JSONPath machine, and JSONPath variables, naming the state", () => {
    const mixed = {
      StartAt: "Ask",
      States: { Ask: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% 1 %}", End: true } },
    } as unknown as AslDefinition;
    assert.throws(
      () => taskHandlersFor("m", mixed, targets),
      /state "Ask" uses JSONata inside a JSONPath state machine; the local stack runs JSONata when the whole machine sets "QueryLanguage": "JSONata"/,
    );
    const assigning = {
      StartAt: "Keep",
      States: { Keep: { Type: "Pass", Assign: { x: 1 }, End: true } },
    } as unknown as AslDefinition;
    assert.throws(
      () => taskHandlersFor("m", assigning, targets),
      /state "Keep" assigns variables \(Assign\), which the local JSONPath engine does not evaluate/,
    );
  });

  it("refuses a Lambda function the stack does not have, and services it does not serve", () => {
    assert.throws(
      () => taskHandlersFor("m", task("Call", "arn:aws:lambda:us-east-1:1:function:ghost"), targets),
      /calls a Lambda function the local stack does not have/,
    );
    assert.throws(
      () => taskHandlersFor("m", task("Send", "arn:aws:states:::sqs:sendMessage"), targets),
      /a service integration the local engine does not serve/,
    );
  });

  it("refuses a .sync job of a service the stack does not emulate, naming the state", () => {
    assert.throws(
      () => taskHandlersFor("m", task("Run", "arn:aws:states:::glue:startJobRun.sync"), targets),
      /state "Run" \(arn:aws:states:::glue:startJobRun\.sync\) waits for a job \(\.sync\) of a service the local stack does not emulate/,
    );
  });

  it("hands Catch a thrown handler error as AWS does: Error is its name, Cause the Lambda error JSON", async () => {
    class InvalidOrder extends Error {
      override readonly name = "InvalidOrder";
    }
    const fn = "arn:aws:lambda:us-east-1:000000000000:function:picky";
    const asl = {
      StartAt: "Call",
      States: {
        Call: {
          Type: "Task",
          Resource: fn,
          Catch: [{ ErrorEquals: ["InvalidOrder"], ResultPath: "$.error", Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Succeed" },
      },
    } as AslDefinition;
    const handlers = taskHandlersFor("m", asl, {
      ...targets,
      lambdas: new Map([[fn, () => Promise.reject(new InvalidOrder("no flavour"))]]),
    });
    const workflow = new LocalWorkflow(
      "m",
      "arn:aws:states:us-east-1:000000000000:stateMachine:m",
      "EXPRESS",
      asl,
      handlers,
    );
    const outcome = await workflow.run({}, { executionArn: "e", name: "e", startTime: new Date() }).outcome;
    const { error } = outcome.output as { error: { Error: string; Cause: string } };
    assert.equal(error.Error, "InvalidOrder");
    const cause = JSON.parse(error.Cause) as { errorType: string; errorMessage: string; trace: string[] };
    assert.deepStrictEqual([cause.errorType, cause.errorMessage], ["InvalidOrder", "no flavour"]);
    assert.ok(Array.isArray(cause.trace));
  });
});
