/**
 * `npm run render -- <workflow> [--format asl|mermaid|permissions]`: prints what will be deployed for
 * a workflow, with example ARNs, so it can be read, diffed in review, or piped to asl-validator.
 */
import { WORKFLOWS } from "../definitions/examples";

/** The output formats `render` offers. */
export const FORMATS = ["asl", "mermaid", "permissions"] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a workflow; throws with the valid choices when the name or format is unknown. */
export function render(workflow: string, format: string = "asl"): string {
  const build = WORKFLOWS[workflow];
  if (!build) {
    throw new Error(`Unknown workflow "${workflow}": choose one of ${Object.keys(WORKFLOWS).join(", ")}`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new Error(`Unknown format "${format}": choose one of ${FORMATS.join(", ")}`);
  }
  const definition = build();
  switch (format as Format) {
    case "mermaid":
      return definition.toMermaid();
    case "permissions":
      return JSON.stringify(definition.permissions(), null, 2);
    default:
      return definition.toJson();
  }
}

function main(argv: string[]): void {
  const args = [...argv];
  let format = "asl";
  const formatAt = args.findIndex((arg) => arg === "--format" || arg.startsWith("--format="));
  if (formatAt >= 0) {
    const [flag] = args.splice(formatAt, 1);
    format = flag.includes("=") ? flag.slice("--format=".length) : (args.splice(formatAt, 1)[0] ?? "");
  }
  const [workflow] = args;
  if (!workflow || args.length > 1) {
    throw new Error(
      `Usage: npm run render -- <workflow> [--format ${FORMATS.join("|")}]\nWorkflows: ${Object.keys(WORKFLOWS).join(", ")}`,
    );
  }
  process.stdout.write(`${render(workflow, format)}\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
