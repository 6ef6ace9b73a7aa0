import assert from "node:assert/strict";
import type { HistoryEvent as SdkHistoryEvent } from "@aws-sdk/client-sfn";
import { indexFlowchart, markPath } from "../../console/src/diagram";
import { executionPath } from "../../console/src/executionPath";
import type { HistoryEvent } from "../../console/src/stepFunctions";
import { bookingDefinition } from "../../definitions/booking";
import { pizzaDefinition } from "../../definitions/pizza";

/**
 * Histories written with the AWS SDK's own `HistoryEvent` type, so every event type and detail
 * member here is one Step Functions really sends; the JSON protocol carries dates as epoch seconds.
 */
function history(events: Omit<SdkHistoryEvent, "id" | "timestamp">[]): HistoryEvent[] {
  return events.map(
    (event, index) => ({ ...event, id: index + 1, timestamp: 1_700_000_000 + index }) as HistoryEvent,
  );
}

const entered = (type: string, name: string, input = "{}") =>
  ({ type, stateEnteredEventDetails: { name, input } }) as Omit<SdkHistoryEvent, "id" | "timestamp">;
const exited = (type: string, name: string, output = "{}") =>
  ({ type, stateExitedEventDetails: { name, output } }) as Omit<SdkHistoryEvent, "id" | "timestamp">;

const BOOKING_TABLES = {
  tableName: "apartments",
  tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/apartments",
  bookingsTableName: "bookings",
  bookingsTableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/bookings",
  paymentWindowSeconds: 60,
};
const booking = bookingDefinition(BOOKING_TABLES).toMermaid();

describe("The console's execution path (from GetExecutionHistory)", () => {
  const paid = history([
    { type: "ExecutionStarted", executionStartedEventDetails: { input: '{"bookingId":"b-1"}' } },
    entered("ChoiceStateEntered", "Check Booking Request", '{"bookingId":"b-1"}'),
    exited("ChoiceStateExited", "Check Booking Request"),
    entered("TaskStateEntered", "Reserve Apartment"),
    {
      type: "TaskScheduled",
      taskScheduledEventDetails: {
        resource: "updateItem",
        resourceType: "dynamodb",
        region: "us-east-1",
        parameters: "{}",
      },
    },
    exited("TaskStateExited", "Reserve Apartment", '{"reserved":true}'),
    entered("WaitStateEntered", "Wait For Payment"),
    exited("WaitStateExited", "Wait For Payment"),
    entered("TaskStateEntered", "Get Booking Status"),
    exited("TaskStateExited", "Get Booking Status"),
    entered("ChoiceStateEntered", "Has the Apartment been Paid?"),
    exited("ChoiceStateExited", "Has the Apartment been Paid?"),
    entered("PassStateEntered", "Apartment Paid"),
    exited("PassStateExited", "Apartment Paid", '{"status":"PAID"}'),
    { type: "ExecutionSucceeded", executionSucceededEventDetails: { output: '{"status":"PAID"}' } },
  ]);

  it("lists each state entered, in order, with its input and output", () => {
    const path = executionPath(paid);
    assert.deepStrictEqual(
      path.visits.map((visit) => [visit.name, visit.status]),
      [
        ["Check Booking Request", "exited"],
        ["Reserve Apartment", "exited"],
        ["Wait For Payment", "exited"],
        ["Get Booking Status", "exited"],
        ["Has the Apartment been Paid?", "exited"],
        ["Apartment Paid", "exited"],
      ],
    );
    assert.equal(path.visits[0].input, '{"bookingId":"b-1"}');
    assert.equal(path.visits[1].output, '{"reserved":true}');
    assert.equal(path.failure, undefined);
  });

  it("leaves the state it is waiting in open while the execution runs", () => {
    const running = executionPath(paid.slice(0, 7));
    assert.deepStrictEqual(running.visits.at(-1), {
      name: "Wait For Payment",
      enteredAt: 1_700_000_006,
      input: "{}",
      status: "open",
    });
  });

  it("names the Fail state an execution failed in, with the execution's error and cause", () => {
    const path = executionPath(
      history([
        entered("ChoiceStateEntered", "Has the Apartment been Paid?"),
        exited("ChoiceStateExited", "Has the Apartment been Paid?"),
        entered("FailStateEntered", "Booking Expired"),
        {
          type: "ExecutionFailed",
          executionFailedEventDetails: { error: "BookingExpired", cause: "Not paid in time" },
        },
      ]),
    );
    assert.deepStrictEqual(path.failure, {
      error: "BookingExpired",
      cause: "Not paid in time",
      state: "Booking Expired",
    });
    assert.equal(path.visits.at(-1)?.status, "failed");
  });

  it("keeps a caught task error on its state and goes on along the Catch", () => {
    const path = executionPath(
      history([
        entered("TaskStateEntered", "Reserve Apartment"),
        {
          type: "TaskFailed",
          taskFailedEventDetails: {
            resource: "updateItem",
            resourceType: "dynamodb",
            error: "DynamoDB.ConditionalCheckFailedException",
            cause: "The conditional request failed",
          },
        },
        exited("TaskStateExited", "Reserve Apartment"),
        entered("TaskStateEntered", "Look Up Apartment"),
      ]),
    );
    assert.deepStrictEqual(
      [path.visits[0].status, path.visits[0].error],
      ["exited", "DynamoDB.ConditionalCheckFailedException"],
    );
    assert.equal(path.failure, undefined);
  });

  it("puts a task failure that ends the execution on the task that raised it", () => {
    const path = executionPath(
      history([
        entered("TaskStateEntered", "Order Pizza Job"),
        {
          type: "LambdaFunctionFailed",
          lambdaFunctionFailedEventDetails: { error: "Lambda.Unknown", cause: "boom" },
        },
        { type: "ExecutionFailed", executionFailedEventDetails: { error: "Lambda.Unknown", cause: "boom" } },
      ]),
    );
    assert.deepStrictEqual(path.failure, {
      error: "Lambda.Unknown",
      cause: "boom",
      state: "Order Pizza Job",
    });
  });
});

describe("The console's diagram of an execution (Mermaid from the project's own aslToMermaid)", () => {
  it("finds every state of a definition in the drawing", () => {
    const index = indexFlowchart(booking);
    assert.deepStrictEqual(
      [...index.nodeOf.keys()].sort(),
      Object.keys(JSON.parse(bookingDefinition(BOOKING_TABLES).toJson()).States).sort(),
    );
    const pizza = indexFlowchart(
      pizzaDefinition({
        orderPizzaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:order",
      }).toMermaid(),
    );
    assert.ok(pizza.nodeOf.has("Sorry, We Dont add Pineapple"));
  });

  it("marks the visited states and the links taken, start to end", () => {
    const marked = markPath(
      booking,
      executionPath(
        history([
          entered("ChoiceStateEntered", "Check Booking Request"),
          exited("ChoiceStateExited", "Check Booking Request"),
          entered("TaskStateEntered", "Reserve Apartment"),
          exited("TaskStateExited", "Reserve Apartment"),
          entered("TaskStateEntered", "Record Reservation"),
          exited("TaskStateExited", "Record Reservation"),
          entered("WaitStateEntered", "Wait For Payment"),
          exited("WaitStateExited", "Wait For Payment"),
          entered("TaskStateEntered", "Get Booking Status"),
          exited("TaskStateExited", "Get Booking Status"),
          entered("ChoiceStateEntered", "Has the Apartment been Paid?"),
          exited("ChoiceStateExited", "Has the Apartment been Paid?"),
          entered("TaskStateEntered", "Record Payment"),
          exited("TaskStateExited", "Record Payment"),
          entered("PassStateEntered", "Apartment Paid"),
          exited("PassStateExited", "Apartment Paid"),
        ]),
      ),
    );
    const index = indexFlowchart(booking);
    const id = (name: string) => index.nodeOf.get(name);
    const visited = [
      "Check Booking Request",
      "Reserve Apartment",
      "Record Reservation",
      "Wait For Payment",
      "Get Booking Status",
      "Has the Apartment been Paid?",
      "Record Payment",
      "Apartment Paid",
    ].map(id);
    assert.ok(marked.includes(`  class ${visited.join(",")} visited`), marked);
    const linkLine = marked.split("\n").find((line) => line.startsWith("  linkStyle "));
    const taken = String(linkLine)
      .split(" ")[3]
      .split(",")
      .map(Number)
      .map((at) => index.links[at]);
    assert.deepStrictEqual(
      taken.map((link) => `${link.from}->${link.to}`),
      [
        `start_->${id("Check Booking Request")}`,
        `${id("Check Booking Request")}->${id("Reserve Apartment")}`,
        `${id("Reserve Apartment")}->${id("Record Reservation")}`,
        `${id("Record Reservation")}->${id("Wait For Payment")}`,
        `${id("Wait For Payment")}->${id("Get Booking Status")}`,
        `${id("Get Booking Status")}->${id("Has the Apartment been Paid?")}`,
        `${id("Has the Apartment been Paid?")}->${id("Record Payment")}`,
        `${id("Record Payment")}->${id("Apartment Paid")}`,
        `${id("Apartment Paid")}->end_`,
      ],
    );
  });

  it("marks the failed state and writes its error under its name", () => {
    const marked = markPath(
      booking,
      executionPath(
        history([
          entered("FailStateEntered", "Booking Expired"),
          {
            type: "ExecutionFailed",
            executionFailedEventDetails: { error: "BookingExpired", cause: "Not paid in time" },
          },
        ]),
      ),
    );
    const node = indexFlowchart(booking).nodeOf.get("Booking Expired");
    assert.ok(marked.includes(`  class ${node} failed`));
    assert.ok(marked.includes(`${node}(["Booking Expired<br/>✖ BookingExpired"]):::fail`), marked);
  });
});
