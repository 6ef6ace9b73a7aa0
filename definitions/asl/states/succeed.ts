import { compact } from "../private/render";
import type { SucceedStateJson } from "../types";
import type { INextable, StateProps, Edge } from "./state";
import { State } from "./state";

/** Ends the execution successfully. A terminal state: nothing can follow it. */
export class Succeed extends State {
  readonly type = "Succeed" as const;

  constructor(name: string, props: StateProps = {}) {
    super(name, props);
  }

  get endStates(): readonly INextable[] {
    return [];
  }

  transitions(): Edge[] {
    return [];
  }

  toStateJson(): SucceedStateJson {
    return compact({ Type: this.type, ...this.commonJson() }) as SucceedStateJson;
  }
}
