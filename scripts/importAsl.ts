/**
 * `npm run import-asl -- <file.asl.json> [--name <fn>] [--substitute KEY=VALUE ...] [--out <file.ts>]`
 *
 * Writes builder TypeScript (chain API) for an ASL definition; `${...}` placeholders become typed
 * parameters, except those given with --substitute. The code renders back to the same ASL.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import prettier from "prettier";
import { generateBuilderCode, ImportError } from "./importAsl/generate";

const USAGE =
  "usage: npm run import-asl -- <file.asl.json> [--name <fn>] [--substitute KEY=VALUE ...] [--out <file.ts>]";
const BUILDER = path.resolve(__dirname, "../definitions/asl");

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: "string" },
        substitute: { type: "string", multiple: true },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`give exactly one ASL file\n${USAGE}`);
    return 2;
  }
  const substitutions: Record<string, string> = {};
  for (const pair of values.substitute ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      console.error(`--substitute takes KEY=VALUE, got "${pair}"\n${USAGE}`);
      return 2;
    }
    substitutions[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (values.name !== undefined && !/^[A-Za-z_$][\w$]*$/.test(values.name)) {
    console.error(`--name must be a TypeScript identifier, got "${values.name}"`);
    return 2;
  }
  const file = positionals[0];
  let definition: unknown;
  try {
    definition = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }
  const outDir = values.out ? path.dirname(path.resolve(values.out)) : process.cwd();
  let builderModule = path.relative(outDir, BUILDER).split(path.sep).join("/");
  if (!builderModule.startsWith(".")) builderModule = `./${builderModule}`;
  try {
    const generated = generateBuilderCode(definition, {
      name: values.name,
      substitutions,
      builderModule,
      sourceName: path.basename(file),
    });
    // Formatted with the project's Prettier settings, so the file can be committed as it is.
    const options = (await prettier.resolveConfig(values.out ?? path.join(outDir, "imported.ts"))) ?? {};
    const code = await prettier.format(generated, { ...options, parser: "typescript" });
    if (values.out) fs.writeFileSync(values.out, code);
    else process.stdout.write(code);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
