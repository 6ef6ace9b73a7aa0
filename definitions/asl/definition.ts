import { assertAslValid } from "./aslValidator";
import { graphProblems } from "./graph";
import type { FromAslPermissionOptions } from "./integrations/fromAslPermissions";
import { fromAslPermissions } from "./integrations/fromAslPermissions";
import { aslToMermaid } from "./mermaid";
import { mergeStatements } from "./permissions";
import { renderGraph } from "./private/renderGraph";
import type { IChainable } from "./states/state";
import type { AslDefinition, PolicyStatement, StateJson } from "./types";

/** Options of a whole definition. */
export interface DefinitionOptions {
  /** Rendered as the definition's `Comment`. */
  readonly comment?: string;
  /** Fails the execution with `States.Timeout` after this many seconds. */
  readonly timeoutSeconds?: number;
}

/** Thrown when a definition is invalid; `problems` lists every problem found, each naming its state. */
export class DefinitionError extends Error {
  override readonly name = "DefinitionError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid state machine definition:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

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
  ) {}

  /** Builds the definition that starts with `start` (a state or a chain). */
  static fromChain(start: IChainable, options: DefinitionOptions = {}): StateMachineDefinition {
    const rendered = renderGraph(start.startState);
    const asl: AslDefinition = compactDefinition(options, rendered.json.StartAt, rendered.json.States);
    const problems = [...rendered.problems, ...definitionProblems(asl, options)];
    if (problems.length > 0) throw new DefinitionError([...new Set(problems)]);
    assertAslValid(asl, options.comment ?? rendered.json.StartAt);
    const statements = mergeStatements(rendered.states.flatMap((state) => state.permissions()));
    return new StateMachineDefinition(asl, statements);
  }

  /**
   * Wraps ASL written as JSON. The state names are inferred as literal types, so a `Next`, `Default`
   * or Catch target that is not declared, or a state with both `Next` and `End`, does not compile.
   * Its IAM is derived from the integration table (see `FromAslPermissionOptions`): a Task whose
   * resources cannot be derived is a `DefinitionError` naming it, unless `statePermissions` covers it.
   */
  static fromAsl<const S extends Record<string, StateJson<Extract<keyof S, string>>>>(
    asl: { StartAt: Extract<keyof S, string>; States: S; Comment?: string; TimeoutSeconds?: number },
    options: FromAslPermissionOptions = {},
  ): StateMachineDefinition<Extract<keyof S, string>> {
    const copy = structuredClone(asl) as AslDefinition<Extract<keyof S, string>>;
    const problems = definitionProblems(copy, { timeoutSeconds: copy.TimeoutSeconds });
    if (problems.length > 0) throw new DefinitionError(problems);
    assertAslValid(copy, copy.Comment ?? copy.StartAt);
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
   */
  permissions(): PolicyStatement[] {
    return this.statements.map((statement) => ({
      ...statement,
      Action: [...statement.Action],
      Resource: [...statement.Resource],
    }));
  }
}

function compactDefinition(
  options: DefinitionOptions,
  startAt: string,
  states: Record<string, StateJson>,
): AslDefinition {
  return {
    ...(options.comment !== undefined ? { Comment: options.comment } : {}),
    StartAt: startAt,
    States: states,
    ...(options.timeoutSeconds !== undefined ? { TimeoutSeconds: options.timeoutSeconds } : {}),
  };
}

function definitionProblems(asl: AslDefinition, options: DefinitionOptions): string[] {
  const problems = graphProblems(asl);
  const timeout = options.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 31_536_000)) {
    problems.push(`TimeoutSeconds must be a whole number from 1 to 31536000 (one year), got ${timeout}`);
  }
  return problems;
}
