/**
 * What the local stack takes from a stack's configuration (the `PULUMI_CONFIG` shape that
 * scripts/stackConfig.ts reads from Pulumi.yaml and Pulumi.<stack>.yaml), checked, so a bad value
 * fails the start with the key that holds it rather than a broken booking later.
 */

/** The settings the local stack uses. */
export interface StackSettings {
  readonly region: string;
  readonly apartments: readonly string[];
  readonly paymentWindowSeconds: number;
  /** How many open bookings one user may hold (`maxOpenBookingsPerUser`, default 2). */
  readonly maxOpenBookingsPerUser: number;
}

/** The longest payment window the deployed BookingWorkflow accepts (7 days), so local runs accept the same. */
const MAX_PAYMENT_WINDOW_SECONDS = 7 * 86_400;

/**
 * Reads the settings. The payment window comes from `override`, else PAYMENT_WINDOW_SECONDS, else
 * the stack's `paymentWindowSeconds`.
 */
export function readStackSettings(
  config: Record<string, string>,
  project: string,
  override?: number,
  env: NodeJS.ProcessEnv = process.env,
): StackSettings {
  const setting = (key: string) => config[`${project}:${key}`];
  const apartments = JSON.parse(setting("apartments") ?? "[]") as unknown;
  if (!Array.isArray(apartments) || !apartments.every((id) => typeof id === "string" && id !== "")) {
    throw new Error(`[apartments] must be a list of apartment ids, got ${setting("apartments")}`);
  }
  const [source, raw] =
    override !== undefined
      ? ["paymentWindowSeconds", String(override)]
      : env.PAYMENT_WINDOW_SECONDS !== undefined
        ? ["PAYMENT_WINDOW_SECONDS", env.PAYMENT_WINDOW_SECONDS]
        : ["paymentWindowSeconds", setting("paymentWindowSeconds") ?? "60"];
  const paymentWindowSeconds = Number(raw);
  if (
    !Number.isInteger(paymentWindowSeconds) ||
    paymentWindowSeconds < 1 ||
    paymentWindowSeconds > MAX_PAYMENT_WINDOW_SECONDS
  ) {
    throw new Error(
      `[${source}] must be a whole number of seconds from 1 to ${MAX_PAYMENT_WINDOW_SECONDS}, got "${raw}"`,
    );
  }
  const maxOpen = setting("maxOpenBookingsPerUser") ?? "2";
  const maxOpenBookingsPerUser = Number(maxOpen);
  if (
    !Number.isInteger(maxOpenBookingsPerUser) ||
    maxOpenBookingsPerUser < 1 ||
    maxOpenBookingsPerUser > 100
  ) {
    throw new Error(`[maxOpenBookingsPerUser] must be a whole number from 1 to 100, got "${maxOpen}"`);
  }
  return {
    region: config["aws:region"] ?? "us-east-1",
    apartments,
    paymentWindowSeconds,
    maxOpenBookingsPerUser,
  };
}
