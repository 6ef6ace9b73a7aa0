/**
 * The state machines of the local Step Functions: the project's own (built from definitions/ at
 * start, read-only here) and the ones a user creates with CreateStateMachine, as Step Functions Local
 * users do, kept in the data folder so they survive a restart. Create is idempotent for an identical
 * request and `StateMachineAlreadyExists` otherwise (AWS Step Functions API Reference,
 * CreateStateMachine); a definition is checked with AWS's own validator, the one the builder uses
 * (`InvalidDefinition` with its findings), and against what the local engines run, naming the state.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AslDefinition } from "../definitions/asl";
import { aslValidatorErrors } from "../definitions/asl/aslValidator";
import { LocalWorkflow } from "./engine";
import { checkedName, missing } from "./executionRules";
import { checkedStateMachineArn } from "./arns";
import { ServiceError } from "./serviceErrors";
import type { TaskTargets } from "./taskResources";
import { UnsupportedDefinitionError, taskHandlersFor } from "./taskResources";

/** One state machine and what DescribeStateMachine reports of it. */
export interface StateMachineEntry {
  readonly workflow: LocalWorkflow;
  readonly definition: string;
  readonly roleArn: string;
  /** Epoch milliseconds. */
  readonly creationDate: number;
  /** Defined by the project (definitions/), not by CreateStateMachine. */
  readonly builtIn: boolean;
}

/** The request members of the state machine actions. */
export interface StateMachineRequest {
  name?: string;
  definition?: string;
  roleArn?: string;
  type?: string;
  stateMachineArn?: string;
  maxResults?: number;
  nextToken?: string;
}

/** What a saved user state machine holds. */
interface SavedMachine {
  name: string;
  definition: string;
  roleArn: string;
  type: "STANDARD" | "EXPRESS";
  creationDate: number;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Every state machine by ARN. */
export class StateMachines {
  private readonly entries = new Map<string, StateMachineEntry>();

  constructor(
    private readonly arnPrefix: string,
    private readonly targets: TaskTargets,
    private readonly folder?: string,
  ) {}

  /** Adds one of the project's machines. */
  addBuiltIn(workflow: LocalWorkflow, roleArn: string): void {
    this.entries.set(workflow.arn, {
      workflow,
      definition: JSON.stringify(workflow.asl),
      roleArn,
      creationDate: Date.now(),
      builtIn: true,
    });
  }

  /** Recreates the machines saved in the data folder; returns a line per one that can no longer run. */
  loadSaved(): string[] {
    if (!this.folder) return [];
    mkdirSync(this.folder, { recursive: true });
    const problems: string[] = [];
    for (const file of readdirSync(this.folder).filter((name) => name.endsWith(".json"))) {
      const saved = JSON.parse(readFileSync(path.join(this.folder, file), "utf8")) as SavedMachine;
      try {
        this.entries.set(this.arnFor(saved.name), this.entry(saved));
      } catch (error) {
        problems.push(`State machine "${saved.name}" was not loaded: ${(error as Error).message}`);
      }
    }
    return problems;
  }

  /** The machine an ARN names: `InvalidArn` / `StateMachineDoesNotExist` as the service answers. */
  get(arn: string | undefined): StateMachineEntry {
    // Every key is a valid state machine ARN: a hit needs no checks (this runs per execution).
    const known = arn === undefined ? undefined : this.entries.get(arn);
    if (known) return known;
    const checked = checkedStateMachineArn(arn);
    const entry = this.entries.get(checked);
    if (!entry)
      throw new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${checked}'`);
    return entry;
  }

  /** The machine by ARN, without the service's checks (resuming executions). */
  find(arn: string): StateMachineEntry | undefined {
    return this.entries.get(arn);
  }

  create(request: StateMachineRequest): { stateMachineArn: string; creationDate: number } {
    const name = checkedName(
      request.name ??
        (() => {
          throw missing("name");
        })(),
    );
    if (request.definition === undefined) throw missing("definition");
    if (request.roleArn === undefined) throw missing("roleArn");
    if (!ROLE_ARN.test(request.roleArn))
      throw new ServiceError("InvalidArn", `Invalid Arn: '${request.roleArn}'`);
    const type = request.type ?? "STANDARD";
    if (type !== "STANDARD" && type !== "EXPRESS")
      throw new ServiceError(
        "ValidationException",
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    const arn = this.arnFor(name);
    const existing = this.entries.get(arn);
    if (existing) {
      if (
        existing.definition === request.definition &&
        existing.roleArn === request.roleArn &&
        existing.workflow.type === type
      )
        return { stateMachineArn: arn, creationDate: existing.creationDate / 1000 };
      throw new ServiceError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
    }
    const saved: SavedMachine = {
      name,
      definition: request.definition,
      roleArn: request.roleArn,
      type,
      creationDate: Date.now(),
    };
    this.entries.set(arn, this.entry(saved));
    this.save(saved);
    return { stateMachineArn: arn, creationDate: saved.creationDate / 1000 };
  }

  /** UpdateStateMachine: new executions use the new definition; running ones keep theirs, as in AWS. */
  update(request: StateMachineRequest): { updateDate: number; revisionId: string } {
    const entry = this.userMachine(request.stateMachineArn);
    if (request.definition === undefined && request.roleArn === undefined)
      throw new ServiceError(
        "MissingRequiredParameter",
        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
      );
    if (request.roleArn !== undefined && !ROLE_ARN.test(request.roleArn))
      throw new ServiceError("InvalidArn", `Invalid Arn: '${request.roleArn}'`);
    const saved: SavedMachine = {
      name: entry.workflow.name,
      definition: request.definition ?? entry.definition,
      roleArn: request.roleArn ?? entry.roleArn,
      type: entry.workflow.type,
      creationDate: entry.creationDate,
    };
    this.entries.set(entry.workflow.arn, this.entry(saved));
    this.save(saved);
    return {
      updateDate: Date.now() / 1000,
      revisionId: createHash("sha256")
        .update(saved.definition)
        .update(saved.roleArn)
        .digest("hex")
        .slice(0, 32),
    };
  }

  /** DeleteStateMachine: running executions finish; new ones are refused. */
  delete(request: StateMachineRequest): Record<string, never> {
    const arn = checkedStateMachineArn(request.stateMachineArn);
    if (!this.entries.has(arn)) return {};
    const entry = this.userMachine(arn);
    this.entries.delete(arn);
    if (this.folder) rmSync(this.fileFor(entry.workflow.name), { force: true });
    return {};
  }

  describe(request: StateMachineRequest): Record<string, unknown> {
    const entry = this.get(request.stateMachineArn);
    return {
      stateMachineArn: entry.workflow.arn,
      name: entry.workflow.name,
      status: "ACTIVE",
      definition: entry.definition,
      roleArn: entry.roleArn,
      type: entry.workflow.type,
      creationDate: entry.creationDate / 1000,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  list(request: StateMachineRequest): { stateMachines: Record<string, unknown>[]; nextToken?: string } {
    const all = [...this.entries.values()].sort((a, b) => a.workflow.name.localeCompare(b.workflow.name));
    const size = request.maxResults || 100;
    const offset =
      request.nextToken === undefined ? 0 : Number(Buffer.from(request.nextToken, "base64").toString());
    if (!Number.isInteger(offset) || offset < 0)
      throw new ServiceError("InvalidToken", `Invalid Token: '${request.nextToken}'`);
    const page = all.slice(offset, offset + size);
    return {
      stateMachines: page.map((entry) => ({
        stateMachineArn: entry.workflow.arn,
        name: entry.workflow.name,
        type: entry.workflow.type,
        creationDate: entry.creationDate / 1000,
      })),
      ...(offset + size < all.length
        ? { nextToken: Buffer.from(String(offset + size)).toString("base64") }
        : {}),
    };
  }

  private userMachine(arn: string | undefined): StateMachineEntry {
    const entry = this.get(arn);
    if (entry.builtIn)
      throw new ServiceError(
        "ValidationException",
        `${entry.workflow.name} is defined by the project (definitions/); change it there and restart the local stack`,
      );
    return entry;
  }

  private arnFor(name: string): string {
    return `${this.arnPrefix}:stateMachine:${name}`;
  }

  private entry(saved: SavedMachine): StateMachineEntry {
    let asl: unknown;
    try {
      asl = JSON.parse(saved.definition);
    } catch (error) {
      throw new ServiceError(
        "InvalidDefinition",
        `Invalid State Machine Definition: '${(error as Error).message}'`,
      );
    }
    // amazon-states-language-service, what the AWS Toolkit validates with: no false rejections.
    const findings = aslValidatorErrors(asl as AslDefinition);
    if (findings.length > 0)
      throw new ServiceError(
        "InvalidDefinition",
        `Invalid State Machine Definition: '${findings.join("; ")}'`,
      );
    try {
      const arn = this.arnFor(saved.name);
      const workflow = new LocalWorkflow(
        saved.name,
        arn,
        saved.type,
        asl as object,
        taskHandlersFor(saved.name, asl as object, this.targets),
      );
      return {
        workflow,
        definition: saved.definition,
        roleArn: saved.roleArn,
        creationDate: saved.creationDate,
        builtIn: false,
      };
    } catch (error) {
      if (error instanceof UnsupportedDefinitionError)
        throw new ServiceError(
          "InvalidDefinition",
          `Invalid State Machine Definition for the local stack: ${error.message}`,
        );
      throw error;
    }
  }

  private fileFor(name: string): string {
    return path.join(this.folder as string, `${name}.json`);
  }

  private save(saved: SavedMachine): void {
    if (!this.folder) return;
    mkdirSync(this.folder, { recursive: true });
    const file = this.fileFor(saved.name);
    writeFileSync(`${file}.tmp`, JSON.stringify(saved));
    renameSync(`${file}.tmp`, file);
  }
}
