/**
 * What the console is told about the stack it runs against: `config.json` next to `index.html`,
 * written by the local stack (`local/consoleSite.ts`) or uploaded by the `ConsoleSite` component.
 * Types only, so both the browser bundle and Node code can import it.
 */

/** A state machine the Executions view lists. */
export interface ConsoleStateMachine {
  /** A short label, e.g. `booking`. */
  readonly label: string;
  readonly arn: string;
  readonly type: "STANDARD" | "EXPRESS";
}

/** The user pool the Booking view signs in with (Cognito's IDP API, or the local emulator of it). */
export interface ConsoleUserPool {
  readonly id: string;
  readonly clientId: string;
  /** The Cognito IDP endpoint, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/`. */
  readonly endpoint: string;
}

/** Everything the console needs; absent parts switch the matching feature off with a message. */
export interface ConsoleConfig {
  /** `local` (npm start) or `aws` (deployed). */
  readonly environment: "local" | "aws";
  readonly region: string;
  /** The booking GraphQL endpoint. */
  readonly graphqlUrl: string;
  /**
   * The local API key, sent while nobody is signed in (the public apartment listing accepts it).
   * Never set for a deployed console: the deployed key is a stack secret.
   */
  readonly apiKey?: string;
  readonly userPool?: ConsoleUserPool;
  /** The pizza HTTP API (POST the order). */
  readonly pizzaApiUrl: string;
  /**
   * How the pizza API answers: `raw` (the StartSyncExecution result, HTTP 200 whatever happened) or
   * `mapped` (HTTP status per outcome: 200 output, 422/500/504 `{error, cause}`). @default "raw"
   */
  readonly pizzaResponses?: "raw" | "mapped";
  readonly stateMachines: readonly ConsoleStateMachine[];
  /**
   * The Step Functions API the Executions view calls (AWS JSON 1.0); absent when the stack's config
   * does not allow it (deployed default in prod), and the view says so.
   */
  readonly stepFunctionsEndpoint?: string;
}
