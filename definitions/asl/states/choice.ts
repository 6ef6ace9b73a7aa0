import { Chain } from "../chain";
import type { Condition } from "../condition";
import { compact } from "../private/render";
import type { ChoiceStateJson } from "../types";
import type { IChainable, INextable, StateProps, Edge } from "./state";
import { State } from "./state";

/** Options of one Choice rule. */
export interface ChoiceRuleOptions {
  readonly comment?: string;
}

interface Rule {
  readonly condition: Condition;
  readonly next: IChainable;
  readonly comment?: string;
}

/**
 * Branches on the input: the first rule whose condition matches decides where to go, else the
 * `otherwise` state. A Choice is not followed with `.next()`; use `.afterwards()` to join its branches.
 */
export class Choice extends State {
  readonly type = "Choice" as const;
  private readonly rules: Rule[] = [];
  private defaultNext?: IChainable;

  constructor(name: string, props: StateProps = {}) {
    super(name, props);
  }

  /** Goes to `next` when `condition` matches (rules are tried in the order they were added). */
  when(condition: Condition, next: IChainable, options: ChoiceRuleOptions = {}): this {
    this.rules.push({ condition, next, comment: options.comment });
    return this;
  }

  /** Goes to `next` when no rule matches (`Default`). */
  otherwise(next: IChainable): this {
    if (this.defaultNext !== undefined) {
      throw new Error(
        `State "${this.name}" already goes to "${this.defaultNext.startState.name}" otherwise; it cannot also go to "${next.startState.name}"`,
      );
    }
    this.defaultNext = next;
    return this;
  }

  /**
   * A chain that continues after every branch of this Choice: a later `.next()` is attached to the
   * end of each branch that has not ended.
   */
  afterwards(): Chain {
    const branches = [
      ...this.rules.map((rule) => rule.next),
      ...(this.defaultNext ? [this.defaultNext] : []),
    ];
    const ends = branches.flatMap((branch) => branch.endStates);
    return Chain.custom(this, [...new Set(ends)], this);
  }

  get endStates(): readonly INextable[] {
    return [];
  }

  /** The number of rules; a Choice without rules is rejected when the definition is built. */
  get ruleCount(): number {
    return this.rules.length;
  }

  transitions(): Edge[] {
    return [
      ...this.rules.map((rule) => ({ target: rule.next.startState, kind: "choice" as const })),
      ...(this.defaultNext ? [{ target: this.defaultNext.startState, kind: "default" as const }] : []),
    ];
  }

  toStateJson(): ChoiceStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      Choices: this.rules.map((rule) =>
        compact({ ...rule.condition.toJson(), Comment: rule.comment, Next: rule.next.startState.name }),
      ),
      Default: this.defaultNext?.startState.name,
    });
  }
}
