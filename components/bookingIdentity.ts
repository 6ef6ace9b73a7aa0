import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the booking API's users come from. */
export interface BookingIdentityArgs {
  /** An existing Cognito user pool to use instead of creating one (its id, e.g. `eu-west-1_AbC123`). */
  readonly existingUserPoolId?: string;
  /** Refuse to delete the user pool (the users live only there). */
  readonly deletionProtection: boolean;
  readonly tags: Record<string, string>;
}

/** The user pool and the app client the booking API accepts tokens from. */
export interface BookingIdentity {
  readonly userPoolId: pulumi.Output<string>;
  readonly userPoolClientId: pulumi.Output<string>;
  /** The pool this stack created; undefined when it uses an existing one. */
  readonly userPool?: aws.cognito.UserPool;
  readonly client: aws.cognito.UserPoolClient;
}

/** Cognito's user pool id format: `<region>_<id>`. */
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

/**
 * A Cognito user pool (or an existing one) and an app client for the booking API: users sign up
 * with their email, and the client signs in with USER_PASSWORD_AUTH (what `aws cognito-idp
 * initiate-auth` uses) or SRP (what the Amplify libraries use). A public client, without a secret:
 * browser and mobile apps cannot keep one
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html).
 */
export function bookingIdentity(
  name: string,
  args: BookingIdentityArgs,
  parent: pulumi.Resource,
): BookingIdentity {
  if (args.existingUserPoolId !== undefined && !USER_POOL_ID.test(args.existingUserPoolId)) {
    throw new Error(
      `[existingUserPoolId] must be a Cognito user pool id like "eu-west-1_AbC123", got "${args.existingUserPoolId}"`,
    );
  }
  const userPool =
    args.existingUserPoolId === undefined
      ? new aws.cognito.UserPool(
          `${name}-users`,
          {
            usernameAttributes: ["email"],
            autoVerifiedAttributes: ["email"],
            usernameConfiguration: { caseSensitive: false },
            passwordPolicy: {
              minimumLength: 12,
              requireLowercase: true,
              requireUppercase: true,
              requireNumbers: true,
              requireSymbols: false,
              temporaryPasswordValidityDays: 3,
            },
            accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
            deletionProtection: args.deletionProtection ? "ACTIVE" : "INACTIVE",
            tags: args.tags,
          },
          { parent },
        )
      : undefined;
  const userPoolId = userPool ? userPool.id : pulumi.output(args.existingUserPoolId as string);
  const client = new aws.cognito.UserPoolClient(
    `${name}-client`,
    {
      userPoolId,
      generateSecret: false,
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      // Sign-in failures do not tell whether the user exists.
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
      idTokenValidity: 60,
      accessTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: { idToken: "minutes", accessToken: "minutes", refreshToken: "days" },
    },
    { parent },
  );
  return { userPoolId, userPoolClientId: client.id, userPool, client };
}
