/**
 * THE ONE PLACE where corpus checks known to fail are listed, each with why. The corpus test asserts
 * that every check listed here still fails (so a fix shows up as a failing test asking for its entry
 * to be removed) and that every check not listed passes. Nothing is skipped silently.
 */

/** The checks the corpus test makes on every file. */
export type CorpusCheck = "fromAsl" | "validator" | "import" | "typed" | "rejected";

/** Why a check of a file is expected to fail, and whose work it waits for. */
export interface PendingCheck {
  readonly checks: readonly CorpusCheck[];
  readonly reason: string;
}

export const EXPECTED_PENDING: Readonly<Record<string, PendingCheck>> = {};
