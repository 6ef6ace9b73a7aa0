/** Lambda functions: a supported runtime, explicit limits, tracing, and no secrets in plain sight. */
import { field, ofType, violation } from "../resources";
import type { PolicyRule, Violation } from "../rule";

const FUNCTION = "aws:lambda/function:Function";

/**
 * When each runtime we may use reaches deprecation: after it, Lambda stops patching it and later
 * refuses creates and updates (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
 * Add a runtime here, with its date from that page, before using it.
 */
export const RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  "nodejs20.x": "2026-04-30",
  "nodejs22.x": "2027-04-30",
  "nodejs24.x": "2028-04-30",
  "python3.13": "2029-06-30",
  "python3.14": "2029-06-30",
  "provided.al2023": "2029-06-30",
};

/** Environment variable names that usually hold a secret. */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|TOKEN|CREDENTIAL)/i;
/** Values that are secrets whatever their name: AWS access keys, AppSync API keys, PEM keys. */
const SECRET_VALUE = /\b(AKIA|ASIA)[A-Z0-9]{16}\b|\bda2-[a-z0-9]{26}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** A value that points at a secret store instead of holding the secret. */
const SECRET_REFERENCE = /^arn:aws:(secretsmanager|ssm|kms):/;

export const LAMBDA_RULES: PolicyRule[] = [
  {
    id: "lambda-runtime",
    description: "Functions use a Lambda runtime that is not deprecated",
    check: (ctx) => {
      const today = new Date().toISOString().slice(0, 10);
      const current = Object.entries(RUNTIME_DEPRECATION)
        .filter(([, date]) => date > today)
        .map(([runtime]) => runtime);
      return ofType(ctx, FUNCTION)
        .filter((fn) => !current.includes(String(fn.inputs.runtime)))
        .map((fn) =>
          violation(
            "lambda-runtime",
            fn,
            `runtime ${String(fn.inputs.runtime)} is deprecated or unknown: use one of ${current.join(", ")}`,
          ),
        );
    },
  },
  {
    id: "lambda-limits",
    description:
      "Functions set their timeout and memory explicitly (the defaults, 3 s and 128 MB, are rarely right)",
    check: (ctx) =>
      ofType(ctx, FUNCTION)
        .filter((fn) => !(Number(fn.inputs.timeout) > 0) || !(Number(fn.inputs.memorySize) > 0))
        .map((fn) => violation("lambda-limits", fn, "set timeout (seconds) and memorySize (MB)")),
  },
  {
    id: "lambda-tracing",
    description: "Functions send traces to X-Ray",
    check: (ctx) =>
      ofType(ctx, FUNCTION)
        .filter((fn) => field(fn, "tracingConfig", "mode") !== "Active")
        .map((fn) => violation("lambda-tracing", fn, 'set tracingConfig.mode to "Active"')),
  },
  {
    id: "lambda-no-secret-environment",
    description:
      "No environment variable holds something that looks like a secret (anyone who can read the function sees it)",
    check: (ctx) =>
      ofType(ctx, FUNCTION).flatMap((fn) =>
        Object.entries((field(fn, "environment", "variables") ?? {}) as Record<string, unknown>)
          .filter(([name, value]) => {
            const text = String(value ?? "");
            if (SECRET_VALUE.test(text)) return true;
            return SECRET_NAME.test(name) && text !== "" && !SECRET_REFERENCE.test(text);
          })
          .map(([name]): Violation =>
            violation(
              "lambda-no-secret-environment",
              fn,
              `environment variable ${name} looks like a secret: store it in Secrets Manager or SSM and pass its ARN`,
            ),
          ),
      ),
  },
];
