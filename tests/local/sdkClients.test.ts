/**
 * The local stack driven as a user drives it: unmodified AWS SDK v3 clients configured only through
 * the variables `npm start` prints (AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_DYNAMODB, region and
 * credentials), plus the one documented client option StartSyncExecution needs locally.
 */
import assert from "node:assert/strict";
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { endpointExports } from "../../local/main";
import type { TestStack } from "./harness";
import { eventually, startTestStack } from "./harness";

const ROLE = "arn:aws:iam::000000000000:role/local-tries";

/** A definition whose one Task sends an order to SQS and waits for the token it carries. */
const callbackDefinition = JSON.stringify({
  StartAt: "Ask Kitchen",
  States: {
    "Ask Kitchen": {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: {
        QueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/kitchen",
        MessageBody: { "order.$": "$.order", "token.$": "$$.Task.Token" },
      },
      HeartbeatSeconds: 60,
      ResultPath: "$.kitchen",
      End: true,
    },
  },
});

describe("local stack through unmodified AWS SDK v3 clients (the printed endpoint variables)", function () {
  this.timeout(60_000);
  let stack: TestStack;
  let sfn: SFNClient;
  let dynamodb: DynamoDBClient;
  const created: string[] = [];
  const saved = new Map<string, string | undefined>();

  before(async () => {
    stack = await startTestStack({
      lambdaHandlers: { "kitchen-order": "handlers/orderPizza.ts#handler" },
    });
    // What a user pastes from the banner; the stack's own process has them set the same way.
    const printed = endpointExports(stack);
    for (const [, key, value] of printed.matchAll(/(\w+)=(\S+)/g)) {
      saved.set(key, process.env[key]);
      process.env[key] = value;
    }
    sfn = new SFNClient({});
    dynamodb = new DynamoDBClient({});
  });
  after(async () => {
    sfn.destroy();
    dynamodb.destroy();
    await stack.stop();
    // Later files in this worker process (and the programs they spawn) must not reach a stopped stack.
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const create = async (name: string, definition: unknown, type: "STANDARD" | "EXPRESS" = "STANDARD") => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name,
        roleArn: ROLE,
        type,
        definition: typeof definition === "string" ? definition : JSON.stringify(definition),
      }),
    );
    created.push(String(stateMachineArn));
    return String(stateMachineArn);
  };
  const history = async (executionArn: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
  const finished = (executionArn: string) =>
    eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === "RUNNING" ? undefined : described;
    });
  /** Waits for the callback task's TaskScheduled event and returns the token its parameters carry. */
  const scheduledToken = (executionArn: string) =>
    eventually(async () => {
      const scheduled = (await history(executionArn)).find((event) => event.type === "TaskScheduled");
      if (!scheduled) return undefined;
      const parameters = JSON.parse(String(scheduled.taskScheduledEventDetails?.parameters)) as {
        MessageBody: { order: string; token: string };
      };
      return parameters.MessageBody.token;
    });

  it("serves Step Functions and DynamoDB on the main port, under paths the SDK keeps", async () => {
    assert.equal(
      process.env.AWS_ENDPOINT_URL_SFN,
      `${new URL(stack.outputs.pizzaApiUrl).origin}/stepfunctions`,
    );
    assert.equal(
      process.env.AWS_ENDPOINT_URL_DYNAMODB,
      `${new URL(stack.outputs.pizzaApiUrl).origin}/dynamodb`,
    );
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));
    assert.ok(TableNames?.includes(stack.tableName));
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    assert.deepStrictEqual(
      stateMachines?.map((machine) => [machine.name, machine.type]),
      [
        ["pizza-booking-dev-booking", "STANDARD"],
        ["pizza-booking-dev-pizza", "EXPRESS"],
      ],
    );
  });

  it("runs StartSyncExecution with disableHostPrefix, the one client option it needs locally", async () => {
    // Without it the SDK sends StartSyncExecution to "sync-<host>", which does not resolve for 127.0.0.1.
    await assert.rejects(
      sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn: stack.outputs.pizzaStateMachineArn, input: "{}" }),
      ),
      /ENOTFOUND sync-127\.0\.0\.1/,
    );
    const sync = new SFNClient({ disableHostPrefix: true });
    const result = await sync.send(
      new StartSyncExecutionCommand({
        stateMachineArn: stack.outputs.pizzaStateMachineArn,
        input: '{"flavour":"margherita"}',
      }),
    );
    sync.destroy();
    assert.deepStrictEqual([result.status, result.output], ["SUCCEEDED", '{"containsPineapple":false}']);
  });

  it("describes the project's machines with their definitions", async () => {
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: stack.outputs.bookingStateMachineArn }),
    );
    assert.equal(described.status, "ACTIVE");
    assert.equal(described.type, "STANDARD");
    assert.equal(JSON.parse(String(described.definition)).StartAt, "Check Booking Request");
    assert.ok(described.creationDate instanceof Date);
  });

  it("completes a .waitForTaskToken task with SendTaskSuccess; TaskScheduled carries the token", async () => {
    const machine = await create("callback-success", callbackDefinition);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ order: "margherita" }) }),
    );
    const token = await scheduledToken(String(executionArn));
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, "RUNNING");
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ ready: true }) }));
    const done = await finished(String(executionArn));
    assert.deepStrictEqual(
      [done.status, JSON.parse(String(done.output))],
      ["SUCCEEDED", { order: "margherita", kitchen: { ready: true } }],
    );

    const events = await history(String(executionArn));
    assert.deepStrictEqual(
      events.map((event) => event.type),
      [
        "ExecutionStarted",
        "TaskStateEntered",
        "TaskScheduled",
        "TaskStarted",
        "TaskSubmitted",
        "TaskSucceeded",
        "TaskStateExited",
        "ExecutionSucceeded",
      ],
    );
    assert.deepStrictEqual(
      events.map((event) => [event.id, event.previousEventId]),
      events.map((_, index) => [index + 1, index]),
    );
    const scheduled = events[2].taskScheduledEventDetails;
    assert.deepStrictEqual(
      [scheduled?.resourceType, scheduled?.resource, scheduled?.region, scheduled?.heartbeatInSeconds],
      ["sqs", "sendMessage.waitForTaskToken", "us-east-1", 60],
    );
    assert.equal(events[1].stateEnteredEventDetails?.name, "Ask Kitchen");
    assert.equal(events[6].stateExitedEventDetails?.name, "Ask Kitchen");
    assert.equal(events[0].executionStartedEventDetails?.roleArn, ROLE);

    // The task no longer waits: its token is answered with the service's errors.
    await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })), {
      name: "TaskDoesNotExist",
    });
    await assert.rejects(sfn.send(new SendTaskHeartbeatCommand({ taskToken: "not-a-token" })), {
      name: "InvalidToken",
    });
  });

  it("fails a .waitForTaskToken task with SendTaskFailure's error and cause", async () => {
    const machine = await create("callback-failure", callbackDefinition);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ order: "hawaiian" }) }),
    );
    const token = await scheduledToken(String(executionArn));
    await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{nope" })), {
      name: "InvalidOutput",
    });
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: "KitchenClosed", cause: "No pineapple" }),
    );
    const done = await finished(String(executionArn));
    assert.deepStrictEqual(
      [done.status, done.error, done.cause],
      ["FAILED", "KitchenClosed", "No pineapple"],
    );
    const events = await history(String(executionArn));
    const failed = events.find((event) => event.type === "TaskFailed")?.taskFailedEventDetails;
    assert.deepStrictEqual([failed?.error, failed?.cause], ["KitchenClosed", "No pineapple"]);
    assert.deepStrictEqual(events.at(-1)?.executionFailedEventDetails, {
      error: "KitchenClosed",
      cause: "No pineapple",
    });
  });

  it("stops an execution whose task waits for a token: the history ends ExecutionAborted, the token is gone", async () => {
    const machine = await create("callback-stopped", callbackDefinition);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ order: "calzone" }) }),
    );
    const token = await scheduledToken(String(executionArn));
    await sfn.send(new StopExecutionCommand({ executionArn, cause: "changed my mind" }));
    const types = (await history(String(executionArn))).map((event) => event.type);
    assert.deepStrictEqual(types.slice(-2), ["TaskSubmitted", "ExecutionAborted"]);
    await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })), {
      name: "TaskDoesNotExist",
    });
  });

  it("runs an EXPRESS machine asynchronously through StartExecution, keeping no record of it", async () => {
    const machine = await create(
      "express-writer",
      {
        StartAt: "Write",
        States: {
          Write: {
            Type: "Task",
            Resource: "arn:aws:states:::dynamodb:putItem",
            Parameters: {
              TableName: stack.tableName,
              Item: { Id: { "S.$": "$.id" }, Status: { S: "WRITTEN-BY-EXPRESS" } },
            },
            End: true,
          },
        },
      },
      "EXPRESS",
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ id: "express-1" }) }),
    );
    assert.match(
      String(executionArn),
      /^arn:aws:states:us-east-1:000000000000:express:express-writer:[\w-]+:[\w-]+$/,
    );
    const item = await eventually(async () => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({ TableName: stack.tableName, Key: { Id: { S: "express-1" } } }),
      );
      return Item;
    });
    assert.deepStrictEqual(item.Status, { S: "WRITTEN-BY-EXPRESS" });
    await assert.rejects(sfn.send(new DescribeExecutionCommand({ executionArn })), {
      name: "InvalidArn",
      message: "Invalid Arn: 'Resource type not valid in this context: express'",
    });
    await assert.rejects(sfn.send(new ListExecutionsCommand({ stateMachineArn: machine })), {
      name: "StateMachineTypeNotSupported",
    });
  });

  it("runs a child machine with states:startExecution.sync:2 and a Lambda task from a handler file", async () => {
    const child = await create("child-order", {
      StartAt: "Order",
      States: {
        Order: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "kitchen-order", "Payload.$": "$.flavour" },
          OutputPath: "$.Payload",
          End: true,
        },
      },
    });
    const parent = await create("parent-order", {
      StartAt: "Run Child",
      States: {
        "Run Child": {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution.sync:2",
          Parameters: { StateMachineArn: child, Input: { "flavour.$": "$.flavour" } },
          OutputPath: "$.Output",
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: parent, input: JSON.stringify({ flavour: "hawaiian" }) }),
    );
    const done = await finished(String(executionArn));
    assert.deepStrictEqual(
      [done.status, JSON.parse(String(done.output))],
      ["SUCCEEDED", { containsPineapple: true }],
    );
    const children = await sfn.send(new ListExecutionsCommand({ stateMachineArn: child }));
    assert.equal(children.executions?.[0]?.status, "SUCCEEDED");
    const childEvents = await history(String(children.executions?.[0]?.executionArn));
    assert.ok(
      childEvents.some(
        (event) =>
          event.type === "TaskScheduled" && event.taskScheduledEventDetails?.resourceType === "lambda",
      ),
    );
  });

  it("runs a JSONata machine a user creates: a callback task gets $states.context.Task.Token", async () => {
    const machine = await create("jsonata-callback", {
      QueryLanguage: "JSONata",
      StartAt: "Notify",
      States: {
        Notify: {
          Type: "Task",
          Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
          Arguments: {
            TopicArn: "arn:aws:sns:us-east-1:000000000000:approvals",
            Message: { order: "{% $states.input.order %}", token: "{% $states.context.Task.Token %}" },
          },
          Assign: { approvedBy: "{% $states.result.by %}" },
          Output: { order: "{% $states.input.order %}", approved: "{% $states.result.ok %}" },
          Next: "Done",
        },
        Done: { Type: "Succeed", Output: "{% $merge([$states.input, {'by': $approvedBy}]) %}" },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ order: 7 }) }),
    );
    const token = await eventually(async () => {
      const scheduled = (await history(String(executionArn))).find((event) => event.type === "TaskScheduled");
      if (!scheduled) return undefined;
      const { Message } = JSON.parse(String(scheduled.taskScheduledEventDetails?.parameters)) as {
        Message: { order: number; token: string };
      };
      assert.equal(Message.order, 7);
      return Message.token;
    });
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ ok: true, by: "ops" }) }),
    );
    const done = await finished(String(executionArn));
    assert.deepStrictEqual(
      [done.status, JSON.parse(String(done.output))],
      ["SUCCEEDED", { order: 7, approved: true, by: "ops" }],
    );
  });

  it("updates and deletes a user's machine, and refuses what AWS refuses", async () => {
    const machine = await create("to-change", { StartAt: "A", States: { A: { Type: "Pass", End: true } } });
    const again = await create("to-change", { StartAt: "A", States: { A: { Type: "Pass", End: true } } });
    assert.equal(again, machine, "an identical CreateStateMachine is idempotent");
    await assert.rejects(create("to-change", { StartAt: "B", States: { B: { Type: "Succeed" } } }), {
      name: "StateMachineAlreadyExists",
    });
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: machine,
        definition: JSON.stringify({
          StartAt: "B",
          States: { B: { Type: "Pass", Result: "new", End: true } },
        }),
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine }));
    assert.equal((await finished(String(executionArn))).output, '"new"');
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: machine }));
    await assert.rejects(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machine })), {
      name: "StateMachineDoesNotExist",
    });

    await assert.rejects(
      create("broken", { StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } }),
      {
        name: "InvalidDefinition",
        // AWS's validator (the one the builder uses) names the state and the field.
        message: /State "A" \/Next: .*existing state/,
      },
    );
    await assert.rejects(
      create("distributed", {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } },
            ItemProcessor: {
              ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
              StartAt: "P",
              States: { P: { Type: "Pass", End: true } },
            },
            End: true,
          },
        },
      }),
      { name: "InvalidDefinition", message: /state "M" is a Distributed Map/ },
    );
  });

  it("answers InvalidArn for what is no ARN or the wrong kind of ARN, as AWS does", async () => {
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: "not-an-arn" })), {
      name: "InvalidArn",
      message: "Invalid Arn: 'not-an-arn'",
    });
    await assert.rejects(
      sfn.send(new DescribeExecutionCommand({ executionArn: stack.outputs.bookingStateMachineArn })),
      { name: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: stateMachine'" },
    );
    await assert.rejects(
      sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: `${stack.outputs.bookingStateMachineArn.replace(":stateMachine:", ":execution:")}:nobody`,
        }),
      ),
      { name: "ExecutionDoesNotExist" },
    );
  });

  it("records a history with AWS's events: a DynamoDB task, a Choice, a Wait, then the stop", async () => {
    // A machine of our own, so the test does not depend on how the booking workflow evolves.
    const machine = await create("history-demo", {
      StartAt: "Get Apartment",
      States: {
        "Get Apartment": {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:getItem",
          Parameters: { TableName: stack.tableName, Key: { Id: { "S.$": "$.apartmentId" } } },
          ResultPath: "$.apartment",
          Next: "Found?",
        },
        "Found?": {
          Type: "Choice",
          Choices: [{ Variable: "$.apartment.Item", IsPresent: true, Next: "Hold" }],
          Default: "Missing",
        },
        Hold: { Type: "Wait", Seconds: 60, End: true },
        Missing: { Type: "Fail", Error: "Missing" },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machine,
        input: JSON.stringify({ apartmentId: "A-102" }),
      }),
    );
    const events: HistoryEvent[] = await eventually(async () => {
      const all = await history(String(executionArn));
      return all.some((event) => event.type === "WaitStateEntered") ? all : undefined;
    });
    assert.deepStrictEqual(
      events.map((event) => event.type),
      [
        "ExecutionStarted",
        "TaskStateEntered",
        "TaskScheduled",
        "TaskStarted",
        "TaskSucceeded",
        "TaskStateExited",
        "ChoiceStateEntered",
        "ChoiceStateExited",
        "WaitStateEntered",
      ],
    );
    const scheduled = events.find((event) => event.type === "TaskScheduled")?.taskScheduledEventDetails;
    assert.equal(scheduled?.resourceType, "dynamodb");
    assert.deepStrictEqual(JSON.parse(String(scheduled?.parameters)), {
      TableName: stack.tableName,
      Key: { Id: { S: "A-102" } },
    });
    await sfn.send(new StopExecutionCommand({ executionArn, error: "Cancelled", cause: "test" }));
    const last = (await history(String(executionArn))).at(-1);
    assert.deepStrictEqual(
      [last?.type, last?.executionAbortedEventDetails],
      ["ExecutionAborted", { error: "Cancelled", cause: "test" }],
    );
    const newestFirst = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }),
    );
    assert.equal(newestFirst.events?.[0]?.type, "ExecutionAborted");
    assert.ok(newestFirst.nextToken);
  });
});
