/**
 * The pizza route in the `mapped` response mode, shaped like the deployed REST API
 * (components/pizzaRestApi.ts): the request template turns the body into a StartSyncExecution
 * call, and the integration response whose selection pattern matches Step Functions' status
 * renders the answer, with the status code the template sets. The templates are the deployed
 * ones (definitions/pizzaApiMapping.ts), rendered by a VTL engine.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  MAPPED_CONTENT_TYPES,
  PIZZA_INTEGRATION_RESPONSES,
  pizzaRequestTemplate,
} from "../definitions/pizzaApiMapping";
import { renderTemplate } from "./apiGatewayTemplates";
import { BodyTooLargeError, readBody } from "./httpBody";
import { sendJson } from "./httpJson";
import { ServiceError, serviceErrorBody } from "./serviceErrors";
import type { LocalStepFunctions } from "./stepFunctions";

/** REST APIs accept payloads up to 10 MB. */
const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;

/** Handles `POST /` for the pizza state machine, with HTTP status codes per outcome. */
export async function handleMappedPizzaOrder(
  request: IncomingMessage,
  response: ServerResponse,
  service: LocalStepFunctions,
  stateMachineArn: string,
): Promise<void> {
  // API Gateway takes a request without Content-Type as JSON; with passthrough NEVER, a type
  // no template maps is refused before the integration is called.
  const contentType = (request.headers["content-type"] ?? "application/json")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (!(MAPPED_CONTENT_TYPES as readonly string[]).includes(contentType))
    return sendJson(response, 415, { message: "Unsupported Media Type" });
  let body: string;
  try {
    body = await readBody(request, MAX_HTTP_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendJson(response, 413, { message: "Request Entity Too Large" });
    throw error;
  }
  const call = JSON.parse(renderTemplate(pizzaRequestTemplate(stateMachineArn), body).body) as {
    stateMachineArn: string;
    input: string;
  };
  let integrationStatus = 200;
  let integrationBody: string;
  try {
    integrationBody = JSON.stringify(await service.startSyncExecution(call));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    integrationStatus = error.status;
    integrationBody = JSON.stringify(serviceErrorBody(error));
  }
  const selected =
    PIZZA_INTEGRATION_RESPONSES.find(
      (candidate) =>
        candidate.selectionPattern !== undefined &&
        new RegExp(`^${candidate.selectionPattern}$`).test(String(integrationStatus)),
    ) ?? PIZZA_INTEGRATION_RESPONSES.find((candidate) => candidate.selectionPattern === undefined);
  if (!selected) throw new Error("The pizza API has no default integration response");
  const rendered = renderTemplate(selected.template, integrationBody);
  const text = rendered.body;
  response.writeHead(rendered.statusOverride ?? Number(selected.statusCode), {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}
