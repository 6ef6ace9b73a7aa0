/**
 * The pizza workflow of cdk-patterns' "The State Machine": decide whether an order contains
 * pineapple and refuse it if so. Runs as an EXPRESS machine behind an HTTP API (StartSyncExecution),
 * so the whole flow must finish well inside the API's 30 s integration timeout.
 */
import {
  Chain,
  Choice,
  Condition,
  Errors,
  Fail,
  Intrinsic,
  LambdaErrors,
  LambdaInvoke,
  Pass,
  StateMachineDefinition,
  Succeed,
} from "./asl";

/** Below the HTTP API's 30 s integration timeout, so the caller always gets the execution's own result. */
export const PIZZA_TIMEOUT_SECONDS = 25;

/** The error a refused order fails with, as the original stack named it. */
export const PINEAPPLE_ERROR = "Failed To Make Pizza";
/** The cause a refused order fails with. */
export const PINEAPPLE_CAUSE = "They asked for Pineapple";
/** The error an order the kitchen cannot read fails with. */
export const INVALID_ORDER_ERROR = "InvalidOrder";

/** The ARNs the pizza workflow calls. */
export interface PizzaDefinitionProps {
  /** The `handlers/orderPizza.ts` function. */
  readonly orderPizzaFunctionArn: string;
}

/** Builds the pizza state machine definition. */
export function pizzaDefinition(props: PizzaDefinitionProps): StateMachineDefinition {
  const orderWithoutFlavour = new Fail("Reject Order Without Flavour", {
    error: INVALID_ORDER_ERROR,
    cause: 'The order has no "flavour": send a JSON body like {"flavour": "pepperoni"}',
  });
  const flavourNotText = new Fail("Reject Flavour That Is Not Text", {
    error: INVALID_ORDER_ERROR,
    cause: '"flavour" must be a string: send a JSON body like {"flavour": "pepperoni"}',
  });
  // The handler's message says what was wrong (e.g. a blank flavour). Lambda reports it as a JSON
  // cause ({"errorType","errorMessage",...}), so parse it and fail with just the message.
  const unreadableFlavour = new Fail("Reject Unreadable Flavour", {
    error: INVALID_ORDER_ERROR,
    causePath: "$.orderError.details.errorMessage",
  });
  const readOrderError = new Pass("Read Order Error", {
    parameters: { "details.$": Intrinsic.stringToJson(Intrinsic.path("$.orderError.Cause")).toString() },
    resultPath: "$.orderError",
  }).next(unreadableFlavour);
  const kitchenUnavailable = new Fail("Kitchen Unavailable", {
    error: "OrderFailed",
    cause: "The kitchen could not take the order right now; please try again",
  });

  const orderPizza = LambdaInvoke.task("Order Pizza Job", {
    functionArn: props.orderPizzaFunctionArn,
    payloadResponseOnly: true,
    inputPath: "$.flavour",
    resultPath: "$.pineappleAnalysis",
  })
    // The Lambda service errors AWS recommends retrying on every Lambda task, plus throttling
    // (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html: "When
    // Lambda hits the maximum number of invocations, the error is Lambda.TooManyRequestsException").
    // AWS's example retries 6 times from 2 s with backoff 2 (up to ~2 minutes); that cannot fit in
    // a synchronous call, so retry quickly with jitter and a cap (at most ~7 s in all).
    .addRetry({
      errors: [
        LambdaErrors.CLIENT_EXECUTION_TIMEOUT,
        LambdaErrors.SERVICE_EXCEPTION,
        LambdaErrors.AWS_LAMBDA_EXCEPTION,
        LambdaErrors.SDK_CLIENT_EXCEPTION,
        LambdaErrors.TOO_MANY_REQUESTS,
      ],
      intervalSeconds: 1,
      maxAttempts: 3,
      backoffRate: 2,
      maxDelaySeconds: 4,
      jitterStrategy: "FULL",
    })
    .addCatch(readOrderError, { errors: [INVALID_ORDER_ERROR], resultPath: "$.orderError" })
    .addCatch(kitchenUnavailable, { errors: [Errors.ALL], resultPath: "$.orderError" });

  const withPineapple = new Choice("With Pineapple?")
    .when(
      Condition.booleanEquals("$.pineappleAnalysis.containsPineapple", true),
      new Fail("Sorry, We Dont add Pineapple", { error: PINEAPPLE_ERROR, cause: PINEAPPLE_CAUSE }),
    )
    .otherwise(new Succeed("Lets make your pizza", { outputPath: "$.pineappleAnalysis" }));

  // Missing or non-text flavours fail here with a precise cause instead of an opaque path error.
  const validateOrder = new Choice("Validate Order")
    .when(Condition.isNotPresent("$.flavour"), orderWithoutFlavour)
    .when(Condition.isNotString("$.flavour"), flavourNotText)
    .otherwise(Chain.start(orderPizza).next(withPineapple));

  return StateMachineDefinition.fromChain(validateOrder, {
    comment: "Orders a pizza, unless it has pineapple on it",
    timeoutSeconds: PIZZA_TIMEOUT_SECONDS,
  });
}
