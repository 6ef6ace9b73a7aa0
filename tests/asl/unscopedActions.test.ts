import assert from "node:assert/strict";
import {
  AwsSdk,
  Chain,
  DefinitionError,
  Integrations,
  StateMachineDefinition,
  Succeed,
  UNSCOPED_ACTIONS,
  isUnscopedAction,
  mergeStatements,
} from "../../definitions/asl";

const QUEUE = "arn:aws:batch:eu-west-1:111122223333:job-queue/nightly";
const JOB_DEFINITION = "arn:aws:batch:eu-west-1:111122223333:job-definition/report:3";
const RULE = "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForBatchJobsRule";
const TABLE = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";

/** Wraps one state in a definition, as `fromAsl` takes it. */
const single = (state: Record<string, unknown>) =>
  ({ StartAt: "Call", States: { Call: { ...state, End: true } } }) as never;

describe("ASL builder: actions IAM grants on * alone (UNSCOPED_ACTIONS)", () => {
  it("cites the Service Authorization Reference page of each action's service", () => {
    for (const [action, source] of Object.entries(UNSCOPED_ACTIONS)) {
      assert.match(action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${action} is one named action`);
      assert.match(
        source,
        /^https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_[a-z0-9-]+\.html$/,
        `${action}: ${source}`,
      );
    }
    assert.ok(isUnscopedAction("batch:DescribeJobs"));
    assert.ok(!isUnscopedAction("batch:SubmitJob"));
    assert.ok(!isUnscopedAction("batch:*"));
  });

  it("runs a Batch job to completion through the chain API: batch:DescribeJobs alone on *, the rest scoped, and the managed rule", () => {
    const run = Integrations.batch.submitJob("Run Report", {
      parameters: { JobName: "report", JobQueue: QUEUE, JobDefinition: JOB_DEFINITION },
      pattern: ".sync",
    });
    const definition = StateMachineDefinition.fromChain(Chain.sequence(run, new Succeed("Done")));
    assert.deepStrictEqual(definition.toAsl(), {
      StartAt: "Run Report",
      States: {
        "Run Report": {
          Type: "Task",
          Resource: "arn:aws:states:::batch:submitJob.sync",
          Parameters: { JobName: "report", JobQueue: QUEUE, JobDefinition: JOB_DEFINITION },
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    });
    assert.deepStrictEqual(definition.permissions(), [
      { Effect: "Allow", Action: ["batch:DescribeJobs"], Resource: ["*"] },
      { Effect: "Allow", Action: ["batch:SubmitJob"], Resource: [JOB_DEFINITION, QUEUE] },
      {
        Effect: "Allow",
        Action: ["batch:TerminateJob"],
        Resource: ["arn:aws:batch:eu-west-1:111122223333:job/*"],
      },
      {
        Effect: "Allow",
        Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
        Resource: [RULE],
      },
    ]);
    // The same ASL through fromAsl derives the same policy.
    assert.deepStrictEqual(
      StateMachineDefinition.fromAsl(definition.toAsl() as never).permissions(),
      definition.permissions(),
    );
  });

  it("grants an AWS SDK action with no resource type alone on *, and keeps refusing per-item ones", () => {
    const sentiment = StateMachineDefinition.fromAsl(
      single({
        Type: "Task",
        Resource: "arn:aws:states:::aws-sdk:comprehend:detectSentiment",
        Parameters: { LanguageCode: "en", "Text.$": "$.text" },
      }),
    );
    assert.deepStrictEqual(sentiment.permissions(), [
      { Effect: "Allow", Action: ["comprehend:DetectSentiment"], Resource: ["*"] },
    ]);
    const buckets = StateMachineDefinition.fromAsl(
      single({ Type: "Task", Resource: "arn:aws:states:::aws-sdk:s3:listBuckets", Parameters: {} }),
    );
    assert.deepStrictEqual(buckets.permissions(), [
      { Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
    ]);
    assert.throws(
      () =>
        StateMachineDefinition.fromAsl(
          single({
            Type: "Task",
            Resource: "arn:aws:states:::aws-sdk:dynamodb:transactGetItems",
            Parameters: { TransactItems: [] },
          }),
        ),
      /State "Call": dynamodb:transactGetItems is authorized per item/,
    );
  });

  it("accepts * in explicit statements only for an action in the table, never a wildcard action", () => {
    const state = {
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:comprehend:detectSentiment",
      Parameters: { LanguageCode: "en", "Text.$": "$.text" },
    };
    const onStar = { Effect: "Allow" as const, Action: ["comprehend:DetectSentiment"], Resource: ["*"] };
    assert.deepStrictEqual(
      StateMachineDefinition.fromAsl(single(state), { statePermissions: { Call: [onStar] } }).permissions(),
      [onStar],
    );
    const refused: [Record<string, unknown>, RegExp][] = [
      [
        {
          statePermissions: { Call: [{ ...onStar, Action: ["comprehend:DetectSentiment", "s3:GetObject"] }] },
        },
        /statePermissions\["Call"\] grants "\*": name the actions and resources instead/,
      ],
      [
        { permissions: [{ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["*"] }] },
        /permissions grants "\*": name the actions and resources instead/,
      ],
      [
        { permissions: [{ Effect: "Allow", Action: ["batch:*"], Resource: ["*"] }] },
        /permissions grants "batch:\*": name the actions and resources instead/,
      ],
      [
        { permissions: [{ Effect: "Allow", Action: ["*"], Resource: [TABLE] }] },
        /permissions grants "\*": name the actions and resources instead/,
      ],
    ];
    for (const [options, message] of refused) {
      assert.throws(
        () => StateMachineDefinition.fromAsl(single(state), options),
        (error: unknown) => error instanceof DefinitionError && message.test(error.message),
      );
    }
  });

  it("AwsSdk.call grants * only when asked for an action in the table", () => {
    const task = AwsSdk.call("Sentiment", {
      service: "comprehend",
      action: "detectSentiment",
      parameters: { LanguageCode: "en", "Text.$": "$.text" },
      iamResources: ["*"],
    });
    assert.deepStrictEqual(task.permissions(), [
      { Effect: "Allow", Action: ["comprehend:DetectSentiment"], Resource: ["*"] },
    ]);
    assert.throws(
      () =>
        AwsSdk.call("Sentiment", {
          service: "comprehend",
          action: "detectSentiment",
          iamResources: ["*", TABLE],
        }),
      /State "Sentiment": "\*" in iamResources must stand alone/,
    );
  });

  it("never merges an action granted on * with another action or a scoped resource", () => {
    assert.deepStrictEqual(
      mergeStatements([
        { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
        { Effect: "Allow", Action: ["batch:DescribeJobs"], Resource: ["*"] },
        { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [TABLE] },
      ]),
      [
        { Effect: "Allow", Action: ["batch:DescribeJobs"], Resource: ["*"] },
        { Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: [TABLE] },
        { Effect: "Allow", Action: ["xray:PutTelemetryRecords"], Resource: ["*"] },
        { Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: ["*"] },
      ],
    );
  });

  it("refuses a wildcard handed to a factory, as it refuses one in fromAsl's statements", () => {
    const notify = (Resource: string[], Action = ["sns:Publish"]) =>
      StateMachineDefinition.fromChain(
        Integrations.sns.publish("Notify", {
          parameters: { "TopicArn.$": "$.topic", Message: "hi" },
          permissions: [{ Effect: "Allow", Action, Resource }],
        }),
      );
    for (const [resources, actions, wild] of [
      [["*"], ["sns:Publish"], "*"],
      [["arn:aws:sns:eu-west-1:111122223333:alerts"], ["sns:*"], "sns:*"],
    ] as const) {
      assert.throws(
        () => notify([...resources], [...actions]),
        (error: unknown) =>
          error instanceof DefinitionError &&
          error.message.includes(`State "Notify" grants "${wild}": name the actions and resources instead`),
      );
    }
    assert.deepStrictEqual(notify(["arn:aws:sns:eu-west-1:111122223333:alerts"]).permissions(), [
      { Effect: "Allow", Action: ["sns:Publish"], Resource: ["arn:aws:sns:eu-west-1:111122223333:alerts"] },
    ]);
  });
});
