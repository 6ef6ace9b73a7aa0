/**
 * `npm run policy [-- --stack dev|prod]`: evaluates our policy rules over the resources each stack's
 * program registers under Pulumi mocks (every stack when none is named), prints one line per
 * violation (stack, rule id, resource, what to change) and exits non-zero if there is any.
 */
import path from "node:path";
import { availableStacks } from "../../common/stackConfig";
import { evaluateStack, formatViolation } from "./evaluate";
import { POLICY_RULES } from "./rules";

const ROOT = path.resolve(__dirname, "../..");

async function main(argv: string[]): Promise<number> {
  const stacks: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--stack" || argv[i] === "-s") stacks.push(argv[++i] ?? "");
    else if (argv[i].startsWith("--stack=")) stacks.push(argv[i].slice("--stack=".length));
    else throw new Error(`Unknown argument "${argv[i]}". ${usage()}`);
  }
  const known = availableStacks(ROOT);
  for (const stack of stacks) if (!known.includes(stack)) throw new Error(`No stack "${stack}". ${usage()}`);
  let failed = 0;
  for (const stack of stacks.length > 0 ? stacks : known) {
    const violations = await evaluateStack(stack);
    for (const violation of violations) process.stdout.write(`${formatViolation(stack, violation)}\n`);
    process.stdout.write(
      `${stack}: ${violations.length === 0 ? "passes" : `${violations.length} violation(s) of`} ${POLICY_RULES.length} rules\n`,
    );
    failed += violations.length;
  }
  return failed === 0 ? 0 : 1;
}

function usage(): string {
  return `Usage: npm run policy [-- --stack <${availableStacks(ROOT).join("|")}>]`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    },
  );
}
