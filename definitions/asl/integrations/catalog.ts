import type { ResourceSpec } from "./iamResource";

/**
 * The Step Functions service integrations as data: for each optimized integration
 * (`arn:<partition>:states:::<service>:<action><suffix>`), the integration patterns it supports and
 * the IAM its Task needs. `fromAsl` derives a definition's policy from this table, the integration
 * factories (`Integrations.sqs.sendMessage(...)`) are generated from it, and the README's table is
 * printed from it (`npm run integrations-table`).
 *
 * Sources: each entry's `doc` is the service's page in the Step Functions Developer Guide, whose
 * "IAM policies for calling <service>" section shows the policy the console generates for static
 * resources; the list of services follows AWS CDK's aws-stepfunctions-tasks (every service it covers
 * is here). Where AWS's own template grants `"Resource": "*"`, the entry either narrows it to the
 * resource the request names (and says so in `note`), or marks the grant `unscoped`: the action has no
 * resource-level permissions (Service Authorization Reference), so it is granted alone on `*` when
 * it is in UNSCOPED_ACTIONS (unscopedActions.ts), and deriving refuses otherwise.
 */

/** The `Resource` suffix of an integration pattern. */
export type PatternSuffix = "" | ".sync" | ".sync:2" | ".waitForTaskToken";

/** Actions granted on resources, for the patterns listed in `when` (all patterns when absent). */
export interface IamGrant {
  readonly actions: readonly string[];
  readonly resources: readonly ResourceSpec[];
  readonly when?: readonly PatternSuffix[];
  /**
   * Set when the action supports no resource-level permission: the reason. Actions in
   * UNSCOPED_ACTIONS are then granted alone on `*`; any other is refused with this reason.
   */
  readonly unscoped?: string;
}

/** One optimized integration. */
export interface IntegrationEntry {
  /** The patterns Step Functions supports for it. */
  readonly patterns: readonly PatternSuffix[];
  /** The IAM the state machine's role needs. */
  readonly iam: readonly IamGrant[];
  /** The EventBridge rule Step Functions manages to learn that a `.sync` job ended. */
  readonly syncRule?: string;
  /** Request fields, for the factories' parameter types. */
  readonly params: readonly string[];
  /** The Step Functions Developer Guide page of the integration (its IAM section). */
  readonly doc: string;
  readonly note?: string;
}

const DOC = "https://docs.aws.amazon.com/step-functions/latest/dg";
const RR_TOKEN = ["", ".waitForTaskToken"] as const;
const RR_SYNC = ["", ".sync"] as const;
const ALL = ["", ".sync", ".waitForTaskToken"] as const;
const SYNC = [".sync", ".sync:2"] as const;

/** An ARN template in the state machine's region and account. */
const arn = (service: string, resource: string) =>
  `arn:{partition}:${service}:{region}:{account}:${resource}`;
/** `iam:PassRole` on the role named by `param`, which the service assumes on the caller's behalf. */
const passRole = (param: string, optional = false): IamGrant => ({
  actions: ["iam:PassRole"],
  resources: [{ param, arn: "arn:{partition}:iam::{account}:role/{name}", arnAsIs: true, optional }],
});

/** DynamoDB's four item integrations: one action on the table named in the request. */
function dynamo(iamAction: string): IntegrationEntry {
  return {
    patterns: [""],
    iam: [
      {
        actions: [`dynamodb:${iamAction}`],
        resources: [{ param: "TableName", arn: arn("dynamodb", "table/{name}") }],
      },
    ],
    params: ["TableName", "Key", "Item", "UpdateExpression", "ConditionExpression"],
    doc: `${DOC}/connect-ddb.html`,
  };
}

const table = {
  lambda: {
    invoke: {
      patterns: RR_TOKEN,
      iam: [
        {
          actions: ["lambda:InvokeFunction"],
          resources: [{ param: "FunctionName", arn: arn("lambda", "function:{value}"), arnAsIs: true }],
        },
      ],
      params: ["FunctionName", "Payload", "InvocationType", "Qualifier", "ClientContext"],
      doc: `${DOC}/connect-lambda.html`,
    },
  },
  sns: {
    publish: {
      patterns: RR_TOKEN,
      iam: [{ actions: ["sns:Publish"], resources: [{ param: "TopicArn" }] }],
      params: ["TopicArn", "TargetArn", "Message", "Subject", "MessageAttributes", "MessageGroupId"],
      doc: `${DOC}/connect-sns.html`,
      note: "Publishing to a TargetArn or PhoneNumber instead of a TopicArn needs explicit statements.",
    },
  },
  sqs: {
    sendMessage: {
      patterns: RR_TOKEN,
      iam: [{ actions: ["sqs:SendMessage"], resources: [{ param: "QueueUrl", convert: "sqsQueueUrl" }] }],
      params: ["QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes", "MessageGroupId"],
      doc: `${DOC}/connect-sqs.html`,
      note: "A queue encrypted with a customer managed key also needs kms:GenerateDataKey and kms:Decrypt on it.",
    },
  },
  dynamodb: {
    getItem: dynamo("GetItem"),
    putItem: dynamo("PutItem"),
    updateItem: dynamo("UpdateItem"),
    deleteItem: dynamo("DeleteItem"),
  },
  events: {
    putEvents: {
      patterns: RR_TOKEN,
      iam: [
        {
          actions: ["events:PutEvents"],
          resources: [
            {
              param: "Entries[].EventBusName",
              arn: arn("events", "event-bus/{name}"),
              arnAsIs: true,
              default: "default",
            },
          ],
        },
      ],
      params: ["Entries"],
      doc: `${DOC}/connect-eventbridge.html`,
    },
  },
  states: {
    startExecution: {
      patterns: ["", ".sync", ".sync:2", ".waitForTaskToken"],
      iam: [
        { actions: ["states:StartExecution"], resources: [{ param: "StateMachineArn" }] },
        {
          actions: ["states:DescribeExecution", "states:StopExecution"],
          resources: [{ param: "StateMachineArn", arn: arn("states", "execution:{name}:*") }],
          when: SYNC,
        },
      ],
      syncRule: "StepFunctionsGetEventsForStepFunctionsExecutionRule",
      params: ["StateMachineArn", "Input", "Name"],
      doc: `${DOC}/connect-stepfunctions.html`,
    },
  },
  ecs: {
    runTask: {
      patterns: ALL,
      iam: [
        {
          actions: ["ecs:RunTask"],
          resources: [{ param: "TaskDefinition", arn: arn("ecs", "task-definition/{name}"), arnAsIs: true }],
        },
        {
          actions: ["ecs:StopTask", "ecs:DescribeTasks"],
          resources: [{ param: "Cluster", arn: arn("ecs", "task/{name}/*"), default: "default" }],
          when: SYNC,
        },
        passRole("Overrides.TaskRoleArn", true),
        passRole("Overrides.ExecutionRoleArn", true),
      ],
      syncRule: "StepFunctionsGetEventsForECSTaskRule",
      params: ["Cluster", "TaskDefinition", "LaunchType", "NetworkConfiguration", "Overrides"],
      doc: `${DOC}/connect-ecs.html`,
      note: "AWS's template grants StopTask/DescribeTasks on *; here they are narrowed to the cluster's tasks. The task definition's own roles need iam:PassRole too: add statements for them.",
    },
  },
  batch: {
    submitJob: {
      patterns: ALL,
      iam: [
        {
          actions: ["batch:SubmitJob"],
          resources: [
            { param: "JobDefinition", arn: arn("batch", "job-definition/{name}"), arnAsIs: true },
            { param: "JobQueue", arn: arn("batch", "job-queue/{name}"), arnAsIs: true },
          ],
        },
        { actions: ["batch:TerminateJob"], resources: [{ arn: arn("batch", "job/*") }], when: SYNC },
        {
          actions: ["batch:DescribeJobs"],
          resources: [],
          when: SYNC,
          unscoped: "batch:DescribeJobs supports no resource-level permissions",
        },
      ],
      syncRule: "StepFunctionsGetEventsForBatchJobsRule",
      params: ["JobName", "JobDefinition", "JobQueue", "Parameters", "ContainerOverrides"],
      doc: `${DOC}/connect-batch.html`,
    },
  },
  glue: {
    startJobRun: {
      patterns: ALL,
      iam: [
        { actions: ["glue:StartJobRun"], resources: [{ param: "JobName", arn: arn("glue", "job/{value}") }] },
        {
          actions: ["glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"],
          resources: [{ param: "JobName", arn: arn("glue", "job/{value}") }],
          when: SYNC,
        },
      ],
      params: ["JobName", "Arguments", "JobRunId", "Timeout"],
      doc: `${DOC}/connect-glue.html`,
      note: "AWS's template grants on *; Glue job actions accept the job ARN, so they are narrowed to it. .sync polls: no EventBridge rule.",
    },
  },
  athena: {
    startQueryExecution: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["athena:StartQueryExecution"],
          resources: [{ param: "WorkGroup", arn: arn("athena", "workgroup/{value}"), default: "primary" }],
        },
        {
          actions: ["athena:GetQueryExecution", "athena:StopQueryExecution"],
          resources: [{ param: "WorkGroup", arn: arn("athena", "workgroup/{value}"), default: "primary" }],
          when: SYNC,
        },
      ],
      params: ["QueryString", "WorkGroup", "QueryExecutionContext", "ResultConfiguration"],
      doc: `${DOC}/connect-athena.html`,
      note: "The query also reads its data and writes its results: S3, Glue Data Catalog and Lake Formation grants depend on the query and are added as explicit statements.",
    },
    ...Object.fromEntries(
      (["stopQueryExecution", "getQueryExecution", "getQueryResults"] as const).map((action) => [
        action,
        {
          patterns: [""],
          iam: [
            {
              actions: [`athena:${action.charAt(0).toUpperCase()}${action.slice(1)}`],
              // The request names only a query execution id; its work group is known at run time.
              resources: [{ arn: arn("athena", "workgroup/*") }],
            },
          ],
          params: ["QueryExecutionId", "MaxResults", "NextToken"],
          doc: `${DOC}/connect-athena.html`,
        },
      ]),
    ),
  },
  elasticmapreduce: {
    createCluster: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["elasticmapreduce:RunJobFlow"],
          resources: [],
          unscoped: "elasticmapreduce:RunJobFlow supports no resource-level permissions",
        },
        passRole("ServiceRole"),
        passRole("JobFlowRole"),
      ],
      syncRule: "StepFunctionsGetEventsForEMRRunJobFlowRule",
      params: ["Name", "ReleaseLabel", "Instances", "ServiceRole", "JobFlowRole"],
      doc: `${DOC}/connect-emr.html`,
    },
    ...Object.fromEntries(
      (
        [
          [
            "addStep",
            ["AddJobFlowSteps"],
            ["DescribeStep", "CancelSteps"],
            "StepFunctionsGetEventsForEMRAddJobFlowStepsRule",
          ],
          ["cancelStep", ["CancelSteps"], [], undefined],
          [
            "terminateCluster",
            ["TerminateJobFlows"],
            ["DescribeCluster"],
            "StepFunctionsGetEventsForEMRTerminateJobFlowsRule",
          ],
          ["setClusterTerminationProtection", ["SetTerminationProtection"], [], undefined],
          ["modifyInstanceFleetByName", ["ModifyInstanceFleet", "ListInstanceFleets"], [], undefined],
          ["modifyInstanceGroupByName", ["ModifyInstanceGroups", "ListInstanceGroups"], [], undefined],
        ] as const
      ).map(([action, actions, syncActions, rule]) => [
        action,
        {
          patterns: syncActions.length > 0 ? RR_SYNC : [""],
          iam: [
            {
              actions: actions.map((name) => `elasticmapreduce:${name}`),
              resources: [{ param: "ClusterId", arn: arn("elasticmapreduce", "cluster/{value}") }],
            },
            ...(syncActions.length > 0
              ? [
                  {
                    actions: syncActions.map((name) => `elasticmapreduce:${name}`),
                    resources: [{ param: "ClusterId", arn: arn("elasticmapreduce", "cluster/{value}") }],
                    when: SYNC,
                  },
                ]
              : []),
          ],
          ...(rule ? { syncRule: rule } : {}),
          params: ["ClusterId", "Step", "StepId", "TerminationProtected", "InstanceFleet", "InstanceGroup"],
          doc: `${DOC}/connect-emr.html`,
        } satisfies IntegrationEntry,
      ]),
    ),
  },
  "emr-containers": {
    startJobRun: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["emr-containers:StartJobRun"],
          resources: [{ param: "VirtualClusterId", arn: arn("emr-containers", "/virtualclusters/{value}") }],
        },
        {
          actions: ["emr-containers:DescribeJobRun", "emr-containers:CancelJobRun"],
          resources: [
            { param: "VirtualClusterId", arn: arn("emr-containers", "/virtualclusters/{value}/jobruns/*") },
          ],
          when: SYNC,
        },
        passRole("ExecutionRoleArn"),
      ],
      params: ["VirtualClusterId", "Name", "ExecutionRoleArn", "ReleaseLabel", "JobDriver"],
      doc: `${DOC}/connect-emr-eks.html`,
    },
    deleteVirtualCluster: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["emr-containers:DeleteVirtualCluster"],
          resources: [{ param: "Id", arn: arn("emr-containers", "/virtualclusters/{value}") }],
        },
        {
          actions: ["emr-containers:DescribeVirtualCluster"],
          resources: [{ param: "Id", arn: arn("emr-containers", "/virtualclusters/{value}") }],
          when: SYNC,
        },
      ],
      params: ["Id"],
      doc: `${DOC}/connect-emr-eks.html`,
    },
    createVirtualCluster: {
      patterns: [""],
      iam: [
        {
          actions: ["emr-containers:CreateVirtualCluster"],
          resources: [],
          unscoped: "AWS grants emr-containers:CreateVirtualCluster only on *",
        },
      ],
      params: ["Name", "ContainerProvider"],
      doc: `${DOC}/connect-emr-eks.html`,
    },
  },
  "emr-serverless": {
    startJobRun: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["emr-serverless:StartJobRun"],
          resources: [{ param: "ApplicationId", arn: arn("emr-serverless", "/applications/{value}") }],
        },
        {
          actions: ["emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"],
          resources: [
            { param: "ApplicationId", arn: arn("emr-serverless", "/applications/{value}/jobruns/*") },
          ],
          when: SYNC,
        },
        passRole("ExecutionRoleArn"),
      ],
      syncRule: "StepFunctionsGetEventsForEMRServerlessJobRule",
      params: ["ApplicationId", "ExecutionRoleArn", "JobDriver", "ConfigurationOverrides", "Name"],
      doc: `${DOC}/connect-emr-serverless.html`,
    },
    ...Object.fromEntries(
      (["startApplication", "stopApplication", "deleteApplication"] as const).map((action) => [
        action,
        {
          patterns: RR_SYNC,
          iam: [
            {
              actions: [`emr-serverless:${action.charAt(0).toUpperCase()}${action.slice(1)}`],
              resources: [{ param: "ApplicationId", arn: arn("emr-serverless", "/applications/{value}") }],
            },
            {
              actions: ["emr-serverless:GetApplication"],
              resources: [{ param: "ApplicationId", arn: arn("emr-serverless", "/applications/{value}") }],
              when: SYNC,
            },
          ],
          syncRule: "StepFunctionsGetEventsForEMRServerlessApplicationRule",
          params: ["ApplicationId"],
          doc: `${DOC}/connect-emr-serverless.html`,
        },
      ]),
    ),
  },
  sagemaker: {
    ...Object.fromEntries(
      (
        [
          ["createTrainingJob", "TrainingJob", "training-job", "TrainingJobsRule", "RoleArn"],
          ["createTransformJob", "TransformJob", "transform-job", "TransformJobsRule", undefined],
          ["createProcessingJob", "ProcessingJob", "processing-job", "ProcessingJobsRule", "RoleArn"],
          [
            "createHyperParameterTuningJob",
            "HyperParameterTuningJob",
            "hyper-parameter-tuning-job",
            "TuningJobsRule",
            "TrainingJobDefinition.RoleArn",
          ],
        ] as const
      ).map(([action, noun, kind, rule, role]) => [
        action,
        {
          patterns: RR_SYNC,
          iam: [
            {
              // SageMaker writes resource names in lower case in its ARNs.
              actions: [`sagemaker:Create${noun}`],
              resources: [{ param: `${noun}Name`, arn: arn("sagemaker", `${kind}/{lname}`) }],
            },
            {
              actions: [`sagemaker:Describe${noun}`, `sagemaker:Stop${noun}`],
              resources: [{ param: `${noun}Name`, arn: arn("sagemaker", `${kind}/{lname}`) }],
              when: SYNC,
            },
            ...(role ? [passRole(role)] : []),
          ],
          syncRule: `StepFunctionsGetEventsForSageMaker${rule}`,
          params: [`${noun}Name`, "RoleArn", "AlgorithmSpecification", "ModelName", "Tags"],
          doc: `${DOC}/connect-sagemaker.html`,
        } satisfies IntegrationEntry,
      ]),
    ),
    createModel: {
      patterns: [""],
      iam: [
        {
          actions: ["sagemaker:CreateModel"],
          resources: [{ param: "ModelName", arn: arn("sagemaker", "model/{lname}") }],
        },
        passRole("ExecutionRoleArn"),
      ],
      params: ["ModelName", "ExecutionRoleArn", "PrimaryContainer", "Containers"],
      doc: `${DOC}/connect-sagemaker.html`,
    },
    createEndpointConfig: {
      patterns: [""],
      iam: [
        {
          actions: ["sagemaker:CreateEndpointConfig"],
          resources: [{ param: "EndpointConfigName", arn: arn("sagemaker", "endpoint-config/{lname}") }],
        },
      ],
      params: ["EndpointConfigName", "ProductionVariants"],
      doc: `${DOC}/connect-sagemaker.html`,
    },
    ...Object.fromEntries(
      (["createEndpoint", "updateEndpoint"] as const).map((action) => [
        action,
        {
          patterns: [""],
          iam: [
            {
              actions: [`sagemaker:${action === "createEndpoint" ? "CreateEndpoint" : "UpdateEndpoint"}`],
              resources: [
                { param: "EndpointName", arn: arn("sagemaker", "endpoint/{lname}") },
                { param: "EndpointConfigName", arn: arn("sagemaker", "endpoint-config/{lname}") },
              ],
            },
          ],
          params: ["EndpointName", "EndpointConfigName"],
          doc: `${DOC}/connect-sagemaker.html`,
        },
      ]),
    ),
  },
  codebuild: {
    ...Object.fromEntries(
      (
        [
          [
            "startBuild",
            "StartBuild",
            ["StopBuild", "BatchGetBuilds"],
            "StepFunctionsGetEventsForCodeBuildStartBuildRule",
          ],
          [
            "startBuildBatch",
            "StartBuildBatch",
            ["StopBuildBatch", "BatchGetBuildBatches"],
            "StepFunctionsGetEventsForCodeBuildStartBuildBatchRule",
          ],
        ] as const
      ).map(([action, iamAction, syncActions, rule]) => [
        action,
        {
          patterns: RR_SYNC,
          iam: [
            {
              actions: [`codebuild:${iamAction}`],
              resources: [{ param: "ProjectName", arn: arn("codebuild", "project/{name}") }],
            },
            {
              actions: syncActions.map((name) => `codebuild:${name}`),
              resources: [{ param: "ProjectName", arn: arn("codebuild", "project/{name}") }],
              when: SYNC,
            },
          ],
          syncRule: rule,
          params: ["ProjectName", "EnvironmentVariablesOverride", "SourceVersion"],
          doc: `${DOC}/connect-codebuild.html`,
        } satisfies IntegrationEntry,
      ]),
    ),
  },
  apigateway: {
    invoke: {
      patterns: RR_TOKEN,
      iam: [
        {
          actions: ["execute-api:Invoke"],
          resources: [{ param: "ApiEndpoint", convert: "apiGatewayInvoke" }],
        },
      ],
      params: [
        "ApiEndpoint",
        "Method",
        "Stage",
        "Path",
        "Headers",
        "QueryParameters",
        "RequestBody",
        "AuthType",
      ],
      doc: `${DOC}/connect-api-gateway.html`,
      note: "Only AuthType IAM_ROLE needs execute-api:Invoke; it is granted whatever the AuthType, on the one method and path.",
    },
  },
  bedrock: {
    invokeModel: {
      patterns: [""],
      iam: [
        {
          actions: ["bedrock:InvokeModel"],
          resources: [
            {
              param: "ModelId",
              arn: "arn:{partition}:bedrock:{region}::foundation-model/{value}",
              arnAsIs: true,
            },
          ],
        },
      ],
      params: ["ModelId", "Body", "ContentType", "Accept", "Input", "Output"],
      doc: `${DOC}/connect-bedrock.html`,
      note: "Input/Output S3 locations also need s3:GetObject/s3:PutObject: add statements for them.",
    },
    createModelCustomizationJob: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["bedrock:CreateModelCustomizationJob"],
          resources: [
            {
              param: "BaseModelIdentifier",
              arn: "arn:{partition}:bedrock:{region}::foundation-model/{value}",
              arnAsIs: true,
            },
            { param: "CustomModelName", arn: arn("bedrock", "custom-model/*") },
            { param: "JobName", arn: arn("bedrock", "model-customization-job/*") },
          ],
        },
        {
          actions: ["bedrock:GetModelCustomizationJob", "bedrock:StopModelCustomizationJob"],
          resources: [{ param: "JobName", arn: arn("bedrock", "model-customization-job/*") }],
          when: SYNC,
        },
        passRole("RoleArn"),
      ],
      params: [
        "BaseModelIdentifier",
        "CustomModelName",
        "JobName",
        "RoleArn",
        "TrainingDataConfig",
        "OutputDataConfig",
      ],
      doc: `${DOC}/connect-bedrock.html`,
      note: "The job's id is generated, so the job and custom model are granted by pattern within the account.",
    },
  },
  databrew: {
    startJobRun: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["databrew:StartJobRun"],
          resources: [{ param: "Name", arn: arn("databrew", "job/{value}") }],
        },
        {
          actions: ["databrew:ListJobRuns", "databrew:StopJobRun"],
          resources: [{ param: "Name", arn: arn("databrew", "job/{value}") }],
          when: SYNC,
        },
      ],
      params: ["Name"],
      doc: `${DOC}/connect-databrew.html`,
    },
  },
  mediaconvert: {
    createJob: {
      patterns: RR_SYNC,
      iam: [
        {
          actions: ["mediaconvert:CreateJob"],
          resources: [{ param: "Queue", arn: arn("mediaconvert", "queues/{name}"), default: "Default" }],
        },
        {
          actions: ["mediaconvert:GetJob", "mediaconvert:CancelJob"],
          resources: [{ arn: arn("mediaconvert", "jobs/*") }],
          when: SYNC,
        },
        passRole("Role"),
      ],
      syncRule: "StepFunctionsGetEventsForMediaConvertJobRule",
      params: ["Role", "Settings", "Queue", "JobTemplate"],
      doc: `${DOC}/connect-mediaconvert.html`,
    },
  },
  eks: {
    call: {
      patterns: [""],
      iam: [
        {
          actions: ["eks:DescribeCluster"],
          resources: [{ param: "ClusterName", arn: arn("eks", "cluster/{value}") }],
        },
      ],
      params: [
        "ClusterName",
        "CertificateAuthority",
        "Endpoint",
        "Method",
        "Path",
        "QueryParameters",
        "RequestBody",
      ],
      doc: `${DOC}/connect-eks.html`,
      note: "The call itself is authorized by the cluster's Kubernetes RBAC, not IAM.",
    },
  },
  http: {
    invoke: {
      patterns: [""],
      iam: [
        {
          actions: ["states:InvokeHTTPEndpoint"],
          resources: [{ arn: arn("states", "stateMachine:{stateMachineName}") }],
        },
        {
          actions: ["events:RetrieveConnectionCredentials"],
          // The connection is named in Authentication (public APIs) or InvocationConfig (private APIs).
          resources: [
            { param: "Authentication.ConnectionArn", optional: true },
            { param: "InvocationConfig.ConnectionArn", optional: true },
          ],
        },
        {
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          resources: [
            { param: "Authentication.ConnectionArn", convert: "connectionSecret", optional: true },
            { param: "InvocationConfig.ConnectionArn", convert: "connectionSecret", optional: true },
          ],
        },
      ],
      params: [
        "ApiEndpoint",
        "Method",
        "Authentication",
        "Headers",
        "QueryParameters",
        "RequestBody",
        "Transform",
      ],
      doc: `${DOC}/call-https-apis.html`,
      note: "AWS's example also conditions InvokeHTTPEndpoint on states:HTTPMethod and states:HTTPEndpoint.",
    },
  },
} as const satisfies Record<string, Record<string, IntegrationEntry>>;

/** The table's literal type: each action's patterns and request fields, for the factories' types. */
export type IntegrationTable = typeof table;

/** Every optimized integration, by `Resource` service name then action. */
export const SERVICE_INTEGRATIONS: {
  readonly [S in keyof typeof table]: { readonly [A in keyof (typeof table)[S]]: IntegrationEntry };
} = table;

/** The services of `SERVICE_INTEGRATIONS`. */
export type IntegratedService = keyof typeof table;

/** The actions of one service. */
export type IntegratedAction<S extends IntegratedService> = Extract<keyof (typeof table)[S], string>;

/** Looks an integration up; `undefined` for one the table does not have. */
export function integrationEntry(service: string, action: string): IntegrationEntry | undefined {
  const actions = (SERVICE_INTEGRATIONS as Record<string, Record<string, IntegrationEntry>>)[service];
  return actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
}

/**
 * Activities (`arn:<partition>:states:<region>:<account>:activity:<name>`) need no permission on
 * the state machine's role: the worker polls with its own credentials (GetActivityTask), and Step
 * Functions schedules the task itself (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html;
 * CDK's StepFunctionsInvokeActivity adds no policy statement for the same reason).
 */
export const ACTIVITY_DOC = `${DOC}/concepts-activities.html`;

/** The Developer Guide page on the SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`). */
export const AWS_SDK_DOC = `${DOC}/supported-services-awssdk.html`;
