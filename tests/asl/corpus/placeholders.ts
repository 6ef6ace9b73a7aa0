/**
 * Values for the `${...}` placeholders SAM, CDK and Terraform leave in the corpus' definitions, so
 * each can be checked as the ASL that would be deployed. A placeholder gets one value everywhere it
 * appears (as `npm run import-asl` makes it one parameter), chosen from the field it first fills:
 * a Resource gets a Lambda or activity ARN, a QueueUrl a queue URL, and so on.
 */
export const REGION = "eu-west-1";
export const ACCOUNT = "111122223333";
/** The environment the corpus' IAM is derived in. */
export const ENVIRONMENT = { region: REGION, account: ACCOUNT, stateMachineName: "corpus-machine" };

const PLACEHOLDER = /\$\{([^}]+)\}/g;
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const slug = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();

/** The value of one placeholder, from the field it fills (`key`) when it is the whole value. */
function valueFor(name: string, key: string | undefined): string {
  if (/partition/i.test(name)) return "aws";
  if (/region/i.test(name)) return REGION;
  if (/account/i.test(name)) return ACCOUNT;
  if (/^APIID$/i.test(name)) return "a1b2c3d4e5";
  const byKey: Record<string, () => string> = {
    Resource: () =>
      /activity/i.test(name) ? arn("states", `activity:${name}`) : arn("lambda", `function:${name}`),
    FunctionName: () => arn("lambda", `function:${name}`),
    StateMachineArn: () => arn("states", `stateMachine:${name}`),
    QueueUrl: () => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
    TopicArn: () => arn("sns", name),
    TargetArn: () => arn("sns", name),
    Bucket: () => slug(name),
    JobQueue: () => arn("batch", `job-queue/${name}`),
    JobDefinition: () => arn("batch", `job-definition/${name}`),
    RoleArn: () => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  };
  if (key !== undefined && byKey[key]) return byKey[key]();
  if (/Arn$/.test(name) && /statemachine/i.test(name)) return arn("states", `stateMachine:${name}`);
  if (/Arn$/.test(name) && /topic|sns/i.test(name)) return arn("sns", name);
  if (/Arn$/.test(name) && /role/i.test(name)) return `arn:aws:iam::${ACCOUNT}:role/${name}`;
  if (/Arn$/.test(name)) return arn("lambda", `function:${name}`);
  if (/queue/i.test(name) && /url/i.test(name))
    return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
  return name;
}

/** Every placeholder of a definition with the value it gets, in order of first appearance. */
export function placeholderValues(
  definition: unknown,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (value: unknown, key?: string) => {
    if (typeof value === "string") {
      const whole = /^\$\{([^}]+)\}$/.exec(value);
      for (const match of value.matchAll(PLACEHOLDER)) {
        values[match[1]] ??= overrides[match[1]] ?? valueFor(match[1], whole ? key : undefined);
      }
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (value !== null && typeof value === "object") {
      for (const [inner, child] of Object.entries(value)) {
        for (const match of inner.matchAll(PLACEHOLDER)) values[match[1]] ??= overrides[match[1]] ?? match[1];
        visit(child, inner);
      }
    }
  };
  visit(definition);
  return values;
}

/** The definition text with every placeholder replaced by its value. */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
