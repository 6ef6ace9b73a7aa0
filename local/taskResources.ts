/**
 * Serves Task states from their `Resource`, the way Step Functions would: a Lambda function ARN
 * (or `lambda:invoke`) calls the matching handler, a DynamoDB integration makes the real DynamoDB
 * call. aws-local-stepfunctions keys task handlers by state name, so this maps every Task of a
 * definition (nested branches included) to a handler, and refuses what the engine cannot run.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { AslDefinition, BranchJson, StateJson } from "../definitions/asl";
import { nestedScopes } from "../definitions/asl";

/** A Lambda handler as the local stack runs it. */
export type LambdaHandler = (event: unknown) => Promise<unknown>;
/** A Task handler as aws-local-stepfunctions calls it: the effective input in, the result out. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** What Task states can reach. */
export interface TaskTargets {
  /** Handlers by function ARN. */
  readonly lambdas: ReadonlyMap<string, LambdaHandler>;
  readonly dynamodb: DynamoDBClient;
}

/** Thrown at start for a definition the local engine cannot run; lists every reason. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = "UnsupportedDefinitionError";
}

/**
 * An error as a Task reports it to Retry/Catch: the engine matches `name` against `ErrorEquals` and
 * puts `message` in the `Cause`.
 */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

/** The request is the state's rendered Parameters, which the SDK validates when it sends it. */
type DynamoRequest = never;
const DYNAMODB_COMMANDS = {
  getItem: (request: DynamoRequest) => new GetItemCommand(request),
  putItem: (request: DynamoRequest) => new PutItemCommand(request),
  updateItem: (request: DynamoRequest) => new UpdateItemCommand(request),
  deleteItem: (request: DynamoRequest) => new DeleteItemCommand(request),
} as const;

/** Maps every Task state of `asl` to a handler, or throws listing what cannot run locally. */
export function taskHandlersFor(
  machineName: string,
  asl: AslDefinition,
  targets: TaskTargets,
): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  const problems: string[] = [];
  if ((asl as { QueryLanguage?: string }).QueryLanguage === "JSONata") {
    problems.push(
      "the definition uses JSONata, which the local engine does not evaluate (it would silently ignore it)",
    );
  }
  const visit = (scope: BranchJson) => {
    for (const [name, state] of Object.entries(scope.States as Record<string, StateJson>)) {
      if ((state as { QueryLanguage?: string }).QueryLanguage === "JSONata") {
        problems.push(`state "${name}" uses JSONata, which the local engine does not evaluate`);
      }
      if (state.Type === "Task") {
        const handler = handlerFor(name, state.Resource, targets);
        if (typeof handler === "string") problems.push(handler);
        else handlers[name] = handler;
      }
      nestedScopes(state).forEach(visit);
    }
  };
  visit(asl);
  if (problems.length > 0) {
    throw new UnsupportedDefinitionError(
      `The local stack cannot run state machine "${machineName}":\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
  }
  return handlers;
}

/** A handler for one Task, or a sentence saying why there is none. */
function handlerFor(stateName: string, resource: string, targets: TaskTargets): TaskHandler | string {
  const where = `state "${stateName}" (${resource})`;
  if (resource.endsWith(".waitForTaskToken"))
    return `${where} waits for a task token; the local engine has no callbacks`;
  if (/\.sync(:2)?$/.test(resource)) return `${where} waits for a job (.sync); the local engine cannot`;
  const lambda = /^arn:[\w-]+:lambda:[^:]*:[^:]*:function:.+$/.exec(resource);
  if (lambda) {
    const handler = targets.lambdas.get(resource);
    return handler
      ? (input) => invokeLambda(handler, input)
      : `${where} calls a Lambda function the local stack does not have`;
  }
  if (/^arn:[\w-]+:states:::lambda:invoke$/.test(resource)) {
    return async (input) => {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
      const handler = targets.lambdas.get(FunctionName);
      if (!handler)
        throw new TaskError("Lambda.ResourceNotFoundException", `Function not found: ${FunctionName}`);
      return {
        ExecutedVersion: "$LATEST",
        Payload: await invokeLambda(handler, Payload ?? {}),
        StatusCode: 200,
      };
    };
  }
  const dynamo = /^arn:[\w-]+:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.exec(resource);
  if (dynamo) {
    const command = DYNAMODB_COMMANDS[dynamo[1] as keyof typeof DYNAMODB_COMMANDS];
    return async (input) => {
      try {
        const { $metadata: _metadata, ...response } = (await targets.dynamodb.send(
          command(input as DynamoRequest) as never,
        )) as unknown as Record<string, unknown>;
        return response;
      } catch (error) {
        const { name, message, $metadata } = error as Error & {
          $metadata?: { httpStatusCode?: number; requestId?: string };
        };
        const status = $metadata?.httpStatusCode ?? 400;
        const requestId = $metadata?.requestId ? `, Request ID: ${$metadata.requestId}` : "";
        // Step Functions names integration errors "<Service>.<Exception>", which is what Catch matches.
        throw new TaskError(
          `DynamoDB.${name}`,
          `${message} (Service: DynamoDb, Status Code: ${status}${requestId})`,
        );
      }
    };
  }
  return `${where} is a service integration the local engine does not serve (it serves Lambda and DynamoDB getItem/putItem/updateItem/deleteItem)`;
}

/**
 * Calls a handler like Lambda would and reports a thrown error like Step Functions does for a Lambda
 * Resource: the error name is the error's `name`, the cause a JSON string of the Lambda error.
 */
async function invokeLambda(handler: LambdaHandler, event: unknown): Promise<unknown> {
  try {
    // A round trip through JSON, as the event and result cross the Lambda API.
    return JSON.parse(JSON.stringify((await handler(structuredClone(event))) ?? null)) as unknown;
  } catch (error) {
    const { name = "Error", message = String(error), stack = "" } = error as Error;
    const trace = stack
      .split("\n")
      .slice(1)
      .map((line) => line.trim());
    throw new TaskError(name, JSON.stringify({ errorType: name, errorMessage: message, trace }));
  }
}
