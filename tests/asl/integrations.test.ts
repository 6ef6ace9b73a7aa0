import assert from "node:assert/strict";
import {
  AwsSdk,
  Chain,
  DynamoDB,
  DynamoValue,
  LambdaInvoke,
  Parallel,
  Pass,
  StateMachineDefinition,
  StepFunctions,
} from "../../definitions/asl";
import type { Task } from "../../definitions/asl";
import { CHILD_ARN, FN_ARN, OTHER_TABLE, TABLE } from "./fixtures";

const stateOf = (task: Task) => StateMachineDefinition.fromChain(task).toAsl().States[task.name];

describe("ASL builder: service integrations", () => {
  describe("Lambda", () => {
    it("uses the plain function-ARN form when only the payload response is wanted", () => {
      const task = LambdaInvoke.task("Order Pizza Job", {
        functionArn: FN_ARN,
        payloadResponseOnly: true,
        inputPath: "$.flavour",
      });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        InputPath: "$.flavour",
        Resource: FN_ARN,
        End: true,
      });
    });

    it("uses the optimized lambda:invoke form, passing the state input as the payload by default", () => {
      const task = LambdaInvoke.task("Invoke", { functionArn: FN_ARN });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: FN_ARN, "Payload.$": "$" },
        End: true,
      });
    });

    it("waits for a task token when asked, and insists the token is passed", () => {
      const task = LambdaInvoke.task("Ask Human", {
        functionArn: FN_ARN,
        qualifier: "live",
        pattern: "WAIT_FOR_TASK_TOKEN",
        payload: { "token.$": "$$.Task.Token" },
      });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Parameters: { FunctionName: `${FN_ARN}:live`, Payload: { "token.$": "$$.Task.Token" } },
        End: true,
      });
      assert.deepStrictEqual(task.permissions(), [
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [`${FN_ARN}:live`] },
      ]);
      assert.throws(
        () => LambdaInvoke.task("Ask Human", { functionArn: FN_ARN, pattern: "WAIT_FOR_TASK_TOKEN" }),
        /State "Ask Human" waits for a task token but its Parameters never pass "\$\$.Task.Token"/,
      );
    });

    it("takes its partition from the function ARN", () => {
      const task = LambdaInvoke.task("Invoke", {
        functionArn: "arn:aws-cn:lambda:cn-north-1:111122223333:function:f",
      });
      assert.match(JSON.stringify(stateOf(task)), /"Resource":"arn:aws-cn:states:::lambda:invoke"/);
    });

    it("rejects something that is not an ARN", () => {
      assert.throws(
        () => LambdaInvoke.task("Invoke", { functionArn: "order" }),
        /State "Invoke" functionArn must be an ARN/,
      );
    });
  });

  describe("DynamoDB", () => {
    const key = { Id: DynamoValue.stringAt("$.apartmentId") };

    it("renders getItem with a consistent read", () => {
      const task = DynamoDB.getItem("Get", { table: TABLE, key, consistentRead: true, resultPath: "$.item" });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:getItem",
        Parameters: {
          TableName: "apartments",
          Key: { Id: { "S.$": "$.apartmentId" } },
          ConsistentRead: true,
        },
        ResultPath: "$.item",
        End: true,
      });
    });

    it("renders a conditional updateItem with names and values", () => {
      const task = DynamoDB.updateItem("Reserve", {
        table: TABLE,
        key,
        updateExpression: "SET #s = :r",
        conditionExpression: "#s = :v",
        expressionAttributeNames: { "#s": "Status" },
        expressionAttributeValues: {
          ":r": DynamoValue.string("RESERVED"),
          ":v": DynamoValue.string("VACANT"),
        },
        returnValues: "ALL_NEW",
      });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:updateItem",
        Parameters: {
          TableName: "apartments",
          Key: { Id: { "S.$": "$.apartmentId" } },
          UpdateExpression: "SET #s = :r",
          ConditionExpression: "#s = :v",
          ExpressionAttributeNames: { "#s": "Status" },
          ExpressionAttributeValues: { ":r": { S: "RESERVED" }, ":v": { S: "VACANT" } },
          ReturnValues: "ALL_NEW",
        },
        End: true,
      });
    });

    it("renders putItem and deleteItem with typed attribute values", () => {
      const put = DynamoDB.putItem("Put", {
        table: TABLE,
        item: {
          Id: DynamoValue.string("A-1"),
          Floor: DynamoValue.number(3),
          Lift: DynamoValue.boolean(true),
          Rooms: DynamoValue.numberAt("$.rooms"),
        },
        conditionExpression: "attribute_not_exists(Id)",
      });
      assert.deepStrictEqual(stateOf(put), {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:putItem",
        Parameters: {
          TableName: "apartments",
          Item: { Id: { S: "A-1" }, Floor: { N: "3" }, Lift: { BOOL: true }, Rooms: { "N.$": "$.rooms" } },
          ConditionExpression: "attribute_not_exists(Id)",
        },
        End: true,
      });
      const del = DynamoDB.deleteItem("Delete", { table: TABLE, key });
      assert.deepStrictEqual(stateOf(del), {
        Type: "Task",
        Resource: "arn:aws:states:::dynamodb:deleteItem",
        Parameters: { TableName: "apartments", Key: { Id: { "S.$": "$.apartmentId" } } },
        End: true,
      });
    });
  });

  describe("Step Functions", () => {
    it("starts a child execution and, for .sync, may watch it and its events rule", () => {
      const task = StepFunctions.startExecution("Run Child", {
        stateMachineArn: CHILD_ARN,
        pattern: "RUN_JOB",
        namePath: "$.id",
      });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::states:startExecution.sync:2",
        Parameters: { StateMachineArn: CHILD_ARN, "Input.$": "$", "Name.$": "$.id" },
        End: true,
      });
      assert.deepStrictEqual(task.permissions(), [
        { Effect: "Allow", Action: ["states:StartExecution"], Resource: [CHILD_ARN] },
        {
          Effect: "Allow",
          Action: ["states:DescribeExecution", "states:StopExecution"],
          Resource: ["arn:aws:states:eu-west-1:111122223333:execution:child:*"],
        },
        {
          Effect: "Allow",
          Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
          Resource: [
            "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule",
          ],
        },
      ]);
    });

    it("only needs StartExecution when it does not wait", () => {
      const task = StepFunctions.startExecution("Kick Off", { stateMachineArn: CHILD_ARN, input: { a: 1 } });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::states:startExecution",
        Parameters: { StateMachineArn: CHILD_ARN, Input: { a: 1 } },
        End: true,
      });
      assert.deepStrictEqual(task.permissions(), [
        { Effect: "Allow", Action: ["states:StartExecution"], Resource: [CHILD_ARN] },
      ]);
    });
  });

  describe("AWS SDK", () => {
    it("calls any API action and is allowed exactly that action on the named resources", () => {
      const task = AwsSdk.call("Send", {
        service: "sqs",
        action: "sendMessage",
        parameters: { QueueUrl: "https://sqs/q", "MessageBody.$": "$" },
        iamResources: ["arn:aws:sqs:eu-west-1:111122223333:q"],
      });
      assert.deepStrictEqual(stateOf(task), {
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:sqs:sendMessage",
        Parameters: { QueueUrl: "https://sqs/q", "MessageBody.$": "$" },
        End: true,
      });
      assert.deepStrictEqual(task.permissions(), [
        { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["arn:aws:sqs:eu-west-1:111122223333:q"] },
      ]);
    });

    it("refuses to grant on * an action that has resource-level permissions", () => {
      assert.throws(
        () => AwsSdk.call("Get", { service: "s3", action: "getObject", iamResources: ["*"] }),
        /State "Get": name the resources s3:getObject touches in iamResources: s3:GetObject supports resource-level permissions/,
      );
    });

    it("grants the IAM actions AWS documents where they differ from the API's name", () => {
      const list = AwsSdk.call("List", { service: "s3", action: "listBuckets", iamResources: ["*"] });
      assert.deepStrictEqual(list.permissions(), [
        { Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
      ]);
      const copy = AwsSdk.call("Copy", {
        service: "s3",
        action: "copyObject",
        iamResources: ["arn:aws:s3:::in/*", "arn:aws:s3:::out/*"],
      });
      assert.deepStrictEqual(copy.permissions(), [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: ["arn:aws:s3:::in/*", "arn:aws:s3:::out/*"],
        },
      ]);
      const start = AwsSdk.call("Start", {
        service: "sfn",
        action: "startExecution",
        iamResources: ["arn:aws:states:eu-west-1:111122223333:stateMachine:child"],
      });
      assert.deepStrictEqual(start.permissions()[0]?.Action, ["states:StartExecution"]);
    });

    it("refuses an integration pattern the service does not offer", () => {
      assert.throws(
        () =>
          AwsSdk.call("List", {
            service: "s3",
            action: "listBuckets",
            iamResources: ["arn:aws:s3:::b"],
            pattern: "RUN_JOB" as never,
          }),
        /State "List": aws-sdk:s3:listBuckets does not support the RUN_JOB integration pattern/,
      );
    });
  });

  describe("derived permissions", () => {
    it("grant exactly the actions on exactly the resources a Lambda and two DynamoDB tasks use", () => {
      const definition = StateMachineDefinition.fromChain(
        Chain.sequence(
          LambdaInvoke.task("Order", { functionArn: FN_ARN, payloadResponseOnly: true }),
          DynamoDB.getItem("Read", { table: TABLE, key: { Id: DynamoValue.string("A") } }),
          DynamoDB.updateItem("Write", {
            table: TABLE,
            key: { Id: DynamoValue.string("A") },
            updateExpression: "SET a = :a",
            expressionAttributeValues: { ":a": DynamoValue.string("x") },
          }),
          DynamoDB.putItem("Audit", { table: OTHER_TABLE, item: { Id: DynamoValue.string("A") } }),
        ),
      );
      assert.deepStrictEqual(definition.permissions(), [
        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: [TABLE.arn] },
        { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: [OTHER_TABLE.arn] },
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN_ARN] },
      ]);
      assert.ok(!JSON.stringify(definition.permissions()).includes("*"));
    });

    it("include tasks inside Parallel branches, and nothing for states that call no service", () => {
      const parallel = new Parallel("Both").branch(
        LambdaInvoke.task("Order", { functionArn: FN_ARN }),
        new Pass("Nothing"),
      );
      assert.deepStrictEqual(StateMachineDefinition.fromChain(parallel).permissions(), [
        { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [FN_ARN] },
      ]);
    });
  });
});
