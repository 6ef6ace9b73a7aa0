/**
 * AppSync's multi-auth rules on a schema made to exercise them, served by the local GraphQL API
 * with the real cognito-local pool: a field's directives override its type's, a type's replace the
 * default mode, `cognito_groups` narrows user-pool callers, and a resolver's event carries
 * AppSync's `identity` (null for the API key).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { LocalGraphqlApi } from "../../local/graphqlApi";
import { baseUrl, close, listen } from "../../local/httpServer";
import type { LocalUserPool } from "../../local/userPool";
import { startUserPool } from "../../local/userPool";
import { startUserPoolEmulator } from "../../local/userPoolEmulator";
import { issueIdToken } from "../../scripts/token";

const SCHEMA = `
type Echo @aws_api_key @aws_cognito_user_pools {
  identity: String
  secret: String @aws_cognito_user_pools
}
type Query {
  signedIn: Echo
  keyOnly: Echo @aws_api_key
  either: Echo @aws_api_key @aws_cognito_user_pools
  admins: Echo @aws_cognito_user_pools(cognito_groups: ["admins"])
}
`;
const API_KEY = "da2-directives-test";

describe("AppSync authorization directives, type- and field-level, on the local GraphQL API", function () {
  this.timeout(60_000);
  let pool: LocalUserPool;
  let server: Server;
  let dir: string;
  let url: string;
  let alice: string;
  let root: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "directives-"));
    writeFileSync(path.join(dir, "schema.graphql"), SCHEMA);
    pool = await startUserPool(
      { poolName: "test", clientName: "test", region: "us-east-1" },
      startUserPoolEmulator(undefined, () => undefined),
    );
    const outputs = {
      bookingUserPoolEndpoint: pool.endpoint,
      bookingUserPoolId: pool.userPoolId,
      bookingUserPoolClientId: pool.clientId,
    };
    alice = await issueIdToken(outputs, "alice");
    const cognito = new CognitoIdentityProviderClient({
      endpoint: pool.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await cognito.send(new CreateGroupCommand({ UserPoolId: pool.userPoolId, GroupName: "admins" }));
    await issueIdToken(outputs, "root");
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: "root", GroupName: "admins" }),
    );
    cognito.destroy();
    root = await issueIdToken(outputs, "root"); // signed in again: the token now lists the group
    const api = new LocalGraphqlApi(
      path.join(dir, "schema.graphql"),
      ["signedIn", "keyOnly", "either", "admins"].map((fieldName) => ({
        typeName: "Query" as const,
        fieldName,
        entry: "tests/local/echoIdentityResolver.ts",
        calls: [],
        environment: [],
      })),
      path.resolve(__dirname, "../.."),
      {
        apiKey: API_KEY,
        userPool: pool,
        limits: { queryDepthLimit: 0, resolverCountLimit: 0, introspection: true },
      },
    );
    server = await listen(
      createServer((request, response) => void api.handle(request, response)),
      0,
    );
    url = `${baseUrl(server)}/graphql`;
  });
  after(async () => {
    await close(server);
    await pool.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (query: string, credentials: Record<string, string>) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...credentials },
      body: JSON.stringify({ query }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as {
      data: Record<string, { identity?: string; secret?: string } | null> | null;
      errors?: { errorType: string; message: string; path: string[] }[];
    };
  };
  const key = { "x-api-key": API_KEY };
  const token = () => ({ authorization: alice });

  it("passes AppSync's Cognito identity to the resolver, and null for the API key", async () => {
    const signedIn = await ask("{ signedIn { identity } }", token());
    const identity = JSON.parse(signedIn.data?.signedIn?.identity ?? "null") as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(identity).sort(), [
      "claims",
      "defaultAuthStrategy",
      "groups",
      "issuer",
      "sourceIp",
      "sub",
      "username",
    ]);
    const claims = identity.claims as Record<string, unknown>;
    assert.equal(identity.username, "alice");
    assert.equal(identity.sub, claims.sub);
    assert.equal(identity.issuer, pool.issuer);
    assert.equal(identity.defaultAuthStrategy, "ALLOW");
    assert.equal(identity.groups, null);
    assert.deepStrictEqual(identity.sourceIp, ["127.0.0.1"]);
    assert.equal(claims.token_use, "id");

    const either = await ask("{ either { identity } }", key);
    assert.equal(either.data?.either?.identity, "null");
  });

  it("allows only the default mode (the user pool) where neither field nor type says otherwise", async () => {
    const byKey = await ask("{ signedIn { identity } }", key);
    assert.deepStrictEqual(byKey.data, { signedIn: null });
    assert.deepStrictEqual(
      byKey.errors?.map(({ errorType, message, path }) => ({ errorType, message, path })),
      [
        {
          errorType: "Unauthorized",
          message: "Not Authorized to access signedIn on type Query",
          path: ["signedIn"],
        },
      ],
    );
  });

  it("lets a field's directives override its type's: @aws_api_key alone shuts out the user pool", async () => {
    const byToken = await ask("{ keyOnly { identity } }", token());
    assert.equal(byToken.errors?.[0].message, "Not Authorized to access keyOnly on type Query");
    assert.equal((await ask("{ keyOnly { identity } }", key)).errors, undefined);
    // Echo.secret says @aws_cognito_user_pools, which overrides Echo's @aws_api_key for that field.
    const secret = await ask("{ either { identity secret } }", key);
    assert.deepStrictEqual(secret.data, { either: { identity: "null", secret: null } });
    assert.equal(secret.errors?.[0].message, "Not Authorized to access secret on type Echo");
    assert.deepStrictEqual((await ask("{ either { secret } }", token())).data, {
      either: { secret: "only for signed-in users" },
    });
  });

  it("lets only members of the listed cognito_groups through", async () => {
    assert.equal((await ask("{ admins { identity } }", token())).errors?.[0].errorType, "Unauthorized");
    const byAdmin = await ask("{ admins { identity } }", { authorization: root });
    assert.equal(byAdmin.errors, undefined);
    assert.deepStrictEqual(
      (JSON.parse(byAdmin.data?.admins?.identity ?? "{}") as { groups: string[] }).groups,
      ["admins"],
    );
  });
});
