import assert from "node:assert/strict";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { TaskError, taskHandlersFor } from "../../local/taskResources";
import type { TestStack } from "./harness";
import { secondsFromNow, startTestStack, task } from "./harness";

describe("local Step Functions API (through @aws-sdk/client-sfn)", function () {
  this.timeout(30_000);
  let stack: TestStack;
  let sfn: SFNClient;
  /** A STANDARD machine of the test's own that waits a minute, so its executions stay RUNNING. */
  let waiter: string;
  const input = (bookingId: string, apartmentId = "A-101") =>
    JSON.stringify({ owner: "sfn-test-user", bookingId, apartmentId, expiresAt: secondsFromNow(30) });

  before(async () => {
    stack = await startTestStack();
    // StartSyncExecution goes to the "sync-" host in AWS; a local endpoint has no such host.
    sfn = new SFNClient({
      endpoint: stack.endpoints.stepfunctions,
      region: "us-east-1",
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
      disableHostPrefix: true,
    });
    ({ stateMachineArn: waiter = "" } = await sfn.send(
      new CreateStateMachineCommand({
        name: "waiter",
        roleArn: "arn:aws:iam::000000000000:role/tests",
        definition: JSON.stringify({
          StartAt: "Hold",
          States: { Hold: { Type: "Wait", Seconds: 60, End: true } },
        }),
      }),
    ));
  });
  after(async () => {
    sfn.destroy();
    await stack.stop();
  });

  it("starts nothing new for the same name and input while the first runs", async () => {
    const request = {
      stateMachineArn: waiter,
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
          stateMachineArn: waiter,
          name: "same",
          input: input("same", "A-102"),
        }),
      ),
      {
        name: "ExecutionAlreadyExists",
        message: /^Execution Already Exists: 'arn:aws:states:us-east-1:000000000000:execution:waiter:same'$/,
      },
    );
  });

  it("describes a running execution with its input", async () => {
    const described = await sfn.send(
      new DescribeExecutionCommand({
        executionArn: `${waiter.replace(":stateMachine:", ":execution:")}:same`,
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
          executionArn: `${waiter.replace(":stateMachine:", ":execution:")}:nobody`,
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
            stateMachineArn: waiter,
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
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: waiter, input: big })), {
      name: "InvalidExecutionInput",
      message: /the limit is 262144 bytes/,
    });
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: waiter, input: "{nope" })), {
      name: "InvalidExecutionInput",
    });
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

  it("lists a STANDARD machine's executions newest first, by status, in pages", async () => {
    const machineArn = waiter;
    for (const name of ["list-1", "list-2", "list-3"])
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn: machineArn, name, input: input(name, "A-103") }),
      );
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn }));
    const names = (all.executions ?? []).map((execution) => execution.name);
    assert.deepStrictEqual(
      names.filter((name) => name?.startsWith("list-")),
      ["list-3", "list-2", "list-1"],
    );
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 2 }));
    assert.equal(first.executions?.length, 2);
    const rest = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machineArn, maxResults: 2, nextToken: first.nextToken }),
    );
    assert.deepStrictEqual(
      [...(first.executions ?? []), ...(rest.executions ?? [])]
        .map((execution) => execution.name)
        .slice(0, 3),
      names.slice(0, 3),
    );
    await assert.rejects(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.outputs.pizzaStateMachineArn })),
      { name: "StateMachineTypeNotSupported" },
    );
  });

  it("stops a running execution: DescribeExecution then says ABORTED, and the name stays taken", async () => {
    const request = {
      stateMachineArn: waiter,
      name: "to-stop",
      input: input("to-stop"),
    };
    const { executionArn } = await sfn.send(new StartExecutionCommand(request));
    await sfn.send(new StopExecutionCommand({ executionArn, error: "Cancelled", cause: "by the test" }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.deepStrictEqual(
      [described.status, described.error, described.cause, described.stopDate instanceof Date],
      ["ABORTED", "Cancelled", "by the test", true],
    );
    await assert.rejects(sfn.send(new StartExecutionCommand(request)), { name: "ExecutionAlreadyExists" });
  });

  it("names a failed conditional write DynamoDB.ConditionalCheckFailedException, so Catch can match it", async () => {
    const handlers = taskHandlersFor("m", task("Reserve", "arn:aws:states:::dynamodb:updateItem"), {
      lambdas: new Map(),
      dynamodb: new DynamoDBClient({
        region: "us-east-1",
        endpoint: stack.endpoints.dynamodb,
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
      }),
    });
    await assert.rejects(
      handlers.Reserve({
        TableName: stack.tableName,
        Key: { Id: { S: "A-101" } },
        UpdateExpression: "SET #s = :s",
        ConditionExpression: "#s = :nope",
        ExpressionAttributeNames: { "#s": "Status" },
        ExpressionAttributeValues: { ":s": { S: "RESERVED" }, ":nope": { S: "NOPE" } },
      }),
      (error: Error) => {
        assert.ok(error instanceof TaskError);
        assert.equal(error.name, "DynamoDB.ConditionalCheckFailedException");
        assert.match(error.message, /The conditional request failed \(Service: DynamoDb, Status Code: 400/);
        return true;
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
    await assert.rejects(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: waiter, input: "{}" })), {
      name: "StateMachineTypeNotSupported",
    });
  });
});
