/**
 * Errors of the local Step Functions service, in the shape its JSON protocol carries them: the
 * `__type` the SDK v3 client turns into the error's `name`, and a `message`.
 */

/** The namespace AWS puts before Step Functions error codes in `__type`. */
const ERROR_NAMESPACE = "com.amazonaws.swf.service.v2.model";

/** An error the service answers with; `type` is the error code the SDK raises as the error name. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** The JSON body of an error response, as Step Functions sends it. */
export function serviceErrorBody(error: ServiceError): { __type: string; message: string } {
  return { __type: `${ERROR_NAMESPACE}#${error.type}`, message: error.message };
}
