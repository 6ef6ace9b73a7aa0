/**
 * Who is calling. AppSync passes a direct Lambda resolver the caller's identity in `event.identity`:
 * for a Cognito user pool token `{ sub, issuer, username, claims, sourceIp, defaultAuthStrategy,
 * groups }`, for an API key `null`
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-identity-js).
 * Resolvers authorize by `sub`: it is stable for the user's life, unlike the username or email.
 */
import type { AppSyncIdentity } from "aws-lambda";
import { UnauthorizedError } from "./errors";

/** What the resolvers read of an AppSync event. */
export interface IdentifiedEvent {
  readonly identity?: AppSyncIdentity;
}

/** The signed-in user's `sub`, or `null` for an API-key (or otherwise anonymous) caller. */
export function viewerOf(event: IdentifiedEvent): string | null {
  const identity = event.identity as { sub?: unknown; issuer?: unknown } | null | undefined;
  if (!identity || typeof identity.sub !== "string" || identity.sub === "") return null;
  // An IAM identity has no `sub`; a user pool or OIDC one has both `sub` and `issuer`.
  return typeof identity.issuer === "string" ? identity.sub : null;
}

/**
 * The signed-in user's `sub`. AppSync already refuses an API key on fields that are not marked
 * `@aws_api_key`, so this only fails when the API is misconfigured; it fails closed.
 */
export function callerOf(event: IdentifiedEvent): string {
  const sub = viewerOf(event);
  if (sub === null) {
    throw new UnauthorizedError(
      "This operation needs a signed-in user: send a Cognito user pool ID token in the Authorization header",
    );
  }
  return sub;
}
