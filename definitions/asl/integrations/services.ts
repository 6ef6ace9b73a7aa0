import type { IntegrationPattern, TaskStateOptions } from "../states/task";
import { Task } from "../states/task";
import type { JsonObject, JsonValue, PolicyStatement } from "../types";
import type { IntegrationTable, PatternSuffix } from "./catalog";
import { SERVICE_INTEGRATIONS } from "./catalog";
import { derivePermissions } from "./derive";
import type { AwsEnvironment } from "./iamResource";

/** The `IntegrationPattern` each `Resource` suffix stands for. */
const PATTERN_OF: Record<PatternSuffix, IntegrationPattern> = {
  "": "REQUEST_RESPONSE",
  ".sync": "RUN_JOB",
  ".sync:2": "RUN_JOB",
  ".waitForTaskToken": "WAIT_FOR_TASK_TOKEN",
};

type Entry<S extends keyof IntegrationTable, A extends keyof IntegrationTable[S]> = IntegrationTable[S][A];
type FieldsOf<E> = E extends { params: readonly (infer F extends string)[] } ? F : never;
type PatternsOf<E> = E extends { patterns: readonly (infer P extends PatternSuffix)[] } ? P : PatternSuffix;

/**
 * A request: the integration's known fields autocomplete, fixed (`QueueUrl`) or read from the input
 * (`"QueueUrl.$"`), and any other field the API takes is allowed.
 */
export type ServiceRequest<F extends string> = { [K in F]?: JsonValue } & {
  [K in `${F}.$`]?: string;
} & JsonObject;

/** Options of a Task made by a generated integration factory. */
export interface ServiceTaskProps<F extends string, P extends PatternSuffix> extends TaskStateOptions {
  /** The API request (JSONPath), rendered as `Parameters`. Give it or `arguments`. */
  readonly parameters?: ServiceRequest<F>;
  /** The API request of a JSONata state, rendered as `Arguments` (values may be `{% %}`). */
  readonly arguments?: { [K in F]?: JsonValue } & JsonObject;
  /** The integration pattern, as its `Resource` suffix. @default "" (request-response) */
  readonly pattern?: P;
  /** The partition of the integration Resource. @default the partition of the request's ARNs, else "aws" */
  readonly partition?: string;
  /** Region and account for ARNs built from names (a table name), when the request holds no ARN. */
  readonly environment?: AwsEnvironment;
  /**
   * Statements for what the request reads at run time (a `"TopicArn.$"` path): added to those that
   * can still be derived, and deriving no longer fails for the task.
   */
  readonly permissions?: readonly PolicyStatement[];
}

/** One factory: `(stateName, props) => Task`. */
export type ServiceTaskFactory<S extends keyof IntegrationTable, A extends keyof IntegrationTable[S]> = (
  name: string,
  props: ServiceTaskProps<FieldsOf<Entry<S, A>>, PatternsOf<Entry<S, A>>>,
) => Task;

/** A factory per service and action of the integration table. */
export type ServiceIntegrations = {
  readonly [S in keyof IntegrationTable]: {
    readonly [A in keyof IntegrationTable[S]]: ServiceTaskFactory<S, A>;
  };
};

/** Builds the Task for one table entry: Resource from the pattern, IAM derived from the request. */
function serviceTask(
  service: string,
  action: string,
  name: string,
  props: ServiceTaskProps<string, PatternSuffix>,
): Task {
  const entry = (
    SERVICE_INTEGRATIONS as Record<string, Record<string, { patterns: readonly PatternSuffix[] }>>
  )[service][action];
  const suffix = props.pattern ?? "";
  if (!entry.patterns.includes(suffix)) {
    throw new Error(
      `State "${name}": ${service}:${action} does not support the "${suffix}" pattern (it supports ${entry.patterns.map((p) => `"${p}"`).join(", ")})`,
    );
  }
  const partition =
    props.partition ??
    props.environment?.partition ??
    /"arn:([\w-]+):/.exec(JSON.stringify(props.parameters ?? props.arguments))?.[1] ??
    "aws";
  const resource = `arn:${partition}:states:::${service}:${action}${suffix}`;
  if ((props.parameters === undefined) === (props.arguments === undefined)) {
    throw new Error(
      `State "${name}": give the request as either parameters (JSONPath) or arguments (JSONata)`,
    );
  }
  const request = props.parameters ? { Parameters: props.parameters } : { Arguments: props.arguments };
  const state = { Type: "Task", Resource: resource, ...request, End: true };
  const derived = derivePermissions(
    { StartAt: name, States: { [name]: state } },
    {
      environment: props.environment,
      statePermissions: props.permissions ? { [name]: props.permissions } : undefined,
    },
  );
  if (derived.problems.length > 0) {
    throw new Error(
      `${derived.problems.map((problem) => problem.replace(/ Pass its statements explicitly: .*$/, "")).join(" ")} Give the task's statements in \`permissions\`.`,
    );
  }
  const permissions = derived.statements;
  return new Task(name, {
    ...props,
    integration: {
      resource,
      ...(props.parameters ? { parameters: props.parameters } : { arguments: props.arguments }),
      permissions,
      pattern: PATTERN_OF[suffix],
    },
  });
}

/**
 * Task factories generated from the integration table (`catalog.ts`), one per optimized integration:
 * `Integrations.sqs.sendMessage("Ask", { parameters: {...}, pattern: ".waitForTaskToken" })`. Each
 * refuses a pattern the service does not support and derives the task's least-privilege IAM from
 * the request, as `fromAsl` does.
 */
export const Integrations = Object.fromEntries(
  Object.entries(SERVICE_INTEGRATIONS).map(([service, actions]) => [
    service,
    Object.fromEntries(
      Object.keys(actions).map((action) => [
        action,
        (name: string, props: ServiceTaskProps<string, PatternSuffix>) =>
          serviceTask(service, action, name, props),
      ]),
    ),
  ]),
) as unknown as ServiceIntegrations;
