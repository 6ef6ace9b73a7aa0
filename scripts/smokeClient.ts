/**
 * What the smoke test talks to: the stack outputs it reads, plain HTTP calls, and (when the stack
 * has a user pool) a user token. Plain `fetch`, so the same calls work against `npm start` and a
 * deployed stack; only a local stack's throwaway user is made with `npm run token`'s admin calls.
 */
import { issueIdToken } from "./token";

/** The stack outputs the smoke test uses (names as `pulumi stack output` prints them). */
export interface SmokeOutputs {
  readonly pizzaApiUrl: string;
  readonly bookingGraphqlUrl: string;
  readonly bookingApiKey: string;
  readonly edgeUrl?: string;
  readonly bookingUserPoolId?: string;
  readonly bookingUserPoolClientId?: string;
  /** A Cognito IDP-compatible endpoint (local user pool); AWS's regional one otherwise. */
  readonly bookingUserPoolEndpoint?: string;
}

/** Checks the outputs have what the smoke test needs, unwrapping `{secret}` values. */
export function readOutputs(raw: unknown, source: string): SmokeOutputs {
  if (raw === null || typeof raw !== "object") throw new Error(`${source} holds no stack outputs object`);
  const values = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      value !== null && typeof value === "object" && "secret" in value
        ? (value as { secret: unknown }).secret
        : value,
    ]),
  );
  const missing = ["pizzaApiUrl", "bookingGraphqlUrl", "bookingApiKey"].filter(
    (key) => typeof values[key] !== "string" || values[key] === "",
  );
  if (missing.length > 0)
    throw new Error(
      `${source} lacks ${missing.join(", ")}: give the outputs of a stack (npm start writes .local/outputs.json)`,
    );
  return values as unknown as SmokeOutputs;
}

/** An HTTP answer: status, headers and the body parsed as JSON (or the text when it is not JSON). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** Sends a request and reads the whole answer; a network failure says which URL. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(35_000) });
  } catch (error) {
    throw new Error(
      `${init.method ?? "GET"} ${url} failed: ${(error as Error).cause ?? (error as Error).message}`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** A GraphQL answer's body. */
export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { errorType?: string; message: string }[];
}

/** How a GraphQL request authenticates: the API key, a user's token, or nothing. */
export type GraphqlAuth = { apiKey: string } | { token: string } | "none";

/** POSTs a GraphQL request. */
export function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  auth: GraphqlAuth,
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth !== "none" && "apiKey" in auth) headers["x-api-key"] = auth.apiKey;
  if (auth !== "none" && "token" in auth) headers.authorization = auth.token;
  return call(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
}

/**
 * A user's ID token from the stack's user pool, through the unauthenticated Cognito user pool API
 * (AWS JSON 1.1: SignUp and InitiateAuth need no AWS credentials,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html).
 * SMOKE_USERNAME and SMOKE_PASSWORD name an existing confirmed user. Otherwise, against the local
 * stack (its outputs name the pool's endpoint), a throwaway user is created and signed in the way
 * `npm run token` does it (admin calls the local pool accepts); against a deployed pool a throwaway
 * user signs up, which works only where sign-ups are confirmed automatically. Returns undefined when
 * the stack has no user pool (API-key only).
 */
export async function userToken(
  outputs: SmokeOutputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const { bookingUserPoolId: poolId, bookingUserPoolClientId: clientId } = outputs;
  if (!poolId || !clientId) return undefined;
  const endpoint =
    outputs.bookingUserPoolEndpoint ?? `https://cognito-idp.${poolId.split("_")[0]}.amazonaws.com/`;
  const idp = async (action: string, body: object) => {
    const answer = await call(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
    if (answer.status !== 200)
      throw new Error(`${action} at ${endpoint} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.body as Record<string, unknown>;
  };
  let username = env.SMOKE_USERNAME;
  let password = env.SMOKE_PASSWORD;
  if ((!username || !password) && outputs.bookingUserPoolEndpoint) {
    const throwaway = `smoke-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const pool = {
      bookingUserPoolEndpoint: outputs.bookingUserPoolEndpoint,
      bookingUserPoolId: poolId,
      bookingUserPoolClientId: clientId,
    };
    return issueIdToken(pool, throwaway);
  }
  if (!username || !password) {
    username = `smoke-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    password = `Smoke-${Math.random().toString(36).slice(2)}-1A!`;
    await idp("SignUp", {
      ClientId: clientId,
      Username: username,
      Password: password,
      UserAttributes: [{ Name: "email", Value: username }],
    });
  }
  const auth = await idp("InitiateAuth", {
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  const token = (auth.AuthenticationResult as { IdToken?: string } | undefined)?.IdToken;
  if (!token)
    throw new Error(`InitiateAuth at ${endpoint} gave no IdToken: ${JSON.stringify(auth).slice(0, 300)}`);
  return token;
}
