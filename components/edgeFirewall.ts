import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * AWS managed rule groups the edge applies, in order, by the names AWS lists
 * (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html):
 * the core rule set (OWASP-style bad requests), known bad inputs (Log4j, Java deserialization,
 * localhost Host headers, ...) and Amazon's IP reputation list.
 */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

/** The name of the rate-based rule (also its CloudWatch metric name). */
export const RATE_RULE = "rate-per-ip";

/** Options of the edge's firewall. */
export interface EdgeFirewallArgs {
  /** Requests one client IP may send in any 5 minutes before it is blocked (10 to 2,000,000,000). */
  readonly ratePerFiveMinutes: number;
  /** Days to keep the WAF's logs. */
  readonly logRetentionDays: number;
  readonly tags: Record<string, string>;
  /** A provider for us-east-1, where CLOUDFRONT-scope web ACLs and their logs must live. */
  readonly provider: aws.Provider;
}

/** The web ACL and where it logs. */
export interface EdgeFirewall {
  readonly webAcl: aws.wafv2.WebAcl;
  readonly logGroup: aws.cloudwatch.LogGroup;
}

/**
 * A WAF web ACL for a CloudFront distribution: CLOUDFRONT scope, which AWS only accepts in
 * us-east-1 (https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html),
 * hence the explicit provider. Rate limiting first (cheapest, and it stops floods before the
 * managed groups are evaluated), then the managed groups; anything else is allowed. Every rule
 * emits CloudWatch metrics (the alarms use `BlockedRequests`) and sampled requests, and the ACL
 * logs to a CloudWatch Logs group whose name starts with `aws-waf-logs-`, as WAF requires
 * (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html).
 */
export function edgeFirewall(name: string, args: EdgeFirewallArgs, parent: pulumi.Resource): EdgeFirewall {
  const visibility = (metricName: string) => ({
    cloudwatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName,
  });
  const webAcl = new aws.wafv2.WebAcl(
    `${name}-waf`,
    {
      description: "Rate limit per client IP and AWS managed rules in front of the edge",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rules: [
        {
          name: RATE_RULE,
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: args.ratePerFiveMinutes,
              aggregateKeyType: "IP",
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility(RATE_RULE),
        },
        ...MANAGED_RULE_GROUPS.map((group, index) => ({
          name: group,
          priority: index + 1,
          // `none` keeps each managed rule's own action (block); `count` would only observe.
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
          visibilityConfig: visibility(group),
        })),
      ],
      visibilityConfig: visibility(`${name}-waf`),
      tags: args.tags,
    },
    { parent, provider: args.provider },
  );
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-waf-logs`,
    {
      name: `aws-waf-logs-${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
      retentionInDays: args.logRetentionDays,
      tags: args.tags,
    },
    { parent, provider: args.provider },
  );
  new aws.wafv2.WebAclLoggingConfiguration(
    `${name}-waf-logging`,
    {
      resourceArn: webAcl.arn,
      logDestinationConfigs: [logGroup.arn],
      // Credentials never reach the logs.
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "x-api-key" } }],
    },
    { parent, provider: args.provider },
  );
  return { webAcl, logGroup };
}
