/**
 * Who is calling the local GraphQL API, decided as AppSync decides it for an API whose default
 * authorization is a Cognito user pool with the API key as an additional mode:
 * - `Authorization: <JWT>` (no "Bearer" prefix, as AppSync wants it): an ID or access token of the
 *   pool, verified with aws-jwt-verify, AWS's own library for Cognito tokens: RS256 signature
 *   against the pool's JWKS, `iss`, `exp`, `token_use` (id or access: AppSync takes both), and the
 *   app client (`aud` of an ID token, `client_id` of an access token), which AppSync checks with
 *   its `appIdClientRegex`;
 * - else `x-api-key: <key>`;
 * - anything missing or wrong: 401 `UnauthorizedException` before the query is even parsed.
 *
 * The messages are AppSync's: "Valid authorization header not provided." (amplify-js #4373),
 * "Token has expired.", and "You are not authorized to make this call." for a wrong API key.
 * Sources: https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html and
 * https://repost.aws/knowledge-center/aws-appsync-graphql-request-unauth-error (401 = missing or
 * invalid credentials; no "Bearer" prefix).
 */
import type { IncomingMessage } from "node:http";
import type { CognitoIdTokenPayload, CognitoAccessTokenPayload } from "aws-jwt-verify/jwt-model";
import { JwtExpiredError } from "aws-jwt-verify/error";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { JwtRsaVerifier } from "aws-jwt-verify";

/** AppSync's names of the two authorization modes the booking API uses. */
export type AuthMode = "API_KEY" | "AMAZON_COGNITO_USER_POOLS";

/**
 * `event.identity` of a direct Lambda resolver for a user-pool request, as AppSync builds it
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-identity-js).
 */
export interface CognitoIdentity {
  readonly sub: string;
  readonly issuer: string;
  readonly username: string;
  readonly claims: Record<string, unknown>;
  readonly sourceIp: string[];
  readonly defaultAuthStrategy: "ALLOW";
  readonly groups: string[] | null;
}

/** A request that passed authentication: its mode, and the identity resolvers get (null for an API key). */
export type Caller =
  | { readonly mode: "API_KEY"; readonly identity: null }
  | { readonly mode: "AMAZON_COGNITO_USER_POOLS"; readonly identity: CognitoIdentity };

/** A request that did not: AppSync's 401 message. */
export interface Refusal {
  readonly refused: string;
}

/** The user pool whose tokens are accepted. */
export interface UserPoolAuthConfig {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly clientId: string;
}

export const NOT_AUTHORIZED = "You are not authorized to make this call.";
export const INVALID_AUTHORIZATION_HEADER = "Valid authorization header not provided.";
export const TOKEN_EXPIRED = "Token has expired.";

/** Authenticates requests for one API: its API key and its user pool. */
export class AppSyncAuthenticator {
  private readonly verifier;

  constructor(
    private readonly apiKey: string,
    userPool: UserPoolAuthConfig,
  ) {
    this.verifier = JwtRsaVerifier.create(
      {
        issuer: userPool.issuer,
        jwksUri: userPool.jwksUri,
        audience: null, // an access token has no aud: the client is checked below, per token_use
        customJwtCheck: ({ payload }) =>
          validateCognitoJwtFields(payload, { tokenUse: null, clientId: userPool.clientId, groups: null }),
      },
      // aws-jwt-verify fetches JWKS over HTTPS only; the local pool serves them over loopback HTTP.
      { jwksCache: new SimpleJwksCache({ fetcher: { fetch: fetchOverHttp } }) },
    );
  }

  /** The caller, or why AppSync would answer 401. */
  async authenticate(request: IncomingMessage): Promise<Caller | Refusal> {
    const authorization = header(request, "authorization");
    if (authorization !== undefined) return this.verifyToken(authorization, request);
    const apiKey = header(request, "x-api-key");
    if (apiKey === undefined) return { refused: INVALID_AUTHORIZATION_HEADER };
    if (apiKey !== this.apiKey) return { refused: NOT_AUTHORIZED };
    return { mode: "API_KEY", identity: null };
  }

  private async verifyToken(token: string, request: IncomingMessage): Promise<Caller | Refusal> {
    let payload: CognitoIdTokenPayload | CognitoAccessTokenPayload;
    try {
      payload = (await this.verifier.verify(token)) as typeof payload;
    } catch (error) {
      return { refused: error instanceof JwtExpiredError ? TOKEN_EXPIRED : INVALID_AUTHORIZATION_HEADER };
    }
    const username =
      payload.token_use === "id"
        ? payload["cognito:username"]
        : (payload as CognitoAccessTokenPayload).username;
    const groups = payload["cognito:groups"];
    return {
      mode: "AMAZON_COGNITO_USER_POOLS",
      identity: {
        sub: payload.sub,
        issuer: payload.iss,
        username,
        claims: { ...payload },
        sourceIp: [sourceIp(request)],
        defaultAuthStrategy: "ALLOW",
        groups: Array.isArray(groups) && groups.length > 0 ? groups : null,
      },
    };
  }
}

/** A header's value; a repeated header counts as absent-and-wrong, like any malformed credential. */
function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The client address AppSync reports: the first X-Forwarded-For hop, else the socket's peer. */
function sourceIp(request: IncomingMessage): string {
  const forwarded = header(request, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.socket.remoteAddress || "127.0.0.1";
}

async function fetchOverHttp(uri: string): Promise<ArrayBuffer> {
  const response = await fetch(uri);
  if (!response.ok) throw new Error(`${uri} answered ${response.status}`);
  return response.arrayBuffer();
}
