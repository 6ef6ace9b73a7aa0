/**
 * The Step Functions API calls the Executions view makes, in its JSON protocol (AWS JSON 1.0:
 * `POST /`, `X-Amz-Target: AWSStepFunctions.<Action>`; dates are epoch seconds). Locally the
 * endpoint is the local stack's, same origin, unsigned; no deployed call is made without the stack
 * allowing it (see README, "Web console").
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
 */

/** An execution as ListExecutions / DescribeExecution describe it. */
export interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
  readonly startDate: number;
  readonly stopDate?: number;
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** One history event; the details member is named after the event type (`stateEnteredEventDetails`, ...). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** The service refused: `code` is its error name, e.g. `ExecutionDoesNotExist`. */
export class StepFunctionsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A client of one Step Functions endpoint. */
export class StepFunctionsClient {
  constructor(private readonly endpoint: string) {}

  /** The newest executions of a STANDARD state machine. */
  async listExecutions(stateMachineArn: string, maxResults = 20): Promise<Execution[]> {
    const answer = await this.call<{ executions: Execution[] }>("ListExecutions", {
      stateMachineArn,
      maxResults,
    });
    return answer.executions;
  }

  describeExecution(executionArn: string): Promise<Execution> {
    return this.call("DescribeExecution", { executionArn });
  }

  /** The definition (ASL JSON text) and type of a state machine. */
  describeStateMachine(stateMachineArn: string): Promise<{ definition: string; type: string; name: string }> {
    return this.call("DescribeStateMachine", { stateMachineArn });
  }

  /** The whole history, oldest first, following nextToken. */
  async executionHistory(executionArn: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page: { events: HistoryEvent[]; nextToken?: string } = await this.call("GetExecutionHistory", {
        executionArn,
        maxResults: 1000,
        includeExecutionData: true,
        ...(nextToken ? { nextToken } : {}),
      });
      events.push(...page.events);
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  private async call<T>(action: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": `AWSStepFunctions.${action}`,
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new StepFunctionsError(
        "NetworkError",
        `Could not reach Step Functions at ${this.endpoint}: ${(error as Error).message}`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string };
    if (!response.ok) {
      const code = (answer.__type ?? `HTTP ${response.status}`).split("#").pop() as string;
      throw new StepFunctionsError(code, answer.message ?? `Step Functions refused ${action}`);
    }
    return answer;
  }
}
