/**
 * The local GraphQL API authenticates and authorizes like AppSync with a Cognito user pool as the
 * default mode and the API key as an additional one. Every token here comes from the running
 * cognito-local through the AWS SDK, except the one signed by another key, which is the pool's own
 * token re-signed with a key of ours (jose).
 */
import assert from "node:assert/strict";
import {
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  AdminCreateUserCommand,
  UpdateUserPoolClientCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from "jose";
import type { TestStack } from "./harness";
import { startTestStack } from "./harness";

const LISTING = "{ apartments { id status } }";
const BOOK = 'mutation { bookApartment(apartmentId: "A-101", bookingId: "by-api-key") { id status } }';

describe("local GraphQL API: who may call it (AppSync user pool + API key)", function () {
  this.timeout(60_000);
  let stack: TestStack;
  let cognito: CognitoIdentityProviderClient;

  before(async () => {
    stack = await startTestStack();
    cognito = new CognitoIdentityProviderClient({
      endpoint: stack.outputs.bookingUserPoolEndpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
  });
  after(async () => {
    cognito.destroy();
    await stack.stop();
  });

  /** Signs `username` in with `clientId` of `poolId` and returns the pool's tokens. */
  const signIn = async (poolId: string, clientId: string, username: string) => {
    const Password = "Local-password-1!";
    await cognito
      .send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }))
      .catch((error: Error) => assert.equal(error.name, "UsernameExistsException"));
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password, Permanent: true }),
    );
    const { AuthenticationResult } = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: username, PASSWORD: Password },
      }),
    );
    return {
      id: AuthenticationResult?.IdToken as string,
      access: AuthenticationResult?.AccessToken as string,
    };
  };

  const withToken = (token: string, query = LISTING) =>
    stack.graphql(query, undefined, { "content-type": "application/json", authorization: token });

  const refusedWith = async (token: string, message: string) => {
    const { status, body } = await withToken(token);
    assert.equal(status, 401);
    assert.deepStrictEqual(body, { errors: [{ errorType: "UnauthorizedException", message }] });
  };

  it("takes an ID token and an access token of the pool's app client", async () => {
    const { id, access } = await signIn(
      stack.outputs.bookingUserPoolId,
      stack.outputs.bookingUserPoolClientId,
      "carol",
    );
    for (const token of [id, access]) {
      const { status, body } = await withToken(token);
      assert.equal(status, 200);
      assert.equal((body.data?.apartments as unknown[]).length, 3);
    }
  });

  it("refuses a request with no token and no key: 401 UnauthorizedException", async () => {
    const { status, body } = await stack.graphql(LISTING, undefined, { "content-type": "application/json" });
    assert.equal(status, 401);
    assert.deepStrictEqual(body, {
      errors: [{ errorType: "UnauthorizedException", message: "Valid authorization header not provided." }],
    });
  });

  it("refuses an expired token with AppSync's 'Token has expired.'", async () => {
    const { bookingUserPoolId: UserPoolId, bookingUserPoolClientId: ClientId } = stack.outputs;
    // The pool's own client, made to issue ID tokens that live one second.
    await cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId,
        IdTokenValidity: 1,
        TokenValidityUnits: { IdToken: "seconds" },
      }),
    );
    const { id } = await signIn(UserPoolId, ClientId, "dave");
    await cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId,
        ClientId,
        IdTokenValidity: 24,
        TokenValidityUnits: { IdToken: "hours" },
      }),
    );
    const { exp = 0 } = decodeJwt(id);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1100));
    await refusedWith(id, "Token has expired.");
  });

  it("refuses the pool's token re-signed by another key", async () => {
    const { id } = await signIn(
      stack.outputs.bookingUserPoolId,
      stack.outputs.bookingUserPoolClientId,
      "erin",
    );
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(decodeJwt(id))
      .setProtectedHeader(decodeProtectedHeader(id) as { alg: string; kid?: string })
      .sign(privateKey);
    await refusedWith(forged, "Valid authorization header not provided.");
  });

  it("refuses a token the same pool issued to another app client, and one of another pool", async () => {
    const other = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: stack.outputs.bookingUserPoolId,
        ClientName: "another-app",
      }),
    );
    const fromOtherClient = await signIn(
      stack.outputs.bookingUserPoolId,
      other.UserPoolClient?.ClientId as string,
      "frank",
    );
    await refusedWith(fromOtherClient.id, "Valid authorization header not provided.");
    await refusedWith(fromOtherClient.access, "Valid authorization header not provided.");

    const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: "another-pool" }));
    const client = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.UserPool?.Id, ClientName: "booking" }),
    );
    const fromOtherPool = await signIn(
      pool.UserPool?.Id as string,
      client.UserPoolClient?.ClientId as string,
      "gina",
    );
    await refusedWith(fromOtherPool.id, "Valid authorization header not provided.");
  });

  it("refuses a wrong API key and a 'Bearer' prefix, as AppSync does", async () => {
    const { status, body } = await stack.graphql(LISTING, undefined, {
      "content-type": "application/json",
      "x-api-key": "da2-wrong",
    });
    assert.equal(status, 401);
    assert.equal(body.errors?.[0].message, "You are not authorized to make this call.");
    await refusedWith(`Bearer ${await stack.token()}`, "Valid authorization header not provided.");
  });

  it("lets the API key alone list apartments and do nothing else: no resolver runs for the rest", async () => {
    const key = { "content-type": "application/json", "x-api-key": stack.outputs.bookingApiKey };
    const listing = await stack.graphql(LISTING, undefined, key);
    assert.equal(listing.status, 200);
    assert.deepStrictEqual(listing.body.data?.apartments, [
      { id: "A-101", status: "VACANT" },
      { id: "A-102", status: "VACANT" },
      { id: "A-103", status: "VACANT" },
    ]);

    const booking = await stack.graphql(BOOK, undefined, key);
    assert.equal(booking.status, 200);
    assert.deepStrictEqual(booking.body, {
      data: null,
      errors: [
        {
          path: ["bookApartment"],
          data: null,
          errorType: "Unauthorized",
          errorInfo: null,
          locations: [{ line: 1, column: 12, sourceName: null }],
          message: "Not Authorized to access bookApartment on type Mutation",
        },
      ],
    });
    for (const query of ['{ booking(id: "by-api-key") { id } }', '{ apartment(id: "A-101") { id } }']) {
      const { body } = await stack.graphql(query, undefined, key);
      assert.equal(body.errors?.[0].errorType, "Unauthorized", query);
    }
    // Allowed and refused fields in one request: the listing is answered, the rest is null.
    const mixed = await stack.graphql('{ apartments { id } apartment(id: "A-101") { id } }', undefined, key);
    assert.equal((mixed.body.data?.apartments as unknown[]).length, 3);
    assert.equal(mixed.body.data?.apartment, null);
    // The refused booking never started: the apartment is still free and the booking unknown.
    const { body } = await stack.graphql(
      '{ apartment(id: "A-101") { status } booking(id: "by-api-key") { id } }',
    );
    assert.deepStrictEqual(body.data, { apartment: { status: "VACANT" }, booking: null });
  });
});
