/**
 * Runs state machines whose `QueryLanguage` is JSONata. aws-local-stepfunctions (3.0.0, its newest
 * release) evaluates JSONPath only: it has no JSONata, no `Assign`/variables, and its overrides
 * (Task handlers, Wait and retry durations) cannot evaluate a state's fields, so JSONata states
 * cannot be run "around" it. JSONata mode is small, though (Arguments, Output, Assign, Condition,
 * Items/ItemSelector, expressions in Wait/Fail/timeouts replace the five JSONPath fields), so this
 * file runs such machines itself, with the `jsonata` package for the expressions, following the
 * Developer Guide's "Transforming data with JSONata" and "Passing data between states with
 * variables": Assign and Output of a state are evaluated with the variables as they were when the
 * state was entered; variables of a Map iteration or Parallel branch are its own (it reads the
 * outer ones, the outer states never see its own).
 */
import type { ScopeNode, StateNode } from "./aslJson";
import type { EngineRun, ExecutionOutcome } from "./engine";
import type { StateType } from "./executionHistory";
import type { StatesVariable } from "./jsonataExpressions";
import { evaluateField } from "./jsonataExpressions";
import type { Retrier } from "./stateErrors";
import { matchesError, retryDelay } from "./stateErrors";
import { TaskError } from "./taskError";
import { TASK_TOKEN_PLACEHOLDER } from "./taskTokenPlaceholder";

/** Variables in scope: an iteration's or branch's own, over those of the scope that runs it. */
class Variables {
  private readonly own: Record<string, unknown>;
  constructor(
    private readonly outer?: Variables,
    initial: Record<string, unknown> = {},
  ) {
    this.own = { ...initial };
  }
  visible(): Record<string, unknown> {
    return this.outer ? { ...this.outer.visible(), ...this.own } : { ...this.own };
  }
  /** This scope's own variables: what a resumed execution needs back. */
  snapshot(): Record<string, unknown> {
    return structuredClone(this.own);
  }
  assign(values: Record<string, unknown>): void {
    Object.assign(this.own, values);
  }
}

/** How a state ended: its output and where to go. */
interface StateResult {
  readonly output: unknown;
  readonly next?: string;
  readonly assigned?: Record<string, unknown>;
}

class Aborted extends Error {}

/** Runs `asl` on `input`; the outcome never rejects. */
export async function runJsonata(asl: ScopeNode, input: unknown, run: EngineRun): Promise<ExecutionOutcome> {
  const runner = new JsonataRun(run, input);
  const variables = new Variables(undefined, run.options.variables);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ExecutionOutcome>((resolve) => {
    if (asl.TimeoutSeconds === undefined) return;
    timer = setTimeout(() => {
      runner.stop();
      resolve({
        status: "TIMED_OUT",
        error: "States.Timeout",
        cause: "The execution ran longer than its TimeoutSeconds",
      });
    }, asl.TimeoutSeconds * 1000);
  });
  const execution = runner.scope(asl, input, variables, run.options.startAt, true).then(
    (output): ExecutionOutcome => ({ status: "SUCCEEDED", output }),
    (error: Error): ExecutionOutcome =>
      error instanceof Aborted || run.signal.aborted
        ? { status: "ABORTED" }
        : { status: "FAILED", error: error.name, cause: error.message },
  );
  try {
    return await Promise.race([execution, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class JsonataRun {
  private readonly controller = new AbortController();

  constructor(
    private readonly run: EngineRun,
    private readonly executionInput: unknown,
  ) {
    run.signal.addEventListener("abort", () => this.controller.abort(), { once: true });
  }

  stop(): void {
    this.controller.abort();
  }

  /** Runs the states of a scope from `startAt` to an end; returns the last output. */
  async scope(
    scope: ScopeNode,
    input: unknown,
    variables: Variables,
    startAt = scope.StartAt,
    topLevel = false,
    mapItem?: { Index: number; Value: unknown },
  ): Promise<unknown> {
    let name = startAt;
    let current = input;
    for (;;) {
      if (this.controller.signal.aborted) throw new Aborted();
      const state = scope.States[name];
      if (!state) throw new TaskError("States.Runtime", `The state "${name}" does not exist`);
      if (topLevel) this.run.options.onStateEntered?.(name, current, variables.snapshot());
      this.run.options.history?.stateEntered(state.Type as StateType, name, current);
      const result = await this.state(name, state, current, variables, mapItem);
      this.run.options.history?.stateExited(state.Type as StateType, name, result.output, result.assigned);
      if (result.next === undefined) return result.output;
      name = result.next;
      current = result.output;
    }
  }

  private context(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const { identity, stateMachine } = this.run;
    return {
      Execution: {
        Id: identity.executionArn,
        Input: this.executionInput,
        Name: identity.name,
        RoleArn: identity.roleArn,
        StartTime: identity.startTime.toISOString(),
        RedriveCount: 0,
      },
      State: { EnteredTime: new Date().toISOString(), Name: name, RetryCount: 0 },
      StateMachine: stateMachine,
      ...extra,
    };
  }

  /** Evaluates Output (default `fallback`) and Assign with the variables as they were on entry. */
  private async finish(
    name: string,
    fields: Readonly<Record<string, unknown>>,
    states: StatesVariable,
    variables: Variables,
    fallback: unknown,
  ): Promise<{ output: unknown; assigned?: Record<string, unknown> }> {
    const visible = variables.visible();
    const output =
      fields.Output === undefined
        ? fallback
        : await evaluateField(fields.Output, states, visible, { state: name, field: "Output" });
    if (fields.Assign === undefined) return { output };
    const assigned = (await evaluateField(fields.Assign, states, visible, {
      state: name,
      field: "Assign",
    })) as Record<string, unknown>;
    variables.assign(assigned);
    return { output, assigned };
  }

  private async state(
    name: string,
    state: StateNode,
    input: unknown,
    variables: Variables,
    mapItem?: { Index: number; Value: unknown },
  ): Promise<StateResult> {
    const context = this.context(name, mapItem ? { Map: { Item: mapItem } } : {});
    const states: StatesVariable = { input, context };
    const next = state.End === true ? undefined : (state.Next as string | undefined);
    const evaluate = (field: string, value: unknown) =>
      evaluateField(value, states, variables.visible(), { state: name, field });
    switch (state.Type) {
      case "Pass":
      case "Succeed": {
        const { output, assigned } = await this.finish(name, state, states, variables, input);
        return { output, assigned, next: state.Type === "Succeed" ? undefined : next };
      }
      case "Wait": {
        const seconds =
          state.Seconds !== undefined ? Number(await evaluate("Seconds", state.Seconds)) : undefined;
        const timestamp =
          state.Timestamp !== undefined ? String(await evaluate("Timestamp", state.Timestamp)) : undefined;
        const until = seconds !== undefined ? Date.now() + seconds * 1000 : Date.parse(timestamp ?? "");
        if (Number.isNaN(until))
          throw new TaskError("States.Runtime", `The Wait state "${name}" has no valid Seconds or Timestamp`);
        await this.sleep(until - Date.now());
        const { output, assigned } = await this.finish(name, state, states, variables, input);
        return { output, assigned, next };
      }
      case "Fail": {
        const error = state.Error === undefined ? undefined : String(await evaluate("Error", state.Error));
        const cause = state.Cause === undefined ? undefined : String(await evaluate("Cause", state.Cause));
        throw new TaskError(error ?? "", cause ?? "");
      }
      case "Choice":
        return this.choice(name, state, states, variables);
      case "Task":
      case "Parallel":
      case "Map":
        return this.withErrorHandling(name, state, states, variables, next);
      default:
        throw new TaskError("States.Runtime", `The state "${name}" has an unknown Type "${state.Type}"`);
    }
  }

  private async choice(
    name: string,
    state: StateNode,
    states: StatesVariable,
    variables: Variables,
  ): Promise<StateResult> {
    const rules =
      (state.Choices as ({ Condition?: unknown; Next: string } & Record<string, unknown>)[]) ?? [];
    for (const [index, rule] of rules.entries()) {
      const matched = await evaluateField(rule.Condition, states, variables.visible(), {
        state: name,
        field: `Choices[${index}].Condition`,
      });
      if (typeof matched !== "boolean")
        throw new TaskError(
          "States.QueryEvaluationError",
          `The Condition of Choices[${index}] in the state '${name}' must be a boolean, got ${JSON.stringify(matched)}`,
        );
      if (matched)
        return { ...(await this.finish(name, rule, states, variables, states.input)), next: rule.Next };
    }
    if (state.Default === undefined)
      throw new TaskError("States.NoChoiceMatched", `No Matches! (the state '${name}' has no Default)`);
    return {
      ...(await this.finish(name, state, states, variables, states.input)),
      next: state.Default as string,
    };
  }

  /** Task, Parallel and Map: the work, with Retry, Catch, then Output and Assign. */
  private async withErrorHandling(
    name: string,
    state: StateNode,
    states: StatesVariable,
    variables: Variables,
    next: string | undefined,
  ): Promise<StateResult> {
    const retriers = (state.Retry as Retrier[] | undefined) ?? [];
    const attempts = new Map<Retrier, number>();
    for (;;) {
      try {
        const result = await this.work(name, state, states, variables);
        const { output, assigned } = await this.finish(name, state, { ...states, result }, variables, result);
        return { output, assigned, next };
      } catch (error) {
        if (error instanceof Aborted || this.controller.signal.aborted) throw new Aborted();
        const failure = error as Error;
        const retrier = retriers.find((entry) => matchesError(entry.ErrorEquals, failure.name));
        const delay = retrier ? retryDelay(retrier, attempts.get(retrier) ?? 0) : undefined;
        if (retrier && delay !== undefined) {
          attempts.set(retrier, (attempts.get(retrier) ?? 0) + 1);
          await this.sleep(delay);
          continue;
        }
        const catchers =
          (state.Catch as ({ ErrorEquals: string[]; Next: string } & Record<string, unknown>)[]) ?? [];
        const catcher = catchers.find((entry) => matchesError(entry.ErrorEquals, failure.name));
        if (!catcher) throw failure;
        const errorOutput = { Error: failure.name, Cause: failure.message };
        const { output, assigned } = await this.finish(
          name,
          catcher,
          { ...states, errorOutput },
          variables,
          errorOutput,
        );
        return { output, assigned, next: catcher.Next };
      }
    }
  }

  private async work(
    name: string,
    state: StateNode,
    states: StatesVariable,
    variables: Variables,
  ): Promise<unknown> {
    const evaluate = (field: string, value: unknown, over: StatesVariable = states) =>
      evaluateField(value, over, variables.visible(), { state: name, field });
    if (state.Type === "Map") return this.map(name, state, states, variables);
    // A callback task's token: the handler swaps the placeholder for a fresh token (taskResources).
    const withToken = String(state.Resource).endsWith(".waitForTaskToken")
      ? { ...states, context: { ...(states.context as object), Task: { Token: TASK_TOKEN_PLACEHOLDER } } }
      : states;
    const args =
      state.Arguments === undefined ? states.input : await evaluate("Arguments", state.Arguments, withToken);
    if (state.Type === "Parallel") {
      const branches = (state.Branches as ScopeNode[]) ?? [];
      return Promise.all(branches.map((branch) => this.scope(branch, args, new Variables(variables))));
    }
    const timeoutSeconds =
      state.TimeoutSeconds === undefined
        ? undefined
        : Number(await evaluate("TimeoutSeconds", state.TimeoutSeconds));
    const heartbeatSeconds =
      state.HeartbeatSeconds === undefined
        ? undefined
        : Number(await evaluate("HeartbeatSeconds", state.HeartbeatSeconds));
    const call = this.run.callTask(name, args, { timeoutSeconds, heartbeatSeconds });
    return timeoutSeconds === undefined ? call : this.withTimeout(call, timeoutSeconds);
  }

  private async map(
    name: string,
    state: StateNode,
    states: StatesVariable,
    variables: Variables,
  ): Promise<unknown[]> {
    const items =
      state.Items === undefined
        ? states.input
        : await evaluateField(state.Items, states, variables.visible(), { state: name, field: "Items" });
    if (!Array.isArray(items))
      throw new TaskError(
        "States.QueryEvaluationError",
        `The Items of the Map state '${name}' must be an array, got ${JSON.stringify(items)}`,
      );
    const history = this.run.options.history;
    history?.add("MapStateStarted", { length: items.length });
    const processor = (state.ItemProcessor ?? state.Iterator) as ScopeNode;
    const limit = Number(state.MaxConcurrency ?? 0) || items.length || 1;
    const results: unknown[] = new Array(items.length);
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < items.length) {
        const index = nextIndex++;
        const item = { Index: index, Value: items[index] };
        const itemStates = { ...states, context: { ...(states.context as object), Map: { Item: item } } };
        const input =
          state.ItemSelector === undefined
            ? items[index]
            : await evaluateField(state.ItemSelector, itemStates, variables.visible(), {
                state: name,
                field: "ItemSelector",
              });
        history?.add("MapIterationStarted", { name, index });
        try {
          results[index] = await this.scope(
            processor,
            input,
            new Variables(variables),
            processor.StartAt,
            false,
            item,
          );
          history?.add("MapIterationSucceeded", { name, index });
        } catch (error) {
          history?.add("MapIterationFailed", { name, index });
          throw error;
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(limit, Math.max(items.length, 1)) }, worker));
    } catch (error) {
      history?.add("MapStateFailed");
      throw error;
    }
    history?.add("MapStateSucceeded");
    return results;
  }

  private withTimeout(call: Promise<unknown>, seconds: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TaskError("States.Timeout", `The task ran longer than its TimeoutSeconds (${seconds} s)`),
          ),
        seconds * 1000,
      );
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }

  /** Waits, or stops waiting when the execution is aborted. */
  private sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Aborted());
      const timer = setTimeout(
        () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Aborted());
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
