/**
 * "Order Pizza Job": decides whether an order contains pineapple.
 *
 * The state machine passes the bare flavour (`InputPath: "$.flavour"`) and has already checked that
 * it is present and a string. Matching ignores case and surrounding spaces, so "Pineapple " and
 * "HAWAIIAN" are caught too (the original stack compared exact lower-case strings).
 */

/** Flavours that contain pineapple, lower case. */
export const PINEAPPLE_FLAVOURS: ReadonlySet<string> = new Set(["pineapple", "hawaiian"]);

/** What "Order Pizza Job" returns; the state machine stores it at `$.pineappleAnalysis`. */
export interface PineappleAnalysis {
  containsPineapple: boolean;
}

/**
 * Thrown for an order the kitchen cannot read. Lambda reports `name` as the error type, which is
 * the error name Step Functions matches in `Catch` (`ErrorEquals: ["InvalidOrder"]`).
 */
export class InvalidOrderError extends Error {
  override readonly name = "InvalidOrder";
}

export const handler = async (flavour: unknown): Promise<PineappleAnalysis> => {
  if (typeof flavour !== "string") {
    throw new InvalidOrderError(
      `"flavour" must be a string, got ${flavour === null ? "null" : typeof flavour}; send {"flavour": "pepperoni"}`,
    );
  }
  const normalised = flavour.trim().toLowerCase();
  if (normalised === "") {
    throw new InvalidOrderError(`"flavour" must not be empty or blank; send {"flavour": "pepperoni"}`);
  }
  return { containsPineapple: PINEAPPLE_FLAVOURS.has(normalised) };
};
