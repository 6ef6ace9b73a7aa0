/**
 * `npm run plan [-- --stack dev] [--json]`: an offline `pulumi preview`. Runs index.ts under Pulumi
 * mocks with the stack's configuration and prints every resource (type, name, parent, inputs) and
 * the stack outputs. The Pulumi CLI cannot be installed here; this shows what `pulumi up` creates.
 */
import path from "node:path";
import type { PlanResult, PlannedResource } from "./pulumiMocks";
import { availableStacks, loadStackConfig, projectName } from "../common/stackConfig";

const ROOT = path.resolve(__dirname, "..");

/** Runs the stack's program under mocks. */
export async function plan(stack: string): Promise<PlanResult> {
  const config = loadStackConfig(stack, ROOT);
  // Loaded only now, so a mistyped stack or argument is refused at once, before Pulumi loads.
  const { runUnderMocks } = await import("./pulumiMocks");
  // A module runs once per process: forget index.ts so a second plan (another stack) runs it again.
  delete require.cache[require.resolve("../index")];
  return runUnderMocks(async () => ({ ...(await import("../index")) }), {
    config,
    stack,
    project: projectName(ROOT),
  });
}

/** The plan as the JSON `--json` prints. */
export function planJson(result: PlanResult): string {
  const outputs = Object.fromEntries(
    Object.entries(result.outputs).map(([key, value]) => [key, hideSecret(value)]),
  );
  return JSON.stringify(
    {
      resources: result.resources.map(({ type, name, parent, inputs }) => ({
        type,
        name,
        parent: parent ?? null,
        inputs,
      })),
      outputs,
    },
    null,
    2,
  );
}

/** The plan as an indented tree, like `pulumi preview`, then the outputs. */
export function planText(result: PlanResult, stack: string): string {
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of result.resources)
    children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
  const lines = [
    `Previewing stack ${stack} (offline, under Pulumi mocks)`,
    "",
    "     Type                                       Name",
  ];
  const walk = (parent: string | undefined, depth: number) => {
    for (const resource of children.get(parent) ?? []) {
      lines.push(` +   ${"  ".repeat(depth)}${resource.type.padEnd(42 - depth * 2)} ${resource.name}`);
      walk(resource.name, depth + 1);
    }
  };
  walk(undefined, 0);
  lines.push("", "Outputs:");
  for (const [key, value] of Object.entries(result.outputs))
    lines.push(`    ${key.padEnd(24)}: ${JSON.stringify(hideSecret(value))}`);
  lines.push("", `Resources:\n    + ${result.resources.length} to create`);
  return lines.join("\n");
}

function hideSecret(value: unknown): unknown {
  return value !== null && typeof value === "object" && "secret" in value ? "[secret]" : value;
}

async function main(argv: string[]): Promise<void> {
  let stack = "dev";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--json") json = true;
    else if (argv[i] === "--stack" || argv[i] === "-s") stack = argv[++i] ?? "";
    else if (argv[i].startsWith("--stack=")) stack = argv[i].slice("--stack=".length);
    else
      throw new Error(
        `Unknown argument "${argv[i]}". Usage: npm run plan [-- --stack <${availableStacks(ROOT).join("|")}>] [--json]`,
      );
  }
  // Pulumi records a stack trace for every internal promise (one per output property of every
  // resource, thousands here), printed only by its leak report under PULUMI_DEBUG_PROMISE_LEAKS;
  // formatting them was a tenth of the plan's CPU. This command prints error messages, never
  // stacks, so it records none, unless that report is asked for. (Pulumi's own source positions of
  // resources are unaffected: it lifts the limit while it takes them.)
  if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
  const result = await plan(stack);
  process.stdout.write(`${json ? planJson(result) : planText(result, stack)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
