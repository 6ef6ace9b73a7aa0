import assert from "node:assert/strict";
import {
  Chain,
  DefinitionError,
  Errors,
  Integrations,
  ItemReader,
  MapState,
  Parallel,
  Pass,
  SERVICE_INTEGRATIONS,
  StateMachineDefinition,
  Succeed,
} from "../../definitions/asl";

const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/approvals";
const QUEUE_ARN = "arn:aws:sqs:eu-west-1:111122223333:approvals";
const TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:orders";
const ENV = { region: "eu-west-1", account: "111122223333", stateMachineName: "orders" };

/** Wraps one state in a definition, as `fromAsl` takes it. */
const single = (state: Record<string, unknown>) =>
  ({ StartAt: "Call", States: { Call: { ...state, End: true } } }) as never;

describe("ASL builder: integrations generated from the table", () => {
  it("sends an SQS message and waits for its task token, granting sqs:SendMessage on that queue only", () => {
    const ask = Integrations.sqs.sendMessage("Ask For Approval", {
      parameters: { QueueUrl: QUEUE_URL, MessageBody: { "order.$": "$.order", "token.$": "$$.Task.Token" } },
      pattern: ".waitForTaskToken",
      heartbeatSeconds: 60,
      timeoutSeconds: 3600,
    });
    const definition = StateMachineDefinition.fromChain(Chain.sequence(ask, new Succeed("Approved")));
    assert.deepStrictEqual(definition.toAsl(), {
      StartAt: "Ask For Approval",
      States: {
        "Ask For Approval": {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          Parameters: {
            QueueUrl: QUEUE_URL,
            MessageBody: { "order.$": "$.order", "token.$": "$$.Task.Token" },
          },
          TimeoutSeconds: 3600,
          HeartbeatSeconds: 60,
          Next: "Approved",
        },
        Approved: { Type: "Succeed" },
      },
    });
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [QUEUE_ARN] },
    ]);
  });

  it("publishes to SNS inside a Parallel whose failure is caught", () => {
    const notify = Integrations.sns.publish("Notify", {
      parameters: { TopicArn: TOPIC_ARN, "Message.$": "$.summary" },
      resultPath: null,
    });
    const both = new Parallel("Fan Out", { resultPath: "$.branches" })
      .branch(notify, new Pass("Audit"))
      .addCatch(new Pass("Recover"), { errors: [Errors.ALL], resultPath: "$.error" });
    const definition = StateMachineDefinition.fromChain(Chain.sequence(both, new Succeed("Done")));
    assert.deepStrictEqual(definition.toAsl(), {
      StartAt: "Fan Out",
      States: {
        "Fan Out": {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Notify",
              States: {
                Notify: {
                  Type: "Task",
                  Resource: "arn:aws:states:::sns:publish",
                  Parameters: { TopicArn: TOPIC_ARN, "Message.$": "$.summary" },
                  ResultPath: null,
                  End: true,
                },
              },
            },
            { StartAt: "Audit", States: { Audit: { Type: "Pass", End: true } } },
          ],
          ResultPath: "$.branches",
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Recover" }],
          Next: "Done",
        },
        Done: { Type: "Succeed" },
        Recover: { Type: "Pass", End: true },
      },
    });
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["sns:Publish"], Resource: [TOPIC_ARN] },
    ]);
  });

  it("refuses a pattern the service does not support, listing the ones it does", () => {
    assert.throws(
      () =>
        Integrations.sns.publish("Notify", {
          parameters: { TopicArn: TOPIC_ARN, Message: "hi" },
          pattern: ".sync" as never,
        }),
      /State "Notify": sns:publish does not support the ".sync" pattern \(it supports "", ".waitForTaskToken"\)/,
    );
  });

  it("asks for explicit statements when the request reads its resource at run time", () => {
    assert.throws(
      () => Integrations.sns.publish("Notify", { parameters: { "TopicArn.$": "$.topic", Message: "hi" } }),
      /State "Notify": sns:Publish: TopicArn is read from a path at run time\. Give the task's statements in `permissions`/,
    );
    const task = Integrations.sns.publish("Notify", {
      parameters: { "TopicArn.$": "$.topic", Message: "hi" },
      permissions: [{ Effect: "Allow", Action: ["sns:Publish"], Resource: [TOPIC_ARN] }],
    });
    assert.deepStrictEqual(task.permissions(), [
      { Effect: "Allow", Action: ["sns:Publish"], Resource: [TOPIC_ARN] },
    ]);
  });

  it("has a factory for every service and action of the table", () => {
    for (const [service, actions] of Object.entries(SERVICE_INTEGRATIONS)) {
      for (const action of Object.keys(actions)) {
        const factories = (Integrations as unknown as Record<string, Record<string, unknown>>)[service];
        assert.equal(typeof factories[action], "function", `${service}:${action}`);
      }
    }
  });
});

describe("ASL builder: IAM derived by fromAsl", () => {
  const permissionsOf = (state: Record<string, unknown>, env = ENV) =>
    StateMachineDefinition.fromAsl(single(state), { environment: env }).permissions();

  it("grants a .sync child execution its start, its watch and the managed EventBridge rule", () => {
    const child = "arn:aws:states:eu-west-1:111122223333:stateMachine:child";
    assert.deepStrictEqual(
      permissionsOf({
        Type: "Task",
        Resource: "arn:aws:states:::states:startExecution.sync:2",
        Parameters: { StateMachineArn: child, "Input.$": "$" },
      }),
      [
        {
          Effect: "Allow",
          Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
          Resource: [
            "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule",
          ],
        },
        {
          Effect: "Allow",
          Action: ["states:DescribeExecution", "states:StopExecution"],
          Resource: ["arn:aws:states:eu-west-1:111122223333:execution:child:*"],
        },
        { Effect: "Allow", Action: ["states:StartExecution"], Resource: [child] },
      ],
    );
  });

  it("grants an ECS task's .sync its task definition, the cluster's tasks and the ECS rule", () => {
    assert.deepStrictEqual(
      permissionsOf({
        Type: "Task",
        Resource: "arn:aws:states:::ecs:runTask.sync",
        Parameters: { Cluster: "jobs", TaskDefinition: "report:3", LaunchType: "FARGATE" },
      }),
      [
        {
          Effect: "Allow",
          Action: ["ecs:DescribeTasks", "ecs:StopTask"],
          Resource: ["arn:aws:ecs:eu-west-1:111122223333:task/jobs/*"],
        },
        {
          Effect: "Allow",
          Action: ["ecs:RunTask"],
          Resource: ["arn:aws:ecs:eu-west-1:111122223333:task-definition/report:3"],
        },
        {
          Effect: "Allow",
          Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
          Resource: ["arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForECSTaskRule"],
        },
      ],
    );
  });

  it("grants an HTTP Task the connection's credentials and secret and the endpoint call", () => {
    const connection =
      "arn:aws:events:eu-west-1:111122223333:connection/stripe/0f1e2d3c-aaaa-bbbb-cccc-111122223333";
    assert.deepStrictEqual(
      permissionsOf({
        Type: "Task",
        Resource: "arn:aws:states:::http:invoke",
        Parameters: {
          ApiEndpoint: "https://api.stripe.com/v1/charges",
          Method: "POST",
          Authentication: { ConnectionArn: connection },
        },
      }),
      [
        { Effect: "Allow", Action: ["events:RetrieveConnectionCredentials"], Resource: [connection] },
        {
          Effect: "Allow",
          Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
          Resource: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:events!connection/stripe/*"],
        },
        {
          Effect: "Allow",
          Action: ["states:InvokeHTTPEndpoint"],
          Resource: ["arn:aws:states:eu-west-1:111122223333:stateMachine:orders"],
        },
      ],
    );
  });

  it("uses the IAM action names that differ from the SDK's", () => {
    assert.deepStrictEqual(
      permissionsOf({
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
        Parameters: { Bucket: "reports", Prefix: "2026/" },
      }),
      [{ Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::reports"] }],
    );
    assert.deepStrictEqual(
      permissionsOf({
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:sfn:describeExecution",
        Parameters: { ExecutionArn: "arn:aws:states:eu-west-1:111122223333:execution:child:run-1" },
      }),
      [
        {
          Effect: "Allow",
          Action: ["states:DescribeExecution"],
          Resource: ["arn:aws:states:eu-west-1:111122223333:execution:child:run-1"],
        },
      ],
    );
  });

  it("needs nothing for an activity, and grants a plain Lambda ARN resource on itself", () => {
    const activity = "arn:aws:states:eu-west-1:111122223333:activity:review";
    assert.deepStrictEqual(permissionsOf({ Type: "Task", Resource: activity }), []);
    const fn = "arn:aws:lambda:eu-west-1:111122223333:function:bake:live";
    assert.deepStrictEqual(permissionsOf({ Type: "Task", Resource: fn }), [
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [fn] },
    ]);
  });

  it("refuses, naming the state, a resource it cannot derive, an action authorized per item, and an unknown Resource", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        {
          Type: "Task",
          Resource: "arn:aws:states:::dynamodb:getItem",
          Parameters: { "TableName.$": "$.table", Key: {} },
        },
        /State "Call": dynamodb:GetItem: TableName is read from a path at run time\. Pass its statements explicitly: fromAsl\(definition, \{ statePermissions: \{ "Call": \[\.\.\.\] \} \}\)/,
      ],
      [
        {
          Type: "Task",
          Resource: "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems",
          Parameters: { TransactItems: [] },
        },
        /State "Call": dynamodb:transactWriteItems is authorized per item .*, and the builder never grants on "\*"/,
      ],
      [
        {
          Type: "Task",
          Resource: "arn:aws:states:us-east-1:111122223333:aws-sdk:s3:getObject",
          Parameters: {},
        },
        /State "Call": its Resource "arn:aws:states:us-east-1:111122223333:aws-sdk:s3:getObject" is not a service integration/,
      ],
      [
        {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage.sync",
          Parameters: { QueueUrl: QUEUE_URL, MessageBody: "x" },
        },
        /State "Call": sqs:sendMessage does not support the ".sync" pattern/,
      ],
    ];
    for (const [state, message] of cases) {
      assert.throws(
        () => StateMachineDefinition.fromAsl(single(state), { environment: ENV }),
        (error: unknown) => error instanceof DefinitionError && message.test(error.message),
        String(message),
      );
    }
  });

  it("takes explicit statements for a state it cannot derive, but never a * one", () => {
    const state = {
      Type: "Task",
      Resource: "arn:aws:states:::dynamodb:getItem",
      Parameters: { "TableName.$": "$.table", Key: {} },
    };
    const table = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";
    const statement = { Effect: "Allow" as const, Action: ["dynamodb:GetItem"], Resource: [table] };
    assert.deepStrictEqual(
      StateMachineDefinition.fromAsl(single(state), {
        statePermissions: { Call: [statement] },
      }).permissions(),
      [statement],
    );
    assert.throws(
      () =>
        StateMachineDefinition.fromAsl(single(state), {
          statePermissions: { Call: [{ ...statement, Resource: ["*"] }] },
        }),
      /statePermissions\["Call"\] grants "\*": name the actions and resources instead/,
    );
    assert.throws(
      () => StateMachineDefinition.fromAsl(single(state), { statePermissions: { Cal: [statement] } }),
      /statePermissions names "Cal", which is not a state of this definition/,
    );
  });

  it("builds ARNs from names with the environment, and says which part is missing without it", () => {
    const state = {
      Type: "Task",
      Resource: "arn:aws:states:::glue:startJobRun",
      Parameters: { JobName: "nightly" },
    };
    assert.deepStrictEqual(permissionsOf(state), [
      {
        Effect: "Allow",
        Action: ["glue:StartJobRun"],
        Resource: ["arn:aws:glue:eu-west-1:111122223333:job/nightly"],
      },
    ]);
    assert.throws(
      () => StateMachineDefinition.fromAsl(single(state)),
      /State "Call": glue:StartJobRun: its ARN needs the region, which neither the request nor the environment gives \(pass environment: \{ region \}\)/,
    );
  });
});

describe("ASL builder: generated factories in Distributed Map and JSONata workflows", () => {
  it("sends each item of an S3 JSON file to SQS from a Distributed Map", () => {
    const fanOut = new MapState("Each Order", {
      mode: "DISTRIBUTED",
      itemReader: ItemReader.s3Json({ bucket: "orders-inbox", key: "today.json" }),
      maxConcurrency: 10,
    }).itemProcessor(
      Integrations.sqs.sendMessage("Queue Order", {
        parameters: { QueueUrl: QUEUE_URL, "MessageBody.$": "$" },
      }),
    );
    const definition = StateMachineDefinition.fromChain(fanOut);
    assert.deepStrictEqual(definition.toAsl(), {
      StartAt: "Each Order",
      States: {
        "Each Order": {
          Type: "Map",
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
            StartAt: "Queue Order",
            States: {
              "Queue Order": {
                Type: "Task",
                Resource: "arn:aws:states:::sqs:sendMessage",
                Parameters: { QueueUrl: QUEUE_URL, "MessageBody.$": "$" },
                End: true,
              },
            },
          },
          ItemReader: {
            Resource: "arn:aws:states:::s3:getObject",
            ReaderConfig: { InputType: "JSON" },
            Parameters: { Bucket: "orders-inbox", Key: "today.json" },
          },
          MaxConcurrency: 10,
          End: true,
        },
      },
    });
    const own = `arn:aws:states:${ENV.region}:${ENV.account}:stateMachine:${ENV.stateMachineName}`;
    const actions = definition.permissions({ stateMachineArn: own }).flatMap((statement) => statement.Action);
    assert.ok(actions.includes("sqs:SendMessage") && actions.includes("s3:GetObject"), actions.join());
  });

  it("publishes to SNS from a JSONata workflow, the request written as Arguments", () => {
    const notify = Integrations.sns.publish("Notify", {
      arguments: { TopicArn: TOPIC_ARN, Message: "{% $states.input.summary %}" },
      assign: { notified: true },
    });
    const definition = StateMachineDefinition.fromChain(Chain.sequence(notify, new Succeed("Done")), {
      queryLanguage: "JSONata",
    });
    assert.deepStrictEqual(definition.toAsl(), {
      QueryLanguage: "JSONata",
      StartAt: "Notify",
      States: {
        Notify: {
          Type: "Task",
          Resource: "arn:aws:states:::sns:publish",
          Arguments: { TopicArn: TOPIC_ARN, Message: "{% $states.input.summary %}" },
          Assign: { notified: true },
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    });
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["sns:Publish"], Resource: [TOPIC_ARN] },
    ]);
  });
});
