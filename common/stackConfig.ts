/**
 * Reads a stack's configuration the way the Pulumi CLI would hand it to the program: project
 * defaults from Pulumi.yaml, overridden by Pulumi.<stack>.yaml, as the `PULUMI_CONFIG` map
 * (`"pizza-booking:apartments": "[\"A-101\"]"`). Used by `npm run plan` and the local stack, which
 * run without the CLI. No Pulumi import, so the local stack can use it too.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

interface ProjectFile {
  name: string;
  config?: Record<string, { default?: unknown } | unknown>;
}

/** The project's stacks: the `Pulumi.<stack>.yaml` files beside Pulumi.yaml. */
export function availableStacks(root: string = process.cwd()): string[] {
  return readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** The project name from Pulumi.yaml. */
export function projectName(root: string = process.cwd()): string {
  return readProject(root).name;
}

/** The stack's configuration in the `PULUMI_CONFIG` shape: namespaced keys, string values. */
export function loadStackConfig(stack: string, root: string = process.cwd()): Record<string, string> {
  const project = readProject(root);
  const stackFile = path.join(root, `Pulumi.${stack}.yaml`);
  if (!existsSync(stackFile)) {
    throw new Error(`No Pulumi.${stack}.yaml: available stacks are ${availableStacks(root).join(", ")}`);
  }
  const config: Record<string, string> = {};
  for (const [key, declaration] of Object.entries(project.config ?? {})) {
    const value = isDeclaration(declaration) ? declaration.default : declaration;
    if (value !== undefined) config[namespaced(project.name, key)] = encode(value);
  }
  const stackConfig =
    (parse(readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> } | null)?.config ?? {};
  for (const [key, value] of Object.entries(stackConfig)) {
    if (value !== null && typeof value === "object" && "secure" in value) {
      throw new Error(
        `Pulumi.${stack}.yaml: "${key}" is encrypted; run this stack with the Pulumi CLI instead`,
      );
    }
    config[namespaced(project.name, key)] = encode(value);
  }
  return config;
}

function readProject(root: string): ProjectFile {
  const file = path.join(root, "Pulumi.yaml");
  const project = parse(readFileSync(file, "utf8")) as ProjectFile;
  if (!project?.name) throw new Error(`${file} has no project name`);
  return project;
}

function isDeclaration(value: unknown): value is { default?: unknown } {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    ("type" in value || "default" in value)
  );
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** Pulumi passes structured values as JSON text and scalars as plain strings. */
function encode(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
