import { Chain } from "../chain";
import type { IChainable, INextable, StateProps, Edge } from "./state";
import { State } from "./state";

/**
 * A state that continues with `Next` or ends with `End: true` (Pass, Task, Wait, Parallel, Map).
 * Without a `next()` it renders `End: true`; with one, `Next` — never both.
 */
export abstract class NextableState extends State implements INextable {
  private nextState?: State;

  protected constructor(name: string, props: StateProps = {}) {
    super(name, props);
  }

  get endStates(): readonly INextable[] {
    return [this];
  }

  /** Continues with `next`; returns a chain whose end is the end of `next`. */
  next(next: IChainable): Chain {
    return Chain.start(this).next(next);
  }

  setNext(next: State): void {
    if (this.nextState !== undefined) {
      throw new Error(
        `State "${this.name}" already continues with "${this.nextState.name}"; it cannot also continue with "${next.name}"`,
      );
    }
    this.nextState = next;
  }

  transitions(): Edge[] {
    return this.nextState ? [{ target: this.nextState, kind: "next" }] : [];
  }

  /** `{Next}` or `{End: true}`: the one place a transition is rendered. */
  protected transitionJson(): { Next: string } | { End: true } {
    return this.nextState ? { Next: this.nextState.name } : { End: true };
  }
}
