/**
 * AWS clients, configured only by the environment: the SDK honours AWS_ENDPOINT_URL_DYNAMODB and
 * AWS_ENDPOINT_URL_SFN (and AWS_ENDPOINT_URL), which is how the local stack points them at its own
 * servers. A client is cached per endpoint value rather than once per module: in Lambda that is the
 * same thing (one client for the container's life, reusing its connections), while a test process
 * that restarts the local stack on new ports gets a client for the new ports instead of a stale one.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";

const dynamoClients = new Map<string, DynamoDBClient>();
const sfnClients = new Map<string, SFNClient>();

/** The key a client is cached under: every endpoint variable the SDK would read for it. */
const endpointKey = (serviceVariable: string) =>
  `${process.env[serviceVariable] ?? ""} ${process.env.AWS_ENDPOINT_URL ?? ""}`;

/** The DynamoDB client for the current environment. */
export function dynamodb(): DynamoDBClient {
  const key = endpointKey("AWS_ENDPOINT_URL_DYNAMODB");
  let client = dynamoClients.get(key);
  if (!client) dynamoClients.set(key, (client = new DynamoDBClient({})));
  return client;
}

/** The Step Functions client for the current environment. */
export function stepFunctions(): SFNClient {
  const key = endpointKey("AWS_ENDPOINT_URL_SFN");
  let client = sfnClients.get(key);
  if (!client) sfnClients.set(key, (client = new SFNClient({})));
  return client;
}
