/**
 * The booking GraphQL API over plain `fetch`: AppSync takes a JSON POST with either `x-api-key` or,
 * for the Cognito user pool mode, the user's JWT as the `Authorization` header
 * (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html). A GraphQL client
 * library would add caching and subscriptions the console does not use.
 */

/** One GraphQL error as AppSync reports it. */
export interface GraphqlErrorEntry {
  readonly message: string;
  readonly errorType?: string | null;
  readonly path?: readonly (string | number)[];
}

/** A request the API refused: `errorType` is the code the README's table documents. */
export class GraphqlError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

/** How requests are authorized: a signed-in user's ID token, or the (local) API key. */
export type GraphqlAuth = { readonly idToken: string } | { readonly apiKey: string } | undefined;

/** Sends one operation; resolves with `data`, rejects with a `GraphqlError` for any error. */
export async function graphql<T>(
  url: string,
  auth: GraphqlAuth,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth && "idToken" in auth) headers.authorization = auth.idToken;
  else if (auth) headers["x-api-key"] = auth.apiKey;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new GraphqlError(
      "NetworkError",
      `Could not reach the booking API at ${url}: ${(error as Error).message}`,
    );
  }
  let body: { data?: T | null; errors?: GraphqlErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphqlError("BadResponse", `The booking API answered HTTP ${response.status} without JSON`);
  }
  const first = body.errors?.[0];
  if (first) throw new GraphqlError(first.errorType ?? "GraphQLError", first.message);
  if (!response.ok || body.data === undefined || body.data === null)
    throw new GraphqlError("BadResponse", `The booking API answered HTTP ${response.status} with no data`);
  return body.data;
}
