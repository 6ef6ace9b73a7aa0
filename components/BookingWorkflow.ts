import { readFileSync } from "node:fs";
import path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bookingDefinition } from "../definitions/booking";
import { APARTMENT_TABLE_HASH_KEY, ApartmentAttribute, ApartmentStatus } from "../definitions/bookingModel";
import { BOOKING_RESOLVERS } from "../handlers/booking/resolvers";
import { checkAppSyncSchema } from "./appsyncSchema";
import { bookingApiAccess } from "./bookingApiAccess";
import { bookingIdentity } from "./bookingIdentity";
import { bookingRecordsTable } from "./bookingRecordsTable";
import { bundledFunction } from "./bundledFunction";
import { assumedBy, policyDocument } from "./policy";
import { serviceRole } from "./serviceRole";
import { resolverStatements } from "./resolverPermissions";
import { checkLogRetention, checkWholeNumber, physicalName } from "./validation";
import { workflowStateMachine } from "./workflowStateMachine";

/** The component's type token. */
export const BOOKING_WORKFLOW_TYPE = "pizza-booking:workflows:BookingWorkflow";
const SCHEMA_FILE = path.resolve(__dirname, "../handlers/booking/schema.graphql");
const DAY_MS = 86_400_000;

/** Options of a BookingWorkflow. */
export interface BookingWorkflowArgs {
  /** Apartment ids seeded as VACANT items; existing items are never reset. @default [] */
  readonly apartments?: readonly string[];
  /** How long a reservation is held for payment, in seconds (1 s to 7 days). @default 60 */
  readonly paymentWindowSeconds?: number;
  /** Days the API key stays valid (1-365), from the start of the deploy's day: each deploy extends it. @default 365 */
  readonly apiKeyExpiryDays?: number;
  /**
   * Keep the data whatever a deploy or `pulumi destroy` does (bookings live only in the table): AWS
   * deletion protection on the table, Pulumi `protect` and `retainOnDelete` on it, and
   * `retainOnDelete` on each seeded apartment, so removing one from config leaves its item (and its
   * booking) in place. Throwaway stacks switch it off. @default true
   */
  readonly deletionProtection?: boolean;
  /** AppSync field logs: ERROR keeps costs and personal data low; ALL logs every resolver call. @default "ERROR" */
  readonly fieldLogLevel?: "NONE" | "ERROR" | "ALL";
  /** Days to keep logs (a CloudWatch Logs retention value). @default 14 */
  readonly logRetentionDays?: number;
  /** Memory of each resolver function, in MB. @default 256 */
  readonly lambdaMemorySize?: number;
  /** X-Ray tracing for the state machine, the functions and the API. @default true */
  readonly tracing?: boolean;
  /** Tags for every resource. @default {} */
  readonly tags?: Record<string, string>;
  /** Bookings one user may hold in REQUESTED or PENDING_PAYMENT at once (1-100). @default 2 */
  readonly maxOpenBookingsPerUser?: number;
  /** Use this Cognito user pool instead of creating one; an app client is still created in it. @default a new pool */
  readonly existingUserPoolId?: string;
  /** Nesting levels one GraphQL query may have (AppSync allows 1-75). @default 5 */
  readonly queryDepthLimit?: number;
  /** Resolvers one GraphQL request may invoke (AppSync allows 1-10000). @default 10 */
  readonly resolverCountLimit?: number;
  /** Schema introspection: on for development, off in production. @default false */
  readonly introspection?: boolean;
}

/**
 * The apartment booking workflow: a DynamoDB table of apartments, a STANDARD state machine that
 * reserves, waits for payment and keeps or releases, and an AppSync GraphQL API (API key) whose
 * direct Lambda resolvers start and follow bookings.
 */
export class BookingWorkflow extends pulumi.ComponentResource {
  public readonly graphqlUrl: pulumi.Output<string>;
  /** The API key; a secret. */
  public readonly apiKey: pulumi.Output<string>;
  public readonly apiId: pulumi.Output<string>;
  /** The Cognito user pool whose users may book, and the app client they sign in with. */
  public readonly userPoolId: pulumi.Output<string>;
  public readonly userPoolClientId: pulumi.Output<string>;
  /** The bookings table: the durable booking records. */
  public readonly bookingsTableName: pulumi.Output<string>;
  public readonly tableName: pulumi.Output<string>;
  public readonly tableArn: pulumi.Output<string>;
  public readonly stateMachineArn: pulumi.Output<string>;
  public readonly stateMachineName: pulumi.Output<string>;
  /** The deployed ASL, as JSON text. */
  public readonly definition: pulumi.Output<string>;

  constructor(name: string, args: BookingWorkflowArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    super(BOOKING_WORKFLOW_TYPE, name, {}, opts);
    const tags = args.tags ?? {};
    const apartments = [...(args.apartments ?? [])];
    const windowSeconds = checkWholeNumber(
      "paymentWindowSeconds",
      args.paymentWindowSeconds ?? 60,
      1,
      7 * 86_400,
    );
    const keyDays = checkWholeNumber("apiKeyExpiryDays", args.apiKeyExpiryDays ?? 365, 1, 365);
    const retention = checkLogRetention("logRetentionDays", args.logRetentionDays ?? 14);
    const memorySize = checkWholeNumber("lambdaMemorySize", args.lambdaMemorySize ?? 256, 128, 10_240);
    const tracing = args.tracing ?? true;
    const maxOpen = checkWholeNumber("maxOpenBookingsPerUser", args.maxOpenBookingsPerUser ?? 2, 1, 100);
    for (const id of apartments) {
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id))
        throw new Error(`[apartments] ids must be 1-64 letters, digits, '.', '_' or '-', got "${id}"`);
    }
    if (new Set(apartments).size !== apartments.length)
      throw new Error(`[apartments] lists an id twice: ${apartments.join(", ")}`);
    const logName = (suffix: string) => physicalName(pulumi.getProject(), pulumi.getStack(), name, suffix);
    const keepData = args.deletionProtection ?? true;

    const table = new aws.dynamodb.Table(
      `${name}-apartments`,
      {
        attributes: [{ name: APARTMENT_TABLE_HASH_KEY, type: "S" }],
        hashKey: APARTMENT_TABLE_HASH_KEY,
        billingMode: "PAY_PER_REQUEST",
        pointInTimeRecovery: { enabled: true },
        // The AWS managed key (aws/dynamodb) instead of the AWS owned default: its use shows in CloudTrail.
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: keepData,
        tags,
      },
      // `protect` stops `pulumi destroy` (and a replacement) at the table; `retainOnDelete` keeps
      // the table in AWS even once unprotected. See the README's "Tear down".
      { parent: this, protect: keepData, retainOnDelete: keepData },
    );
    for (const id of apartments) {
      new aws.dynamodb.TableItem(
        `${name}-apartment-${id}`,
        {
          tableName: table.name,
          hashKey: APARTMENT_TABLE_HASH_KEY,
          item: JSON.stringify({
            [ApartmentAttribute.id]: { S: id },
            [ApartmentAttribute.status]: { S: ApartmentStatus.vacant },
          }),
        },
        // Seeded once: bookings change the item afterwards, and a later `pulumi up` must not
        // reset a reserved or paid apartment to VACANT. TableItem deletes its item unconditionally,
        // so where data is kept, removing the apartment from config only forgets the item.
        { parent: this, ignoreChanges: ["item"], retainOnDelete: keepData },
      );
    }

    const records = bookingRecordsTable(
      name,
      { deletionProtection: args.deletionProtection ?? true, tags },
      this,
    );
    const identity = bookingIdentity(
      name,
      {
        existingUserPoolId: args.existingUserPoolId,
        deletionProtection: args.deletionProtection ?? true,
        tags,
      },
      this,
    );
    const { stateMachine } = workflowStateMachine(
      `${name}-state-machine`,
      {
        type: "STANDARD",
        // Bookings name people's apartments and (with sign-in) their identities.
        sensitiveExecutionData: true,
        definition: pulumi
          .all([table.name, table.arn, records.name, records.arn])
          .apply(([tableName, tableArn, bookingsTableName, bookingsTableArn]) =>
            bookingDefinition({
              tableName,
              tableArn,
              bookingsTableName,
              bookingsTableArn,
              paymentWindowSeconds: windowSeconds,
            }),
          ),
        logRetentionDays: retention,
        tracing,
        tags,
        logGroupName: `/aws/vendedlogs/states/${logName("state-machine")}`,
      },
      this,
    );

    const environment: Record<string, pulumi.Input<string>> = {
      TABLE_NAME: table.name,
      BOOKINGS_TABLE_NAME: records.name,
      MAX_OPEN_BOOKINGS: String(maxOpen),
      STATE_MACHINE_ARN: stateMachine.arn,
      PAYMENT_WINDOW_SECONDS: String(windowSeconds),
    };
    const logsRole = new aws.iam.Role(
      `${name}-api-logs-role`,
      { assumeRolePolicy: assumedBy("appsync.amazonaws.com"), tags },
      { parent: this },
    );
    const schema = readFileSync(SCHEMA_FILE, "utf8");
    // Fail the preview, not the deploy: AppSync refuses some schemas graphql-js accepts.
    checkAppSyncSchema(schema, path.relative(process.cwd(), SCHEMA_FILE));
    const api = new aws.appsync.GraphQLApi(
      `${name}-api`,
      {
        ...bookingApiAccess({
          userPoolId: identity.userPoolId,
          userPoolClientId: identity.userPoolClientId,
          queryDepthLimit: args.queryDepthLimit ?? 5,
          resolverCountLimit: args.resolverCountLimit ?? 10,
          introspection: args.introspection ?? false,
        }),
        schema,
        xrayEnabled: tracing,
        logConfig: {
          cloudwatchLogsRoleArn: logsRole.arn,
          fieldLogLevel: args.fieldLogLevel ?? "ERROR",
          excludeVerboseContent: true,
        },
        tags,
      },
      { parent: this },
    );
    this.appSyncLogs(name, api, logsRole, retention, tags);
    const key = new aws.appsync.ApiKey(
      `${name}-api-key`,
      {
        apiId: api.id,
        description: `Booking API key (${keyDays} days from each deploy)`,
        expires: apiKeyExpiry(keyDays),
      },
      { parent: this },
    );

    for (const resolver of BOOKING_RESOLVERS) {
      const id = `${name}-${kebab(resolver.fieldName)}`;
      const { fn } = bundledFunction(
        `${id}-fn`,
        {
          entry: resolver.entry,
          statements: resolverStatements(resolver.calls, {
            tables: { apartments: table.arn, bookings: records.arn },
            stateMachineArn: stateMachine.arn,
          }),
          environment: Object.fromEntries(
            resolver.environment.map((variable) => [variable, environment[variable]]),
          ),
          memorySize,
          timeoutSeconds: 10,
          logRetentionDays: retention,
          tracing,
          tags,
          logGroupName: `/aws/lambda/${logName(kebab(resolver.fieldName))}`,
        },
        this,
      );
      const { role: dataSourceRole, policy: dataSourcePolicy } = serviceRole(
        `${id}-ds`,
        "appsync.amazonaws.com",
        [{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [fn.arn] }],
        tags,
        this,
      );
      const dataSource = new aws.appsync.DataSource(
        `${id}-ds`,
        {
          apiId: api.id,
          name: `${resolver.fieldName}Function`,
          type: "AWS_LAMBDA",
          serviceRoleArn: dataSourceRole.arn,
          lambdaConfig: { functionArn: fn.arn },
        },
        // AppSync must be allowed to invoke the function before the first query arrives.
        { parent: this, dependsOn: [dataSourcePolicy] },
      );
      // No request or response mapping: a direct Lambda resolver gets the whole AppSync event.
      new aws.appsync.Resolver(
        `${id}-resolver`,
        {
          apiId: api.id,
          type: resolver.typeName,
          field: resolver.fieldName,
          dataSource: dataSource.name,
          kind: "UNIT",
        },
        { parent: this },
      );
    }

    this.graphqlUrl = api.uris.apply((uris) => uris.GRAPHQL);
    this.apiKey = pulumi.secret(key.key);
    this.apiId = api.id;
    this.userPoolId = identity.userPoolId;
    this.userPoolClientId = identity.userPoolClientId;
    this.bookingsTableName = records.name;
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.stateMachineArn = stateMachine.arn;
    this.stateMachineName = stateMachine.name;
    this.definition = stateMachine.definition;
    this.registerOutputs({
      graphqlUrl: this.graphqlUrl,
      apiKey: this.apiKey,
      apiId: this.apiId,
      userPoolId: this.userPoolId,
      userPoolClientId: this.userPoolClientId,
      bookingsTableName: this.bookingsTableName,
      tableName: this.tableName,
      tableArn: this.tableArn,
      stateMachineArn: this.stateMachineArn,
      stateMachineName: this.stateMachineName,
      definition: this.definition,
    });
  }

  /** AppSync's log group (AppSync fixes its name) with our retention, and a logs role allowed to write there only. */
  private appSyncLogs(
    name: string,
    api: aws.appsync.GraphQLApi,
    role: aws.iam.Role,
    retentionInDays: number,
    tags: Record<string, string>,
  ): void {
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-api-logs`,
      { name: pulumi.interpolate`/aws/appsync/apis/${api.id}`, retentionInDays, tags },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-api-logs-policy`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [pulumi.interpolate`${logGroup.arn}:*`],
          },
        ]),
      },
      { parent: this },
    );
  }
}

/**
 * The API key's expiry: RFC 3339, `days` after the start of today (UTC). Stable within a day, so
 * previews stay quiet; a deploy on a later day moves it forward in place (the key itself stays).
 * AppSync wants 1 to 365 days from the create or update, and a whole-day anchor lands between
 * `days - 1` and `days` ahead, so a 1-day key that would fall short gets one more day. Whole
 * seconds ("...T00:00:00Z"), as the provider reads the expiry back
 * (terraform-provider-aws internal/service/appsync/api_key.go, resourceAPIKeyRead:
 * `time.Unix(key.Expires, 0).UTC().Format(time.RFC3339)`), so no diff shows up each run; midnight
 * is also on the hour, to which AppSync rounds expiries down.
 */
export function apiKeyExpiry(days: number, now: Date = new Date()): string {
  const startOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const expires = startOfDay + days * DAY_MS;
  const atLeastOneDay = expires - now.getTime() < DAY_MS ? expires + DAY_MS : expires;
  return new Date(atLeastOneDay).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function kebab(text: string): string {
  return text.replace(/[A-Z]/g, (char) => `-${char.toLowerCase()}`);
}
