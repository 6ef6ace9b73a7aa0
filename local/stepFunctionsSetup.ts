/**
 * Puts the local Step Functions together: the task targets (the project's functions, handler files
 * or a Lambda endpoint for users' machines, DynamoDB, task tokens, child executions), the state
 * machine registry, the execution store with its retention, and the service. Kept out of stack.ts so
 * the stack only says which machines it has.
 */
import path from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LocalWorkflow } from "./engine";
import { DEFAULT_EXECUTION_RETENTION, ExecutionStore } from "./executionStore";
import type { LambdaSources } from "./lambdaTargets";
import { lambdaFinder } from "./lambdaTargets";
import { StateMachines } from "./stateMachines";
import { LocalStepFunctions } from "./stepFunctions";
import type { LambdaHandler, TaskTargets } from "./taskResources";
import { taskHandlersFor } from "./taskResources";
import { TaskTokens } from "./taskTokens";

/** What the local Step Functions is built from. */
export interface StepFunctionsSetup {
  readonly region: string;
  readonly account: string;
  readonly dynamodb: DynamoDBClient;
  /** The project's functions, by ARN. */
  readonly lambdas: ReadonlyMap<string, LambdaHandler>;
  /** Functions for users' own machines. */
  readonly lambdaSources: LambdaSources;
  /** Keeps executions and user machines on disk when set. */
  readonly dataDir?: string;
  /** Finished executions kept. @default 1000 */
  readonly executionRetention?: number;
}

/** The service, and how to add the project's machines to it. */
export interface LocalStepFunctionsSetup {
  readonly service: LocalStepFunctions;
  /** Adds a project machine; throws naming each state it cannot run. */
  addBuiltIn(name: string, type: "EXPRESS" | "STANDARD", asl: object): LocalWorkflow;
  /** Loads the machines users created in an earlier run; returns a line per one that can no longer run. */
  loadSaved(): string[];
}

export function setUpStepFunctions(setup: StepFunctionsSetup): LocalStepFunctionsSetup {
  const tokens = new TaskTokens();
  // The targets start child executions on the service, which needs the targets first.
  const late: { service?: LocalStepFunctions } = {};
  const findLambda = lambdaFinder(setup.lambdaSources);
  const targets: TaskTargets = {
    lambdas: setup.lambdas,
    // The project's functions answer to their names too, as Lambda does.
    findLambda: (name) =>
      [...setup.lambdas].find(([arn]) => arn.endsWith(`:function:${name}`))?.[1] ?? findLambda(name),
    dynamodb: setup.dynamodb,
    tokens,
    children: () => late.service as LocalStepFunctions,
    region: setup.region,
    track: (task) => late.service?.trackTask(task),
  };
  const arnPrefix = `arn:aws:states:${setup.region}:${setup.account}`;
  const machines = new StateMachines(
    arnPrefix,
    targets,
    setup.dataDir && path.join(setup.dataDir, "state-machines"),
  );
  const service = new LocalStepFunctions(
    machines,
    new ExecutionStore(
      setup.dataDir && path.join(setup.dataDir, "executions"),
      setup.executionRetention ?? DEFAULT_EXECUTION_RETENTION,
    ),
    tokens,
  );
  late.service = service;
  return {
    service,
    addBuiltIn: (name, type, asl) => {
      const workflow = new LocalWorkflow(
        name,
        `${arnPrefix}:stateMachine:${name}`,
        type,
        asl,
        taskHandlersFor(name, asl, targets),
      );
      machines.addBuiltIn(workflow, `arn:aws:iam::${setup.account}:role/${name}-role`);
      return workflow;
    },
    loadSaved: () => machines.loadSaved(),
  };
}

/** LOCAL_EXECUTION_RETENTION, checked; undefined when unset. */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.LOCAL_EXECUTION_RETENTION;
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(
      `LOCAL_EXECUTION_RETENTION must be a whole number of executions (at least 1), got "${raw}"`,
    );
  return value;
}
