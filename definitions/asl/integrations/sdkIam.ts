import type { AwsEnvironment, Request, Resolved, ResourceSpec } from "./iamResource";
import { readField, resolveResource } from "./iamResource";

/**
 * IAM for AWS SDK integrations (`arn:<partition>:states:::aws-sdk:<service>:<action>`). Step Functions
 * calls the API with the state machine's role, so the role needs the API's IAM action, which is
 * usually `<service>:<Action>`. This file records where it is not, each with its source.
 */

/**
 * SDK service names whose IAM prefix differs. Source: the Service Authorization Reference's service
 * prefixes (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 * cross-checked against AWS CDK's map of the same (aws-stepfunctions-tasks/lib/private/aws-sdk-iam-service-map.ts).
 */
export const SDK_IAM_PREFIX: Readonly<Record<string, string>> = {
  sfn: "states",
  cloudwatchlogs: "logs",
  eventbridge: "events",
  efs: "elasticfilesystem",
  emr: "elasticmapreduce",
  emrcontainers: "emr-containers",
  emrserverless: "emr-serverless",
  sesv2: "ses",
  bedrockruntime: "bedrock",
  bedrockagent: "bedrock",
  bedrockagentruntime: "bedrock",
  cognitoidentityprovider: "cognito-idp",
  cognitoidentity: "cognito-identity",
  redshiftdata: "redshift-data",
  redshiftserverless: "redshift-serverless",
  rdsdata: "rds-data",
  opensearch: "es",
  elasticsearch: "es",
  elasticloadbalancingv2: "elasticloadbalancing",
  applicationautoscaling: "application-autoscaling",
  costexplorer: "ce",
  location: "geo",
  s3control: "s3",
  sagemakerruntime: "sagemaker",
  dynamodbstreams: "dynamodb",
  pinpoint: "mobiletargeting",
  acmpca: "acm-pca",
  accessanalyzer: "access-analyzer",
  databasemigration: "dms",
  directory: "ds",
  mwaa: "airflow",
  resourcegroups: "resource-groups",
  kinesisanalyticsv2: "kinesisanalytics",
  lexruntimev2: "lex",
  lexmodelsv2: "lex",
  timestreamquery: "timestream",
  timestreamwrite: "timestream",
};

/** An SDK action whose IAM actions differ from `<prefix>:<Action>`, and where to read its resources. */
export interface SdkIamException {
  readonly actions: readonly string[];
  /**
   * Set when the grant names no resource from the request: why. Actions with no resource-level
   * permission (in UNSCOPED_ACTIONS) are then granted alone on `*`; the rest (per-item actions) are
   * refused.
   */
  readonly unscoped?: string;
  /** Where the rule is documented. */
  readonly source: string;
}

const S3_API = "https://docs.aws.amazon.com/AmazonS3/latest/API";

/** SDK actions (`<service>:<action>`) whose IAM actions are not named after the API. */
export const SDK_IAM_EXCEPTIONS: Readonly<Record<string, SdkIamException>> = {
  "s3:listObjectsV2": { actions: ["s3:ListBucket"], source: `${S3_API}/API_ListObjectsV2.html` },
  "s3:listObjects": { actions: ["s3:ListBucket"], source: `${S3_API}/API_ListObjects.html` },
  "s3:headBucket": { actions: ["s3:ListBucket"], source: `${S3_API}/API_HeadBucket.html` },
  "s3:headObject": { actions: ["s3:GetObject"], source: `${S3_API}/API_HeadObject.html` },
  "s3:listObjectVersions": {
    actions: ["s3:ListBucketVersions"],
    source: `${S3_API}/API_ListObjectVersions.html`,
  },
  "s3:listMultipartUploads": {
    actions: ["s3:ListBucketMultipartUploads"],
    source: `${S3_API}/API_ListMultipartUploads.html`,
  },
  "s3:listParts": { actions: ["s3:ListMultipartUploadParts"], source: `${S3_API}/API_ListParts.html` },
  "s3:createMultipartUpload": {
    actions: ["s3:PutObject"],
    source: `${S3_API}/API_CreateMultipartUpload.html`,
  },
  "s3:uploadPart": { actions: ["s3:PutObject"], source: `${S3_API}/API_UploadPart.html` },
  "s3:completeMultipartUpload": {
    actions: ["s3:PutObject"],
    source: `${S3_API}/API_CompleteMultipartUpload.html`,
  },
  "s3:deleteObjects": { actions: ["s3:DeleteObject"], source: `${S3_API}/API_DeleteObjects.html` },
  "s3:copyObject": { actions: ["s3:GetObject", "s3:PutObject"], source: `${S3_API}/API_CopyObject.html` },
  "s3:listBuckets": {
    actions: ["s3:ListAllMyBuckets"],
    // No resource-level permissions: granted alone on "*" (UNSCOPED_ACTIONS, unscopedActions.ts).
    unscoped: "s3:ListAllMyBuckets supports no resource-level permissions",
    source: `${S3_API}/API_ListBuckets.html`,
  },
  "dynamodb:transactWriteItems": {
    actions: [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:ConditionCheckItem",
    ],
    unscoped:
      "dynamodb:transactWriteItems is authorized per item (dynamodb:PutItem, UpdateItem, DeleteItem or ConditionCheckItem on each item's table)",
    source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html",
  },
  "dynamodb:transactGetItems": {
    actions: ["dynamodb:GetItem"],
    unscoped: "dynamodb:transactGetItems is authorized per item (dynamodb:GetItem on each item's table)",
    source: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html",
  },
  "lambda:invoke": {
    actions: ["lambda:InvokeFunction"],
    source: "https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html",
  },
  "sfn:startSyncExecution": {
    actions: ["states:StartSyncExecution"],
    source: "https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html",
  },
};

/** S3 IAM actions that apply to the bucket (`arn:aws:s3:::bucket`) rather than to its objects. */
const S3_BUCKET_ACTION = /^s3:(ListBucket|ListBucketVersions|ListBucketMultipartUploads|\w*Bucket\w*)$/;

/** The IAM actions an SDK call needs, by the exceptions above or by the naming rule. */
export function sdkIamActions(service: string, action: string): SdkIamException {
  const known = SDK_IAM_EXCEPTIONS[`${service}:${action}`];
  if (known) return known;
  const prefix = SDK_IAM_PREFIX[service] ?? service;
  return {
    actions: [`${prefix}:${action.charAt(0).toUpperCase()}${action.slice(1)}`],
    source:
      "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
  };
}

/** Where well-known services name their resources in a request. */
const SDK_RESOURCES: Readonly<Record<string, readonly ResourceSpec[]>> = {
  dynamodb: [{ param: "TableName", arn: "arn:{partition}:dynamodb:{region}:{account}:table/{name}" }],
  sqs: [{ param: "QueueUrl", convert: "sqsQueueUrl" }],
  sns: [{ param: "TopicArn" }],
  lambda: [
    {
      param: "FunctionName",
      arn: "arn:{partition}:lambda:{region}:{account}:function:{value}",
      arnAsIs: true,
    },
  ],
  secretsmanager: [
    // A secret's ARN ends in a random six-character suffix: grant on the name plus any suffix.
    {
      param: "SecretId",
      arn: "arn:{partition}:secretsmanager:{region}:{account}:secret:{value}-??????",
      arnAsIs: true,
    },
  ],
  ssm: [{ param: "Name", arn: "arn:{partition}:ssm:{region}:{account}:parameter/{value}", arnAsIs: true }],
  eventbridge: [
    {
      param: "EventBusName",
      arn: "arn:{partition}:events:{region}:{account}:event-bus/{name}",
      arnAsIs: true,
    },
  ],
  glue: [{ param: "JobName", arn: "arn:{partition}:glue:{region}:{account}:job/{value}" }],
};

/**
 * The resources an SDK call touches. Known services read their resource fields; S3 builds bucket or
 * object ARNs from `Bucket` and `Key`; DynamoDB batch calls name their tables in `RequestItems`;
 * otherwise every literal ARN of the same service in the request is taken. Nothing found is a problem.
 */
export function sdkResources(
  service: string,
  iamAction: string,
  request: Request,
  env: AwsEnvironment,
): Resolved {
  if (service === "s3") return s3Resources(iamAction, request, env);
  if (service === "dynamodb" && "RequestItems" in request) {
    const tables = request.RequestItems;
    if (tables === null || typeof tables !== "object" || Array.isArray(tables)) {
      return { problem: "RequestItems is not a literal object of table names" };
    }
    return mergeResolved(
      Object.keys(tables).map((table) =>
        resolveResource(
          { param: "t", arn: "arn:{partition}:dynamodb:{region}:{account}:table/{name}" },
          { t: table },
          env,
        ),
      ),
    );
  }
  const specs = SDK_RESOURCES[service];
  if (specs) {
    const resolved = specs.map((spec) => resolveResource(spec, request, env));
    const found = resolved.find((entry) => "arns" in entry && entry.arns.length > 0);
    if (found) return found;
    const problem = resolved.find((entry) => "problem" in entry && !/is missing/.test(entry.problem));
    if (problem) return problem;
  }
  const prefix = iamAction.split(":")[0];
  const own = resolveResource({ param: "StateMachineArn" }, request, env);
  if (prefix === "states" && "arns" in own) return own;
  const arns = literalArns(request).filter((value) => value.split(":")[2] === prefix);
  if (arns.length > 0) return { arns: [...new Set(arns)] };
  return { problem: `the request names no ${prefix} resource the builder can read` };
}

function s3Resources(iamAction: string, request: Request, env: AwsEnvironment): Resolved {
  const bucket = readField(request, "Bucket");
  if ("problem" in bucket) return bucket;
  const name = bucket.values[0];
  if (typeof name !== "string") return { problem: "Bucket is missing from the request" };
  const partition = env.partition ?? "aws";
  if (S3_BUCKET_ACTION.test(iamAction)) return { arns: [`arn:${partition}:s3:::${name}`] };
  const key = readField(request, "Key");
  // Without a literal Key the call may touch any object of the bucket.
  const object = "values" in key && typeof key.values[0] === "string" ? key.values[0] : "*";
  return { arns: [`arn:${partition}:s3:::${name}/${object}`] };
}

function literalArns(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("arn:") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(literalArns);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => (key.endsWith(".$") ? [] : literalArns(inner)));
}

function mergeResolved(all: Resolved[]): Resolved {
  const problem = all.find((entry) => "problem" in entry);
  if (problem) return problem;
  return { arns: all.flatMap((entry) => ("arns" in entry ? entry.arns : [])) };
}
