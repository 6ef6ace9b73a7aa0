/**
 * The pizza route, shaped like the deployed HTTP API: `POST /` passes the body verbatim as the
 * execution input to StartSyncExecution and answers 200 with the raw result, whether the execution
 * SUCCEEDED or FAILED (the status is in the body, as with API Gateway). When Step Functions itself
 * refuses the call (malformed JSON, an input over 256 KiB), the service's 400 error is passed on.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "./httpBody";
import { sendJson } from "./httpJson";
import { ServiceError, serviceErrorBody } from "./serviceErrors";
import type { LocalStepFunctions } from "./stepFunctions";

/** HTTP APIs accept bodies up to 10 MB; Step Functions then applies its own 256 KiB input limit. */
const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;

/** Handles `POST /` for the pizza state machine. */
export async function handlePizzaOrder(
  request: IncomingMessage,
  response: ServerResponse,
  service: LocalStepFunctions,
  stateMachineArn: string,
): Promise<void> {
  let body: string;
  try {
    body = await readBody(request, MAX_HTTP_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendJson(response, 413, { message: "Request Entity Too Large" });
    throw error;
  }
  try {
    sendJson(response, 200, await service.startSyncExecution({ stateMachineArn, input: body }));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    sendJson(response, error.status, serviceErrorBody(error));
  }
}
