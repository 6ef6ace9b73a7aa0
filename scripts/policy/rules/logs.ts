/** CloudWatch Logs: nothing is kept forever by accident. */
import { ofType, violation } from "../resources";
import type { PolicyRule } from "../rule";

export const LOG_RULES: PolicyRule[] = [
  {
    id: "log-retention",
    description: "Every log group sets a retention period (the default keeps logs, and their costs, forever)",
    check: (ctx) =>
      ofType(ctx, "aws:cloudwatch/logGroup:LogGroup")
        .filter((group) => !(Number(group.inputs.retentionInDays) > 0))
        .map((group) => violation("log-retention", group, "set retentionInDays (e.g. 14, or 90 for audits)")),
  },
];
