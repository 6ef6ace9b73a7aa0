import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StateMachineDefinition } from "../definitions/asl";
import type { StatementInput } from "./policy";
import { XRAY_WRITE } from "./policy";
import { serviceRole } from "./serviceRole";
import { liveAlias } from "./stateMachineAlias";

/**
 * CloudWatch Logs' log-delivery actions a state machine's role needs to send execution logs. AWS
 * requires `*` for these: log deliveries are not resources IAM can name
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).
 */
export const LOG_DELIVERY: StatementInput = {
  Effect: "Allow",
  Action: [
    "logs:CreateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:UpdateLogDelivery",
  ],
  Resource: ["*"],
  why: "CloudWatch Logs delivery accepts no resource-level permissions",
};

/** Options of a workflow's state machine. */
export interface WorkflowStateMachineArgs {
  readonly type: "EXPRESS" | "STANDARD";
  /** Built inside an apply, because its ARNs are Outputs of other resources. */
  readonly definition: pulumi.Output<StateMachineDefinition>;
  readonly logRetentionDays: number;
  /**
   * Whether executions carry data that must not be copied into logs (personal data, identities).
   * Sensitive machines log errors only, without execution data; others log every event with it,
   * since an EXPRESS machine's logs are the only record of its executions. Tagged on the machine
   * as `execution-data`, so the policy can judge the logging level.
   */
  readonly sensitiveExecutionData: boolean;
  readonly tracing: boolean;
  readonly tags: Record<string, string>;
  /**
   * The log group name. It must start with /aws/vendedlogs/states/ (which avoids the CloudWatch
   * Logs resource-policy size limit) and be unique per stack, as it is a physical name.
   */
  readonly logGroupName: string;
}

/** A state machine with its execution-log group and its role. */
export interface WorkflowStateMachine {
  readonly stateMachine: aws.sfn.StateMachine;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  /** The `live` alias, at the version the latest definition change published (see stateMachineAlias.ts). */
  readonly alias: aws.sfn.Alias;
}

/**
 * Creates a state machine whose role is derived from its definition: exactly what its tasks use,
 * plus the log-delivery and X-Ray actions AWS requires on `*`. Logs go at level ALL with execution
 * data unless that data is sensitive (then ERROR, without data).
 */
export function workflowStateMachine(
  name: string,
  args: WorkflowStateMachineArgs,
  parent: pulumi.Resource,
): WorkflowStateMachine {
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { name: args.logGroupName, retentionInDays: args.logRetentionDays, tags: args.tags },
    { parent },
  );
  const statements = args.definition.apply((definition) => [
    ...definition.permissions(),
    LOG_DELIVERY,
    ...(args.tracing ? [XRAY_WRITE] : []),
  ]);
  const { role, policy } = serviceRole(name, "states.amazonaws.com", statements, args.tags, parent);
  const stateMachine = new aws.sfn.StateMachine(
    name,
    {
      type: args.type,
      roleArn: role.arn,
      definition: args.definition.apply((definition) => definition.toJson()),
      loggingConfiguration: {
        level: args.sensitiveExecutionData ? "ERROR" : "ALL",
        includeExecutionData: !args.sensitiveExecutionData,
        logDestination: pulumi.interpolate`${logGroup.arn}:*`,
      },
      tracingConfiguration: { enabled: args.tracing },
      tags: { ...args.tags, "execution-data": args.sensitiveExecutionData ? "sensitive" : "not-sensitive" },
      // Every definition change publishes a version, which the `live` alias then points at.
      publish: true,
    },
    // The role must be allowed to deliver logs before Step Functions validates the log destination.
    { parent, dependsOn: [policy] },
  );
  return { stateMachine, role, logGroup, alias: liveAlias(name, stateMachine, parent) };
}
