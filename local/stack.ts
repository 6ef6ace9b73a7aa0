/**
 * The local stack: both workflows with the same definitions and handler code as the deployed
 * stack, an ASL engine, a DynamoDB-compatible server, a Step Functions endpoint, and one HTTP
 * server whose routes are shaped like the deployed APIs (`POST /` pizza, `POST /graphql` booking).
 */
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import path from "node:path";
import type { StateMachineDefinition } from "../definitions/asl";
import { bookingDefinition } from "../definitions/booking";
import { pizzaDefinition } from "../definitions/pizza";
import { BOOKING_RESOLVERS } from "../handlers/booking/resolvers";
import { handler as orderPizza } from "../handlers/orderPizza";
import { loadStackConfig, projectName } from "../scripts/stackConfig";
import {
  LOCAL_CREDENTIALS,
  ensureApartmentsTable,
  ensureBookingsTable,
  seedApartments,
  startDynamoDB,
} from "./dynamodb";
import { LocalWorkflow } from "./engine";
import { ExecutionStore } from "./executionStore";
import { LocalGraphqlApi } from "./graphqlApi";
import { HandlerEnvironment } from "./handlerEnvironment";
import { sendJson, sendNotFound } from "./httpJson";
import { baseUrl, close, listen } from "./httpServer";
import { handlePizzaOrder } from "./pizzaApi";
import { readStackSettings } from "./stackSettings";
import { LocalStepFunctions } from "./stepFunctions";
import { stepFunctionsListener } from "./stepFunctionsApi";
import type { LambdaHandler } from "./taskResources";
import { taskHandlersFor } from "./taskResources";
import type { LocalUserPool } from "./userPool";
import { startUserPool } from "./userPool";

/** The account id local ARNs use (what LocalStack and Step Functions Local use too). */
export const LOCAL_ACCOUNT = "000000000000";
/** The API key of the local GraphQL API, unless LOCAL_API_KEY sets another. It only guards a loopback server. */
export const DEFAULT_LOCAL_API_KEY = "da2-local0development0key00000";

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
  /** The project root. @default the folder above local/ */
  readonly root?: string;
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

/** Set while a stack runs: the handlers' environment is per process. */
let running = false;

/**
 * Starts the local stack. It sets the handlers' environment (endpoints, table, state machine,
 * credentials) in this process, so one local stack runs per process at a time; starting a second
 * before the first stopped throws.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (running) throw new Error("A local stack is already running in this process: stop() it first");
  running = true;
  const root = options.root ?? path.resolve(__dirname, "..");
  const stack = options.stack ?? "dev";
  const project = projectName(root);
  const settings = readStackSettings(loadStackConfig(stack, root), project, options.paymentWindowSeconds);
  const log = options.quiet ? () => undefined : (line: string) => console.error(line);
  const dataDir = options.inMemory ? undefined : path.resolve(root, options.dataDir ?? ".local/data");
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const prefix = `${project}-${stack}`;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${settings.region}:${LOCAL_ACCOUNT}:${resource}`;
  const orderFunctionArn = arn("lambda", `function:${prefix}-pizza-order`);
  const tableName = `${prefix}-booking-apartments`;
  const bookingsTableName = `${prefix}-booking-bookings`;

  const servers: Server[] = [];
  const environment = new HandlerEnvironment();
  let dynamo: Awaited<ReturnType<typeof startDynamoDB>> | undefined;
  let stepFunctions: LocalStepFunctions | undefined;
  // The user pool starts in its own process, alongside everything below.
  const userPoolStarting = startUserPool({
    dataDir: dataDir && path.join(dataDir, "cognito"),
    poolName: `${prefix}-booking-users`,
    clientName: `${prefix}-booking-client`,
    region: settings.region,
    log,
  });
  // Handled here so a failure while the rest starts is not an unhandled rejection; awaited below.
  userPoolStarting.catch(() => undefined);
  let userPool: LocalUserPool | undefined;
  const stop = async () => {
    await Promise.all(servers.map(close));
    await (userPool ?? (await userPoolStarting.catch(() => undefined)))?.stop();
    await stepFunctions?.close();
    await dynamo?.stop();
    environment.restore();
    running = false;
  };
  try {
    dynamo = await startDynamoDB({
      path: dataDir && path.join(dataDir, "dynamodb"),
      region: settings.region,
    });
    await ensureApartmentsTable(dynamo.client, tableName);
    await seedApartments(dynamo.client, tableName, settings.apartments);
    await ensureBookingsTable(dynamo.client, bookingsTableName);

    const targets = {
      lambdas: new Map<string, LambdaHandler>([[orderFunctionArn, orderPizza]]),
      dynamodb: dynamo.client,
    };
    // Every Task is mapped from its Resource now, so a definition the engine cannot run fails the start.
    const workflow = (name: string, type: "EXPRESS" | "STANDARD", definition: StateMachineDefinition) => {
      const asl = definition.toAsl();
      const machineName = `${prefix}-${name}`;
      return new LocalWorkflow(
        machineName,
        arn("states", `stateMachine:${machineName}`),
        type,
        asl,
        taskHandlersFor(machineName, asl, targets),
      );
    };
    const pizza = workflow("pizza", "EXPRESS", pizzaDefinition({ orderPizzaFunctionArn: orderFunctionArn }));
    const booking = workflow(
      "booking",
      "STANDARD",
      bookingDefinition({
        tableName,
        tableArn: arn("dynamodb", `table/${tableName}`),
        bookingsTableName,
        bookingsTableArn: arn("dynamodb", `table/${bookingsTableName}`),
        paymentWindowSeconds: settings.paymentWindowSeconds,
      }),
    );
    stepFunctions = new LocalStepFunctions(
      [pizza, booking],
      new ExecutionStore(dataDir && path.join(dataDir, "executions")),
    );
    const service = stepFunctions;

    const sfnServer = await listen(createServer(stepFunctionsListener(service)), 0);
    servers.push(sfnServer);
    const endpoints = { dynamodb: dynamo.endpoint, stepfunctions: baseUrl(sfnServer) };
    environment.set({
      AWS_REGION: settings.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
      TABLE_NAME: tableName,
      BOOKINGS_TABLE_NAME: bookingsTableName,
      MAX_OPEN_BOOKINGS: String(settings.maxOpenBookingsPerUser),
      STATE_MACHINE_ARN: booking.arn,
      PAYMENT_WINDOW_SECONDS: String(settings.paymentWindowSeconds),
    });

    const apiKey = process.env.LOCAL_API_KEY || DEFAULT_LOCAL_API_KEY;
    userPool = await userPoolStarting;
    const graphql = new LocalGraphqlApi(
      path.join(root, "handlers/booking/schema.graphql"),
      BOOKING_RESOLVERS,
      root,
      {
        apiKey,
        userPool,
        limits: settings.graphql,
      },
    );
    // The deployed HTTP API has the one route "POST /"; anything else is a 404 there too.
    const route = async (request: IncomingMessage, response: ServerResponse) => {
      const { pathname } = new URL(request.url ?? "/", "http://localhost");
      if (request.method === "POST" && pathname === "/")
        return handlePizzaOrder(request, response, service, pizza.arn);
      // GraphQL over HTTP: POST, GET for queries, OPTIONS for CORS preflights (graphqlHttp.ts).
      if (pathname === "/graphql") return graphql.handle(request, response);
      return sendNotFound(response);
    };
    const http = await listen(
      createServer((request, response) => {
        route(request, response).catch((error: Error) => {
          log(`${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
          if (!response.headersSent) sendJson(response, 500, { message: "Internal Server Error" });
        });
      }),
      options.port ?? 3000,
    );
    servers.push(http);
    const base = baseUrl(http);
    const resumedExecutions = service.resumeRunning();

    return {
      outputs: {
        pizzaApiUrl: `${base}/`,
        bookingGraphqlUrl: `${base}/graphql`,
        bookingApiKey: apiKey,
        pizzaStateMachineArn: pizza.arn,
        bookingStateMachineArn: booking.arn,
        bookingUserPoolId: userPool.userPoolId,
        bookingUserPoolClientId: userPool.clientId,
        bookingUserPoolEndpoint: userPool.endpoint,
      },
      endpoints,
      tableName,
      bookingsTableName,
      apartments: settings.apartments,
      paymentWindowSeconds: settings.paymentWindowSeconds,
      resumedExecutions,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
