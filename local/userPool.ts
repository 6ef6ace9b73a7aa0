/**
 * The local Cognito user pool: cognito-local in a child process (local/userPoolProcess.ts) on a
 * loopback port, speaking the Cognito Identity Provider API, so the AWS SDK's
 * CognitoIdentityProviderClient (and `npm run token`) work against it unchanged. Its data lives in
 * the stack's data folder (`<data>/cognito`), so users survive a restart; in memory it uses a
 * temporary folder removed at stop.
 *
 * The issuer of its tokens is `http://127.0.0.1:<port>/<poolId>`, so the port is kept in the data
 * folder and reused: a token issued before a restart stays valid after it (as a Cognito token does;
 * the process and its port are local/userPoolEmulator.ts).
 *
 * Known difference: cognito-local signs every token with one RSA key that ships in its npm package
 * (kid "CognitoLocal"), so anyone can mint a token it accepts. That is fine for a loopback
 * emulator and never for anything else.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LOCAL_CREDENTIALS } from "./dynamodb";
import type { UserPoolEmulator } from "./userPoolEmulator";

/** A running local user pool and its app client. */
export interface LocalUserPool {
  /** The Cognito IDP endpoint (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`). */
  readonly endpoint: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The `iss` claim of its tokens. */
  readonly issuer: string;
  /** Where its public keys are served. */
  readonly jwksUri: string;
  stop(): Promise<void>;
}

/** Options of `startUserPool`. */
export interface UserPoolOptions {
  /** The pool's name, as the deployed stack names it. */
  readonly poolName: string;
  /** The app client's name. */
  readonly clientName: string;
  readonly region: string;
}

/**
 * Makes sure the pool and its app client exist in `emulator`, one already starting
 * (`startUserPoolEmulator`: the local stack forks it first thing, before loading the rest).
 */
export async function startUserPool(
  options: UserPoolOptions,
  emulator: Promise<UserPoolEmulator>,
): Promise<LocalUserPool> {
  const running = await emulator;
  const { endpoint } = running;
  try {
    const client = new CognitoIdentityProviderClient({
      endpoint,
      region: options.region,
      credentials: LOCAL_CREDENTIALS,
    });
    const userPoolId = await ensurePool(client, options.poolName);
    const clientId = await ensureClient(client, userPoolId, options.clientName);
    client.destroy();
    running.keepPort();
    const issuer = `${endpoint}/${userPoolId}`;
    return {
      endpoint,
      userPoolId,
      clientId,
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      stop: () => running.stop(),
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

async function ensurePool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === name);
  if (existing?.Id) return existing.Id;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: name, AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } }),
  );
  if (!UserPool?.Id) throw new Error("The local user pool answered CreateUserPool without an id");
  return UserPool.Id;
}

async function ensureClient(client: CognitoIdentityProviderClient, userPoolId: string, name: string) {
  const { UserPoolClients = [] } = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  const existing = UserPoolClients.find((appClient) => appClient.ClientName === name);
  if (existing?.ClientId) return existing.ClientId;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: name,
      // The flows a deployed public client allows: sign-in with a password (SRP or plain) and refresh.
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      GenerateSecret: false,
    }),
  );
  if (!UserPoolClient?.ClientId)
    throw new Error("The local user pool answered CreateUserPoolClient without an id");
  return UserPoolClient.ClientId;
}
