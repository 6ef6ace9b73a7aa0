/**
 * GraphQL over HTTP for the local AppSync endpoint: what real clients send, read into one
 * GraphQL request or refused with a 400 that says what was wrong.
 * - POST with a JSON body `{query, variables?, operationName?, extensions?}`; `variables` may also
 *   be a JSON string (some clients send that, AppSync takes it), other types are refused.
 * - GET with the same members in the query string (`variables` JSON-encoded), as urql sends
 *   queries by default (`preferGetMethod: "within-url-limit"`) and the GraphQL-over-HTTP spec
 *   describes; a mutation over GET is refused with 405, since GET must be safe.
 * - CORS: any origin (callers authenticate with headers, never cookies), the preflight answers
 *   for the methods above and whatever headers the browser asks to send.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { malformedRequest } from "./appsyncErrors";
import { BodyTooLargeError, readBody } from "./httpBody";
import { sendJson } from "./httpJson";

/** AppSync's request size limit. */
const MAX_REQUEST_BYTES = 1_048_576;
/** AppSync's words for a body it cannot read as a GraphQL request. */
export const UNPARSEABLE = "Unable to parse GraphQL query.";

/** The headers every answer carries so browser tools on another origin can read it. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType",
};

/** A GraphQL request read from HTTP. */
export interface GraphqlParams {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
}

/** Why a request cannot be read: the status and AppSync-shaped body to answer with. */
export interface HttpRefusal {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** Answers a CORS preflight (`OPTIONS`). */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  const requested = request.headers["access-control-request-headers"];
  response.writeHead(204, {
    ...CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers":
      typeof requested === "string" && requested.trim() !== ""
        ? requested
        : "Content-Type, Authorization, X-Api-Key, X-Amz-Date, X-Amz-Security-Token, X-Amz-User-Agent",
    "Access-Control-Max-Age": "86400",
    "Content-Length": "0",
  });
  response.end();
}

/** Sends a JSON answer with the CORS headers. */
export function sendGraphqlJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, body, { ...CORS_HEADERS, ...headers });
}

/** Reads the GraphQL request from a GET query string or a POST body. */
export async function readGraphqlParams(request: IncomingMessage): Promise<GraphqlParams | HttpRefusal> {
  if (request.method === "GET") {
    const search = new URL(request.url ?? "/", "http://localhost").searchParams;
    return checkParams({
      query: search.get("query") ?? undefined,
      variables: search.get("variables") ?? undefined,
      operationName: search.get("operationName") ?? undefined,
    });
  }
  let text: string;
  try {
    text = await readBody(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return refuse(`The request is larger than AppSync's limit of ${MAX_REQUEST_BYTES} bytes`);
  }
  if (text.trim() === "") return refuse("Request body is empty.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return refuse(`${UNPARSEABLE} The body is not JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return refuse(`${UNPARSEABLE} Send a JSON object like {"query": "{ apartments { id } }"}`);
  }
  return checkParams(body as Record<string, unknown>);
}

/** Checks each member's type and says which one is wrong. */
function checkParams(raw: Record<string, unknown>): GraphqlParams | HttpRefusal {
  if (typeof raw.query !== "string") {
    return refuse(
      raw.query === undefined
        ? `${UNPARSEABLE} The request has no "query": send {"query": "{ apartments { id } }"}`
        : `${UNPARSEABLE} "query" must be a string, got ${describe(raw.query)}`,
    );
  }
  let variables = raw.variables;
  if (typeof variables === "string") {
    if (variables.trim() === "") variables = undefined;
    else {
      try {
        variables = JSON.parse(variables) as unknown;
      } catch (error) {
        return refuse(`"variables" is a string that is not JSON: ${(error as Error).message}`);
      }
    }
  }
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== "object" || Array.isArray(variables))
  ) {
    return refuse(`"variables" must be an object (or a JSON string of one), got ${describe(variables)}`);
  }
  const { operationName } = raw;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    return refuse(`"operationName" must be a string, got ${describe(operationName)}`);
  }
  return {
    query: raw.query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

function refuse(message: string): HttpRefusal {
  return { status: 400, body: malformedRequest(message) };
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
}

/** Whether `value` is a refusal rather than a request. */
export function isRefusal(value: GraphqlParams | HttpRefusal): value is HttpRefusal {
  return "status" in value;
}
