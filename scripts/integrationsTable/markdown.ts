import type { IntegrationEntry, PatternSuffix } from "../../definitions/asl/integrations/catalog";
import { SERVICE_INTEGRATIONS } from "../../definitions/asl/integrations/catalog";
import { SDK_IAM_EXCEPTIONS } from "../../definitions/asl/integrations/sdkIam";
import { UNSCOPED_ACTIONS, isUnscopedAction } from "../../definitions/asl/integrations/unscopedActions";

/** How the table marks a grant that names no resource from the request. */
const unscopedNote = (actions: readonly string[], unscoped: string | undefined, refused: string) =>
  unscoped === undefined ? "" : actions.every(isUnscopedAction) ? " alone on `*`" : refused;

const PATTERN_NAMES: Record<PatternSuffix, string> = {
  "": "request-response",
  ".sync": "`.sync`",
  ".sync:2": "`.sync:2`",
  ".waitForTaskToken": "`.waitForTaskToken`",
};

/** The integration table and the SDK exceptions as Markdown, generated from the data. */
export function integrationsTableMarkdown(): string {
  const rows = Object.entries(SERVICE_INTEGRATIONS).flatMap(([service, actions]) =>
    Object.entries(actions as Record<string, IntegrationEntry>).map(([action, entry]) => {
      const iam = entry.iam
        .map((grant) => {
          const when = grant.when ? ` (${grant.when.map((p) => PATTERN_NAMES[p]).join(", ")})` : "";
          return `${grant.actions.map((a) => `\`${a}\``).join(", ")}${when}${unscopedNote(grant.actions, grant.unscoped, " — not derived: no resource-level permission")}`;
        })
        .join("<br>");
      const rule = entry.syncRule
        ? `<br>\`events:PutTargets\`, \`PutRule\`, \`DescribeRule\` on rule \`${entry.syncRule}\` (.sync)`
        : "";
      return `| [\`${service}:${action}\`](${entry.doc}) | ${entry.patterns.map((p) => PATTERN_NAMES[p]).join(", ")} | ${iam}${rule} |`;
    }),
  );
  const sdk = Object.entries(SDK_IAM_EXCEPTIONS).map(
    ([call, exception]) =>
      `| \`aws-sdk:${call}\` | ${exception.actions.map((a) => `\`${a}\``).join(", ")}${unscopedNote(exception.actions, exception.unscoped, " — not derived")} | [source](${exception.source}) |`,
  );
  return [
    "| Integration (`arn:aws:states:::…`) | Patterns | IAM the role gets |",
    "|---|---|---|",
    ...rows,
    "| `arn:aws:lambda:…:function:…` (plain Lambda ARN) | request-response | `lambda:InvokeFunction` on that ARN |",
    "| `arn:aws:states:…:activity:…` (Activity) | worker callback | none: the worker polls with its own credentials |",
    "",
    "AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`, request-response and",
    "`.waitForTaskToken`) are granted `<prefix>:<Action>` on the resources the request names, except:",
    "",
    "| SDK call | IAM actions | Source |",
    "|---|---|---|",
    ...sdk,
    "",
    "Actions with no resource-level permissions (their Service Authorization Reference row names no",
    "resource type), the only ones the builder and the deploy policy grant on `*`, each alone:",
    "",
    "| IAM action | Source |",
    "|---|---|",
    ...Object.entries(UNSCOPED_ACTIONS).map(
      ([action, source]) => `| \`${action}\` | [Service Authorization Reference](${source}) |`,
    ),
    "",
  ].join("\n");
}
