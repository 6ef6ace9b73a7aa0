/**
 * The local Step Functions service over its JSON protocol (AWS JSON 1.0: `POST`, `X-Amz-Target:
 * AWSStepFunctions.<Action>`, `application/x-amz-json-1.0`), so an unchanged `@aws-sdk/client-sfn`
 * (the handlers', a user's, the AWS CLI) reaches it through `AWS_ENDPOINT_URL_SFN`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "./httpBody";
import { ServiceError, serviceErrorBody } from "./serviceErrors";
import type { StateMachineRequest } from "./stateMachines";
import type { ExecutionRequest, LocalStepFunctions } from "./stepFunctions";

const CONTENT_TYPE = "application/x-amz-json-1.0";
/** Room for a 256 KiB input plus the rest of the request. */
const MAX_REQUEST_BYTES = 1_048_576;

/** A request listener for the Step Functions endpoint. */
export function stepFunctionsListener(
  service: LocalStepFunctions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const machines = service.machines;
  const actions: Record<string, (body: ExecutionRequest & StateMachineRequest) => unknown> = {
    StartExecution: (body) => service.startExecution(body),
    StartSyncExecution: (body) => service.startSyncExecution(body),
    DescribeExecution: (body) => service.describeExecution(body),
    ListExecutions: (body) => service.listExecutions(body),
    StopExecution: (body) => service.stopExecution(body),
    GetExecutionHistory: (body) => service.getExecutionHistory(body),
    SendTaskSuccess: (body) => service.sendTaskSuccess(body),
    SendTaskFailure: (body) => service.sendTaskFailure(body),
    SendTaskHeartbeat: (body) => service.sendTaskHeartbeat(body),
    CreateStateMachine: (body) => machines.create(body),
    UpdateStateMachine: (body) => machines.update(body),
    DeleteStateMachine: (body) => machines.delete(body),
    DescribeStateMachine: (body) => machines.describe(body),
    ListStateMachines: (body) => machines.list(body),
  };
  return (request, response) => {
    void (async () => {
      try {
        const target = String(request.headers["x-amz-target"] ?? "");
        const name = target.replace(/^AWSStepFunctions\./, "");
        const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
        if (request.method !== "POST" || !action) {
          throw new ServiceError(
            "UnknownOperationException",
            `The local Step Functions serves ${Object.keys(actions).join(", ")}; got "${target}"`,
          );
        }
        const text = await readBody(request, MAX_REQUEST_BYTES);
        let body: ExecutionRequest & StateMachineRequest;
        try {
          body = text ? (JSON.parse(text) as ExecutionRequest & StateMachineRequest) : {};
        } catch {
          throw new ServiceError("SerializationException", "The request body is not valid JSON");
        }
        send(response, 200, await action(body));
      } catch (error) {
        const failure =
          error instanceof ServiceError
            ? error
            : error instanceof BodyTooLargeError
              ? new ServiceError("ValidationException", error.message)
              : new ServiceError("InternalFailure", (error as Error).message, 500);
        response.setHeader("x-amzn-ErrorType", failure.type);
        send(response, failure.status, serviceErrorBody(failure));
      }
    })();
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": CONTENT_TYPE, "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}
