/**
 * The compile-time checks of `StateMachineDefinition.fromAsl`, at every nesting level.
 *
 * `fromAsl` infers the literal type of the whole definition and checks it against `CheckedStates`:
 * each state must be a `StateJson` whose targets name states of its own scope (the top level, or the
 * Parallel branch / Map item processor it is in, whose names are inferred the same way), and must
 * have no field that a state of its `Type` never has (a misspelled `ResultPth` does not compile).
 */
import type {
  ChoiceStateJson,
  FailStateJson,
  ItemProcessorJson,
  MapStateJson,
  ParallelStateJson,
  PassStateJson,
  QueryLanguage,
  StateJson,
  SucceedStateJson,
  TaskStateJson,
  WaitStateJson,
} from "./types";

/**
 * The state types by `Type`: a state is checked against the members of its own type only, not the
 * whole `StateJson` union (an indexed access TypeScript resolves once per type; measured in the README).
 */
interface StatesByType<N extends string, D extends QueryLanguage> {
  Pass: PassStateJson<N, D>;
  Task: TaskStateJson<N, D>;
  Wait: WaitStateJson<N, D>;
  Succeed: SucceedStateJson<D>;
  Fail: FailStateJson<D>;
  Choice: ChoiceStateJson<N, D>;
  Parallel: ParallelStateJson<N, D>;
  Map: MapStateJson<N, D>;
}

/** The state type `T` claims to be, checked against its own type when `Type` is a known one. */
type StateOfType<T, N extends string, D extends QueryLanguage> = T extends { Type: infer Type }
  ? Type extends keyof StatesByType<N, D>
    ? StatesByType<N, D>[Type]
    : StateJson<N, D>
  : StateJson<N, D>;

/** Every key of every member of a union (`keyof` of a union gives only the shared ones). */
type AllKeys<U> = U extends unknown ? keyof U : never;

/** The fields a state of `T`'s `Type` may have, in either language. */
type KnownFields<T> = T extends { Type: infer Type }
  ? Type extends keyof StatesByType<string, QueryLanguage>
    ? AllKeys<StatesByType<string, QueryLanguage>[Type]>
    : never
  : never;

/** Each field `T` has that no state of its type has, typed `never`, so its value does not compile. */
type NoUnknownFields<T> = { [K in Exclude<keyof T, KnownFields<T>>]: never };

/** The names of a scope's states. */
type NamesOf<S> = Extract<keyof S, string>;

/** A nested state machine, checked with its own names. */
type CheckedBranch<B, D extends QueryLanguage> = B extends { States: infer S }
  ? { StartAt: NamesOf<S>; States: CheckedStates<S, D> }
  : unknown;

/** The nested scopes of a Parallel or Map, checked. */
type CheckedNesting<T, D extends QueryLanguage> = T extends { Type: "Parallel"; Branches: infer B }
  ? { Branches: { [I in keyof B]: CheckedBranch<B[I], D> } }
  : T extends { Type: "Map"; ItemProcessor: infer P }
    ? { ItemProcessor: CheckedBranch<P, D> & ItemProcessorJson<D> }
    : T extends { Type: "Map"; Iterator: infer P }
      ? { Iterator: CheckedBranch<P, D> }
      : unknown;

/** One state of a scope whose names are `N`, in a definition whose default query language is `D`. */
export type CheckedState<T, N extends string, D extends QueryLanguage> = StateOfType<T, N, D> &
  NoUnknownFields<T> &
  CheckedNesting<T, D>;

/** Every state of a scope `S`, checked against the names of `S`. */
export type CheckedStates<S, D extends QueryLanguage> = { [K in keyof S]: CheckedState<S[K], NamesOf<S>, D> };
