/**
 * The local Cognito user pool: cognito-local in a child process (local/userPoolProcess.ts) on a
 * loopback port, speaking the Cognito Identity Provider API, so the AWS SDK's
 * CognitoIdentityProviderClient (and `npm run token`) work against it unchanged. Its data lives in
 * the stack's data folder (`<data>/cognito`), so users survive a restart; in memory it uses a
 * temporary folder removed at stop.
 *
 * The issuer of its tokens is `http://127.0.0.1:<port>/<poolId>`, so the port is kept in the data
 * folder and reused: a token issued before a restart stays valid after it (as a Cognito token does).
 *
 * Known difference: cognito-local signs every token with one RSA key that ships in its npm package
 * (kid "CognitoLocal"), so anyone can mint a token it accepts. That is fine for a loopback
 * emulator and never for anything else.
 */
import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LOCAL_CREDENTIALS } from "./dynamodb";
import type { UserPoolProcessMessage } from "./userPoolProcess";

/** How long the emulator may take to start (it loads AWS SDK v2) before the start fails. */
const START_TIMEOUT_MS = 30_000;
/** The file in the pool's folder that remembers its port. */
const PORT_FILE = "endpoint.json";

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
  /** Where the pool keeps its data; a temporary folder (removed at stop) when absent. */
  readonly dataDir?: string;
  /** The pool's name, as the deployed stack names it. */
  readonly poolName: string;
  /** The app client's name. */
  readonly clientName: string;
  readonly region: string;
  /** Where the emulator's warnings go. */
  readonly log: (line: string) => void;
}

/** Starts cognito-local and makes sure the pool and its app client exist. */
export async function startUserPool(options: UserPoolOptions): Promise<LocalUserPool> {
  const temporary = options.dataDir === undefined;
  const dir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "local-user-pool-"));
  mkdirSync(dir, { recursive: true });
  const port = await choosePort(dir);
  const endpoint = `http://127.0.0.1:${port}`;
  const child = await startEmulator(dir, port, endpoint, options.log);
  const stop = async () => {
    await stopEmulator(child);
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const client = new CognitoIdentityProviderClient({
      endpoint,
      region: options.region,
      credentials: LOCAL_CREDENTIALS,
    });
    const userPoolId = await ensurePool(client, options.poolName);
    const clientId = await ensureClient(client, userPoolId, options.clientName);
    client.destroy();
    writeFileSync(path.join(dir, PORT_FILE), `${JSON.stringify({ port })}\n`);
    const issuer = `${endpoint}/${userPoolId}`;
    return { endpoint, userPoolId, clientId, issuer, jwksUri: `${issuer}/.well-known/jwks.json`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The port used last time when it is still free (tokens name it), else a free one. */
async function choosePort(dir: string): Promise<number> {
  const file = path.join(dir, PORT_FILE);
  if (existsSync(file)) {
    const { port } = JSON.parse(readFileSync(file, "utf8")) as { port?: unknown };
    if (typeof port === "number" && (await isFree(port))) return port;
  }
  return freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startEmulator(
  dir: string,
  port: number,
  issuerDomain: string,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const entry = path.join(__dirname, `userPoolProcess${path.extname(__filename)}`);
  // Run from TypeScript (npm start, the tests), the child needs a loader too; compiled, it does not.
  // esbuild's (./register.js) whatever the parent uses: the child has one small file to load, and
  // loading the TypeScript compiler for it (ts-node) would be most of its start-up.
  const execArgv = entry.endsWith(".ts") ? ["--require", path.join(__dirname, "register.js")] : [];
  const child = fork(entry, [dir, String(port), issuerDomain], {
    execArgv,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) if (line.trim() !== "") log(`[cognito-local] ${line}`);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(`The local user pool (cognito-local) did not start within ${START_TIMEOUT_MS / 1000} s`),
      );
    }, START_TIMEOUT_MS);
    child.once("message", (message: UserPoolProcessMessage) => {
      clearTimeout(timer);
      if ("ready" in message) resolve(child);
      else reject(new Error(`The local user pool (cognito-local) could not start: ${message.error}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The local user pool (cognito-local) exited with code ${code} while starting`));
    });
  });
}

function stopEmulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Closing the IPC channel is the child's cue to exit; SIGTERM in case it is stuck.
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill("SIGTERM"), 1000).unref();
  });
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
