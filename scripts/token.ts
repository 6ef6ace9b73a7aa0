/**
 * `npm run --silent token -- <username> [--outputs <file>]`: prints a valid ID token of the local
 * stack's user pool for <username>, creating the user if needed, so a curl can send it as
 * `Authorization: $TOKEN`. It reads the pool from `.local/outputs.json` (written by `npm start`) or
 * the given outputs file, and talks to the pool through the Cognito Identity Provider API with the
 * AWS SDK, as it would to Cognito: AdminCreateUser, AdminSetUserPassword (a fresh random password
 * each time: nobody needs to know it), AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH.
 *
 * Local only: against a deployed pool, users sign up and sign in as the README says.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";

const USAGE = "Usage: npm run --silent token -- <username> [--outputs <file>]";

/** The outputs of a running local stack that locate its user pool. */
export interface UserPoolOutputs {
  readonly bookingUserPoolEndpoint: string;
  readonly bookingUserPoolId: string;
  readonly bookingUserPoolClientId: string;
}

/** Cognito's username rule (letters, marks, symbols, digits, punctuation; 1-128). */
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** Signs `username` in to the local pool (creating the user if needed) and returns its ID token. */
export async function issueIdToken(outputs: UserPoolOutputs, username: string): Promise<string> {
  if (!USERNAME.test(username)) {
    throw new Error(
      `"${username}" is not a Cognito username: 1-128 letters, digits or punctuation, no spaces`,
    );
  }
  const client = new CognitoIdentityProviderClient({
    endpoint: outputs.bookingUserPoolEndpoint,
    // The local pool checks neither; the SDK needs both.
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const UserPoolId = outputs.bookingUserPoolId;
  try {
    try {
      await client.send(
        new AdminCreateUserCommand({ UserPoolId, Username: username, MessageAction: "SUPPRESS" }),
      );
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    const password = `${randomBytes(18).toString("base64url")}Aa1!`;
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId,
        ClientId: outputs.bookingUserPoolClientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    if (!AuthenticationResult?.IdToken)
      throw new Error("The user pool signed the user in without an ID token");
    return AuthenticationResult.IdToken;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === "ECONNREFUSED" || (error as { code?: string }).code === "ECONNREFUSED") {
      throw new Error(
        `The local user pool at ${outputs.bookingUserPoolEndpoint} does not answer: start the local stack with \`npm start\``,
      );
    }
    throw error;
  } finally {
    client.destroy();
  }
}

/** Reads the user pool's location from an outputs file, saying what is wrong with it. */
export function readUserPoolOutputs(file: string): UserPoolOutputs {
  let outputs: Partial<UserPoolOutputs>;
  try {
    outputs = JSON.parse(readFileSync(file, "utf8")) as Partial<UserPoolOutputs>;
  } catch (error) {
    throw new Error(
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? `No ${path.relative(process.cwd(), file) || file}: start the local stack with \`npm start\` first (it writes the outputs there)`
        : `${file} is not readable as JSON: ${(error as Error).message}`,
    );
  }
  const missing = (
    ["bookingUserPoolEndpoint", "bookingUserPoolId", "bookingUserPoolClientId"] as const
  ).filter((key) => typeof outputs[key] !== "string");
  if (missing.length > 0) {
    throw new Error(
      `${file} has no ${missing.join(", ")}: it is not the outputs of a running local stack (for a deployed stack, sign in as the README says)`,
    );
  }
  return outputs as UserPoolOutputs;
}

/** Parses the command line: the username and the outputs file. */
export function parseTokenArgs(argv: readonly string[]): { username: string; outputsFile: string } {
  let username: string | undefined;
  // npm runs scripts in the package's folder, where `npm start` writes .local/outputs.json.
  let outputsFile = path.resolve(".local/outputs.json");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--outputs") {
      const file = argv[++i];
      if (!file) throw new Error(`--outputs needs a file\n${USAGE}`);
      outputsFile = path.resolve(file);
    } else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else if (arg.startsWith("-")) throw new Error(`Unknown option "${arg}"\n${USAGE}`);
    else if (username === undefined) username = arg;
    else throw new Error(`One username only, got "${username}" and "${arg}"\n${USAGE}`);
  }
  if (username === undefined) throw new Error(`Which user? ${USAGE}`);
  return { username, outputsFile };
}

if (require.main === module) {
  (async () => {
    const { username, outputsFile } = parseTokenArgs(process.argv.slice(2));
    console.log(await issueIdToken(readUserPoolOutputs(outputsFile), username));
  })().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
