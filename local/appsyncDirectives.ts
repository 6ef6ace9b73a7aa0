/**
 * AppSync's authorization directives and which modes may read each field, as AppSync documents
 * for multiple authorization modes
 * (https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#using-additional-authorization-modes):
 * - a field's own directives decide for it;
 * - else its type's directives decide (a directive on a type replaces the default mode for its
 *   fields: the default mode is allowed only if named too, hence `@aws_api_key
 *   @aws_cognito_user_pools` on the public listing);
 * - else only the default mode may read it;
 * - `@aws_cognito_user_pools(cognito_groups: [...])` further limits user-pool callers to those groups.
 * A caller whose mode a field does not allow gets `null` for it and an error of type
 * `Unauthorized`, "Not Authorized to access <field> on type <Type>"; its resolver does not run.
 * The Amplify AppSync simulator applies the same precedence (amplify-cli,
 * packages/amplify-appsync-simulator/src/schema/directives/auth.ts).
 */
import type { ConstDirectiveNode, GraphQLField, GraphQLObjectType } from "graphql";
import { valueFromASTUntyped } from "graphql";
import type { AuthMode, Caller } from "./appsyncAuth";

/** AppSync's directives, declared so graphql-js accepts a schema written for AppSync. */
export const APPSYNC_DIRECTIVES_SDL = [
  "directive @aws_api_key on FIELD_DEFINITION | OBJECT",
  "directive @aws_iam on FIELD_DEFINITION | OBJECT",
  "directive @aws_oidc on FIELD_DEFINITION | OBJECT",
  "directive @aws_lambda on FIELD_DEFINITION | OBJECT",
  "directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT",
  "directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION",
  "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION",
].join("\n");

/** Which mode each authorization directive allows. */
const DIRECTIVE_MODES: Record<string, string> = {
  aws_api_key: "API_KEY",
  aws_iam: "AWS_IAM",
  aws_oidc: "OPENID_CONNECT",
  aws_lambda: "AWS_LAMBDA",
  aws_cognito_user_pools: "AMAZON_COGNITO_USER_POOLS",
  aws_auth: "AMAZON_COGNITO_USER_POOLS",
};

/** Who may read one field. */
interface FieldRule {
  readonly modes: ReadonlySet<string>;
  /** User-pool groups of which the caller must be in one; empty means any user. */
  readonly groups: readonly string[];
}

/** Decides, per field, whether a caller may read it. */
export class FieldAuthorization {
  private readonly rules = new Map<string, FieldRule>();

  constructor(private readonly defaultMode: AuthMode) {}

  /** Whether `caller` may read `type.field`. */
  allows(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, caller: Caller): boolean {
    const key = `${type.name}.${field.name}`;
    let rule = this.rules.get(key);
    if (!rule) {
      rule = this.ruleFor(type, field);
      this.rules.set(key, rule);
    }
    if (!rule.modes.has(caller.mode)) return false;
    if (caller.mode !== "AMAZON_COGNITO_USER_POOLS" || rule.groups.length === 0) return true;
    return (caller.identity.groups ?? []).some((group) => rule.groups.includes(group));
  }

  private ruleFor(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): FieldRule {
    const own = authDirectives(field.astNode?.directives);
    const chosen = own.length > 0 ? own : authDirectives(type.astNode?.directives);
    if (chosen.length === 0) return { modes: new Set([this.defaultMode]), groups: [] };
    const groups = chosen.flatMap((directive) =>
      (directive.arguments ?? [])
        .filter((argument) => argument.name.value === "cognito_groups")
        .flatMap((argument) => valueFromASTUntyped(argument.value) as string[]),
    );
    return {
      modes: new Set(chosen.map((directive) => DIRECTIVE_MODES[directive.name.value] as string)),
      groups,
    };
  }
}

/** The error AppSync gives for a field the caller may not read. */
export class UnauthorizedFieldError extends Error {
  constructor(fieldName: string, typeName: string) {
    super(`Not Authorized to access ${fieldName} on type ${typeName}`);
    // AppSync's errorType for it; appsyncErrors.fieldError reports an error's name as its type.
    this.name = "Unauthorized";
  }
}

function authDirectives(
  directives: readonly ConstDirectiveNode[] | undefined,
): readonly ConstDirectiveNode[] {
  return (directives ?? []).filter((directive) => directive.name.value in DIRECTIVE_MODES);
}
