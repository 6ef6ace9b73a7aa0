import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { AslDefinition } from "../../definitions/asl";
import { TaskError, UnsupportedDefinitionError, taskHandlersFor } from "../../local/taskResources";
import type { TestStack } from "./harness";
import { secondsFromNow, startTestStack } from "./harness";

describe("local Step Functions API (through @aws-sdk/client-sfn)", function () {
  this.timeout(30_000);
  let stack: TestStack;
  let sfn: SFNClient;
  const input = (bookingId: string, apartmentId = "A-101") =>
    JSON.stringify({ bookingId, apartmentId, expiresAt: secondsFromNow(30) });

  before(async () => {
    stack = await startTestStack();
    // StartSyncExecution goes to the "sync-" host in AWS; a local endpoint has no such host.
    sfn = new SFNClient({
      endpoint: stack.endpoints.stepfunctions,
      region: "us-east-1",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
      disableHostPrefix: true,
    });
  });
  after(async () => {
    sfn.destroy();
    await stack.stop();
  });

  it("starts nothing new for the same name and input while the first runs", async () => {
    const request = {
      stateMachineArn: stack.outputs.bookingStateMachineArn,
      name: "same",
      input: input("same"),
    };
    const first = await sfn.send(new StartExecutionCommand(request));
    const again = await sfn.send(new StartExecutionCommand(request));
    assert.equal(again.executionArn, first.executionArn);
    assert.equal(again.startDate?.getTime(), first.startDate?.getTime());
  });

  it("answers ExecutionAlreadyExists for the same name with another input", async () => {
    await assert.rejects(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stack.outputs.bookingStateMachineArn,
          name: "same",
          input: input("same", "A-102"),
        }),
      ),
      {
        name: "ExecutionAlreadyExists",
        message:
          /^Execution Already Exists: 'arn:aws:states:us-east-1:000000000000:execution:pizza-booking-dev-booking:same'$/,
      },
    );
  });

  it("describes a running execution with its input", async () => {
    const described = await sfn.send(
      new DescribeExecutionCommand({
        executionArn: `${stack.outputs.bookingStateMachineArn.replace(":stateMachine:", ":execution:")}:same`,
      }),
    );
    assert.equal(described.status, "RUNNING");
    assert.equal(JSON.parse(described.input ?? "").bookingId, "same");
    assert.ok(described.startDate instanceof Date);
  });

  it("answers ExecutionDoesNotExist for an unknown execution", async () => {
    await assert.rejects(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${stack.outputs.bookingStateMachineArn.replace(":stateMachine:", ":execution:")}:nobody`,
        }),
      ),
      {
        name: "ExecutionDoesNotExist",
      },
    );
  });

  const badNames = ["has space", "a/b", "x".repeat(81), "semi;colon"];
  for (const name of badNames) {
    it(`refuses the execution name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}...` : name)} with InvalidName`, async () => {
      await assert.rejects(
        sfn.send(
          new StartExecutionCommand({
            stateMachineArn: stack.outputs.bookingStateMachineArn,
            name,
            input: "{}",
          }),
        ),
        { name: "InvalidName" },
      );
    });
  }

  it("refuses an input over 256 KiB and an input that is not JSON", async () => {
    const big = JSON.stringify({ filler: "x".repeat(262_144) });
    await assert.rejects(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn: stack.outputs.bookingStateMachineArn, input: big }),
      ),
      {
        name: "InvalidExecutionInput",
        message: /the limit is 262144 bytes/,
      },
    );
    await assert.rejects(
      sfn.send(
        new StartExecutionCommand({ stateMachineArn: stack.outputs.bookingStateMachineArn, input: "{nope" }),
      ),
      { name: "InvalidExecutionInput" },
    );
  });

  it("refuses an unknown state machine", async () => {
    await assert.rejects(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:nope",
        }),
      ),
      {
        name: "StateMachineDoesNotExist",
      },
    );
  });

  it("runs StartSyncExecution for the EXPRESS machine only", async () => {
    const result = await sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: stack.outputs.pizzaStateMachineArn,
        input: '{"flavour":"pepperoni"}',
      }),
    );
    assert.deepStrictEqual([result.status, result.output], ["SUCCEEDED", '{"containsPineapple":false}']);
    await assert.rejects(
      sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn: stack.outputs.bookingStateMachineArn, input: "{}" }),
      ),
      {
        name: "StateMachineTypeNotSupported",
      },
    );
  });
});

describe("local engine: task resources", () => {
  const targets = { lambdas: new Map(), dynamodb: new DynamoDBClient({ region: "us-east-1" }) };
  const task = (name: string, resource: string, extra: object = {}): AslDefinition =>
    ({
      StartAt: name,
      States: { [name]: { Type: "Task", Resource: resource, End: true, ...extra } },
    }) as AslDefinition;

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

  it("refuses JSONata, which the engine would silently ignore", () => {
    const jsonata = {
      ...task("Ask", "arn:aws:states:::dynamodb:getItem"),
      QueryLanguage: "JSONata",
    } as unknown as AslDefinition;
    assert.throws(
      () => taskHandlersFor("m", jsonata, targets),
      /uses JSONata, which the local engine does not evaluate/,
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

  it("names a DynamoDB failure as Step Functions does, so Catch can match it", async () => {
    const handlers = taskHandlersFor("m", task("Get", "arn:aws:states:::dynamodb:getItem"), {
      lambdas: new Map(),
      dynamodb: new DynamoDBClient({
        region: "us-east-1",
        endpoint: "http://127.0.0.1:9",
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
        maxAttempts: 1,
      }),
    });
    await assert.rejects(handlers.Get({ TableName: "t", Key: { Id: { S: "x" } } }), (error: Error) => {
      assert.ok(error instanceof TaskError);
      assert.match(error.name, /^DynamoDB\./);
      return true;
    });
  });
});
