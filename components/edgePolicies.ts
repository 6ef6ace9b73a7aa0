import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * CloudFront's managed policies, by ID (the IDs AWS documents for CloudFormation, the CLI and the API):
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html and
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html.
 */
export const MANAGED_POLICY = {
  /** TTL 0, nothing in the cache key: every request goes to the origin. */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** For static files (the console): long TTLs, compressed, no query strings or cookies in the key. */
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  /** Referrer-Policy, Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection. */
  securityHeaders: "67f7725c-6f97-4210-82d7-5512b31e9d03",
} as const;

/** How long a GET GraphQL answer (the public apartment listing) may be served from the cache, in seconds. */
export const GRAPHQL_CACHE_SECONDS = { min: 0, default: 5, max: 10 } as const;

/** The cache and origin request policies of the edge's API behaviours. */
export interface EdgePolicies {
  /** `/graphql`: GETs cached a few seconds, keyed on the caller's credentials and the whole query string. */
  readonly graphqlCache: aws.cloudfront.CachePolicy;
  /** `/graphql`: what AppSync needs besides the cache key (the body's Content-Type). */
  readonly graphqlOrigin: aws.cloudfront.OriginRequestPolicy;
  /** The pizza API: the body and its Content-Type, nothing else. */
  readonly pizzaOrigin: aws.cloudfront.OriginRequestPolicy;
}

/**
 * The policies the API behaviours use. Only GET and HEAD are ever cached by CloudFront, so POSTs
 * (every mutation, every pizza order) always reach the origin.
 *
 * The credentials headers (`Authorization`, `x-api-key`) are in the GraphQL cache key, which is
 * also how they reach AppSync: CloudFront refuses an origin request policy that forwards
 * `Authorization`, precisely so a cached answer is never served to another caller
 * (https://repost.aws/knowledge-center/cloudfront-authorization-header). Two callers share a
 * cached answer only when they send the same credentials: an API-key caller sees only the public
 * listing (the schema's `@aws_api_key` fields), and a user's token is theirs alone.
 * The Host header is never forwarded: API Gateway and AppSync route on their own host names.
 */
export function edgePolicies(name: string, parent: pulumi.Resource): EdgePolicies {
  const none = { cookieBehavior: "none" } as const;
  const graphqlCache = new aws.cloudfront.CachePolicy(
    `${name}-graphql-cache`,
    {
      comment: "GET GraphQL queries: a few seconds, keyed on the caller's credentials and the query",
      minTtl: GRAPHQL_CACHE_SECONDS.min,
      defaultTtl: GRAPHQL_CACHE_SECONDS.default,
      maxTtl: GRAPHQL_CACHE_SECONDS.max,
      parametersInCacheKeyAndForwardedToOrigin: {
        headersConfig: { headerBehavior: "whitelist", headers: { items: ["Authorization", "x-api-key"] } },
        queryStringsConfig: { queryStringBehavior: "all" },
        cookiesConfig: none,
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    },
    { parent },
  );
  const bodyOnly = (policyName: string, comment: string) =>
    new aws.cloudfront.OriginRequestPolicy(
      policyName,
      {
        comment,
        headersConfig: { headerBehavior: "whitelist", headers: { items: ["Content-Type"] } },
        queryStringsConfig: { queryStringBehavior: "none" },
        cookiesConfig: none,
      },
      { parent },
    );
  return {
    graphqlCache,
    graphqlOrigin: bodyOnly(
      `${name}-graphql-origin`,
      "AppSync: the body's Content-Type (credentials come with the cache key)",
    ),
    pizzaOrigin: bodyOnly(
      `${name}-pizza-origin`,
      "Pizza API: the order body and its Content-Type, nothing else",
    ),
  };
}

/**
 * The viewer-request function of the `/pizza` behaviour: the pizza API's one route is `POST /`,
 * so `/pizza` is rewritten to it (cloudfront-js-2.0 runtime:
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html).
 */
export const PIZZA_PATH_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri === "/pizza" || request.uri === "/pizza/") request.uri = "/";
  return request;
}`;
