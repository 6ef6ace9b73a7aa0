import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkWholeNumber } from "./validation";

/** How the booking API authorizes and limits requests. */
export interface BookingApiAccessArgs {
  readonly userPoolId: pulumi.Input<string>;
  readonly userPoolClientId: pulumi.Input<string>;
  /** Nesting levels a query may have (1-75). */
  readonly queryDepthLimit: number;
  /** Resolvers one request may invoke (1-10000). */
  readonly resolverCountLimit: number;
  /** Whether clients may introspect the schema. */
  readonly introspection: boolean;
}

/** The GraphQLApi arguments that decide who may call it and how much one request may do. */
export type BookingApiAccess = Pick<
  aws.appsync.GraphQLApiArgs,
  | "authenticationType"
  | "userPoolConfig"
  | "additionalAuthenticationProviders"
  | "queryDepthLimit"
  | "resolverCountLimit"
  | "introspectionConfig"
>;

/**
 * AppSync authorization: the Cognito user pool is the default mode, so every field without a
 * directive needs a signed-in user; the API key is an additional mode, usable only where the
 * schema says `@aws_api_key` (the public listing)
 * (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html). Only ID tokens of this
 * stack's app client are accepted (`appIdClientRegex`), so another app's tokens from the same pool
 * are refused. The limits stop a request of many aliased or deeply nested fields before any
 * resolver runs (`queryDepthLimit` 1-75, `resolverCountLimit` 1-10000, as the provider documents).
 */
export function bookingApiAccess(args: BookingApiAccessArgs): BookingApiAccess {
  return {
    authenticationType: "AMAZON_COGNITO_USER_POOLS",
    userPoolConfig: {
      userPoolId: args.userPoolId,
      defaultAction: "ALLOW",
      // Client ids are letters and digits only, so the id is its own exact-match pattern.
      appIdClientRegex: pulumi.interpolate`^${args.userPoolClientId}$`,
    },
    additionalAuthenticationProviders: [{ authenticationType: "API_KEY" }],
    queryDepthLimit: checkWholeNumber("queryDepthLimit", args.queryDepthLimit, 1, 75),
    resolverCountLimit: checkWholeNumber("resolverCountLimit", args.resolverCountLimit, 1, 10_000),
    introspectionConfig: args.introspection ? "ENABLED" : "DISABLED",
  };
}
