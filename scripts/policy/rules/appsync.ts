/** AppSync GraphQL APIs: logged, traced, with keys AppSync accepts and a schema AppSync can parse. */
import { appSyncSchemaProblems } from "../../../components/appsyncSchema";
import { field, ofType, violation } from "../resources";
import type { PolicyRule, Violation } from "../rule";

const API = "aws:appsync/graphQLApi:GraphQLApi";
const API_KEY = "aws:appsync/apiKey:ApiKey";
const DAY_MS = 86_400_000;

export const APPSYNC_RULES: PolicyRule[] = [
  {
    id: "appsync-logging",
    description: "AppSync APIs send field logs to CloudWatch Logs",
    check: (ctx) =>
      ofType(ctx, API)
        .filter((api) => {
          const level = field(api, "logConfig", "fieldLogLevel");
          return !level || level === "NONE" || !field(api, "logConfig", "cloudwatchLogsRoleArn");
        })
        .map((api) =>
          violation(
            "appsync-logging",
            api,
            'set logConfig with fieldLogLevel "ERROR" (or "ALL") and a cloudwatchLogsRoleArn',
          ),
        ),
  },
  {
    id: "appsync-xray",
    description: "AppSync APIs send traces to X-Ray",
    check: (ctx) =>
      ofType(ctx, API)
        .filter((api) => api.inputs.xrayEnabled !== true)
        .map((api) => violation("appsync-xray", api, "set xrayEnabled to true")),
  },
  {
    id: "appsync-api-key-expiry",
    description:
      "API keys expire 1 to 365 days from the deploy (AppSync refuses others), written in whole seconds as the provider reads them back",
    check: (ctx) =>
      ofType(ctx, API_KEY).flatMap((key): Violation[] => {
        const expires = key.inputs.expires;
        if (typeof expires !== "string")
          return [
            violation("appsync-api-key-expiry", key, "set expires (RFC 3339), or the key lives only 7 days"),
          ];
        // terraform-provider-aws internal/service/appsync/api_key.go reads it back as
        // time.Unix(...).UTC().Format(time.RFC3339): anything else shows as a change on every preview.
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(expires))
          return [
            violation(
              "appsync-api-key-expiry",
              key,
              `write expires as whole-second UTC RFC 3339 ("...T00:00:00Z"), got "${expires}"`,
            ),
          ];
        const lifetime = Date.parse(expires) - Date.now();
        return lifetime >= DAY_MS && lifetime <= 365 * DAY_MS
          ? []
          : [violation("appsync-api-key-expiry", key, `set expires 1 to 365 days from now, got ${expires}`)];
      }),
  },
  {
    id: "appsync-schema",
    description: "AppSync schemas use only what AppSync's parser accepts (see components/appsyncSchema.ts)",
    check: (ctx) =>
      ofType(ctx, API).flatMap((api) =>
        appSyncSchemaProblems(String(api.inputs.schema ?? "")).map((problem) =>
          violation("appsync-schema", api, `schema ${problem.at} [${problem.rule}] ${problem.message}`),
        ),
      ),
  },
];
