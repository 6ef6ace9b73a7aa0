/**
 * AppSync's per-API limits, applied to an operation before any resolver runs:
 * - `queryDepthLimit` (0 = none, else 1-75): "the maximum depth a query can have in a single
 *   request. Depth refers to the amount of nested levels allowed in the body of query"
 *   (AppSync API reference, GraphqlApi). A root field is level 1, its sub-selection level 2, and so
 *   on; fragments count where they are spread, and `__typename` counts like any field.
 * - `resolverCountLimit` (0 = AppSync's default of 10,000, else 1-10,000): "the maximum number of
 *   resolvers that can be invoked in a single request". Every field of the operation that has a
 *   resolver counts once per occurrence (aliases included), so a mutation of 1,000 aliased
 *   `bookApartment` fields is refused whole. Here every resolver sits on a root field, so the
 *   count is exact before execution; the executor still counts invocations as a guard.
 * - `introspectionConfig` DISABLED: `__schema` and `__type` are refused as undefined fields, the
 *   validation error AppSync shows (https://docs.aws.amazon.com/appsync/latest/devguide/configuration-limits.html).
 *
 * AppSync answers an exceeded resolver limit with errorType `ResolverExecutionLimitReached`,
 * "Resolver invocation limit reached." (amplify-category-api #226, amplify-js #8342). For the
 * depth limit AWS documents only that it "will produce a limit error"; the message here says what
 * was exceeded and by how much.
 */
import type {
  DocumentNode,
  FragmentDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from "graphql";
import { GraphQLError, Kind } from "graphql";

/** The limits of one API, as the component sets them. */
export interface AppSyncLimits {
  /** 0 means no limit. */
  readonly queryDepthLimit: number;
  /** 0 means AppSync's default, 10,000. */
  readonly resolverCountLimit: number;
  readonly introspection: boolean;
}

/** AppSync's ceiling on resolver invocations when `resolverCountLimit` is 0. */
export const DEFAULT_RESOLVER_COUNT_LIMIT = 10_000;
export const RESOLVER_LIMIT_ERROR_TYPE = "ResolverExecutionLimitReached";
export const RESOLVER_LIMIT_MESSAGE = "Resolver invocation limit reached.";

/** A limit the operation exceeds, shaped as a request-level AppSync error. */
export interface LimitError {
  readonly errorType?: string;
  readonly message: string;
}

/** The operation's nesting depth and the resolver fields it selects. */
export function measure(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  hasResolver: (parentType: string, field: string) => boolean,
  typeOfField: (parentType: string, field: string) => string | undefined,
): { depth: number; resolvers: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let resolvers = 0;
  // `seen` stops fragment cycles, which validation refuses anyway.
  const walk = (
    set: SelectionSetNode,
    parentType: string,
    level: number,
    seen: ReadonlySet<string>,
  ): number => {
    let deepest = level - 1;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (hasResolver(parentType, name)) resolvers++;
        const childType = typeOfField(parentType, name);
        const below =
          selection.selectionSet && childType
            ? walk(selection.selectionSet, childType, level + 1, seen)
            : level;
        deepest = Math.max(deepest, below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition?.name.value ?? parentType;
        deepest = Math.max(deepest, walk(selection.selectionSet, type, level, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          const inner = new Set(seen).add(fragment.name.value);
          deepest = Math.max(
            deepest,
            walk(fragment.selectionSet, fragment.typeCondition.name.value, level, inner),
          );
        }
      }
    }
    return deepest;
  };
  const rootType = { query: "Query", mutation: "Mutation", subscription: "Subscription" }[
    operation.operation
  ];
  const depth = walk(operation.selectionSet, rootType, 1, new Set());
  return { depth, resolvers };
}

/** The limit the measured operation exceeds, if any. */
export function exceededLimit(
  limits: AppSyncLimits,
  measured: { depth: number; resolvers: number },
): LimitError | undefined {
  if (limits.queryDepthLimit > 0 && measured.depth > limits.queryDepthLimit) {
    return {
      message: `Query depth limit of ${limits.queryDepthLimit} exceeded: the operation is ${measured.depth} levels deep`,
    };
  }
  if (measured.resolvers > resolverLimit(limits)) {
    return { errorType: RESOLVER_LIMIT_ERROR_TYPE, message: RESOLVER_LIMIT_MESSAGE };
  }
  return undefined;
}

/** The effective resolver limit. */
export function resolverLimit(limits: AppSyncLimits): number {
  return limits.resolverCountLimit > 0 ? limits.resolverCountLimit : DEFAULT_RESOLVER_COUNT_LIMIT;
}

/** With introspection disabled: the `__schema` / `__type` fields, refused as graphql-java refuses an undefined field. */
export function introspectionErrors(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION)
      continue;
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === "__schema" || selection.name.value === "__type") {
            errors.push(
              new GraphQLError(`Cannot query field "${selection.name.value}" on type "Query".`, {
                nodes: selection,
              }),
            );
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      }
    };
    visit(definition.selectionSet);
  }
  return errors;
}
