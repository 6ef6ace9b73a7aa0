import type { IntegrationPattern, TaskIntegration } from "../states/task";
import type { JsonataExpression } from "../mapTypes";
import type { JsonObject, PolicyStatement } from "../types";
import type { DeriveOptions } from "./derive";
import { derivePermissions } from "./derive";

/** `.sync`, `.sync:2` and `.waitForTaskToken` at the end of a Resource, as the pattern they stand for. */
function patternOf(resource: string): IntegrationPattern {
  if (/\.sync(:2)?$/.test(resource)) return "RUN_JOB";
  if (resource.endsWith(".waitForTaskToken")) return "WAIT_FOR_TASK_TOKEN";
  return "REQUEST_RESPONSE";
}

/**
 * The integration of a Task written as ASL (its `Resource` and `Parameters`), with its IAM derived
 * from the integration table as `fromAsl` derives it, or taken from `options.statePermissions[name]`.
 * Code written by `npm run import-asl` uses it for Resources no generated factory covers (a plain
 * Lambda ARN, an activity, an AWS SDK call). Throws, naming the state, when the IAM cannot be derived.
 */
export function integrationFromAsl(
  name: string,
  state: {
    readonly Resource: string;
    readonly Parameters?: JsonObject;
    /** JSONata: the request, an object or one `{% %}` expression. */
    readonly Arguments?: JsonObject | JsonataExpression;
  },
  options: DeriveOptions = {},
): TaskIntegration {
  const single = { StartAt: name, States: { [name]: { Type: "Task", ...state, End: true } } };
  const explicit = options.statePermissions?.[name];
  const derived = derivePermissions(single, {
    environment: options.environment,
    statePermissions: explicit ? { [name]: explicit } : undefined,
  });
  if (derived.problems.length > 0) throw new Error(derived.problems.join("\n"));
  const permissions = derived.statements;
  return {
    resource: state.Resource,
    parameters: state.Parameters,
    ...(state.Arguments !== undefined ? { arguments: state.Arguments } : {}),
    permissions: permissions.map((statement) => ({ ...statement })),
    pattern: patternOf(state.Resource),
  };
}

/**
 * The statements a Distributed Map's ItemReader or ResultWriter written as ASL needs, derived as
 * `fromAsl` derives them (or supplemented by `options.statePermissions[name]`). Code written by
 * `npm run import-asl` passes them to `ItemReader.fromJson` / `ResultWriter.fromJson`.
 */
export function itemSourcePermissions(
  name: string,
  part: { readonly ItemReader?: unknown; readonly ResultWriter?: unknown },
  options: DeriveOptions = {},
): PolicyStatement[] {
  const map = {
    Type: "Map",
    ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED" } },
    ...part,
    End: true,
  };
  const explicit = options.statePermissions?.[name];
  const derived = derivePermissions(
    { StartAt: name, States: { [name]: map } },
    { environment: options.environment, statePermissions: explicit ? { [name]: explicit } : undefined },
  );
  if (derived.problems.length > 0) throw new Error(derived.problems.join("\n"));
  return derived.statements;
}
