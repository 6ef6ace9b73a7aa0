/**
 * Checks that the service errors a definition retries or catches can actually occur. Step Functions
 * names an optimized integration's errors `<Service>.<error code>`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html); a name with a
 * typo or an invented code (`DynamoDB.InternalServerErrorException`) is accepted by every validator
 * and silently never matches, so the retry it was meant for never happens.
 */

/**
 * Every error code DynamoDB returns to the item operations Step Functions integrates with
 * (GetItem, PutItem, UpdateItem, DeleteItem): the operations' errors in the API reference
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html#API_UpdateItem_Errors)
 * and the codes of "Error handling with DynamoDB"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes).
 * tests/definitions/serviceErrors.test.ts holds each against the exceptions @aws-sdk/client-dynamodb models.
 */
export const DYNAMODB_ERROR_CODES = [
  // 400, not worth retrying
  "AccessDeniedException",
  "ConditionalCheckFailedException",
  "IncompleteSignatureException",
  "ItemCollectionSizeLimitExceededException",
  "LimitExceededException",
  "MissingAuthenticationTokenException",
  "ResourceInUseException",
  "ResourceNotFoundException",
  "UnrecognizedClientException",
  "ValidationException",
  "InvalidEndpointException",
  // 400, throttling and conflicts: retry with backoff
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "ThrottlingException",
  "TransactionConflictException",
  "ReplicatedWriteConflictException",
  // 500 and 503: retry
  "InternalServerError",
  "ServiceUnavailable",
] as const;

/** The service prefixes whose error names are checked, with the codes each service returns. */
const KNOWN_SERVICE_ERRORS: Record<string, readonly string[]> = {
  DynamoDB: DYNAMODB_ERROR_CODES,
};

/** An error name in a Retry or Catch that its service never raises. */
export interface UnknownServiceError {
  /** The state whose Retry or Catch names it (`Parallel/Branch state` for nested states). */
  readonly state: string;
  readonly error: string;
  /** Known names close to it, to suggest the fix. */
  readonly didYouMean: readonly string[];
}

interface StatesJson {
  readonly States?: Record<string, StateJson>;
}
interface StateJson {
  readonly Retry?: readonly { readonly ErrorEquals?: readonly string[] }[];
  readonly Catch?: readonly { readonly ErrorEquals?: readonly string[] }[];
  readonly Branches?: readonly StatesJson[];
  readonly Iterator?: StatesJson;
  readonly ItemProcessor?: StatesJson;
}

/**
 * Every `DynamoDB.*` error name in the Retry and Catch fields of `definition` (ASL as an object,
 * e.g. `JSON.parse(definition.toJson())`, nested Parallel and Map states included) that DynamoDB
 * never returns. Empty when all are real.
 */
export function unknownServiceErrors(definition: object, scope = ""): UnknownServiceError[] {
  const found: UnknownServiceError[] = [];
  for (const [name, state] of Object.entries((definition as StatesJson).States ?? {})) {
    const path = scope ? `${scope}/${name}` : name;
    for (const handler of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
      for (const error of handler.ErrorEquals ?? []) {
        const dot = error.indexOf(".");
        const known = KNOWN_SERVICE_ERRORS[error.slice(0, dot)];
        if (dot < 0 || !known || known.includes(error.slice(dot + 1))) continue;
        found.push({
          state: path,
          error,
          didYouMean: similar(error.slice(dot + 1), known, error.slice(0, dot)),
        });
      }
    }
    for (const nested of [...(state.Branches ?? []), state.Iterator, state.ItemProcessor])
      if (nested) found.push(...unknownServiceErrors(nested, path));
  }
  return found;
}

/** Known codes sharing the first word of `code` (e.g. `InternalServer...`), as full error names. */
function similar(code: string, known: readonly string[], service: string): string[] {
  const stem = /^[A-Z][a-z]+(?:[A-Z][a-z]+)?/.exec(code)?.[0] ?? code;
  return known
    .filter((candidate) => candidate.startsWith(stem))
    .map((candidate) => `${service}.${candidate}`);
}
