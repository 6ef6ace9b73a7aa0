/**
 * What the local stack takes from a stack's configuration (the `PULUMI_CONFIG` shape that
 * common/stackConfig.ts reads from Pulumi.yaml and Pulumi.<stack>.yaml), checked, so a bad value
 * fails the start with the key that holds it rather than a broken booking later.
 */
import type { AppSyncLimits } from "./appsyncLimits";

/** The settings the local stack uses. */
export interface StackSettings {
  readonly region: string;
  readonly apartments: readonly string[];
  readonly paymentWindowSeconds: number;
  /** How many open bookings one user may hold (`maxOpenBookingsPerUser`, default 2). */
  readonly maxOpenBookingsPerUser: number;
  /** The GraphQL API's limits and introspection, as the BookingWorkflow component sets them. */
  readonly graphql: AppSyncLimits;
}

/**
 * The component's defaults when the stack's config sets no limit (BookingWorkflow: depth 5,
 * 10 resolvers, introspection off unless `graphqlIntrospection` is true).
 */
const DEFAULT_GRAPHQL_LIMITS: AppSyncLimits = {
  queryDepthLimit: 5,
  resolverCountLimit: 10,
  introspection: false,
};

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
  return {
    region: config["aws:region"] ?? "us-east-1",
    apartments,
    paymentWindowSeconds,
    maxOpenBookingsPerUser: wholeNumber(setting, "maxOpenBookingsPerUser", 2, 1, 100),
    graphql: {
      queryDepthLimit: wholeNumber(
        setting,
        "graphqlQueryDepthLimit",
        DEFAULT_GRAPHQL_LIMITS.queryDepthLimit,
        1,
        75,
      ),
      resolverCountLimit: wholeNumber(
        setting,
        "graphqlResolverCountLimit",
        DEFAULT_GRAPHQL_LIMITS.resolverCountLimit,
        1,
        10_000,
      ),
      introspection:
        (setting("graphqlIntrospection") ?? String(DEFAULT_GRAPHQL_LIMITS.introspection)) === "true",
    },
  };
}

/** A whole-number setting within AppSync's bounds for it (1-75 levels, 1-10000 resolvers). */
function wholeNumber(
  setting: (key: string) => string | undefined,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = setting(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`[${key}] must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
