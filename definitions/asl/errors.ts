/**
 * Error names as Step Functions reports them, for `Retry` and `Catch`. Named constants, so a typo
 * in an error name (which would silently never match) cannot happen.
 */

/** The predefined errors Step Functions itself raises (`States.*`); each says when. */
export const Errors = {
  /** Matches any error; must be alone in its `ErrorEquals` and in the last retrier or catcher. */
  ALL: "States.ALL",
  /** A Task ran longer than `TimeoutSeconds`, or the execution ran longer than its own timeout. */
  TIMEOUT: "States.Timeout",
  /** A Task failed for any reason except a timeout. */
  TASK_FAILED: "States.TaskFailed",
  /** A Task lacked permissions to run its code. */
  PERMISSIONS: "States.Permissions",
  /** `ResultPath` could not be applied to the state's input. */
  RESULT_PATH_MATCH_FAILURE: "States.ResultPathMatchFailure",
  /** A `Parameters` field with a path could not be resolved. */
  PARAMETER_PATH_FAILURE: "States.ParameterPathFailure",
  /** A Parallel or Map branch failed. */
  BRANCH_FAILED: "States.BranchFailed",
  /** No Choice rule matched and there is no `Default`. */
  NO_CHOICE_MATCHED: "States.NoChoiceMatched",
  /** An intrinsic function failed. */
  INTRINSIC_FAILURE: "States.IntrinsicFailure",
  /** A Task sent no heartbeat within `HeartbeatSeconds`. */
  HEARTBEAT_TIMEOUT: "States.HeartbeatTimeout",
  /** A Map state failed more items than it tolerates. */
  EXCEED_TOLERATED_FAILURE_THRESHOLD: "States.ExceedToleratedFailureThreshold",
  /** A Map state could not read its items. */
  ITEM_READER_FAILED: "States.ItemReaderFailed",
  /** A run-time error in the definition itself (e.g. an input path that does not exist); not retriable. */
  RUNTIME: "States.Runtime",
} as const;

/**
 * Raised by a Lambda task (`arn:aws:states:::lambda:invoke`) when the Lambda service, not the
 * function's own code, fails. They are transient: AWS recommends retrying them on every Lambda task.
 */
export const LambdaErrors = {
  /** The Lambda service had an internal error. */
  SERVICE_EXCEPTION: "Lambda.ServiceException",
  /** Lambda could not run the function (e.g. its execution environment failed). */
  AWS_LAMBDA_EXCEPTION: "Lambda.AWSLambdaException",
  /** The call to Lambda failed on the client side (e.g. a network error). */
  SDK_CLIENT_EXCEPTION: "Lambda.SdkClientException",
  /** The function or account hit its concurrency limit: throttled. */
  TOO_MANY_REQUESTS: "Lambda.TooManyRequestsException",
  /** The call to Lambda timed out on the client side before Lambda answered. */
  CLIENT_EXECUTION_TIMEOUT: "Lambda.ClientExecutionTimeoutException",
} as const;

/** Raised by DynamoDB tasks (`arn:aws:states:::dynamodb:*`), named `DynamoDB.<ExceptionName>`. */
export const DynamoDBErrors = {
  /** A conditional write's condition did not hold: catch it to handle a lost race. */
  CONDITIONAL_CHECK_FAILED: "DynamoDB.ConditionalCheckFailedException",
} as const;
