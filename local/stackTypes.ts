/**
 * The shapes of the local stack's API (local/stack.ts): its options, its outputs, and a running
 * stack. Apart from stack.ts so that file stays about starting and stopping.
 */
import type { PizzaResponses } from "../definitions/pizzaApiMapping";

/** Options of `startLocalStack`. */
export interface LocalStackOptions {
  /** The port of the HTTP server; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** Keep nothing on disk. @default false */
  readonly inMemory?: boolean;
  /** Where data is kept, relative to `root`. @default ".local/data" */
  readonly dataDir?: string;
  /** The stack whose Pulumi.<stack>.yaml configures it. @default "dev" */
  readonly stack?: string;
  /** Overrides the stack's payment window (so does PAYMENT_WINDOW_SECONDS). */
  readonly paymentWindowSeconds?: number;
  /** Log nothing (requests the stack could not serve are otherwise logged to stderr). @default false */
  readonly quiet?: boolean;
  /** How the pizza API answers (see definitions/pizzaApiMapping.ts). @default the stack's `pizzaResponses` */
  readonly pizzaResponses?: PizzaResponses;
  /** The project root. @default the folder above local/ */
  readonly root?: string;
  /** Lambda functions for state machines users create: function name → `file[#export]` (`--lambda`). */
  readonly lambdaHandlers?: Readonly<Record<string, string>>;
  /** A Lambda Invoke API endpoint for other functions. @default LOCAL_LAMBDA_ENDPOINT */
  readonly lambdaEndpoint?: string;
  /** Finished STANDARD executions kept (GetExecutionHistory). @default LOCAL_EXECUTION_RETENTION, else 1000 */
  readonly executionRetention?: number;
}

/** The stack outputs, named as `pulumi stack output` names them. */
export interface LocalStackOutputs {
  readonly pizzaApiUrl: string;
  readonly bookingGraphqlUrl: string;
  readonly bookingApiKey: string;
  readonly pizzaStateMachineArn: string;
  readonly bookingStateMachineArn: string;
  /** The local Cognito user pool (cognito-local) whose tokens the GraphQL API takes. */
  readonly bookingUserPoolId: string;
  readonly bookingUserPoolClientId: string;
  /** Its Cognito Identity Provider API endpoint (local only). */
  readonly bookingUserPoolEndpoint: string;
  /** The Step Functions API (AWS JSON 1.0), for `AWS_ENDPOINT_URL_SFN`. */
  readonly stepFunctionsEndpoint: string;
  /** The DynamoDB API, for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly dynamodbEndpoint: string;
  /** The edge's URL: locally the same server, with the edge's paths and security headers (local/edge.ts). */
  readonly edgeUrl: string;
  /** The web console (local/consoleSite.ts). */
  readonly consoleUrl: string;
}

/** A running local stack. */
export interface LocalStack {
  readonly outputs: LocalStackOutputs;
  /** Where the handlers' SDK clients are pointed (AWS_ENDPOINT_URL_DYNAMODB / _SFN). */
  readonly endpoints: { readonly dynamodb: string; readonly stepfunctions: string };
  readonly tableName: string;
  /** The bookings table: the durable booking records. */
  readonly bookingsTableName: string;
  readonly apartments: readonly string[];
  readonly paymentWindowSeconds: number;
  /** How many executions were resumed from a previous run. */
  readonly resumedExecutions: number;
  /** Closes the servers and the table; executions still running resume at the next start. */
  stop(): Promise<void>;
}
