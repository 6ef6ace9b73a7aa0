/**
 * The local stack: both workflows with the same definitions and handler code as the deployed
 * stack, an ASL engine, a DynamoDB-compatible server, a Step Functions endpoint, and one HTTP
 * server whose routes are shaped like the deployed APIs (`POST /` pizza, `POST /graphql` booking).
 */
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { bookingDefinition } from "../definitions/booking";
import { pizzaDefinition } from "../definitions/pizza";
import { handler as orderPizza } from "../handlers/orderPizza";
import { BOOKING_RESOLVERS } from "../handlers/booking/resolvers";
import { loadStackConfig, projectName } from "../scripts/stackConfig";
import { LOCAL_CREDENTIALS, ensureApartmentsTable, seedApartments, startDynamoDB } from "./dynamodb";
import { LocalWorkflow } from "./engine";
import { ExecutionStore } from "./executionStore";
import { LocalGraphqlApi } from "./graphqlApi";
import { sendJson, sendNotFound } from "./httpJson";
import { handlePizzaOrder } from "./pizzaApi";
import { LocalStepFunctions } from "./stepFunctions";
import { stepFunctionsListener } from "./stepFunctionsApi";
import { taskHandlersFor } from "./taskResources";

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
  /** Where data is kept. @default ".local/data" under `root` */
  readonly dataDir?: string;
  /** The stack whose Pulumi.<stack>.yaml configures it. @default "dev" */
  readonly stack?: string;
  /** Overrides the stack's payment window. */
  readonly paymentWindowSeconds?: number;
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
}

/** A running local stack. */
export interface LocalStack {
  readonly outputs: LocalStackOutputs;
  readonly endpoints: { readonly dynamodb: string; readonly stepfunctions: string };
  readonly tableName: string;
  readonly apartments: readonly string[];
  readonly paymentWindowSeconds: number;
  /** How many executions were resumed from a previous run. */
  readonly resumedExecutions: number;
  stop(): Promise<void>;
}

/**
 * Starts the local stack. It sets the handlers' environment (endpoints, table, state machine,
 * credentials) in this process, so run one local stack per process at a time.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const root = options.root ?? path.resolve(__dirname, "..");
  const stack = options.stack ?? "dev";
  const config = loadStackConfig(stack, root);
  const project = projectName(root);
  const setting = (key: string) => config[`${project}:${key}`];
  const region = config["aws:region"] ?? "us-east-1";
  const apartments = JSON.parse(setting("apartments") ?? "[]") as string[];
  const paymentWindowSeconds =
    options.paymentWindowSeconds ??
    Number(process.env.PAYMENT_WINDOW_SECONDS ?? setting("paymentWindowSeconds") ?? 60);
  if (!Number.isInteger(paymentWindowSeconds) || paymentWindowSeconds < 1) {
    throw new Error(`The payment window must be a whole number of seconds >= 1, got ${paymentWindowSeconds}`);
  }
  const dataDir = options.inMemory ? undefined : path.resolve(root, options.dataDir ?? ".local/data");
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const prefix = `${project}-${stack}`;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${region}:${LOCAL_ACCOUNT}:${resource}`;
  const orderFunctionArn = arn("lambda", `function:${prefix}-pizza-order`);
  const tableName = `${prefix}-booking-apartments`;

  const dynamo = await startDynamoDB({ path: dataDir && path.join(dataDir, "dynamodb"), region });
  const servers: Server[] = [];
  const environment = new HandlerEnvironment();
  try {
    await ensureApartmentsTable(dynamo.client, tableName);
    await seedApartments(dynamo.client, tableName, apartments);

    const targets = {
      lambdas: new Map([[orderFunctionArn, orderPizza as (event: unknown) => Promise<unknown>]]),
      dynamodb: dynamo.client,
    };
    const workflow = (
      name: string,
      type: "EXPRESS" | "STANDARD",
      asl: ReturnType<typeof pizzaDefinition>,
    ) => {
      const definition = asl.toAsl();
      return new LocalWorkflow(
        `${prefix}-${name}`,
        arn("states", `stateMachine:${prefix}-${name}`),
        type,
        definition,
        taskHandlersFor(name, definition, targets),
      );
    };
    const pizza = workflow("pizza", "EXPRESS", pizzaDefinition({ orderPizzaFunctionArn: orderFunctionArn }));
    const booking = workflow(
      "booking",
      "STANDARD",
      bookingDefinition({ tableName, tableArn: arn("dynamodb", `table/${tableName}`) }),
    );
    const store = new ExecutionStore(dataDir && path.join(dataDir, "executions"));
    const stepFunctions = new LocalStepFunctions([pizza, booking], store);

    const sfnServer = await listen(createServer(stepFunctionsListener(stepFunctions)), 0);
    servers.push(sfnServer);
    const endpoints = {
      dynamodb: dynamo.endpoint,
      stepfunctions: `http://127.0.0.1:${(sfnServer.address() as AddressInfo).port}`,
    };
    environment.set({
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
      TABLE_NAME: tableName,
      STATE_MACHINE_ARN: booking.arn,
      PAYMENT_WINDOW_SECONDS: String(paymentWindowSeconds),
    });

    const apiKey = process.env.LOCAL_API_KEY || DEFAULT_LOCAL_API_KEY;
    const graphql = new LocalGraphqlApi(
      path.join(root, "handlers/booking/schema.graphql"),
      BOOKING_RESOLVERS,
      root,
      apiKey,
    );
    const route = async (request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (request.method === "POST" && url.pathname === "/")
        return handlePizzaOrder(request, response, stepFunctions, pizza.arn);
      if (request.method === "POST" && url.pathname === "/graphql") return graphql.handle(request, response);
      return sendNotFound(response);
    };
    const http = await listen(
      createServer((request, response) => {
        route(request, response).catch((error: Error) =>
          sendJson(response, 500, { message: `Internal server error: ${error.message}` }),
        );
      }),
      options.port ?? 3000,
    );
    servers.push(http);
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const resumedExecutions = stepFunctions.resumeRunning();

    return {
      outputs: {
        pizzaApiUrl: `${base}/`,
        bookingGraphqlUrl: `${base}/graphql`,
        bookingApiKey: apiKey,
        pizzaStateMachineArn: pizza.arn,
        bookingStateMachineArn: booking.arn,
      },
      endpoints,
      tableName,
      apartments,
      paymentWindowSeconds,
      resumedExecutions,
      stop: async () => {
        await Promise.all(servers.map(close));
        await stepFunctions.close();
        await dynamo.stop();
        environment.restore();
      },
    };
  } catch (error) {
    await Promise.all(servers.map(close));
    await dynamo.stop();
    environment.restore();
    throw error;
  }
}

/**
 * The handlers read their configuration from process.env, as in Lambda. This sets it for this
 * stack and puts back what was there before when the stack stops.
 */
class HandlerEnvironment {
  private readonly previous = new Map<string, string | undefined>();

  set(values: Record<string, string>): void {
    for (const [key, value] of Object.entries(values)) {
      if (!this.previous.has(key)) this.previous.set(key, process.env[key]);
      process.env[key] = value;
    }
  }

  restore(): void {
    for (const [key, value] of this.previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    this.previous.clear();
  }
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use: stop what uses it or start with PORT=<another port>`)
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
