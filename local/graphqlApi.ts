/**
 * The booking GraphQL API, shaped like AppSync with API-key auth and direct Lambda resolvers:
 * `POST /graphql` with an `x-api-key` header; each Query/Mutation field listed in the resolver
 * manifest calls its handler with an AppSync-style event; a thrown error becomes a GraphQL error
 * whose `errorType` is the error's name. Built on graphql-js: the Amplify AppSync simulator needs
 * VTL templates for every resolver and brings in AWS SDK v2, which does not fit direct resolvers.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { GraphQLError, GraphQLFieldResolver, GraphQLSchema } from "graphql";
import { buildSchema, execute, parse, specifiedRules, validate } from "graphql";
import type { BookingResolver } from "../handlers/booking/resolvers";
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
/** AppSync's request size limit. */
const MAX_REQUEST_BYTES = 1_048_576;

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
    this.schema = buildSchema(`${APPSYNC_SCALARS.map((name) => `scalar ${name}`).join("\n")}\n${sdl}`);
    for (const resolver of resolvers) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same handler files Lambda runs
      const module = require(path.join(root, resolver.entry)) as { handler: ResolverHandler };
      this.handlers.set(`${resolver.typeName}.${resolver.fieldName}`, module.handler);
    }
  }

  /** Handles `POST /graphql`. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers["x-api-key"] !== this.apiKey) {
      return sendJson(response, 401, {
        errors: [
          { errorType: "UnauthorizedException", message: "You are not authorized to make this call." },
        ],
      });
    }
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(await readBody(request, MAX_REQUEST_BYTES)) as typeof body;
    } catch (error) {
      const message =
        error instanceof BodyTooLargeError
          ? `The request is larger than AppSync's limit of ${MAX_REQUEST_BYTES} bytes`
          : "Unable to parse JSON document";
      return sendJson(response, 400, { errors: [{ errorType: "MalformedHttpRequestException", message }] });
    }
    if (typeof body?.query !== "string") {
      return sendJson(response, 400, {
        errors: [
          { errorType: "MalformedHttpRequestException", message: 'The request needs a "query" string' },
        ],
      });
    }
    let document;
    try {
      document = parse(body.query);
    } catch (error) {
      return sendJson(response, 400, {
        errors: [{ errorType: "MalformedHttpRequestException", message: (error as GraphQLError).message }],
      });
    }
    const invalid = validate(this.schema, document, specifiedRules);
    if (invalid.length > 0) {
      return sendJson(response, 400, {
        data: null,
        errors: invalid.map((error) => ({ ...format(error), errorType: "ValidationError" })),
      });
    }
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof body.operationName === "string" ? body.operationName : undefined,
      fieldResolver: this.fieldResolver(request),
    });
    sendJson(response, 200, {
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map(format) } : {}),
    });
  }

  /** Root fields call their Lambda handler with an AppSync event; nested fields read properties. */
  private fieldResolver(request: IncomingMessage): GraphQLFieldResolver<unknown, unknown> {
    return (source, args, _context, info) => {
      const handler = this.handlers.get(`${info.parentType.name}.${info.fieldName}`);
      if (!handler) return (source as Record<string, unknown> | null)?.[info.fieldName];
      return handler({
        arguments: args,
        identity: null,
        source: null,
        request: { headers: request.headers, domainName: null },
        info: {
          fieldName: info.fieldName,
          parentTypeName: info.parentType.name,
          variables: info.variableValues,
          selectionSetList: [],
          selectionSetGraphQL: "",
        },
        prev: null,
        stash: {},
      });
    };
  }
}

/** A GraphQL error as AppSync formats it. */
function format(error: GraphQLError) {
  const original = error.originalError;
  return {
    path: error.path ?? null,
    data: null,
    errorType:
      original?.name && original.name !== "Error" && original.name !== "GraphQLError"
        ? original.name
        : "Lambda:Unhandled",
    errorInfo: null,
    locations: error.locations?.map((location) => ({ ...location, sourceName: null })) ?? [],
    message: error.message,
  };
}
