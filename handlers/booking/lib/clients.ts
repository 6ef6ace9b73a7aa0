/**
 * AWS clients, configured only from the environment (the SDK honours AWS_ENDPOINT_URL_DYNAMODB and
 * AWS_ENDPOINT_URL_SFN, which is how the local stack points them at its own servers). One client
 * per endpoint value: in Lambda that is one client for the container's lifetime, and a local stack
 * restarted on new ports in the same process gets new clients instead of stale ones.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";

const dynamoClients = new Map<string, DynamoDBClient>();
const sfnClients = new Map<string, SFNClient>();

/** The DynamoDB client for the current environment. */
export function dynamodb(): DynamoDBClient {
  const key = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "";
  let client = dynamoClients.get(key);
  if (!client) dynamoClients.set(key, (client = new DynamoDBClient({})));
  return client;
}

/** The Step Functions client for the current environment. */
export function stepFunctions(): SFNClient {
  const key = process.env.AWS_ENDPOINT_URL_SFN ?? "";
  let client = sfnClients.get(key);
  if (!client) sfnClients.set(key, (client = new SFNClient({})));
  return client;
}
