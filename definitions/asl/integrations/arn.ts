import type { IntegrationPattern } from "../states/task";

/** `Resource` suffix of each integration pattern. */
const PATTERN_SUFFIX: Record<IntegrationPattern, string> = {
  REQUEST_RESPONSE: "",
  RUN_JOB: ".sync",
  WAIT_FOR_TASK_TOKEN: ".waitForTaskToken",
};

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/**
 * Splits an ARN, so integrations can derive related ARNs (the partition of the integration
 * Resource, an execution ARN pattern) instead of assuming the `aws` partition.
 */
export function parseArn(arn: string, what: string): ArnParts {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[1] === "" || parts[2] === "") {
    throw new Error(`${what} must be an ARN like "arn:aws:service:region:account:resource", got "${arn}"`);
  }
  const [, partition, service, region, account, ...resource] = parts;
  return { partition, service, region, account, resource: resource.join(":") };
}

/** `arn:<partition>:states:::<service>:<action><suffix>`, refusing a pattern the service does not support. */
export function integrationResource(
  partition: string,
  service: string,
  action: string,
  pattern: IntegrationPattern,
  supported: readonly IntegrationPattern[],
  stateName: string,
): string {
  if (!supported.includes(pattern)) {
    throw new Error(
      `State "${stateName}": ${service}:${action} does not support the ${pattern} integration pattern (supported: ${supported.join(", ")})`,
    );
  }
  return `arn:${partition}:states:::${service}:${action}${PATTERN_SUFFIX[pattern]}`;
}
