/**
 * ARN checks of the Step Functions API, with the service's messages: a string that is no ARN is
 * `Invalid Arn: '<arn>'`; an ARN of the wrong resource type (an execution ARN where a state machine
 * is expected, ...) is `Invalid Arn: 'Resource type not valid in this context: <type>'`, the wording
 * AWS answers with (quoted from real responses, e.g. cirrus-geo/cirrus-geo#316 and the botocore
 * error in aws-samples' CloudFormation custom resource tests).
 */
import { missing } from "./executionRules";
import { ServiceError } from "./serviceErrors";

const ARN = /^arn:[\w-]+:states:[\w-]*:\d*:([A-Za-z]+):(.+)$/;

/** The resource type (`stateMachine`, `execution`, `express`, ...) and the rest, or undefined for no ARN. */
function parse(arn: string): { type: string; rest: string } | undefined {
  const match = ARN.exec(arn);
  return match ? { type: match[1], rest: match[2] } : undefined;
}

/** A state machine ARN, or the service's error. */
export function checkedStateMachineArn(arn: string | undefined): string {
  if (!arn) throw missing("stateMachineArn");
  const parsed = parse(arn);
  if (!parsed) throw new ServiceError("InvalidArn", `Invalid Arn: '${arn}'`);
  if (parsed.type !== "stateMachine")
    throw new ServiceError(
      "InvalidArn",
      `Invalid Arn: 'Resource type not valid in this context: ${parsed.type}'`,
    );
  return arn;
}

/**
 * A STANDARD execution's ARN, or the service's error. An EXPRESS execution ARN (`:express:`) is
 * refused too: AWS keeps no record of EXPRESS executions to describe, stop or list.
 */
export function checkedExecutionArn(arn: string | undefined): string {
  if (!arn) throw missing("executionArn");
  const parsed = parse(arn);
  if (!parsed || (!/^[^:]+:[^:]+$/.test(parsed.rest) && parsed.type === "execution"))
    throw new ServiceError("InvalidArn", `Invalid Arn: '${arn}'`);
  if (parsed.type !== "execution")
    throw new ServiceError(
      "InvalidArn",
      `Invalid Arn: 'Resource type not valid in this context: ${parsed.type}'`,
    );
  return arn;
}
