import { assertPath } from "../jsonpath";
import { assertJsonata } from "../private/payload";
import { compact } from "../private/render";
import type { JsonObject, WaitStateJson } from "../types";
import { NextableState } from "./nextable";
import type { AssignProps, StateProps } from "./state";

/** RFC 3339 as Step Functions accepts it: upper-case `T`, and `Z` or a numeric offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** How long a Wait state waits: exactly one of the four ASL forms. */
export class WaitTime {
  private constructor(
    readonly json: {
      Seconds?: number | string;
      SecondsPath?: string;
      Timestamp?: string;
      TimestampPath?: string;
    },
    /** The query language the form belongs to (`undefined`: both). */
    readonly language?: "JSONPath" | "JSONata",
  ) {}

  /** JSONata: waits the number of seconds a `{% %}` expression gives (`Seconds`). */
  static secondsExpression(expression: string): WaitTime {
    assertJsonata(expression, "WaitTime.secondsExpression");
    return new WaitTime({ Seconds: expression }, "JSONata");
  }

  /** JSONata: waits until the RFC 3339 time a `{% %}` expression gives (`Timestamp`). */
  static timestampExpression(expression: string): WaitTime {
    assertJsonata(expression, "WaitTime.timestampExpression");
    return new WaitTime({ Timestamp: expression }, "JSONata");
  }

  /** Waits a fixed number of seconds (`Seconds`). */
  static duration(seconds: number): WaitTime {
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new Error(`WaitTime.duration: seconds must be a whole number >= 0, got ${seconds}`);
    }
    return new WaitTime({ Seconds: seconds });
  }

  /** Waits the number of seconds found at `path` in the input (`SecondsPath`). */
  static secondsPath(path: string): WaitTime {
    assertPath(path, "reference", "WaitTime.secondsPath");
    return new WaitTime({ SecondsPath: path }, "JSONPath");
  }

  /** Waits until a fixed RFC 3339 time (`Timestamp`), e.g. `2026-11-22T16:00:00Z`. */
  static timestamp(timestamp: string): WaitTime {
    if (!RFC3339.test(timestamp)) {
      throw new Error(`WaitTime.timestamp: "${timestamp}" is not RFC 3339 (like 2026-11-22T16:00:00Z)`);
    }
    return new WaitTime({ Timestamp: timestamp });
  }

  /** Waits until the RFC 3339 time found at `path` in the input (`TimestampPath`). */
  static timestampPath(path: string): WaitTime {
    assertPath(path, "reference", "WaitTime.timestampPath");
    return new WaitTime({ TimestampPath: path }, "JSONPath");
  }
}

/** Options of a Wait state. */
export interface WaitProps extends StateProps, AssignProps {
  /** How long to wait. */
  readonly time: WaitTime;
}

/** Pauses the execution for a duration or until a time. */
export class Wait extends NextableState {
  readonly type = "Wait" as const;
  private readonly time: WaitTime;
  private readonly assign?: JsonObject;

  constructor(name: string, props: WaitProps) {
    super(name, props);
    if (props.time.language !== undefined) this.useFields(props.time.language, { WaitTime: props.time.json });
    this.time = props.time;
    this.assign = this.checkedAssign(props.assign);
  }

  toStateJson(): WaitStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      ...this.time.json,
      Assign: this.assign,
      ...this.transitionJson(),
    }) as WaitStateJson;
  }
}
