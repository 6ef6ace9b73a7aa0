/**
 * Runs a Pulumi program offline under `pulumi.runtime.setMocks`: every resource the program
 * registers is recorded (type, name, parent, inputs) and answered with the ids and computed outputs
 * AWS would give (ARNs, endpoints, API keys). The Pulumi CLI cannot run here, so this is how
 * `npm run plan` previews a stack and how the tests inspect components.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

/** A resource the program registered. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** The parent's name, or undefined for a top-level resource. */
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
  /** The `ignoreChanges` resource option, when set (the engine honours it on later updates). */
  readonly ignoreChanges?: string[];
  /** The `protect` resource option, when set: the engine refuses to delete the resource. */
  readonly protect?: true;
  /** The `retainOnDelete` resource option, when set: deleting it only drops it from the stack's state. */
  readonly retainOnDelete?: true;
  /**
   * Names of the resources this one waits for: explicit `dependsOn` and those its inputs come from
   * (the engine creates them first). Absent when there are none.
   */
  readonly dependsOn?: string[];
  /** What the mocks answered for the outputs AWS computes (`arn`, `name`, endpoints). */
  readonly outputs?: Record<string, unknown>;
}

/** What a mocked run produced. */
export interface PlanResult {
  readonly resources: PlannedResource[];
  /** The program's exports, resolved; secrets are wrapped as `{secret: value}`. */
  readonly outputs: Record<string, unknown>;
}

/** The account every mocked ARN uses (AWS's documentation placeholder). */
export const MOCK_ACCOUNT = "123456789012";

/** A short stable id derived from a name, so plans are the same from run to run. */
function stableId(name: string, length = 10): string {
  return createHash("sha256").update(name).digest("hex").slice(0, length);
}

/** The outputs AWS computes for each resource type we create. */
function computed(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region: string,
): Record<string, unknown> {
  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-${stableId(name, 7)}`;
  const arn = (service: string, resource: string, withRegion = true) =>
    `arn:aws:${service}:${withRegion ? region : ""}:${MOCK_ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:lambda/function:Function":
      return {
        name: physical,
        arn: arn("lambda", `function:${physical}`),
        invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn("lambda", `function:${physical}`)}/invocations`,
      };
    case "aws:iam/role:Role":
      return { name: physical, arn: arn("iam", `role/${physical}`, false) };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name: physical, arn: arn("logs", `log-group:${physical}`) };
    case "aws:sfn/stateMachine:StateMachine":
      return { name: physical, arn: arn("states", `stateMachine:${physical}`) };
    case "aws:apigatewayv2/api:Api": {
      const id = stableId(name);
      return {
        apiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com`,
        executionArn: arn("execute-api", id),
        arn: `arn:aws:apigateway:${region}::/apis/${id}`,
      };
    }
    case "aws:apigatewayv2/stage:Stage":
      return {
        invokeUrl: `https://${String(inputs.apiId)}.execute-api.${region}.amazonaws.com/`,
      };
    case "aws:dynamodb/table:Table":
      return { name: physical, arn: arn("dynamodb", `table/${physical}`) };
    case "aws:appsync/graphQLApi:GraphQLApi": {
      const id = stableId(name, 26);
      return {
        arn: arn("appsync", `apis/${id}`),
        uris: {
          GRAPHQL: `https://${id}.appsync-api.${region}.amazonaws.com/graphql`,
          REALTIME: `wss://${id}.appsync-realtime-api.${region}.amazonaws.com/graphql`,
        },
      };
    }
    case "aws:cognito/userPool:UserPool":
      return { arn: arn("cognito-idp", `userpool/${region}_${stableId(name, 9)}`) };
    case "aws:appsync/apiKey:ApiKey":
      return { key: `da2-${stableId(name, 26)}` };
    default:
      return {};
  }
}

/**
 * Assets and archives arrive as objects whose contents are Promises, which JSON would print as
 * `{}`: record each file's SHA-256 instead, so a plan shows (and a test compares) what a deploy
 * would upload, without megabytes of bundles in it.
 */
async function plainAssets(value: unknown): Promise<unknown> {
  if (isAssetOrArchive(value)) {
    const packed = value as unknown as {
      assets?: Promise<Record<string, unknown>>;
      text?: Promise<string>;
      path?: Promise<string>;
    };
    if (packed.assets) {
      const entries = await Promise.all(
        Object.entries(await packed.assets).map(async ([file, asset]) => [file, await plainAssets(asset)]),
      );
      return { archive: Object.fromEntries(entries) };
    }
    if (packed.text) {
      const text = await packed.text;
      return { sha256: createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text) };
    }
    return { path: await packed.path };
  }
  if (Array.isArray(value)) return Promise.all(value.map(plainAssets));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      await Promise.all(Object.entries(value).map(async ([key, inner]) => [key, await plainAssets(inner)])),
    );
  return value;
}

/** A boolean, not a type guard: Pulumi's Asset and Archive have no members, so a guard would narrow `unknown` to `never`. */
function isAssetOrArchive(value: unknown): boolean {
  return pulumi.asset.Archive.isInstance(value) || pulumi.asset.Asset.isInstance(value);
}

/** The id AWS gives a resource: its own format where one matters (Cognito ids are validated). */
function mockId(type: string, name: string, region: string): string {
  switch (type) {
    case "aws:apigatewayv2/api:Api":
      return stableId(name);
    case "aws:cognito/userPool:UserPool":
      return `${region}_${stableId(name, 9)}`;
    case "aws:cognito/userPoolClient:UserPoolClient":
      return stableId(name, 26);
    default:
      return `${name}-id`;
  }
}

/** Unwraps the protobuf request the mock monitor receives, to learn each resource's parent. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getIgnorechangesList(): string[];
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDependenciesList(): string[];
}

/** The resource options the mocks' newResource callback is not told, read from the monitor's request. */
interface RecordedOptions {
  parentUrn?: string;
  ignoreChanges?: string[];
  protect?: true;
  retainOnDelete?: true;
  dependsOn?: string[];
}

/**
 * Runs `program` under mocks with `config` (the PULUMI_CONFIG map) and returns what it registered
 * and exported. Runs in this process: mocks are process-global, so run one program at a time.
 */
export async function runUnderMocks(
  program: () => Promise<Record<string, unknown>>,
  {
    config = {},
    stack = "dev",
    project = "pizza-booking",
  }: { config?: Record<string, string>; stack?: string; project?: string } = {},
): Promise<PlanResult> {
  const region = config["aws:region"] ?? "us-east-1";
  const resources: PlannedResource[] = [];
  const optionsOf = new Map<string, RecordedOptions>();
  const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource: async (args) => {
        const { parentUrn, ...options } = optionsOf.get(`${args.type}::${args.name}`) ?? {};
        const outputs = computed(args.type, args.name, args.inputs, region);
        resources.push({
          type: args.type,
          name: args.name,
          parent: parentUrn ? nameOfUrn(parentUrn) : undefined,
          inputs: (await plainAssets(args.inputs)) as Record<string, unknown>,
          ...options,
          ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
        });
        const state = { ...args.inputs, ...outputs };
        return {
          id: mockId(args.type, args.name, region),
          state,
        };
      },
      call: (args) => {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity")
          return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/plan`, userId: "plan" };
        if (args.token === "aws:index/getRegion:getRegion") return { name: region, id: region };
        if (args.token === "aws:index/getPartition:getPartition")
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        return args.inputs;
      },
    },
    project,
    stack,
    // Not a preview: there, an output the mocks leave out is "unknown" and awaiting it never ends.
    false,
  );

  // The mocks' newResource callback is not told the parent or the resource options; the monitor's
  // request is. Wrapping the (internal but long-stable) registerResource lets the plan show the
  // component tree and the tests and policies see `ignoreChanges`, `protect`, `retainOnDelete` and
  // what each resource waits for.
  const monitor = settings.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const ignoreChanges = request.getIgnorechangesList();
    const dependsOn = [...new Set(request.getDependenciesList().map(nameOfUrn))].sort();
    optionsOf.set(`${request.getType()}::${request.getName()}`, {
      ...(request.getParent() ? { parentUrn: request.getParent() } : {}),
      ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
      ...(request.getProtect() ? { protect: true } : {}),
      ...(request.getRetainondelete() ? { retainOnDelete: true } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    });
    return register(request, callback);
  };

  const exports = await program();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exports)) {
    if (!pulumi.Output.isInstance(value)) continue;
    const resolved = await new Promise<unknown>((resolve) => value.apply((inner) => resolve(inner)));
    outputs[key] = (await pulumi.isSecret(value)) ? { secret: resolved } : resolved;
  }
  // Resources that no export depends on may still be registering: wait for the RPC queue to drain.
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return { resources, outputs };
}
