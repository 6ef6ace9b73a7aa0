import { assertPath } from "../jsonpath";
import { compact } from "../private/render";
import type { WaitStateJson } from "../types";
import { NextableState } from "./nextable";
import type { StateProps } from "./state";

/** RFC 3339 as Step Functions accepts it: upper-case `T`, and `Z` or a numeric offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** How long a Wait state waits: exactly one of the four ASL forms. */
export class WaitTime {
  private constructor(
    readonly json: Pick<WaitStateJson, "Seconds" | "SecondsPath" | "Timestamp" | "TimestampPath">,
  ) {}

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
    return new WaitTime({ SecondsPath: path });
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
    return new WaitTime({ TimestampPath: path });
  }
}

/** Options of a Wait state. */
export interface WaitProps extends StateProps {
  /** How long to wait. */
  readonly time: WaitTime;
}

/** Pauses the execution for a duration or until a time. */
export class Wait extends NextableState {
  readonly type = "Wait" as const;
  private readonly time: WaitTime;

  constructor(name: string, props: WaitProps) {
    super(name, props);
    this.time = props.time;
  }

  toStateJson(): WaitStateJson {
    return compact({
      Type: this.type,
      ...this.commonJson(),
      ...this.time.json,
      ...this.transitionJson(),
    }) as WaitStateJson;
  }
}
