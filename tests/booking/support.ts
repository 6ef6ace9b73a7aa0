/** Helpers for the booking tests: AppSync-shaped events, and a recorder of what resolvers touch. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SFNClient } from "@aws-sdk/client-sfn";
// Types only, from the SDK's own middleware package (a dependency of every @aws-sdk client).
import type { InitializeMiddleware } from "@smithy/types";
import type { AppSyncIdentityCognito, AppSyncResolverEvent } from "aws-lambda";

/**
 * The identity AppSync passes for a Cognito user pool token (the brief's contract 2, AWS's
 * resolver context reference): `sub` is what the resolvers authorize by.
 */
export function cognitoIdentity(sub: string, username: string): AppSyncIdentityCognito {
  const issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";
  return {
    sub,
    issuer,
    username,
    claims: { sub, iss: issuer, "cognito:username": username, token_use: "id", aud: "testclient" },
    sourceIp: ["127.0.0.1"],
    defaultAuthStrategy: "ALLOW",
    groups: null,
  };
}

/**
 * The event AppSync sends a direct Lambda resolver for a root field: with a user pool identity, or
 * `null` for the API key.
 */
export function appSyncEvent<A>(
  fieldName: string,
  parentTypeName: "Query" | "Mutation",
  args: A,
  identity: AppSyncIdentityCognito | null = null,
): AppSyncResolverEvent<A, null> {
  return {
    arguments: args,
    identity,
    source: null,
    request: {
      headers: identity ? { authorization: "eyJ.test.token" } : { "x-api-key": "test" },
      domainName: null,
    },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: [], selectionSetGraphQL: "" },
    prev: null,
    stash: {},
  };
}

/** One AWS call a resolver made, as an IAM action, with the error it was answered with if any. */
export interface AwsCall {
  readonly action: string;
  readonly error?: string;
}

/** What one or more runs of a resolver touched. */
export interface Trace {
  readonly calls: AwsCall[];
  readonly environment: Set<string>;
}

const MIDDLEWARE_NAME = "recordResolverCalls";
/** IAM service prefixes of the SDK clients the resolvers use. */
const SERVICE_PREFIX: Record<string, string> = { DynamoDBClient: "dynamodb", SFNClient: "states" };

/**
 * Records, per resolver field, the AWS actions its runs sent and the environment variables they
 * read. AsyncLocalStorage ties each call to the run it belongs to, so nothing else the test does
 * (its own reads, another stack's work) is counted.
 */
export class ResolverRecorder {
  /** Everything each field's runs touched, accumulated over the test file. */
  readonly byField = new Map<string, Trace>();
  /** What the latest run touched. */
  last: Trace = { calls: [], environment: new Set() };
  private readonly current = new AsyncLocalStorage<Trace>();
  private readonly clients: (DynamoDBClient | SFNClient)[] = [];
  private originalEnv: NodeJS.ProcessEnv | undefined;

  constructor(private readonly watchedVariables: readonly string[]) {}

  /** Table names by the name the resolver manifest uses for them ("apartments", "bookings"). */
  private tables: Record<string, string> = {};

  /**
   * Starts recording the commands these clients send and the watched variables read. DynamoDB
   * calls are recorded with the table they touch, as the manifest lists them ("... on bookings").
   */
  attach(dynamodb: DynamoDBClient, stepFunctions: SFNClient, tables: Record<string, string> = {}): void {
    this.tables = tables;
    const options = { step: "initialize", name: MIDDLEWARE_NAME } as const;
    dynamodb.middlewareStack.add(this.middleware(), options);
    stepFunctions.middlewareStack.add(this.middleware(), options);
    this.clients.push(dynamodb, stepFunctions);
    const original = (this.originalEnv = process.env);
    const watched = new Set(this.watchedVariables);
    process.env = new Proxy(original, {
      get: (target, key) => {
        if (typeof key === "string" && watched.has(key)) this.current.getStore()?.environment.add(key);
        return Reflect.get(target, key);
      },
    });
  }

  /** Stops recording. */
  detach(): void {
    for (const client of this.clients.splice(0)) client.middlewareStack.remove(MIDDLEWARE_NAME);
    if (this.originalEnv) process.env = this.originalEnv;
  }

  /** Records each command as its IAM action, with the error it was answered with, if any. */
  private middleware<I extends object, O extends object>(): InitializeMiddleware<I, O> {
    return (next, context) => async (args) => {
      const trace = this.current.getStore();
      const tableName = (args.input as { TableName?: string }).TableName;
      const table = Object.entries(this.tables).find(([, name]) => name === tableName)?.[0];
      const action = `${SERVICE_PREFIX[context.clientName ?? ""] ?? context.clientName}:${String(context.commandName).replace(/Command$/, "")}${table ? ` on ${table}` : ""}`;
      let error: string | undefined;
      try {
        return await next(args);
      } catch (thrown) {
        error = (thrown as Error).name;
        throw thrown;
      } finally {
        trace?.calls.push(error ? { action, error } : { action });
      }
    };
  }

  /** Runs one resolver call for `fieldName`, recording what it touches. */
  async run<T>(fieldName: string, call: () => Promise<T>): Promise<T> {
    const trace: Trace = { calls: [], environment: new Set() };
    this.last = trace;
    try {
      return await this.current.run(trace, call);
    } finally {
      const total = this.byField.get(fieldName) ?? { calls: [], environment: new Set<string>() };
      total.calls.push(...trace.calls);
      trace.environment.forEach((name) => total.environment.add(name));
      this.byField.set(fieldName, total);
    }
  }
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
