/**
 * The booking GraphQL API, shaped like AppSync with API-key auth and direct Lambda resolvers:
 * `POST /graphql` with an `x-api-key` header; each Query/Mutation field listed in the resolver
 * manifest calls its handler with an AppSync-style event. Built on graphql-js: the Amplify AppSync
 * simulator needs VTL templates for every resolver and brings in AWS SDK v2, which does not fit
 * direct resolvers. Error shapes are in appsyncErrors.ts.
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
import { buildSchema, execute, parse, print, validate } from "graphql";
import type { BookingResolver } from "../handlers/booking/resolvers";
import { fieldError, malformedRequest, requestError, validationError } from "./appsyncErrors";
import { BodyTooLargeError, readBody } from "./httpBody";
import { sendJson } from "./httpJson";

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
/** AppSync's auth directives, which a schema deployed to AppSync uses without declaring. */
const APPSYNC_DIRECTIVES = [
  "directive @aws_api_key on OBJECT | FIELD_DEFINITION",
  "directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION",
];
/** AppSync's request size limit. */
const MAX_REQUEST_BYTES = 1_048_576;
/** AppSync's words for a body it cannot read as a GraphQL request. */
const UNPARSEABLE = "Unable to parse GraphQL query.";

/** A direct Lambda resolver handler. */
export type ResolverHandler = (event: unknown) => Promise<unknown>;

/** The GraphQL endpoint: the schema plus a handler per field. */
export class LocalGraphqlApi {
  private readonly schema: GraphQLSchema;
  private readonly handlers = new Map<string, ResolverHandler>();

  constructor(
    schemaFile: string,
    resolvers: readonly BookingResolver[],
    root: string,
    private readonly apiKey: string,
  ) {
    const sdl = readFileSync(schemaFile, "utf8");
    this.schema = buildSchema(
      [...APPSYNC_SCALARS.map((name) => `scalar ${name}`), ...APPSYNC_DIRECTIVES, sdl].join("\n"),
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
  }

  /** Handles `POST /graphql`. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers["x-api-key"] !== this.apiKey) {
      return sendJson(
        response,
        401,
        {
          errors: [
            { errorType: "UnauthorizedException", message: "You are not authorized to make this call." },
          ],
        },
        { "x-amzn-ErrorType": "UnauthorizedException" },
      );
    }
    let text: string;
    try {
      text = await readBody(request, MAX_REQUEST_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return sendJson(
        response,
        400,
        malformedRequest(`The request is larger than AppSync's limit of ${MAX_REQUEST_BYTES} bytes`),
      );
    }
    if (text.trim() === "") return sendJson(response, 400, malformedRequest("Request body is empty."));
    let body: { query?: unknown; variables?: unknown; operationName?: unknown } | null;
    try {
      body = JSON.parse(text) as typeof body;
    } catch (error) {
      return sendJson(
        response,
        400,
        malformedRequest(`${UNPARSEABLE} The body is not JSON: ${(error as Error).message}`),
      );
    }
    if (typeof body?.query !== "string") {
      return sendJson(
        response,
        400,
        malformedRequest(`${UNPARSEABLE} Send a JSON body like {"query": "{ apartments { id } }"}`),
      );
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return sendJson(response, 400, malformedRequest(`${UNPARSEABLE} ${(error as GraphQLError).message}`));
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) {
      return sendJson(response, 200, {
        data: null,
        errors: invalid.map((error) => validationError(error, document)),
      });
    }
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof body.operationName === "string" ? body.operationName : undefined,
      fieldResolver: this.fieldResolver(request),
    });
    // Without a path, the request failed before any field ran (e.g. a missing variable).
    const errors = result.errors?.map((error) => (error.path ? fieldError(error) : requestError(error)));
    sendJson(response, 200, { data: result.data ?? null, ...(errors ? { errors } : {}) });
  }

  /** Root fields call their Lambda handler with an AppSync event; nested fields read properties. */
  private fieldResolver(request: IncomingMessage): GraphQLFieldResolver<unknown, unknown> {
    return async (source, args, _context, info) => {
      const handler = this.handlers.get(`${info.parentType.name}.${info.fieldName}`);
      if (!handler) return (source as Record<string, unknown> | null)?.[info.fieldName];
      const result = await handler({
        arguments: args,
        identity: null, // what AppSync passes for API-key requests
        source: null,
        request: { headers: request.headers, domainName: null },
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
