/**
 * Thrown when a definition is invalid; `problems` lists every problem found, each naming its state
 * and field, so one run shows everything to fix.
 */
export class DefinitionError extends Error {
  override readonly name = "DefinitionError";
  constructor(
    readonly problems: readonly string[],
    heading: string = "Invalid state machine definition",
  ) {
    super(`${heading}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}
