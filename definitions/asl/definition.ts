import { aslValidatorErrors, assertAslValid, describePlace } from "./aslValidator";
import type { CheckedStates } from "./checkedTypes";
import { DefinitionError } from "./definitionError";
import { graphProblems, nestedScopes } from "./graph";
import type { FromAslPermissionOptions } from "./integrations/fromAslPermissions";
import { fromAslPermissions } from "./integrations/fromAslPermissions";
import { wildcardIn } from "./integrations/unscopedActions";
import { aslToMermaid } from "./mermaid";
import { mergeStatements } from "./permissions";
import { renderGraph } from "./private/renderGraph";
import type { IChainable } from "./states/state";
import type { AslDefinition, PolicyStatement, QueryLanguage, StateJson } from "./types";

/** Options of a whole definition. */
export interface DefinitionOptions {
  /** Rendered as the definition's `Comment`. */
  readonly comment?: string;
  /** Fails the execution with `States.Timeout` after this many seconds. */
  readonly timeoutSeconds?: number;
  /**
   * The default query language of every state (`QueryLanguage`). AWS recommends JSONata for new
   * workflows. @default "JSONPath"
   */
  readonly queryLanguage?: QueryLanguage;
}

export { DefinitionError } from "./definitionError";

/**
 * A finished, validated state machine definition: what gets deployed, drawn and run locally.
 *
 * Build it from a chain of states (`fromChain`) or from typed ASL JSON (`fromAsl`). Either way it
 * passes our graph checks and asl-validator before it exists, so an invalid graph never reaches
 * `pulumi up`.
 */
export class StateMachineDefinition<N extends string = string> {
  private constructor(
    private readonly asl: AslDefinition<N>,
    private readonly statements: readonly PolicyStatement[],
  ) {
    this.startsChildExecutions = hasDistributedMap(asl);
  }

  /** Whether a Distributed Map runs child executions of this state machine (see `permissions`). */
  readonly startsChildExecutions: boolean;

  /** Builds the definition that starts with `start` (a state or a chain). */
  static fromChain(start: IChainable, options: DefinitionOptions = {}): StateMachineDefinition {
    const rendered = renderGraph(start.startState, options.queryLanguage ?? "JSONPath");
    const asl: AslDefinition = compactDefinition(options, rendered.json.StartAt, rendered.json.States);
    const problems = [...rendered.problems, ...definitionProblems(asl, options)];
    if (problems.length > 0) throw new DefinitionError([...new Set(problems)]);
    assertAslValid(asl, options.comment ?? rendered.json.StartAt);
    // Statements given to a factory or a hand-written integration are held to the rule derived
    // ones follow: no wildcard beyond the actions IAM grants on "*" alone.
    const wildcards = rendered.states.flatMap((state) =>
      state.permissions().flatMap((statement) => {
        const wild = wildcardIn(statement);
        return wild === undefined
          ? []
          : [
              `State "${state.name}" grants "${wild}": name the actions and resources instead; the builder grants "*" only to actions IAM accepts on "*" alone`,
            ];
      }),
    );
    if (wildcards.length > 0) throw new DefinitionError([...new Set(wildcards)]);
    const statements = mergeStatements(rendered.states.flatMap((state) => state.permissions()));
    return new StateMachineDefinition(asl, statements);
  }

  /**
   * Wraps ASL written as JSON. The state names are inferred as literal types, at every level, so a
   * `Next`, `Default` or Catch target that is not declared in its scope (the workflow, a Parallel
   * branch, a Map item processor), a state with both `Next` and `End`, a field no state of its type
   * has (`ResultPth`), or a JSONPath-only field in a JSONata state does not compile.
   * Any input, however malformed, is checked at run time too: it gives a `DefinitionError` naming
   * the state and field, never a TypeError.
   * Its IAM is derived from the integration table (see `FromAslPermissionOptions`): a Task whose
   * resources cannot be derived is a `DefinitionError` naming it, unless `statePermissions` covers it.
   */
  static fromAsl<const S extends CheckedStates<S, L>, const L extends QueryLanguage = "JSONPath">(
    asl: {
      StartAt: Extract<keyof S, string>;
      States: S;
      QueryLanguage?: L;
      Comment?: string;
      TimeoutSeconds?: number;
      Version?: "1.0";
    },
    options: FromAslPermissionOptions = {},
  ): StateMachineDefinition<Extract<keyof S, string>> {
    const copy = jsonCopy(asl) as AslDefinition<Extract<keyof S, string>>;
    // Raw JSON may be malformed in any way: the graph checks say what they can, AWS's validator the rest.
    const problems = [
      ...definitionProblems(copy, { timeoutSeconds: copy.TimeoutSeconds }),
      ...aslValidatorErrors(copy),
    ];
    if (problems.length > 0) throw new DefinitionError(problems);
    const permissions = fromAslPermissions(copy, options);
    if (permissions.problems.length > 0) throw new DefinitionError(permissions.problems);
    return new StateMachineDefinition(copy, mergeStatements(permissions.statements));
  }

  /** The names of the top-level states, in render order. */
  get stateNames(): N[] {
    return Object.keys(this.asl.States) as N[];
  }

  /** The definition as a plain ASL object (a copy: changing it changes nothing here). */
  toAsl(): AslDefinition<N> {
    return structuredClone(this.asl);
  }

  /** The definition as ASL JSON text, as `aws.sfn.StateMachine` takes it. */
  toJson(space: number = 2): string {
    return JSON.stringify(this.asl, null, space);
  }

  /** A Mermaid flowchart of the definition, which GitHub renders in Markdown. */
  toMermaid(): string {
    return aslToMermaid(this.asl);
  }

  /**
   * The IAM statements the state machine's role needs to run its tasks: exactly the actions on
   * exactly the resources the tasks use, merged and sorted. Never `*`.
   *
   * A Distributed Map starts child executions of the state machine itself, so its role needs
   * `states:StartExecution` on the machine and `states:DescribeExecution`/`states:StopExecution` on
   * its executions (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
   * Give `stateMachineArn` (known before creation from the machine's name) for such definitions.
   */
  permissions(options: { stateMachineArn?: string } = {}): PolicyStatement[] {
    const own = this.startsChildExecutions ? childExecutionStatements(options.stateMachineArn) : [];
    return mergeStatements([...this.statements, ...own]).map((statement) => ({
      ...statement,
      Action: [...statement.Action],
      Resource: [...statement.Resource],
    }));
  }
}

/** Whether any Map, at any depth, is in DISTRIBUTED mode. */
function hasDistributedMap(scope: { States: Record<string, StateJson> }): boolean {
  return Object.values(scope.States).some(
    (state) =>
      (state.Type === "Map" && state.ItemProcessor?.ProcessorConfig?.Mode === "DISTRIBUTED") ||
      nestedScopes(state).some(hasDistributedMap),
  );
}

function childExecutionStatements(stateMachineArn: string | undefined): PolicyStatement[] {
  const match =
    stateMachineArn === undefined
      ? null
      : /^(arn:[^:]+:states:[^:]+:\d{12}):stateMachine:([^:]+)$/.exec(stateMachineArn);
  if (match === null) {
    throw new DefinitionError([
      `A Distributed Map starts child executions of this state machine, so its role needs states:StartExecution on the machine itself: call permissions({ stateMachineArn: "arn:aws:states:<region>:<account>:stateMachine:<name>" })${stateMachineArn === undefined ? "" : ` (got "${stateMachineArn}")`}`,
    ]);
  }
  return [
    { Effect: "Allow", Action: ["states:StartExecution"], Resource: [stateMachineArn as string] },
    // A Distributed Map's child executions are named after the machine and the map's label
    // (`execution:<machine>/<label>:<name>`), so `execution:<machine>:*` would never match them; AWS's
    // example policy scopes these actions to the machine's executions under `/`
    // (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
    {
      Effect: "Allow",
      Action: ["states:DescribeExecution", "states:StopExecution"],
      Resource: [`${match[1]}:execution:${match[2]}/*`],
    },
  ];
}

function compactDefinition(
  options: DefinitionOptions,
  startAt: string,
  states: Record<string, StateJson>,
): AslDefinition {
  return {
    ...(options.comment !== undefined ? { Comment: options.comment } : {}),
    ...(options.queryLanguage !== undefined ? { QueryLanguage: options.queryLanguage } : {}),
    StartAt: startAt,
    States: states,
    ...(options.timeoutSeconds !== undefined ? { TimeoutSeconds: options.timeoutSeconds } : {}),
  };
}

/**
 * A deep copy of JSON input, or a `DefinitionError` saying why it is not JSON (not an object, a
 * cycle, a function, a BigInt, `undefined` or a non-finite number inside).
 */
function jsonCopy(asl: unknown): unknown {
  if (typeof asl !== "object" || asl === null || Array.isArray(asl)) {
    throw new DefinitionError([
      `A definition must be a JSON object with StartAt and States, got ${describe(asl)}`,
    ]);
  }
  const problems: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: string[]): unknown => {
    const where = describePlace(path);
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) problems.push(`${where}: ${value} is not a JSON number`);
      return value;
    }
    if (typeof value !== "object") {
      problems.push(`${where}: ${describe(value)} is not a JSON value`);
      return undefined;
    }
    if (seen.has(value)) {
      problems.push(`${where}: refers back to itself (a cycle), which JSON cannot hold`);
      return undefined;
    }
    seen.add(value);
    const copy = Array.isArray(value)
      ? value.map((item, index) => visit(item, [...path, String(index)]))
      : Object.fromEntries(
          Object.entries(value)
            .filter(([, item]) => item !== undefined) // as JSON.stringify does
            .map(([key, item]) => [key, visit(item, [...path, key])]),
        );
    seen.delete(value);
    return copy;
  };
  const copy = visit(asl, []);
  if (problems.length > 0) throw new DefinitionError(problems);
  return copy;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return `the BigInt ${value}n`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function definitionProblems(asl: AslDefinition, options: DefinitionOptions): string[] {
  const problems = graphProblems(asl);
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 31_536_000)) {
    problems.push(`TimeoutSeconds must be a whole number from 1 to 31536000 (one year), got ${timeout}`);
  }
  return problems;
}
