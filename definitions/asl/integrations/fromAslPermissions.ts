import type { PolicyStatement } from "../types";
import type { DeriveOptions } from "./derive";
import { derivePermissions, forEachState } from "./derive";
import { wildcardIn } from "./unscopedActions";

/** How `StateMachineDefinition.fromAsl` gets the IAM of a definition written as JSON. */
export interface FromAslPermissionOptions extends DeriveOptions {
  /** Extra statements for the whole definition (e.g. a KMS key the queue is encrypted with). */
  readonly permissions?: readonly PolicyStatement[];
}

/**
 * The statements a definition's role needs: derived per state, `statePermissions` where given, plus
 * `permissions`. Hand-written statements are held to the same rule as derived ones: no `*` action,
 * and no `*` resource except in a statement whose every action IAM grants on `*` alone
 * (`UNSCOPED_ACTIONS`), so a definition never quietly widens its role.
 */
export function fromAslPermissions(
  definition: unknown,
  options: FromAslPermissionOptions,
): { statements: PolicyStatement[]; problems: string[] } {
  const derived = derivePermissions(definition, options);
  const explicit = [
    ...(options.permissions ?? []).map((statement) => ({ statement, where: "permissions" })),
    ...Object.entries(options.statePermissions ?? {}).flatMap(([state, statements]) =>
      statements.map((statement) => ({ statement, where: `statePermissions["${state}"]` })),
    ),
  ];
  const problems = [...derived.problems];
  const names = new Set<string>();
  forEachState(definition, (name) => names.add(name));
  for (const state of Object.keys(options.statePermissions ?? {})) {
    if (!names.has(state))
      problems.push(`statePermissions names "${state}", which is not a state of this definition`);
  }
  for (const { statement, where } of explicit) {
    const wild = wildcardIn(statement);
    if (wild !== undefined) {
      problems.push(
        `${where} grants "${wild}": name the actions and resources instead; the builder grants "*" only to actions IAM accepts on "*" alone`,
      );
    }
  }
  return { statements: [...derived.statements, ...(options.permissions ?? [])], problems };
}
