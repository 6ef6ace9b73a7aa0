import type { IChainable, INextable, State } from "./states/state";

/**
 * A sequence of states built with `.next()`, in the style of AWS CDK's `Chain`. A chain remembers
 * where it starts and which states a following `.next()` attaches to.
 */
export class Chain implements IChainable {
  private constructor(
    readonly startState: State,
    readonly endStates: readonly INextable[],
    readonly lastState: State,
  ) {}

  /** Starts a chain with a state or another chain. */
  static start(start: IChainable): Chain {
    return new Chain(start.startState, start.endStates, start.lastState);
  }

  /** Chains the given states one after another. */
  static sequence(first: IChainable, ...rest: IChainable[]): Chain {
    return rest.reduce<Chain>((chain, next) => chain.next(next), Chain.start(first));
  }

  /** A chain with explicit ends (used by `Choice.afterwards()`). */
  static custom(startState: State, endStates: readonly INextable[], lastState: State): Chain {
    return new Chain(startState, endStates, lastState);
  }

  /**
   * Continues every open end of this chain with `next`. Throws, naming the state, when every path has
   * already ended (a Succeed or Fail state), or the chain ends in a Choice (use `.afterwards()`).
   */
  next(next: IChainable): Chain {
    if (this.endStates.length === 0) {
      throw new Error(`Cannot add to chain: ${describeEnd(this.lastState)}`);
    }
    for (const end of this.endStates) end.setNext(next.startState);
    return new Chain(this.startState, next.endStates, next.lastState);
  }
}

function describeEnd(state: State): string {
  switch (state.type) {
    case "Succeed":
    case "Fail":
      return `"${state.name}" is a ${state.type} state and ends the workflow`;
    case "Choice":
      return `"${state.name}" is a Choice state; continue after its branches with .afterwards()`;
    default:
      return `every path ending at "${state.name}" has already ended`;
  }
}
