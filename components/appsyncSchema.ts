/**
 * What AppSync's schema parser refuses although graphql-js (and so the local stack) accepts it.
 * AppSync answers such a schema only at `pulumi up` time, with "Failed to parse schema document";
 * these rules catch it in `npm test`, `npm run policy` and when the component is constructed.
 * Each rule names where the behaviour is documented or reported.
 */
import type { ASTNode, DirectiveNode, DocumentNode } from "graphql";
import { GraphQLError, Kind, assertValidSchema, buildASTSchema, parse, visit } from "graphql";

/** The scalars AppSync defines itself (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html). */
export const APPSYNC_SCALARS = [
  "AWSDate",
  "AWSTime",
  "AWSDateTime",
  "AWSTimestamp",
  "AWSEmail",
  "AWSJSON",
  "AWSURL",
  "AWSPhone",
  "AWSIPAddress",
] as const;

/**
 * The directives AppSync understands, with their arguments and locations as AppSync's own
 * introspection (GetIntrospectionSchema) declares them. Authorization modes per type and field:
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes
 * (`@aws_api_key`, `@aws_iam`, `@aws_oidc`, `@aws_cognito_user_pools`, `@aws_lambda`, and
 * `@aws_auth` for Cognito groups); subscriptions:
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html (`@aws_subscribe`,
 * whose deprecated predecessor is `@aws_publish`); `@deprecated` is GraphQL's own.
 */
const APPSYNC_DIRECTIVES = `
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION | INPUT_OBJECT
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION | INPUT_OBJECT
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_publish(subscriptions: [String]) on FIELD_DEFINITION
`;
const SUPPORTED_DIRECTIVES = new Set([
  ...[...APPSYNC_DIRECTIVES.matchAll(/directive @(\w+)/g)].map(([, name]) => name),
  "deprecated",
]);

/** One thing AppSync would refuse, with where it is and what to do. */
export interface SchemaProblem {
  /** The rule's id, e.g. `enum-value-description`. */
  readonly rule: string;
  /** `line:column` in the schema text. */
  readonly at: string;
  readonly message: string;
}

type Finder = (document: DocumentNode) => { node: ASTNode; message: string }[];

/** Each rule: an id, its source, and how to find what breaks it. */
const RULES: { id: string; source: string; find: Finder }[] = [
  {
    id: "enum-value-description",
    // "descriptions for now are only permitted on the whole enum declaration"
    source: "https://github.com/aws/aws-appsync-community/issues/55",
    find: (document) =>
      collect(document, Kind.ENUM_VALUE_DEFINITION, (node) =>
        node.description
          ? `enum value ${node.name.value} has a description; AppSync allows descriptions only on the whole enum: move it to the enum's description or a # comment`
          : undefined,
      ),
  },
  {
    id: "custom-scalar",
    // "AWS AppSync doesn't support the creation of user-defined (custom) scalars."
    source: "https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html",
    find: (document) =>
      collect(document, Kind.SCALAR_TYPE_DEFINITION, (node) =>
        (APPSYNC_SCALARS as readonly string[]).includes(node.name.value)
          ? `scalar ${node.name.value} is AppSync's own: use it without declaring it`
          : `scalar ${node.name.value} is a custom scalar, which AppSync does not support: use String, an AWS scalar (${APPSYNC_SCALARS.join(", ")}) or a type`,
      ),
  },
  {
    id: "aws-prefix",
    // "You cannot use AWS as a prefix for custom object types."
    source: "https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html",
    find: (document) =>
      document.definitions.flatMap((node) =>
        "name" in node &&
        node.name &&
        node.kind !== Kind.SCALAR_TYPE_DEFINITION &&
        node.name.value.startsWith("AWS")
          ? [{ node, message: `type ${node.name.value} starts with AWS, which AppSync reserves: rename it` }]
          : [],
      ),
  },
  {
    id: "unsupported-directive",
    // Only AppSync's directives (see APPSYNC_DIRECTIVES for their documentation) mean anything there.
    source: "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html",
    find: (document) => [
      ...collect(document, Kind.DIRECTIVE, (node: DirectiveNode) =>
        SUPPORTED_DIRECTIVES.has(node.name.value)
          ? undefined
          : `@${node.name.value} is not an AppSync directive; AppSync supports ${[...SUPPORTED_DIRECTIVES].map((name) => `@${name}`).join(", ")}`,
      ),
      ...collect(
        document,
        Kind.DIRECTIVE_DEFINITION,
        (node) =>
          `directive @${node.name.value} is declared in the schema; AppSync defines its own directives and runs no custom ones: remove the declaration`,
      ),
    ],
  },
  {
    id: "interface-implements-interface",
    // Interface inheritance (GraphQL October 2021) fails with "Failed to parse schema document".
    source: "https://github.com/aws/aws-appsync-community/issues/387",
    find: (document) =>
      collect(document, Kind.INTERFACE_TYPE_DEFINITION, (node) =>
        node.interfaces && node.interfaces.length > 0
          ? `interface ${node.name.value} implements another interface, which AppSync cannot parse: repeat the fields and let the object types implement both`
          : undefined,
      ),
  },
  {
    id: "type-extension",
    // "Appsync does not support Object extensions" (the Serverless AppSync plugin merges them for this reason).
    source: "https://github.com/sid88in/serverless-appsync-plugin/pull/468",
    find: (document) =>
      document.definitions.flatMap((node) =>
        node.kind.endsWith("Extension")
          ? [
              {
                node,
                message: `${node.kind} of ${"name" in node && node.name ? node.name.value : "the schema"}: AppSync does not support extensions; merge the fields into the definition`,
              },
            ]
          : [],
      ),
  },
];

/**
 * Every problem AppSync would have with `schema`: a schema graphql-js cannot build (with AppSync's
 * scalars and directives declared, as AppSync has them) is reported as rule `graphql`, then each
 * AppSync-specific rule. Empty when AppSync would accept the schema.
 */
export function appSyncSchemaProblems(schema: string): SchemaProblem[] {
  let document: DocumentNode;
  try {
    document = parse(schema);
  } catch (error) {
    return [fromGraphQLError(error)];
  }
  const problems = RULES.flatMap((rule) =>
    rule.find(document).map(({ node, message }) => ({ rule: rule.id, at: position(node), message })),
  );
  try {
    const prelude = parse(
      `${APPSYNC_SCALARS.map((scalar) => `scalar ${scalar}`).join("\n")}\n${APPSYNC_DIRECTIVES}`,
    );
    const ours = document.definitions.filter(
      (node) =>
        !(
          node.kind === Kind.SCALAR_TYPE_DEFINITION &&
          (APPSYNC_SCALARS as readonly string[]).includes(node.name.value)
        ) && !(node.kind === Kind.DIRECTIVE_DEFINITION && SUPPORTED_DIRECTIVES.has(node.name.value)),
    );
    assertValidSchema(
      buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...prelude.definitions, ...ours] }),
    );
  } catch (error) {
    problems.unshift(fromGraphQLError(error));
  }
  return problems;
}

/** Throws an error listing every problem, each with its rule and place, unless AppSync would accept `schema`. */
export function checkAppSyncSchema(schema: string, file: string): void {
  const problems = appSyncSchemaProblems(schema);
  if (problems.length > 0) {
    throw new Error(
      `${file} would be refused by AppSync:\n${problems.map((p) => `  - ${file}:${p.at} [${p.rule}] ${p.message}`).join("\n")}`,
    );
  }
}

function collect<K extends Kind>(
  document: DocumentNode,
  kind: K,
  check: (node: Extract<ASTNode, { kind: K }>) => string | undefined,
): { node: ASTNode; message: string }[] {
  const found: { node: ASTNode; message: string }[] = [];
  visit(document, {
    [kind]: (node: Extract<ASTNode, { kind: K }>) => {
      const message = check(node);
      if (message) found.push({ node, message });
    },
  });
  return found;
}

function position(node: ASTNode): string {
  const location = node.loc;
  return location ? `${location.startToken.line}:${location.startToken.column}` : "?";
}

function fromGraphQLError(error: unknown): SchemaProblem {
  const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
  return {
    rule: "graphql",
    at: location ? `${location.line}:${location.column}` : "?",
    message: error instanceof Error ? error.message : String(error),
  };
}
