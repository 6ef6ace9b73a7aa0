import { SERVICE_INTEGRATIONS } from "../../definitions/asl/integrations/catalog";
import { emitCondition } from "./conditions";
import { Source } from "./source";

/**
 * Turns an ASL definition into TypeScript that builds it with the chain API (`new Task(...)`,
 * `a.next(b)`, `choice.when(Condition...)`), so a definition found in the wild becomes builder code
 * that renders back to the same ASL. `${...}` placeholders (SAM, CDK and Terraform substitutions)
 * become typed parameters of the generated function.
 */

/** Options of the generator. */
export interface GenerateOptions {
  /** The generated function's name. @default "importedDefinition" */
  readonly name?: string;
  /** Placeholders replaced by fixed values instead of becoming parameters (`--substitute KEY=VALUE`). */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** The module specifier the generated code imports the builder from. @default "../definitions/asl" */
  readonly builderModule?: string;
  /** Where the definition came from, written in the generated header. */
  readonly sourceName?: string;
}

/** Thrown when the definition uses something the chain API cannot express; lists every such place. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(readonly problems: readonly string[]) {
    super(`Cannot write this definition with the chain API:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Json = Record<string, unknown>;

/** The fields the chain API renders, per state type (the rest cannot round-trip, so importing refuses them). */
const COMMON = [
  "Type",
  "Comment",
  "QueryLanguage",
  "InputPath",
  "OutputPath",
  "Output",
  "Assign",
  "Next",
  "End",
];
/** Fields every state type renders through `StateProps`. */
const STATE_OPTIONS = ["Comment", "QueryLanguage", "InputPath", "OutputPath", "Output", "Assign"];
const SUPPORTED: Record<string, readonly string[]> = {
  Pass: [...COMMON, "Parameters", "Result", "ResultPath"],
  Task: [
    ...COMMON,
    ...["Resource", "Parameters", "ResultSelector", "ResultPath", "TimeoutSeconds", "TimeoutSecondsPath"],
    ...["HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Arguments", "Credentials"],
  ],
  Choice: [
    "Type",
    "Comment",
    "QueryLanguage",
    "InputPath",
    "OutputPath",
    "Output",
    "Assign",
    "Choices",
    "Default",
  ],
  Wait: [...COMMON, "Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
  Succeed: ["Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Output"],
  Fail: ["Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"],
  Parallel: [
    ...COMMON,
    "Branches",
    "Parameters",
    "Arguments",
    "ResultSelector",
    "ResultPath",
    "Retry",
    "Catch",
  ],
  Map: [
    ...COMMON,
    ...["ItemProcessor", "ItemsPath", "ItemSelector", "MaxConcurrency", "MaxConcurrencyPath"],
    ...["ResultSelector", "ResultPath", "Retry", "Catch", "Items", "Label", "ItemBatcher"],
    ...["Iterator", "Parameters", "ItemReader", "ResultWriter"],
    ...[
      "ToleratedFailureCount",
      "ToleratedFailureCountPath",
      "ToleratedFailurePercentage",
      "ToleratedFailurePercentagePath",
    ],
  ],
};
const OPTION_OF: Record<string, string> = {
  Comment: "comment",
  QueryLanguage: "queryLanguage",
  Output: "output",
  Assign: "assign",
  Arguments: "arguments",
  Credentials: "credentials",
  Items: "items",
  Label: "label",
  ItemBatcher: "itemBatcher",
  ToleratedFailureCount: "toleratedFailureCount",
  ToleratedFailureCountPath: "toleratedFailureCountPath",
  ToleratedFailurePercentage: "toleratedFailurePercentage",
  ToleratedFailurePercentagePath: "toleratedFailurePercentagePath",
  InputPath: "inputPath",
  OutputPath: "outputPath",
  Parameters: "parameters",
  Result: "result",
  ResultPath: "resultPath",
  ResultSelector: "resultSelector",
  TimeoutSeconds: "timeoutSeconds",
  TimeoutSecondsPath: "timeoutSecondsPath",
  HeartbeatSeconds: "heartbeatSeconds",
  HeartbeatSecondsPath: "heartbeatSecondsPath",
  Error: "error",
  ErrorPath: "errorPath",
  Cause: "cause",
  CausePath: "causePath",
  ItemsPath: "itemsPath",
  ItemSelector: "itemSelector",
  MaxConcurrency: "maxConcurrency",
  MaxConcurrencyPath: "maxConcurrencyPath",
};
const RETRY_OPTION: Record<string, string> = {
  ErrorEquals: "errors",
  IntervalSeconds: "intervalSeconds",
  MaxAttempts: "maxAttempts",
  BackoffRate: "backoffRate",
  MaxDelaySeconds: "maxDelaySeconds",
  JitterStrategy: "jitterStrategy",
  Comment: "comment",
};
const INTEGRATION = /^arn:([\w-]+):states:::([\w-]+):(\w+)(\.sync(?::2)?|\.waitForTaskToken)?$/;

/** Writes the TypeScript module for `definition`. */
export function generateBuilderCode(definition: unknown, options: GenerateOptions = {}): string {
  const root = definition as Json;
  const problems: string[] = [];
  for (const key of Object.keys(root ?? {})) {
    if (!["StartAt", "States", "Comment", "TimeoutSeconds", "QueryLanguage"].includes(key)) {
      problems.push(`the definition's ${key} field has no chain API equivalent yet`);
    }
  }
  const source = new Source(options.substitutions ?? {});
  const declarations: string[] = [];
  const wiring: string[] = [];
  const variables = new Map<string, string>();
  const used = new Set<string>();
  const imports = new Set<string>(["StateMachineDefinition"]);

  const variableFor = (name: string) => {
    let variable = variables.get(name);
    if (variable === undefined) {
      variable = identifier(name, used);
      variables.set(name, variable);
    }
    return variable;
  };

  const emitMachine = (machine: Json, where: string): string | undefined => {
    const states = machine.States as Record<string, Json> | undefined;
    if (typeof machine.StartAt !== "string" || states === null || typeof states !== "object") {
      problems.push(`${where} has no StartAt and States`);
      return undefined;
    }
    for (const [name, state] of Object.entries(states)) emitState(name, state);
    return variableFor(machine.StartAt);
  };

  const emitState = (name: string, state: Json) => {
    const variable = variableFor(name);
    const type = String(state.Type);
    const allowed = SUPPORTED[type];
    if (!allowed) {
      problems.push(`State "${name}" has Type ${JSON.stringify(state.Type)}`);
      return;
    }
    for (const key of Object.keys(state)) {
      if (!allowed.includes(key)) problems.push(`State "${name}": ${key} has no chain API equivalent yet`);
    }
    const props: string[] = [];
    const option = (key: string) => {
      if (key in state) props.push(`${OPTION_OF[key]}: ${source.value(state[key])}`);
    };
    const quoted = source.value(name);
    switch (type) {
      case "Pass":
        imports.add("Pass");
        [...STATE_OPTIONS, "Parameters", "Result", "ResultPath"].forEach(option);
        declarations.push(`const ${variable} = new Pass(${quoted}${objectArg(props)});`);
        break;
      case "Succeed":
        imports.add("Succeed");
        STATE_OPTIONS.forEach(option);
        declarations.push(`const ${variable} = new Succeed(${quoted}${objectArg(props)});`);
        break;
      case "Fail":
        imports.add("Fail");
        ["Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"].forEach(option);
        declarations.push(`const ${variable} = new Fail(${quoted}${objectArg(props)});`);
        break;
      case "Wait": {
        imports.add("Wait").add("WaitTime");
        STATE_OPTIONS.forEach(option);
        const [field, factory] = (
          [
            ["Seconds", "duration"],
            ["SecondsPath", "secondsPath"],
            ["Timestamp", "timestamp"],
            ["TimestampPath", "timestampPath"],
          ] as const
        ).find(([key]) => key in state) ?? ["Seconds", "duration"];
        props.unshift(`time: WaitTime.${factory}(${source.value(state[field])})`);
        declarations.push(`const ${variable} = new Wait(${quoted}${objectArg(props)});`);
        break;
      }
      case "Choice": {
        imports.add("Choice");
        STATE_OPTIONS.forEach(option);
        declarations.push(`const ${variable} = new Choice(${quoted}${objectArg(props)});`);
        for (const rule of (state.Choices as Json[] | undefined) ?? []) {
          const { Next, Comment, Assign, Output, ...condition } = rule;
          imports.add("Condition");
          const code =
            typeof condition.Condition === "string" && Object.keys(condition).length === 1
              ? `Condition.jsonata(${source.value(condition.Condition)})`
              : emitCondition(condition, source, (problem) => problems.push(`State "${name}": ${problem}`));
          const fields = Object.entries({ comment: Comment, assign: Assign, output: Output })
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => `${key}: ${source.value(value)}`);
          const ruleOptions = fields.length === 0 ? "" : `, { ${fields.join(", ")} }`;
          wiring.push(`${variable}.when(${code}, ${variableFor(String(Next))}${ruleOptions});`);
        }
        if (typeof state.Default === "string")
          wiring.push(`${variable}.otherwise(${variableFor(state.Default)});`);
        break;
      }
      case "Task":
        declarations.push(`const ${variable} = ${taskCode(name, state, props, option, source, imports)};`);
        break;
      case "Parallel": {
        imports.add("Parallel");
        [...STATE_OPTIONS, "Parameters", "Arguments", "ResultSelector", "ResultPath"].forEach(option);
        declarations.push(`const ${variable} = new Parallel(${quoted}${objectArg(props)});`);
        const starts = ((state.Branches as Json[] | undefined) ?? []).map((branch, index) => {
          if ("Comment" in branch)
            problems.push(`State "${name}": branch ${index + 1}'s Comment has no chain API equivalent yet`);
          return emitMachine(branch, `State "${name}" branch ${index + 1}`);
        });
        wiring.push(`${variable}.branch(${starts.join(", ")});`);
        break;
      }
      case "Map": {
        imports.add("MapState");
        [
          ...STATE_OPTIONS,
          "ItemsPath",
          "Items",
          "ItemSelector",
          "MaxConcurrency",
          "MaxConcurrencyPath",
        ].forEach(option);
        ["ItemBatcher", "Label", "ToleratedFailureCount", "ToleratedFailureCountPath"].forEach(option);
        [
          "ToleratedFailurePercentage",
          "ToleratedFailurePercentagePath",
          "ResultSelector",
          "ResultPath",
        ].forEach(option);
        const processor = state.ItemProcessor as Json | undefined;
        const config = (processor?.ProcessorConfig ?? {}) as Json;
        if (config.Mode === "DISTRIBUTED") props.push(`mode: "DISTRIBUTED"`);
        if (config.ExecutionType !== undefined)
          props.push(`executionType: ${source.value(config.ExecutionType)}`);
        if ("Parameters" in state) props.push(`parameters: ${source.value(state.Parameters)}`);
        for (const [field, builderClass] of [
          ["ItemReader", "ItemReader"],
          ["ResultWriter", "ResultWriter"],
        ] as const) {
          if (!(field in state)) continue;
          imports.add(builderClass).add("itemSourcePermissions");
          const json = source.value(state[field]);
          props.push(
            `${field === "ItemReader" ? "itemReader" : "resultWriter"}: ${builderClass}.fromJson(${json}, itemSourcePermissions(${quoted}, { ${field}: ${json} }, options))`,
          );
        }
        if ("Iterator" in state) {
          props.push("legacyIterator: true");
          wiring.push(
            `${variable}.itemProcessor(${emitMachine(state.Iterator as Json, `State "${name}" Iterator`)});`,
          );
        }
        declarations.push(`const ${variable} = new MapState(${quoted}${objectArg(props)});`);
        const known = Object.keys(config).every((key) => key === "Mode" || key === "ExecutionType");
        if ("Iterator" in state) {
          if (processor) problems.push(`State "${name}": give either Iterator or ItemProcessor, not both`);
        } else if (!processor || !known || !("Mode" in config)) {
          problems.push(
            `State "${name}": only an ItemProcessor with ProcessorConfig { Mode[, ExecutionType] } has a chain API equivalent`,
          );
        } else {
          if ("Comment" in processor)
            problems.push(`State "${name}": the ItemProcessor's Comment has no chain API equivalent yet`);
          wiring.push(
            `${variable}.itemProcessor(${emitMachine(processor, `State "${name}" ItemProcessor`)});`,
          );
        }
        break;
      }
    }
    for (const retry of (state.Retry as Json[] | undefined) ?? []) {
      const fields = Object.entries(retry).map(
        ([key, value]) => `${RETRY_OPTION[key] ?? key}: ${source.value(value)}`,
      );
      wiring.push(`${variable}.addRetry({ ${fields.join(", ")} });`);
    }
    for (const { Next, ErrorEquals, ResultPath, Comment } of (state.Catch as Json[] | undefined) ?? []) {
      const fields = [`errors: ${source.value(ErrorEquals)}`];
      if (ResultPath !== undefined) fields.push(`resultPath: ${source.value(ResultPath)}`);
      if (Comment !== undefined) fields.push(`comment: ${source.value(Comment)}`);
      wiring.push(`${variable}.addCatch(${variableFor(String(Next))}, { ${fields.join(", ")} });`);
    }
    if (typeof state.Next === "string") wiring.push(`${variable}.next(${variableFor(state.Next)});`);
  };

  const start = emitMachine(root ?? {}, "the definition");
  if (problems.length > 0) throw new ImportError(problems);

  const definitionOptions: string[] = [];
  if (root.Comment !== undefined) definitionOptions.push(`comment: ${source.value(root.Comment)}`);
  if (root.QueryLanguage !== undefined)
    definitionOptions.push(`queryLanguage: ${source.value(root.QueryLanguage)}`);
  if (root.TimeoutSeconds !== undefined)
    definitionOptions.push(`timeoutSeconds: ${source.value(root.TimeoutSeconds)}`);
  const functionName = options.name ?? "importedDefinition";
  const parametersType = `${functionName.charAt(0).toUpperCase()}${functionName.slice(1)}Parameters`;
  const parameterList = source.parameters();
  const signature =
    parameterList.length > 0
      ? `parameters: ${parametersType}, options: DeriveOptions = {}`
      : "options: DeriveOptions = {}";
  const builder = options.builderModule ?? "../definitions/asl";
  return [
    `// Written by \`npm run import-asl\`${options.sourceName ? ` from ${options.sourceName}` : ""}; renders back to the same ASL.`,
    `import { ${[...imports].sort().join(", ")} } from ${JSON.stringify(builder)};`,
    `import type { DeriveOptions } from ${JSON.stringify(builder)};`,
    "",
    ...(parameterList.length > 0
      ? [
          "/** The values of the definition's `${...}` placeholders. */",
          `export interface ${parametersType} {`,
          ...parameterList.map(
            ({ placeholder, identifier: id }) => `  /** \`\${${placeholder}}\` */\n  readonly ${id}: string;`,
          ),
          "}",
          "",
        ]
      : []),
    "/**",
    " * Builds the definition with the chain API. IAM is derived per Task as `fromAsl` derives it;",
    " * `options.environment` fills region and account, `options.statePermissions` covers the states",
    " * whose resources are only known at run time.",
    " */",
    `export function ${functionName}(${signature}): StateMachineDefinition {`,
    ...declarations.map((line) => `  ${line}`),
    ...wiring.map((line) => `  ${line}`),
    `  return StateMachineDefinition.fromChain(${start}${definitionOptions.length > 0 ? `, { ${definitionOptions.join(", ")} }` : ""});`,
    "}",
    "",
  ].join("\n");
}

/** A Task: a generated table factory when one fits, else the integration derived from its Resource. */
function taskCode(
  name: string,
  state: Json,
  props: string[],
  option: (key: string) => void,
  source: Source,
  imports: Set<string>,
): string {
  const quoted = source.value(name);
  const resource = typeof state.Resource === "string" ? state.Resource : "";
  const match = INTEGRATION.exec(resource);
  const common = [...STATE_OPTIONS, "Credentials", "ResultSelector", "ResultPath"];
  const timing = ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"];
  const entry = match
    ? (SERVICE_INTEGRATIONS as Record<string, Record<string, unknown>>)[match[2]]?.[match[3]]
    : undefined;
  const permissions = `options.statePermissions?.[${quoted}]`;
  if (
    match &&
    entry &&
    state.Parameters !== undefined &&
    !("Arguments" in state) &&
    !source.hasPlaceholder(resource)
  ) {
    imports.add("Integrations");
    props.push(`parameters: ${source.value(state.Parameters)}`);
    if (match[4]) props.push(`pattern: ${JSON.stringify(match[4])}`);
    if (match[1] !== "aws") props.push(`partition: ${JSON.stringify(match[1])}`);
    props.push("environment: options.environment", `permissions: ${permissions}`);
    [...common, ...timing].forEach(option);
    const service = /^\w+$/.test(match[2]) ? `.${match[2]}` : `[${JSON.stringify(match[2])}]`;
    return `Integrations${service}.${match[3]}(${quoted}${objectArg(props)})`;
  }
  imports.add("Task").add("integrationFromAsl");
  const integration = [`Resource: ${source.value(state.Resource)}`];
  if (state.Parameters !== undefined) integration.push(`Parameters: ${source.value(state.Parameters)}`);
  if (state.Arguments !== undefined) integration.push(`Arguments: ${source.value(state.Arguments)}`);
  props.unshift(`integration: integrationFromAsl(${quoted}, { ${integration.join(", ")} }, options)`);
  [...common, ...timing].forEach(option);
  return `new Task(${quoted}${objectArg(props)})`;
}

function objectArg(props: string[]): string {
  return props.length > 0 ? `, { ${props.join(", ")} }` : "";
}

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await options parameters".split(
    " ",
  ),
);

/** A camelCase variable name for a state, unique within the generated function. */
function identifier(name: string, used: Set<string>): string {
  const words = name.match(/[A-Za-z0-9]+/g) ?? ["state"];
  let base = words
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join("");
  if (/^\d/.test(base)) base = `state${base}`;
  if (RESERVED.has(base) || ["Pass", "Task", "Map", "Choice"].includes(base)) base = `${base}State`;
  let candidate = base;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${base}${n}`;
  used.add(candidate);
  return candidate;
}
