/**
 * The pizza API's `mapped` response mode, as API Gateway mapping templates (VTL): the fix most
 * asked of StartSyncExecution APIs (aws-cdk #19254), which otherwise answer 200 whatever happened.
 *
 * - 200 with the parsed output when the execution SUCCEEDED;
 * - 422 `{error, cause}` when the order was refused (`Failed To Make Pizza`, `InvalidOrder`);
 * - 504 `{error, cause}` when it TIMED_OUT;
 * - 500 `{error, cause}` for any other failure;
 * - Step Functions' own refusals (a body that is not JSON: 400 `InvalidExecutionInput`) pass on
 *   as they are, as in the `raw` mode.
 *
 * The same templates are deployed on the REST API (components/pizzaRestApi.ts) and rendered by the
 * local stack with a VTL engine (local/pizzaMappedApi.ts), so both answer with the same codes.
 * No Pulumi here: the state machine ARN comes in as a string.
 *
 * AWS references: the integration URI `arn:aws:apigateway:{region}:states:action/StartSyncExecution`
 * follows `arn:aws:apigateway:{region}:{service}:action/{action}`
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html, `uri`), as AWS's own CDK
 * builds it for StartSyncExecution (aws-cdk-lib/aws-apigateway/lib/integrations/stepfunctions.ts);
 * `$input`, `$util.escapeJavaScript` and `$context.responseOverride.status` are documented in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 * and https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html.
 */
import { INVALID_ORDER_ERROR, PINEAPPLE_ERROR, PIZZA_TIMEOUT_SECONDS } from "./pizza";

/** How the pizza API answers: the raw StartSyncExecution result, or HTTP status codes per outcome. */
export type PizzaResponses = "raw" | "mapped";
/** Every mode, for checking configuration. */
export const PIZZA_RESPONSE_MODES: readonly PizzaResponses[] = ["raw", "mapped"];

/** The errors that mean "your order was refused", answered 422. */
export const REFUSED_ORDER_ERRORS = [PINEAPPLE_ERROR, INVALID_ORDER_ERROR] as const;

/**
 * Request bodies the API maps (curl's `-d` sends form-urlencoded; API Gateway takes a request
 * without Content-Type as application/json). Any other type is refused with 415 (passthrough NEVER).
 */
export const MAPPED_CONTENT_TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
] as const;

/**
 * `$util.escapeJavaScript` escapes `'` as `\'`, which is not valid JSON; AWS's reference gives this
 * `replaceAll` to undo it.
 */
const UNESCAPE_QUOTE = `.replaceAll("\\\\'","'")`;

/** The request template: the body, unparsed, as the execution input of the given state machine. */
export function pizzaRequestTemplate(stateMachineArn: string): string {
  return [
    "{",
    `  "stateMachineArn": "${stateMachineArn}",`,
    `  "input": "$util.escapeJavaScript($input.body)${UNESCAPE_QUOTE}"`,
    "}",
  ].join("\n");
}

const errorBody = (error: string, cause: string) =>
  `{"error": "$util.escapeJavaScript(${error})${UNESCAPE_QUOTE}", "cause": "$util.escapeJavaScript(${cause})${UNESCAPE_QUOTE}"}`;

/** The template of a StartSyncExecution answer (HTTP 200 from Step Functions, whatever the status). */
export const PIZZA_RESULT_TEMPLATE = [
  "#set($result = $input.path('$'))",
  '#if($result.status == "SUCCEEDED")',
  "$result.output",
  '#elseif($result.status == "TIMED_OUT")',
  "#set($context.responseOverride.status = 504)",
  `{"error": "States.Timeout", "cause": "The order did not finish within ${PIZZA_TIMEOUT_SECONDS} seconds"}`,
  "#else",
  `#if(${REFUSED_ORDER_ERRORS.map((error) => `$result.error == "${error}"`).join(" || ")})`,
  "#set($context.responseOverride.status = 422)",
  "#else",
  "#set($context.responseOverride.status = 500)",
  "#end",
  errorBody('"$!{result.error}"', '"$!{result.cause}"'),
  "#end",
].join("\n");

/** Step Functions' own error answers (`{"__type", "message"}`) pass on unchanged. */
export const PIZZA_SERVICE_ERROR_TEMPLATE = "$input.json('$')";

/** One integration response: which Step Functions statuses it takes, and what it answers. */
export interface PizzaIntegrationResponse {
  /** A regular expression over Step Functions' HTTP status; none means "every other status". */
  readonly selectionPattern?: string;
  readonly statusCode: string;
  readonly template: string;
}

/**
 * The integration responses, in API Gateway's terms: the default one maps the execution result;
 * Step Functions' 4xx and 5xx answers pass through with their class of status.
 */
export const PIZZA_INTEGRATION_RESPONSES: readonly PizzaIntegrationResponse[] = [
  { statusCode: "200", template: PIZZA_RESULT_TEMPLATE },
  { selectionPattern: "4\\d{2}", statusCode: "400", template: PIZZA_SERVICE_ERROR_TEMPLATE },
  { selectionPattern: "5\\d{2}", statusCode: "500", template: PIZZA_SERVICE_ERROR_TEMPLATE },
];

/** Every status code the mapped API can answer with (each needs a method response). */
export const PIZZA_MAPPED_STATUS_CODES = ["200", "400", "422", "500", "504"] as const;
