import type { ServerResponse } from "node:http";

/** Sends a JSON response. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** What an HTTP API answers for a route it does not have (any path or method not declared). */
export function sendNotFound(response: ServerResponse): void {
  sendJson(response, 404, { message: "Not Found" });
}
