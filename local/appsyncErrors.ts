/**
 * GraphQL errors in the shapes AppSync answers with. AppSync runs graphql-java, so its messages
 * differ from graphql-js: validation errors read "Validation error of type FieldUndefined: Field
 * 'colour' in type 'Apartment' is undefined @ 'apartments/colour'". The AppSync team documented
 * the HTTP side in graphql/graphql-over-http#81: an unparseable request or query is a 400
 * `MalformedHttpRequestException`; a validation error is a 200 with `data: null` and errors that
 * carry `path: null`, `locations` and `message` only.
 */
import type { ASTNode, DocumentNode } from "graphql";
import { GraphQLError, Kind, visit } from "graphql";

/** A location in the query, as graphql-java serialises it. */
interface Location {
  line: number;
  column: number;
  sourceName: null;
}

/** A request-level error body (the request never reached execution). */
export function malformedRequest(message: string): { errors: { errorType: string; message: string }[] } {
  return { errors: [{ errorType: "MalformedHttpRequestException", message }] };
}

/** A validation error as AppSync words it, with the query path graphql-java appends. */
export function validationError(error: GraphQLError, document: DocumentNode) {
  const node = error.nodes?.[0];
  const at = node ? ` @ '${queryPath(document, node).join("/")}'` : "";
  return {
    path: null,
    locations: locations(error),
    message: `Validation error of type ${graphqlJavaWording(error.message)}${at}`,
  };
}

/** An error raised while executing a field: a resolver's thrown error, or GraphQL's own (e.g. a null for a non-null field). */
export function fieldError(error: GraphQLError) {
  const original = error.originalError;
  const fromResolver = original !== undefined && !(original instanceof GraphQLError);
  return {
    path: error.path ?? null,
    data: null,
    // AppSync reports a direct Lambda resolver's error type, which is the thrown error's `name`.
    errorType: fromResolver ? original.name || "Lambda:Unhandled" : null,
    errorInfo: null,
    locations: locations(error),
    message: error.message,
  };
}

/** An error of the whole request found while executing it (e.g. a missing variable): no field ran. */
export function requestError(error: GraphQLError) {
  return { path: null, locations: locations(error), message: error.message };
}

function locations(error: GraphQLError): Location[] {
  return (error.locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
}

/**
 * graphql-java's type and wording for the validation failures a caller makes most; anything else
 * keeps graphql-js's message under a generic type, which is still clear.
 */
function graphqlJavaWording(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^Cannot query field "(.+?)" on type "(.+?)"/,
      (m) => `FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined`,
    ],
    [/^Unknown argument "(.+?)" on field "(.+?)"/, (m) => `UnknownArgument: Unknown field argument ${m[1]}`],
    [
      /^Field "(.+?)" argument "(.+?)" of type "(.+?)" is required/,
      (m) => `MissingFieldArgument: Missing field argument ${m[2]}`,
    ],
    [
      /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/,
      (m) => `SubSelectionRequired: Sub selection required for type ${m[2]} of field ${m[1]}`,
    ],
    [
      /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields/,
      (m) => `SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2]} of field ${m[1]}`,
    ],
    [/^Unknown type "(.+?)"/, (m) => `UnknownType: Unknown type ${m[1]}`],
    [/^Variable "\$(.+?)" is not defined/, (m) => `UndefinedVariable: Undefined variable ${m[1]}`],
    [/^Variable "\$(.+?)" is never used/, (m) => `UnusedVariable: Unused variable ${m[1]}`],
  ];
  for (const [pattern, word] of rules) {
    const match = pattern.exec(message);
    if (match) return word(match);
  }
  return `${/value|type/i.test(message) ? "WrongType" : "InvalidQuery"}: ${message}`;
}

/** The field names from the operation down to `target`, as graphql-java's "@ 'a/b'" suffix shows. */
function queryPath(document: DocumentNode, target: ASTNode): string[] {
  const fields: string[] = [];
  let found: string[] = [];
  // One generic visitor: graphql-js calls a kind-specific one instead of the generic one, not both.
  visit(document, {
    enter: (node) => {
      if (node.kind === Kind.FIELD) fields.push(node.name.value);
      if (node.loc?.start === target.loc?.start && node.kind === target.kind) found = [...fields];
    },
    leave: (node) => {
      if (node.kind === Kind.FIELD) fields.pop();
    },
  });
  return found;
}
