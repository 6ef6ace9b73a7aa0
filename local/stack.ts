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
import type { DataFolderLock } from "./dataFolderLock";
import { lockDataFolder } from "./dataFolderLock";
import type { HandlerEnvironment } from "./handlerEnvironment";
import { baseUrl, close, listen } from "./httpServer";
import type { LocalStepFunctions } from "./stepFunctions";
import type { LambdaHandler } from "./taskResources";
import type { LocalUserPool } from "./userPool";
import { startUserPoolEmulator } from "./userPoolEmulator";
import type { LocalStack, LocalStackOptions } from "./stackTypes";

/** The account id local ARNs use (what LocalStack and Step Functions Local use too). */
export const LOCAL_ACCOUNT = "000000000000";
/** The API key of the local GraphQL API, unless LOCAL_API_KEY sets another. It only guards a loopback server. */
export const DEFAULT_LOCAL_API_KEY = "da2-local0development0key00000";

export type { LocalStack, LocalStackOptions, LocalStackOutputs } from "./stackTypes";

/**
 * Where the main server serves the Step Functions and DynamoDB APIs. Paths on the main port rather
 * than ports of their own: the addresses are fixed and documented, and the browser console calls
 * Step Functions from the same origin (no CORS). The AWS SDK v3 keeps an endpoint's path
 * (`endpoint: "http://127.0.0.1:3000/stepfunctions"` posts to `/stepfunctions`), which
 * tests/local/sdkClients.test.ts checks with unmodified clients.
 */
export const STEP_FUNCTIONS_PATH = "/stepfunctions";
export const DYNAMODB_PATH = "/dynamodb";

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
  const log = options.quiet ? () => undefined : (line: string) => console.error(line);
  const dataDir = options.inMemory ? undefined : path.resolve(root, options.dataDir ?? ".local/data");
  let lock: DataFolderLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    try {
      lock = lockDataFolder(dataDir);
    } catch (error) {
      running = false;
      throw error;
    }
  }
  // The user pool's emulator first (once the data folder is ours), before anything else is even
  // loaded: its process takes about as long to start as this one takes to load the rest.
  const emulator = startUserPoolEmulator(dataDir && path.join(dataDir, "cognito"), log);
  // Handled here so a failure while the rest starts is not an unhandled rejection; awaited below.
  emulator.catch(() => undefined);

  const servers: Server[] = [];
  let environment: HandlerEnvironment | undefined;
  let dynamo: { stop(): Promise<void> } | undefined;
  let stepFunctions: LocalStepFunctions | undefined;
  let userPoolStarting: Promise<LocalUserPool> | undefined;
  const stop = async () => {
    await Promise.all(servers.map(close));
    await userPoolStarting?.catch(() => undefined);
    // Stops the pool too (a pool that failed to set up has stopped it already; stopping is idempotent).
    await (await emulator.catch(() => undefined))?.stop();
    await stepFunctions?.close();
    await dynamo?.stop();
    lock?.release();
    environment?.restore();
    running = false;
  };
  try {
    const {
      BOOKING_RESOLVERS,
      HandlerEnvironment,
      LOCAL_CREDENTIALS,
      LocalConsoleSite,
      LocalGraphqlApi,
      PIZZA_EDGE_PATHS,
      addSecurityHeaders,
      bookingDefinition,
      ensureApartmentsTable,
      ensureBookingsTable,
      handleMappedPizzaOrder,
      handlePizzaOrder,
      loadStackConfig,
      localConsoleConfig,
      orderPizza,
      pizzaDefinition,
      pizzaResponsesSetting,
      projectName,
      readStackSettings,
      retentionFromEnv,
      seedApartments,
      sendJson,
      sendNotFound,
      setUpStepFunctions,
      startDynamoDB,
      startUserPool,
      stepFunctionsListener,
    } = await import("./stackModules");
    const project = projectName(root);
    const config = loadStackConfig(stack, root);
    const settings = readStackSettings(config, project, options.paymentWindowSeconds);
    const pizzaResponses = options.pizzaResponses ?? pizzaResponsesSetting(config, project);
    const pizzaRoute = pizzaResponses === "mapped" ? handleMappedPizzaOrder : handlePizzaOrder;
    const prefix = `${project}-${stack}`;
    const arn = (service: string, resource: string) =>
      `arn:aws:${service}:${settings.region}:${LOCAL_ACCOUNT}:${resource}`;
    const orderFunctionArn = arn("lambda", `function:${prefix}-pizza-order`);
    const tableName = `${prefix}-booking-apartments`;
    const bookingsTableName = `${prefix}-booking-bookings`;
    environment = new HandlerEnvironment();
    // The pool and its app client are set up in the emulator alongside everything below.
    userPoolStarting = startUserPool(
      {
        poolName: `${prefix}-booking-users`,
        clientName: `${prefix}-booking-client`,
        region: settings.region,
      },
      emulator,
    );
    userPoolStarting.catch(() => undefined);

    const dynamodb = await startDynamoDB({
      path: dataDir && path.join(dataDir, "dynamodb"),
      region: settings.region,
    });
    dynamo = dynamodb;
    await ensureApartmentsTable(dynamodb.client, tableName);
    await seedApartments(dynamodb.client, tableName, settings.apartments);
    await ensureBookingsTable(dynamodb.client, bookingsTableName);

    const setup = setUpStepFunctions({
      region: settings.region,
      account: LOCAL_ACCOUNT,
      dynamodb: dynamodb.client,
      lambdas: new Map<string, LambdaHandler>([[orderFunctionArn, orderPizza]]),
      lambdaSources: {
        root,
        handlerFiles: options.lambdaHandlers,
        endpoint: options.lambdaEndpoint ?? (process.env.LOCAL_LAMBDA_ENDPOINT || undefined),
      },
      dataDir,
      executionRetention: options.executionRetention ?? retentionFromEnv(),
    });
    // Every Task is mapped from its Resource now, so a definition the engine cannot run fails the start.
    const workflow = (name: string, type: "EXPRESS" | "STANDARD", definition: StateMachineDefinition) =>
      setup.addBuiltIn(`${prefix}-${name}`, type, definition.toAsl());
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
    setup.loadSaved().forEach(log);
    stepFunctions = setup.service;
    const service = stepFunctions;

    const stepFunctionsApi = stepFunctionsListener(service);
    const dynamoApi = dynamodb.handle;

    const apiKey = process.env.LOCAL_API_KEY || DEFAULT_LOCAL_API_KEY;
    const userPool = await userPoolStarting;
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
    const pool = userPool;
    const consoleSite = new LocalConsoleSite(() =>
      localConsoleConfig({
        region: settings.region,
        apiKey,
        pizza: pizza.arn,
        booking: booking.arn,
        stepFunctionsPath: STEP_FUNCTIONS_PATH,
        pizzaResponses,
        userPool: { id: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
      }),
    );
    // The deployed pizza API has the one route "POST /" (the edge adds "/pizza"); anything else is a 404
    // there too, except GraphQL, the local-only AWS API endpoints and the console.
    const route = async (request: IncomingMessage, response: ServerResponse) => {
      // The path without its query: a split, not a URL object, on the hot path of every request.
      const pathname = (request.url ?? "/").split("?", 1)[0];
      addSecurityHeaders(response);
      if (LocalConsoleSite.owns(pathname)) return consoleSite.handle(request, response);
      if (request.method === "POST" && (PIZZA_EDGE_PATHS as readonly string[]).includes(pathname))
        return pizzaRoute(request, response, service, pizza.arn);
      // GraphQL over HTTP: POST, GET for queries, OPTIONS for CORS preflights (graphqlHttp.ts).
      if (pathname === "/graphql") return graphql.handle(request, response);
      if (pathname === STEP_FUNCTIONS_PATH || pathname === `${STEP_FUNCTIONS_PATH}/`)
        return stepFunctionsApi(request, response);
      if (pathname === DYNAMODB_PATH || pathname === `${DYNAMODB_PATH}/`) return dynamoApi(request, response);
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
    const endpoints = { dynamodb: `${base}${DYNAMODB_PATH}`, stepfunctions: `${base}${STEP_FUNCTIONS_PATH}` };
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
        stepFunctionsEndpoint: endpoints.stepfunctions,
        dynamodbEndpoint: endpoints.dynamodb,
        edgeUrl: `${base}/`,
        consoleUrl: `${base}/console/`,
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
