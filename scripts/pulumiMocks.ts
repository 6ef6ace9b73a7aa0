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
      return {
        name: physical,
        arn: arn("states", `stateMachine:${physical}`),
        // With `publish`, each definition change publishes a version; a first deploy publishes 1.
        ...(inputs.publish === true
          ? { stateMachineVersionArn: arn("states", `stateMachine:${physical}:1`) }
          : {}),
      };
    case "aws:sfn/alias:Alias": {
      const [routing] = (inputs.routingConfigurations ?? []) as { stateMachineVersionArn?: string }[];
      const machine = String(routing?.stateMachineVersionArn ?? "").replace(/:\d+$/, "");
      return { arn: `${machine}:${String(inputs.name)}` };
    }
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
    case "aws:apigateway/restApi:RestApi":
      return { rootResourceId: `${stableId(name)}-root`, executionArn: arn("execute-api", `${name}-id`) };
    case "aws:apigateway/stage:Stage":
      return {
        invokeUrl: `https://${String(inputs.restApi)}.execute-api.${region}.amazonaws.com/${String(inputs.stageName)}`,
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
    case "aws:s3/bucket:Bucket": {
      const bucket = typeof inputs.bucket === "string" ? inputs.bucket : `${name}-${stableId(name, 7)}`;
      return {
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
      };
    }
    case "aws:appsync/apiKey:ApiKey":
      return { key: `da2-${stableId(name, 26)}` };
    default:
      return {};
  }
}

/** Unwraps the protobuf request the mock monitor receives, to learn each resource's parent. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getIgnorechangesList(): string[];
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
  const parentUrnOf = new Map<string, string>();
  const ignoreChangesOf = new Map<string, string[]>();
  const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const key = `${args.type}::${args.name}`;
        const parentUrn = parentUrnOf.get(key);
        const ignoreChanges = ignoreChangesOf.get(key);
        resources.push({
          type: args.type,
          name: args.name,
          parent: parentUrn ? nameOfUrn(parentUrn) : undefined,
          inputs: args.inputs,
          ...(ignoreChanges ? { ignoreChanges } : {}),
        });
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs, region) };
        return {
          id: args.type === "aws:apigatewayv2/api:Api" ? stableId(args.name) : `${args.name}-id`,
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
  // component tree and the tests see `ignoreChanges`.
  const monitor = settings.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: unknown): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const key = `${request.getType()}::${request.getName()}`;
    if (request.getParent()) parentUrnOf.set(key, request.getParent());
    if (request.getIgnorechangesList().length > 0) ignoreChangesOf.set(key, request.getIgnorechangesList());
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
