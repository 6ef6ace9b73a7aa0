/**
 * Sign-in against a Cognito user pool through its public IDP API (the deployed pool, or the local
 * stack's emulator of it): `InitiateAuth` with `USER_PASSWORD_AUTH`, and `RespondToAuthChallenge` for
 * `NEW_PASSWORD_REQUIRED` (users an administrator created). These operations take no AWS credentials
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html),
 * so two `fetch` calls replace the whole Amplify/SDK client. The app client must allow
 * `ALLOW_USER_PASSWORD_AUTH`. Tokens are kept in sessionStorage: gone when the tab closes.
 */
import type { ConsoleUserPool } from "./consoleConfig";

/** A signed-in user. */
export interface Session {
  readonly username: string;
  /** The ID token: AppSync's Cognito mode takes it as the `Authorization` header. */
  readonly idToken: string;
  /** Epoch milliseconds after which the tokens are no longer accepted. */
  readonly expiresAt: number;
}

/** The pool asks for a new password before it signs the user in. */
export interface NewPasswordChallenge {
  readonly challenge: "NEW_PASSWORD_REQUIRED";
  readonly username: string;
  readonly session: string;
}

/** Cognito refused: `code` is its exception name, e.g. `NotAuthorizedException`. */
export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

const STORAGE_KEY = "console.session";

interface AuthResponse {
  AuthenticationResult?: { IdToken: string; ExpiresIn: number };
  ChallengeName?: string;
  Session?: string;
}

/** Signs in with a user name and password. */
export async function signIn(
  pool: ConsoleUserPool,
  username: string,
  password: string,
): Promise<Session | NewPasswordChallenge> {
  const answer = await call<AuthResponse>(pool, "InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return settle(answer, username);
}

/** Answers NEW_PASSWORD_REQUIRED with the password the user chose. */
export async function setNewPassword(
  pool: ConsoleUserPool,
  challenge: NewPasswordChallenge,
  newPassword: string,
): Promise<Session | NewPasswordChallenge> {
  const answer = await call<AuthResponse>(pool, "RespondToAuthChallenge", {
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    ClientId: pool.clientId,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: newPassword },
  });
  return settle(answer, challenge.username);
}

/**
 * Creates a user with a permanent password in the LOCAL user pool (AdminCreateUser, then
 * AdminSetUserPassword), so a developer can sign in without a terminal. The emulator checks no AWS
 * credentials; a deployed pool would refuse these unsigned calls, and the console only offers this
 * against the local stack.
 */
export async function createLocalUser(
  pool: ConsoleUserPool,
  username: string,
  password: string,
): Promise<void> {
  await call(pool, "AdminCreateUser", { UserPoolId: pool.id, Username: username, MessageAction: "SUPPRESS" });
  await call(pool, "AdminSetUserPassword", {
    UserPoolId: pool.id,
    Username: username,
    Password: password,
    Permanent: true,
  });
}

/** The session kept in this tab, if it has not expired. */
export function storedSession(): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Session | null;
    return session && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the session. */
export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

function settle(answer: AuthResponse, username: string): Session | NewPasswordChallenge {
  if (answer.AuthenticationResult) {
    const session: Session = {
      username,
      idToken: answer.AuthenticationResult.IdToken,
      expiresAt: Date.now() + answer.AuthenticationResult.ExpiresIn * 1000,
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    return session;
  }
  if (answer.ChallengeName === "NEW_PASSWORD_REQUIRED" && answer.Session)
    return { challenge: "NEW_PASSWORD_REQUIRED", username, session: answer.Session };
  throw new SignInError(
    answer.ChallengeName ?? "UnexpectedAnswer",
    `The user pool asks for ${answer.ChallengeName ?? "something unexpected"}, which this console cannot answer; sign in with another client`,
  );
}

/** One call of the Cognito IDP JSON protocol; errors come back as `{ __type, message }`. */
async function call<T>(pool: ConsoleUserPool, action: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(pool.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SignInError(
      "NetworkError",
      `Could not reach the user pool at ${pool.endpoint}: ${(error as Error).message}`,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
  if (!response.ok) {
    const code = (answer.__type ?? `HTTP ${response.status}`).split("#").pop() as string;
    throw new SignInError(code, answer.message ?? `The user pool refused ${action}`);
  }
  return answer;
}
