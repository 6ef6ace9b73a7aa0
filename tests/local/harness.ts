/** Starts a throwaway local stack for a test file and talks to it over HTTP, as a user would. */
import type { AslDefinition } from "../../definitions/asl";
import type { LocalStack, LocalStackOptions } from "../../local/stack";
import { startLocalStack } from "../../local/stack";
import { issueIdToken } from "../../scripts/token";

/** A started stack plus small clients for its two APIs. */
export interface TestStack extends LocalStack {
  /** POSTs a raw body to the pizza API; returns the status and parsed JSON. */
  order(body: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** An ID token of the stack's user pool for `username` (created if needed), as `npm run token` prints it. */
  token(username?: string): Promise<string>;
  /** Sends a GraphQL request signed in as the default test user (or with the given headers). */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphqlBody }>;
}

export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: {
    errorType?: string | null;
    message: string;
    path?: unknown;
    locations?: unknown;
    data?: unknown;
    errorInfo?: unknown;
  }[];
}

/** The user `graphql()` signs in as unless told otherwise. */
export const DEFAULT_USER = "tester";

/** Starts an in-memory stack on a free port. */
export async function startTestStack(options: LocalStackOptions = {}): Promise<TestStack> {
  const stack = await startLocalStack({ port: 0, inMemory: true, ...options });
  const tokens = new Map<string, Promise<string>>();
  const token = (username = DEFAULT_USER) => {
    let issued = tokens.get(username);
    if (!issued) {
      issued = issueIdToken(stack.outputs, username);
      tokens.set(username, issued);
    }
    return issued;
  };
  return {
    ...stack,
    stop: () => stack.stop(),
    order: async (body) => {
      const response = await fetch(stack.outputs.pizzaApiUrl, { method: "POST", body });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    token,
    graphql: async (query, variables, headers) => {
      const response = await fetch(stack.outputs.bookingGraphqlUrl, {
        method: "POST",
        headers: headers ?? { "content-type": "application/json", authorization: await token() },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlBody };
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** An RFC 3339 time `seconds` from now, in whole seconds, as the resolver writes expiresAt. */
export function secondsFromNow(seconds: number): string {
  return new Date(Math.ceil(Date.now() / 1000 + seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A definition of one Task state, for checking how a Resource is served. */
export function task(name: string, resource: string, extra: object = {}): AslDefinition {
  return {
    StartAt: name,
    States: { [name]: { Type: "Task", Resource: resource, End: true, ...extra } },
  } as AslDefinition;
}
