/**
 * ASL as the local engines read it: plain JSON, loosely typed on purpose. The builder's types
 * (definitions/asl) describe what it writes and change with it; the engines must run any definition
 * a user hands to CreateStateMachine, so they read fields by name and check values where they use them.
 */

/** One state, any type. */
export type StateNode = { readonly Type: string } & Readonly<Record<string, unknown>>;

/** A state machine or a Parallel branch / Map processor: states and where to start. */
export interface ScopeNode {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateNode>>;
  readonly QueryLanguage?: string;
  readonly TimeoutSeconds?: number;
  readonly [field: string]: unknown;
}

/** The scopes a state contains: a Parallel's branches, a Map's processor. */
export function innerScopes(state: StateNode): ScopeNode[] {
  if (state.Type === "Parallel") return (state.Branches as ScopeNode[] | undefined) ?? [];
  if (state.Type === "Map") {
    const processor = (state.ItemProcessor ?? state.Iterator) as ScopeNode | undefined;
    return processor ? [processor] : [];
  }
  return [];
}

/** Calls `visit` for every state of `scope`, nested ones included. */
export function eachState(scope: ScopeNode, visit: (name: string, state: StateNode) => void): void {
  for (const [name, state] of Object.entries(scope.States)) {
    visit(name, state);
    for (const inner of innerScopes(state)) eachState(inner, visit);
  }
}
