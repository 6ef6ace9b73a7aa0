/**
 * The local stand-in for the CloudFront edge (components/Edge.ts). The local server already is the
 * one router in front of both APIs, so `edgeUrl` points at it; this adds what the distribution adds
 * on the way: the `/pizza` path (a CloudFront Function rewrites it to the pizza API's `/`), and the
 * security headers of CloudFront's managed SecurityHeadersPolicy on every response.
 */
import { ServerResponse } from "node:http";
import type { PizzaResponses } from "../definitions/pizzaApiMapping";
import { PIZZA_RESPONSE_MODES } from "../definitions/pizzaApiMapping";

/**
 * The headers of the managed SecurityHeadersPolicy (ID 67f7725c-6f97-4210-82d7-5512b31e9d03), with
 * whether each overrides a header the origin sent
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html).
 */
export const SECURITY_HEADERS: readonly { name: string; value: string; override: boolean }[] = [
  { name: "Referrer-Policy", value: "strict-origin-when-cross-origin", override: false },
  { name: "Strict-Transport-Security", value: "max-age=31536000", override: false },
  { name: "X-Content-Type-Options", value: "nosniff", override: true },
  { name: "X-Frame-Options", value: "SAMEORIGIN", override: false },
  { name: "X-XSS-Protection", value: "1; mode=block", override: false },
];

/** The edge paths of the pizza API: `POST /` and `POST /pizza` both order. */
export const PIZZA_EDGE_PATHS = ["/", "/pizza"] as const;

/** The lower-case names of the headers the policy sets even over the origin's. */
const FORCED = new Set(SECURITY_HEADERS.filter((h) => h.override).map((h) => h.name.toLowerCase()));
const writeHeadOfNode = ServerResponse.prototype.writeHead as (...args: unknown[]) => ServerResponse;

/**
 * Adds the security headers to a response, as the response headers policy does: a header the
 * origin sets wins unless the policy overrides it. Call before the route writes its head.
 */
export function addSecurityHeaders(response: ServerResponse): void {
  for (const header of SECURITY_HEADERS) response.setHeader(header.name, header.value);
  // One shared function rather than a closure per response: this runs for every request.
  response.writeHead = writeHeadKeepingPolicy as ServerResponse["writeHead"];
}

/** writeHead's own headers win over setHeader's; drop the ones the policy overrides. */
function writeHeadKeepingPolicy(this: ServerResponse, ...args: unknown[]): ServerResponse {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg !== null && typeof arg === "object" && !Array.isArray(arg) && Object.keys(arg).some(isForced))
      args[i] = Object.fromEntries(Object.entries(arg).filter(([name]) => !isForced(name)));
  }
  return writeHeadOfNode.apply(this, args);
}

function isForced(name: string): boolean {
  return FORCED.has(name.toLowerCase());
}

/** The response mode from the stack's `pizzaResponses` config (default `raw`), checked. */
export function pizzaResponsesSetting(config: Record<string, string>, project: string): PizzaResponses {
  const value = config[`${project}:pizzaResponses`] ?? "raw";
  if (!(PIZZA_RESPONSE_MODES as readonly string[]).includes(value))
    throw new Error(`[pizzaResponses] must be one of ${PIZZA_RESPONSE_MODES.join(", ")}, got "${value}"`);
  return value as PizzaResponses;
}
