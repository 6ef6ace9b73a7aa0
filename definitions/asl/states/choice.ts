import { Chain } from "../chain";
import type { Condition } from "../condition";
import { compact } from "../private/render";
import type { ChoiceStateJson, JsonObject, JsonValue } from "../types";
import type { AssignProps, IChainable, INextable, StateProps, Edge } from "./state";
import { State } from "./state";

/** Options of one Choice rule. */
export interface ChoiceRuleOptions {
  readonly comment?: string;
  /** Workflow variables to set when this rule matches. */
  readonly assign?: JsonObject;
  /** JSONata: the output passed to `next` when this rule matches. */
  readonly output?: JsonValue;
}

interface Rule extends ChoiceRuleOptions {
  readonly condition: Condition;
  readonly next: IChainable;
}

/**
 * Branches on the input: the first rule whose condition matches decides where to go, else the
 * `otherwise` state. A Choice is not followed with `.next()`; use `.afterwards()` to join its branches.
 */
export class Choice extends State {
  readonly type = "Choice" as const;
  private readonly rules: Rule[] = [];
  private defaultNext?: IChainable;

  private readonly assign?: JsonObject;

  constructor(name: string, props: StateProps & AssignProps = {}) {
    super(name, props);
    this.assign = this.checkedAssign(props.assign);
  }

  /**
   * Goes to `next` when `condition` matches (rules are tried in the order they were added). A JSONata
   * condition (`Condition.jsonata`) makes this a JSONata Choice; JSONPath conditions make it JSONPath.
   */
  when(condition: Condition, next: IChainable, options: ChoiceRuleOptions = {}): this {
    const where = `rule ${this.rules.length + 1}`;
    if (condition.jsonata !== undefined)
      this.useFields("JSONata", { [`${where} Condition`]: condition.jsonata });
    else this.useFields("JSONPath", { [`${where} Variable`]: condition.toJson() });
    this.useFields("JSONata", { [`${where} Output`]: options.output });
    if (options.assign !== undefined) this.checkedAssign(options.assign);
    this.rules.push({ ...options, condition, next });
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
        compact({
          ...(rule.condition.jsonata !== undefined
            ? { Condition: rule.condition.jsonata }
            : rule.condition.toJson()),
          Comment: rule.comment,
          Assign: rule.assign,
          Output: rule.output,
          Next: rule.next.startState.name,
        }),
      ),
      Default: this.defaultNext?.startState.name,
      Assign: this.assign,
    }) as ChoiceStateJson;
  }
}
