/**
 * Serves Task states from their `Resource`, the way Step Functions would: a Lambda function ARN
 * (or `lambda:invoke`) calls the matching handler, a DynamoDB integration makes the real DynamoDB
 * call, `states:startExecution` (plain, `.sync`, `.sync:2`) starts a local execution, and a
 * `.waitForTaskToken` task of any service waits for SendTaskSuccess/Failure (the call itself goes
 * nowhere for services the stack does not emulate; its resolved parameters, token included, are in
 * the history's TaskScheduled event, which is how a test finds the token). Handlers are keyed by
 * state name (what aws-local-stepfunctions and the JSONata engine look up); what cannot run is
 * refused at start, naming the state.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { ScopeNode } from "./aslJson";
import { eachState } from "./aslJson";
import type { ExecutionHistory } from "./executionHistory";
import type { ChildExecutions } from "./childExecutions";
import { startExecutionHandler } from "./childExecutions";
import { TaskError } from "./taskError";
import type { TaskTokens } from "./taskTokens";
import { definitionProblems } from "./definitionSupport";
import { TASK_TOKEN_PLACEHOLDER } from "./taskTokenPlaceholder";

export { TaskError } from "./taskError";

/** A Lambda handler as the local stack runs it. */
export type LambdaHandler = (event: unknown) => Promise<unknown>;

/** One call of a Task, as the engine makes it. */
export interface TaskCall {
  readonly stateName: string;
  readonly executionArn: string;
  /** Where the call's events go (STANDARD executions only: AWS keeps no EXPRESS history). */
  readonly history?: ExecutionHistory;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  /** Aborted when the execution is stopped or the stack stops. */
  readonly signal?: AbortSignal;
}

/** A Task handler: the effective input (Parameters / Arguments) in, the result out. */
export type TaskHandler = (input: unknown, call?: TaskCall) => Promise<unknown>;

/** What Task states can reach. */
export interface TaskTargets {
  /** Handlers by function ARN. */
  readonly lambdas: ReadonlyMap<string, LambdaHandler>;
  readonly dynamodb: DynamoDBClient;
  /** Functions found by name or ARN beyond `lambdas` (handler files, a Lambda endpoint). */
  readonly findLambda?: (functionName: string) => LambdaHandler | undefined;
  /** Where `.waitForTaskToken` tasks wait; without it they are refused. */
  readonly tokens?: TaskTokens;
  /** Starts child executions for `states:startExecution`; without it those are refused. */
  readonly children?: () => ChildExecutions;
  /** The Region TaskScheduled events name. @default "us-east-1" */
  readonly region?: string;
  /** Told of every task call, so a stop can wait for calls in flight (a DynamoDB write) to finish. */
  readonly track?: (call: Promise<unknown>) => void;
}

export { TASK_TOKEN_PLACEHOLDER } from "./taskTokenPlaceholder";

/** Thrown at start for a definition the local engine cannot run; lists every reason. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = "UnsupportedDefinitionError";
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
  asl: object,
  targets: TaskTargets,
): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  const problems = definitionProblems(asl);
  eachState(asl as ScopeNode, (name, state) => {
    if (state.Type !== "Task") return;
    const resource = String(state.Resource);
    const handler = handlerFor(name, resource, targets);
    if (typeof handler === "string") problems.push(handler);
    else handlers[name] = recorded(resource, handler, targets);
  });
  if (problems.length > 0) {
    throw new UnsupportedDefinitionError(
      `The local stack cannot run state machine "${machineName}":\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
    );
  }
  return handlers;
}

/** A call's effective input, the parameters that go out, and (for callbacks) the token. */
type ResourceHandler = (input: unknown, call: TaskCall, token: string | undefined) => Promise<unknown>;

/**
 * Wraps a handler with what every call does: a fresh token for a callback task, the history events
 * around the call, and waiting for the callback.
 */
function recorded(resource: string, handler: ResourceHandler, targets: TaskTargets): TaskHandler {
  const callback = resource.endsWith(".waitForTaskToken");
  const region = targets.region ?? "us-east-1";
  const handle: TaskHandler = async (rawInput, call = { stateName: "", executionArn: "" }) => {
    const token = callback ? (targets.tokens as TaskTokens).newToken() : undefined;
    const input = token === undefined ? rawInput : withToken(rawInput, token);
    const { history } = call;
    if (history) {
      // aws-local-stepfunctions hands out its state events asynchronously; letting them land first
      // keeps TaskScheduled after the state's StateEntered, as in AWS.
      await new Promise((resolve) => setImmediate(resolve));
      history.taskScheduled(resource, region, input, {
        ...(call.timeoutSeconds !== undefined ? { timeoutInSeconds: call.timeoutSeconds } : {}),
        ...(call.heartbeatSeconds !== undefined ? { heartbeatInSeconds: call.heartbeatSeconds } : {}),
      });
    }
    try {
      let output = await handler(input, call, token);
      if (token !== undefined) {
        history?.taskSubmitted(resource, output ?? {});
        output = await (targets.tokens as TaskTokens).wait(
          token,
          {
            executionArn: call.executionArn,
            stateName: call.stateName,
            heartbeatSeconds: call.heartbeatSeconds,
          },
          call.signal,
        );
      }
      history?.taskSucceeded(resource, output);
      return output;
    } catch (error) {
      const { name = "Error", message = String(error) } = error as Error;
      // A stopped execution (StopExecution, or the stack stopping) has no task outcome to record.
      if (!call.signal?.aborted) history?.taskFailed(resource, name, message);
      throw error;
    }
  };
  if (!targets.track) return handle;
  const track = targets.track;
  return (input, call) => {
    const result = handle(input, call);
    track(result);
    return result;
  };
}

/** A copy of `value` with the token placeholder replaced by `token`. */
function withToken(value: unknown, token: string): unknown {
  if (typeof value === "string") return value.replaceAll(TASK_TOKEN_PLACEHOLDER, token);
  if (Array.isArray(value)) return value.map((item) => withToken(item, token));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withToken(item, token)]));
  return value;
}

/** A handler for one Task, or a sentence saying why there is none. */
function handlerFor(stateName: string, resource: string, targets: TaskTargets): ResourceHandler | string {
  const where = `state "${stateName}" (${resource})`;
  const findLambda = (name: string) => targets.lambdas.get(name) ?? targets.findLambda?.(name);
  if (resource.endsWith(".waitForTaskToken") && !targets.tokens)
    return `${where} waits for a task token; this engine has no SendTaskSuccess endpoint`;
  const lambda = /^arn:[\w-]+:lambda:[^:]*:[^:]*:function:.+$/.exec(resource);
  if (lambda) {
    const handler = findLambda(resource);
    return handler
      ? (input) => invokeLambda(handler, input)
      : `${where} calls a Lambda function the local stack does not have (start it with --lambda <function name>=<handler file> or LOCAL_LAMBDA_ENDPOINT)`;
  }
  const invoke = /^arn:[\w-]+:states:::lambda:invoke(\.waitForTaskToken)?$/.exec(resource);
  if (invoke) {
    return async (input) => {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
      const handler = findLambda(FunctionName);
      if (!handler)
        throw new TaskError("Lambda.ResourceNotFoundException", `Function not found: ${FunctionName}`);
      if (invoke[1]) {
        // The callback variant invokes asynchronously (InvocationType Event): the task waits for the
        // token, not for the function; a failure of the function itself does not fail the task.
        void invokeLambda(handler, Payload ?? {}).catch(() => undefined);
        return { StatusCode: 202 };
      }
      return {
        ExecutedVersion: "$LATEST",
        Payload: await invokeLambda(handler, Payload ?? {}),
        StatusCode: 200,
      };
    };
  }
  const dynamo = /^arn:[\w-]+:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.exec(resource);
  if (dynamo) return dynamoHandler(dynamo[1] as keyof typeof DYNAMODB_COMMANDS, targets.dynamodb);
  const start = /^arn:[\w-]+:states:::states:startExecution(\.sync(?::2)?|\.waitForTaskToken)?$/.exec(
    resource,
  );
  if (start) {
    if (!targets.children)
      return `${where} starts a state machine execution; this engine has no executions to start`;
    return startExecutionHandler(start[1] ?? "", targets.children);
  }
  if (/\.sync(:2)?$/.test(resource))
    return `${where} waits for a job (.sync) of a service the local stack does not emulate (it runs .sync for states:startExecution only)`;
  if (resource.endsWith(".waitForTaskToken") && /^arn:[\w-]+:states:::[\w-]+(:[\w-]+)?:\w+/.test(resource)) {
    // SQS, SNS, EventBridge, ...: nothing here receives the message; the task waits for its token.
    return async () => ({});
  }
  return `${where} is a service integration the local engine does not serve (it serves Lambda, DynamoDB getItem/putItem/updateItem/deleteItem, states:startExecution, and .waitForTaskToken for any service)`;
}

function dynamoHandler(action: keyof typeof DYNAMODB_COMMANDS, dynamodb: DynamoDBClient): ResourceHandler {
  const command = DYNAMODB_COMMANDS[action];
  return async (input) => {
    try {
      const { $metadata: _metadata, ...response } = (await dynamodb.send(
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

/**
 * Calls a handler like Lambda would and reports a thrown error like Step Functions does for a Lambda
 * Resource: the error name is the error's `name`, the cause a JSON string of the Lambda error.
 */
async function invokeLambda(handler: LambdaHandler, event: unknown): Promise<unknown> {
  try {
    // A round trip through JSON, as the event and result cross the Lambda API (the event is JSON
    // data already, so a copy does; a string or number is its own copy).
    const copy = event !== null && typeof event === "object" ? structuredClone(event) : event;
    return JSON.parse(JSON.stringify((await handler(copy)) ?? null)) as unknown;
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const { name = "Error", message = String(error), stack = "" } = error as Error;
    const trace = stack
      .split("\n")
      .slice(1)
      .map((line) => line.trim());
    throw new TaskError(name, JSON.stringify({ errorType: name, errorMessage: message, trace }));
  }
}
