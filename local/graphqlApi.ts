/**
 * The booking GraphQL API, shaped like AppSync with direct Lambda resolvers: `/graphql` takes
 * GraphQL over HTTP (graphqlHttp.ts), authenticates the caller as AppSync does (appsyncAuth.ts:
 * user-pool tokens by default, the API key where the schema's directives allow it,
 * appsyncDirectives.ts), applies the API's limits before any resolver runs (appsyncLimits.ts),
 * and calls each Query/Mutation field's handler listed in the resolver manifest with an
 * AppSync-style event. Built on graphql-js: the Amplify AppSync simulator needs VTL templates for
 * every resolver and brings in AWS SDK v2, which does not fit direct resolvers. Error shapes are in
 * appsyncErrors.ts.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type {
  DocumentNode,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLResolveInfo,
  GraphQLSchema,
  SelectionNode,
} from "graphql";
import {
  buildSchema,
  execute,
  getNamedType,
  getOperationAST,
  isObjectType,
  parse,
  print,
  validate,
} from "graphql";
import type { BookingResolver } from "../handlers/booking/resolvers";
import type { AuthMode, Caller, UserPoolAuthConfig } from "./appsyncAuth";
import { AppSyncAuthenticator } from "./appsyncAuth";
import { APPSYNC_DIRECTIVES_SDL, FieldAuthorization, UnauthorizedFieldError } from "./appsyncDirectives";
import { fieldError, malformedRequest, requestError, validationError } from "./appsyncErrors";
import type { AppSyncLimits } from "./appsyncLimits";
import {
  RESOLVER_LIMIT_ERROR_TYPE,
  RESOLVER_LIMIT_MESSAGE,
  exceededLimit,
  introspectionErrors,
  measure,
  resolverLimit,
} from "./appsyncLimits";
import { UNPARSEABLE, answerPreflight, isRefusal, readGraphqlParams, sendGraphqlJson } from "./graphqlHttp";

/** AppSync's own scalars, which a schema deployed to AppSync uses without declaring. */
const APPSYNC_SCALARS = [
  "AWSDate",
  "AWSTime",
  "AWSDateTime",
  "AWSTimestamp",
  "AWSEmail",
  "AWSJSON",
  "AWSURL",
  "AWSPhone",
  "AWSIPAddress",
];

/** A direct Lambda resolver handler. */
export type ResolverHandler = (event: unknown) => Promise<unknown>;

/** How the API authenticates and what it limits, as the component configures AppSync. */
export interface GraphqlApiSecurity {
  readonly apiKey: string;
  readonly userPool: UserPoolAuthConfig;
  readonly limits: AppSyncLimits;
}

/** What one request carries through execution. */
interface RequestContext {
  readonly caller: Caller;
  readonly request: IncomingMessage;
  invocations: number;
}

/** The error a resolver invocation past the API's limit gets. */
class ResolverLimitError extends Error {
  constructor() {
    super(RESOLVER_LIMIT_MESSAGE);
    this.name = RESOLVER_LIMIT_ERROR_TYPE;
  }
}

/** The default authorization of the booking API: the user pool (the API key is an additional mode). */
const DEFAULT_MODE: AuthMode = "AMAZON_COGNITO_USER_POOLS";

/** The GraphQL endpoint: the schema plus a handler per field. */
export class LocalGraphqlApi {
  private readonly schema: GraphQLSchema;
  private readonly handlers = new Map<string, ResolverHandler>();
  private readonly authenticator: AppSyncAuthenticator;
  private readonly authorization = new FieldAuthorization(DEFAULT_MODE);
  private readonly limits: AppSyncLimits;

  constructor(
    schemaFile: string,
    resolvers: readonly BookingResolver[],
    root: string,
    security: GraphqlApiSecurity,
  ) {
    const sdl = readFileSync(schemaFile, "utf8");
    this.schema = buildSchema(
      `${APPSYNC_SCALARS.map((name) => `scalar ${name}`).join("\n")}\n${APPSYNC_DIRECTIVES_SDL}\n${sdl}`,
    );
    for (const resolver of resolvers) {
      const field = this.schema.getType(resolver.typeName);
      if (!field || !("getFields" in field) || !(resolver.fieldName in field.getFields())) {
        throw new Error(
          `[BOOKING_RESOLVERS] lists ${resolver.typeName}.${resolver.fieldName}, which ${path.relative(root, schemaFile)} does not declare`,
        );
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same handler files Lambda runs
      const module = require(path.join(root, resolver.entry)) as { handler: ResolverHandler };
      this.handlers.set(`${resolver.typeName}.${resolver.fieldName}`, module.handler);
    }
    this.authenticator = new AppSyncAuthenticator(security.apiKey, security.userPool);
    this.limits = security.limits;
  }

  /** Handles every method on `/graphql`. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === "OPTIONS") return answerPreflight(request, response);
    if (request.method !== "GET" && request.method !== "POST") {
      return sendGraphqlJson(
        response,
        405,
        malformedRequest(
          `${request.method} is not supported: send GraphQL requests with POST (or queries with GET)`,
        ),
        { Allow: "GET, POST, OPTIONS" },
      );
    }
    // AppSync authenticates before it reads the query: bad credentials are a 401 whatever the body.
    const caller = await this.authenticator.authenticate(request);
    if ("refused" in caller) {
      request.resume();
      return sendGraphqlJson(
        response,
        401,
        { errors: [{ errorType: "UnauthorizedException", message: caller.refused }] },
        { "x-amzn-ErrorType": "UnauthorizedException" },
      );
    }
    const params = await readGraphqlParams(request);
    if (isRefusal(params)) return sendGraphqlJson(response, params.status, params.body, params.headers);
    let document: DocumentNode;
    try {
      document = parse(params.query);
    } catch (error) {
      return sendGraphqlJson(
        response,
        400,
        malformedRequest(`${UNPARSEABLE} ${(error as GraphQLError).message}`),
      );
    }
    const invalid = [
      ...validate(this.schema, document),
      ...(this.limits.introspection ? [] : introspectionErrors(document)),
    ];
    if (invalid.length > 0) {
      return sendGraphqlJson(response, 200, {
        data: null,
        errors: invalid.map((error) => validationError(error, document)),
      });
    }
    const operation = getOperationAST(document, params.operationName);
    if (operation && operation.operation !== "query" && request.method === "GET") {
      return sendGraphqlJson(
        response,
        405,
        malformedRequest(
          `A ${operation.operation} cannot be sent with GET, which must not change anything: use POST`,
        ),
        { Allow: "POST" },
      );
    }
    if (operation) {
      const exceeded = exceededLimit(
        this.limits,
        measure(
          document,
          operation,
          (type, field) => this.handlers.has(`${type}.${field}`),
          (type, field) => this.fieldTypeName(type, field),
        ),
      );
      if (exceeded) {
        return sendGraphqlJson(response, 200, {
          data: null,
          errors: [{ path: null, locations: [], ...exceeded }],
        });
      }
    }
    const context: RequestContext = { caller, request, invocations: 0 };
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: params.variables,
      operationName: params.operationName,
      contextValue: context,
      fieldResolver: this.fieldResolver(),
    });
    // Without a path, the request failed before any field ran (e.g. a missing variable).
    const errors = result.errors?.map((error) => (error.path ? fieldError(error) : requestError(error)));
    sendGraphqlJson(response, 200, { data: result.data ?? null, ...(errors ? { errors } : {}) });
  }

  /** The named type of `type.field`, for walking a selection. */
  private fieldTypeName(typeName: string, fieldName: string): string | undefined {
    const type = this.schema.getType(typeName);
    if (!isObjectType(type)) return undefined;
    const field = type.getFields()[fieldName];
    return field ? getNamedType(field.type).name : undefined;
  }

  /**
   * Every field checks the caller's mode against the schema's directives; root fields then call
   * their Lambda handler with an AppSync event; nested fields read properties.
   */
  private fieldResolver(): GraphQLFieldResolver<unknown, RequestContext> {
    return async (source, args, context, info) => {
      const field = info.parentType.getFields()[info.fieldName];
      if (field && !this.authorization.allows(info.parentType, field, context.caller)) {
        throw new UnauthorizedFieldError(info.fieldName, info.parentType.name);
      }
      const handler = this.handlers.get(`${info.parentType.name}.${info.fieldName}`);
      if (!handler) return (source as Record<string, unknown> | null)?.[info.fieldName];
      context.invocations++;
      if (context.invocations > resolverLimit(this.limits)) throw new ResolverLimitError();
      const result = await handler({
        arguments: args,
        identity: context.caller.identity, // null for API-key requests, as AppSync passes it
        source: null,
        request: { headers: context.request.headers, domainName: null },
        info: {
          fieldName: info.fieldName,
          parentTypeName: info.parentType.name,
          variables: info.variableValues,
          selectionSetList: selectionSetList(info),
          selectionSetGraphQL: info.fieldNodes[0]?.selectionSet ? print(info.fieldNodes[0].selectionSet) : "",
        },
        prev: null,
        stash: {},
      });
      // The result crosses the Lambda API as JSON: what does not survive that must not reach the client.
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
    };
  }
}

/** AppSync's `info.selectionSetList`: every selected field as a slash-separated path. */
function selectionSetList(info: GraphQLResolveInfo): string[] {
  const paths: string[] = [];
  const walk = (selections: readonly SelectionNode[], prefix: string) => {
    for (const selection of selections) {
      if (selection.kind === "Field") {
        const name = `${prefix}${selection.name.value}`;
        if (!selection.name.value.startsWith("__")) paths.push(name);
        if (selection.selectionSet) walk(selection.selectionSet.selections, `${name}/`);
      } else if (selection.kind === "InlineFragment") {
        walk(selection.selectionSet.selections, prefix);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet.selections, prefix);
      }
    }
  };
  walk(info.fieldNodes[0]?.selectionSet?.selections ?? [], "");
  return paths;
}
