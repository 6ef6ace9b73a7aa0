/**
 * The child process that runs cognito-local (https://github.com/jagregory/cognito-local), the
 * Cognito user-pool emulator, for the local stack. It runs apart from the stack's process because
 * cognito-local keeps its data under `.cognito/` in the working directory and reads PORT/HOST from
 * the environment when it loads (the stack's own PORT means another thing), and because it brings
 * AWS SDK v2 with it, which has no business in the stack's process.
 *
 * Protocol with the parent (local/userPool.ts), over the IPC channel of `fork`:
 * - argv: `<data folder> <port> <issuer domain>`;
 * - it answers `{ ready: true }` once listening, or `{ error }` and exits 1;
 * - it exits when the parent goes away (IPC `disconnect`), even on kill -9 of the parent, so no
 *   orphan keeps the port and the data files; its saves are whole-file (local/userPoolStore.ts),
 *   so such an exit never leaves a torn user pool behind.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { makeCognitoLocalSavesAtomic } from "./userPoolStore";

/** What the parent passes, what it receives. */
export type UserPoolProcessMessage = { ready: true } | { error: string };

function send(message: UserPoolProcessMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  // Registered first: the parent may go away while this process is still starting.
  process.on("disconnect", () => process.exit(0));
  const [dataDir, port, issuerDomain] = process.argv.slice(2);
  if (!dataDir || !port || !issuerDomain)
    throw new Error("usage: userPoolProcess <dataDir> <port> <issuerDomain>");
  mkdirSync(path.join(dataDir, ".cognito"), { recursive: true });
  // cognito-local's documented configuration file: loopback only, and the issuer the tokens carry.
  writeFileSync(
    path.join(dataDir, ".cognito", "config.json"),
    `${JSON.stringify(
      {
        ServerConfig: { hostname: "127.0.0.1", port: Number(port), https: false },
        TokenConfig: { IssuerDomain: issuerDomain },
        // Plain usernames (alice), as a pool without UsernameAttributes takes them; the default wants emails.
        UserPoolDefaults: { UsernameAttributes: [] },
      },
      null,
      2,
    )}\n`,
  );
  process.chdir(dataDir);
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  // cognito-local's own pino (not a dependency of ours): errors only, to stderr (it logs every
  // refused request, e.g. AdminCreateUser of an existing user, as a warning).
  const cognitoLocal = require.resolve("cognito-local");
  // Before cognito-local opens its files: each save replaces the file whole (local/userPoolStore.ts).
  makeCognitoLocalSavesAtomic(cognitoLocal);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pino = require(require.resolve("pino", { paths: [cognitoLocal] })) as (
    options: object,
    destination: NodeJS.WritableStream,
  ) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createDefaultServer } = require("cognito-local") as {
    createDefaultServer(logger: unknown): Promise<{ start(): Promise<Server> }>;
  };
  await (await createDefaultServer(pino({ level: "error" }, process.stderr))).start();
  send({ ready: true });
}

main().catch((error: Error) => {
  send({ error: error.message });
  process.exit(1);
});
