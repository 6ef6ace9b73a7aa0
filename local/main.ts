/**
 * `npm start [-- --stack dev] [--in-memory] [--data-dir .local/data]`: runs the local stack in the
 * foreground, prints the stack outputs like `pulumi stack output` and ready-to-paste requests, and
 * writes the outputs to .local/outputs.json (or --outputs <file>). Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LocalStack, LocalStackOptions } from "./stack";
import { parseLambdaOption } from "./lambdaTargets";
import { startLocalStack } from "./stack";

const ROOT = path.resolve(__dirname, "..");
const USAGE =
  "Usage: npm start [-- --stack <name>] [--in-memory] [--data-dir <folder>] [--outputs <file>] [--lambda <function name>=<handler file>[#export]]...   (PORT, PAYMENT_WINDOW_SECONDS, LOCAL_API_KEY, LOCAL_LAMBDA_ENDPOINT, LOCAL_EXECUTION_RETENTION from the environment)";

/** What the command line asks for: the stack's options and where to write the outputs. */
export interface CliOptions extends LocalStackOptions {
  readonly outputsFile: string;
}

/** Parses the command line; throws with the usage on anything unknown. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const options: { -readonly [K in keyof CliOptions]: CliOptions[K] } = {
    port: env.PORT === undefined ? 3000 : Number(env.PORT),
    outputsFile: path.join(ROOT, ".local/outputs.json"),
  };
  if (!Number.isInteger(options.port) || (options.port as number) < 0 || (options.port as number) > 65_535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--in-memory") options.inMemory = true;
    else if (arg === "--stack") options.stack = argv[++i];
    else if (arg === "--data-dir") options.dataDir = argv[++i];
    else if (arg === "--outputs") options.outputsFile = path.resolve(argv[++i] ?? "");
    else if (arg === "--lambda") {
      const [name, file] = parseLambdaOption(argv[++i]);
      options.lambdaHandlers = { ...options.lambdaHandlers, [name]: file };
    } else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else throw new Error(`Unknown argument "${arg}"\n${USAGE}`);
  }
  return options;
}

/** What `npm start` prints once the stack is up. */
export function banner(stack: LocalStack, options: LocalStackOptions, outputsFile: string): string {
  const { outputs } = stack;
  const width = Math.max(...Object.keys(outputs).map((key) => key.length));
  return [
    `Local stack "${options.stack ?? "dev"}" is running (${options.inMemory ? "in memory" : `data in ${path.relative(process.cwd(), path.resolve(ROOT, options.dataDir ?? ".local/data")) || "."}`}).`,
    "",
    "Current stack outputs:",
    ...Object.entries(outputs).map(([key, value]) => `    ${key.padEnd(width)}  ${value}`),
    "",
    `Written to ${path.relative(process.cwd(), outputsFile)}. Apartments: ${stack.apartments.join(", ")}; payment window: ${stack.paymentWindowSeconds} s.`,
    ...(stack.resumedExecutions > 0
      ? [`Resumed ${stack.resumedExecutions} booking(s) that were running when the stack last stopped.`]
      : []),
    "",
    "Set the README's variables in another terminal:",
    `    PIZZA_URL=${outputs.pizzaApiUrl} GRAPHQL_URL=${outputs.bookingGraphqlUrl} API_KEY=${outputs.bookingApiKey}`,
    "    TOKEN=$(npm run --silent token -- alice)    # an ID token of the local user pool (user created if needed)",
    "",
    "Point unmodified AWS SDK clients and the AWS CLI at the local Step Functions and DynamoDB:",
    `    ${endpointExports(stack)}`,
    "    (StartSyncExecution: create the SFN client with { disableHostPrefix: true }; see the README)",
    "",
    "Try:",
    `    curl -s -X POST ${outputs.pizzaApiUrl} -d '{"flavour":"pepperoni"}'`,
    `    curl -s -X POST ${outputs.bookingGraphqlUrl} -H 'x-api-key: ${outputs.bookingApiKey}' -H 'content-type: application/json' -d '{"query":"{ apartments { id status } }"}'`,
    `    curl -s -X POST ${outputs.bookingGraphqlUrl} -H "authorization: $TOKEN" -H 'content-type: application/json' -d '{"query":"mutation { bookApartment(apartmentId: \\"A-101\\") { id status expiresAt } }"}'`,
    "",
    "Press Ctrl-C to stop.",
  ].join("\n");
}

/**
 * The shell line that points AWS SDKs at the local stack. `AWS_ENDPOINT_URL_<SERVICE>` is the SDKs'
 * service-specific endpoint setting (AWS SDKs and Tools Reference Guide, "Service-specific
 * endpoints"), read by SDK v3 for JavaScript and the AWS CLI alike.
 */
export function endpointExports(stack: Pick<LocalStack, "outputs">): string {
  const region = stack.outputs.pizzaStateMachineArn.split(":")[3];
  return [
    `export AWS_ENDPOINT_URL_SFN=${stack.outputs.stepFunctionsEndpoint}`,
    `AWS_ENDPOINT_URL_DYNAMODB=${stack.outputs.dynamodbEndpoint}`,
    `AWS_REGION=${region}`,
    "AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local",
  ].join(" ");
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // Signal handlers first: a script that starts the stack, waits for its outputs file and stops it
  // at once must get a clean stop, not Node's default death by signal. A signal that arrives while
  // the stack is still starting stops it as soon as it has started; a second one leaves at once.
  // Set once the stack has started (a holder, since the handlers read it before then).
  const running: { stack?: LocalStack } = {};
  let requested: string | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    const { stack } = running;
    if (stack === undefined) {
      // A second signal while starting (a start that hangs) leaves at once.
      if (requested !== undefined) process.exit(1);
      requested = signal;
      return;
    }
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`\n${signal}: stopping the local stack...`);
    stack.stop().then(
      () => {
        console.log(
          `Stopped (${Date.now() - started} ms). Bookings still in their payment window resume at the next start.`,
        );
        process.exit(0);
      },
      (error: Error) => {
        console.error(`Could not stop cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  const stack = await startLocalStack({ ...options, root: ROOT });
  running.stack = stack;
  if (requested !== undefined) return stop(requested);
  const { outputsFile } = options;
  mkdirSync(path.dirname(outputsFile), { recursive: true });
  writeFileSync(outputsFile, `${JSON.stringify(stack.outputs, null, 2)}\n`);
  console.log(banner(stack, options, outputsFile));
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
