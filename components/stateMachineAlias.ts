import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The alias every workflow's callers start; moving it is how a bad definition rolls back. */
export const LIVE_ALIAS = "live";

/**
 * The `live` alias of a state machine, pointing with all its weight at the version published by
 * the latest definition change (`publish: true` on the state machine makes every update that
 * changes the definition publish a new version; `stateMachineVersionArn` is that version:
 * https://www.pulumi.com/registry/packages/aws/api-docs/sfn/statemachine/ and
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html).
 *
 * Rolling back: point the alias at an earlier version (`aws stepfunctions update-state-machine-alias
 * --state-machine-alias-arn <alias> --routing-configuration stateMachineVersionArn=<...:N>,weight=100`);
 * executions started through the alias run that version at once. The next `pulumi up` moves it
 * back to the newest version, so fix the definition before deploying again.
 *
 * Who can start the alias: StartExecution accepts version and alias ARNs
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html), and IAM
 * authorizes them against the unqualified state machine ARN
 * (https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html), so existing
 * grants keep working. StartSyncExecution's reference documents only "the ARN of the state machine
 * to execute" and no qualified ARN
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html), so
 * the pizza API keeps starting the unqualified ARN (the latest revision) rather than rely on
 * undocumented behaviour.
 */
export function liveAlias(
  name: string,
  stateMachine: aws.sfn.StateMachine,
  parent: pulumi.Resource,
): aws.sfn.Alias {
  return new aws.sfn.Alias(
    `${name}-${LIVE_ALIAS}`,
    {
      name: LIVE_ALIAS,
      description: "What callers start: the version published by the latest deploy",
      routingConfigurations: [{ stateMachineVersionArn: stateMachine.stateMachineVersionArn, weight: 100 }],
    },
    { parent },
  );
}
