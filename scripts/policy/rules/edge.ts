/**
 * The CloudFront edge: behind a CLOUDFRONT-scope WAF web ACL, HTTPS only with TLS 1.2 at least
 * where the edge has its own certificate and towards the origins, and logged (access logs and WAF
 * logs). The *.cloudfront.net certificate's TLS policy is CloudFront's to set, so a distribution
 * without a domain of its own is not held to a minimum version
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html).
 */
import type { PlannedResource } from "../../pulumiMocks";
import { field, ofType, violation } from "../resources";
import type { PolicyContext, PolicyRule } from "../rule";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";

/** Viewer security policies of TLS 1.2 or later, as CloudFront names them. */
const TLS12_OR_LATER = /^TLSv1\.(2_20(18|19|21|25)|3_2025)$/;

const behaviours = (distribution: PlannedResource) => [
  field(distribution, "defaultCacheBehavior") as Record<string, unknown> | undefined,
  ...((field(distribution, "orderedCacheBehaviors") as Record<string, unknown>[] | undefined) ?? []),
];

/** The web ACL whose ARN a distribution names, if the stack creates it. */
const webAclOf = (ctx: PolicyContext, distribution: PlannedResource) =>
  ofType(ctx, WEB_ACL).find(
    (acl) => acl.outputs?.arn !== undefined && acl.outputs.arn === distribution.inputs.webAclId,
  );

export const EDGE_RULES: PolicyRule[] = [
  {
    id: "edge-waf-attached",
    description: "Every CloudFront distribution sits behind a CLOUDFRONT-scope WAF web ACL of this stack",
    check: (ctx) =>
      ofType(ctx, DISTRIBUTION)
        .filter((distribution) => webAclOf(ctx, distribution)?.inputs.scope !== "CLOUDFRONT")
        .map((distribution) =>
          violation(
            "edge-waf-attached",
            distribution,
            "set webAclId to the ARN of an aws.wafv2.WebAcl with scope CLOUDFRONT, created with a us-east-1 provider",
          ),
        ),
  },
  {
    id: "edge-https-only",
    description:
      "Viewers are redirected to HTTPS on every behaviour, and custom origins are reached over TLS 1.2 only",
    check: (ctx) =>
      ofType(ctx, DISTRIBUTION)
        .filter((distribution) => {
          const viewers = behaviours(distribution).every((behaviour) =>
            ["redirect-to-https", "https-only"].includes(String(behaviour?.viewerProtocolPolicy)),
          );
          const origins = (
            (field(distribution, "origins") as Record<string, unknown>[] | undefined) ?? []
          ).every((origin) => {
            const custom = origin.customOriginConfig as Record<string, unknown> | undefined;
            return (
              !custom ||
              (custom.originProtocolPolicy === "https-only" &&
                JSON.stringify(custom.originSslProtocols) === JSON.stringify(["TLSv1.2"]))
            );
          });
          return !viewers || !origins;
        })
        .map((distribution) =>
          violation(
            "edge-https-only",
            distribution,
            'set viewerProtocolPolicy "redirect-to-https" on every behaviour, and originProtocolPolicy "https-only" with originSslProtocols ["TLSv1.2"] on custom origins',
          ),
        ),
  },
  {
    id: "edge-tls-minimum",
    description: "A distribution serving its own certificate accepts TLS 1.2 or later only, with SNI",
    check: (ctx) =>
      ofType(ctx, DISTRIBUTION)
        .filter((distribution) => field(distribution, "viewerCertificate", "acmCertificateArn") !== undefined)
        .filter(
          (distribution) =>
            !TLS12_OR_LATER.test(
              String(field(distribution, "viewerCertificate", "minimumProtocolVersion")),
            ) || field(distribution, "viewerCertificate", "sslSupportMethod") !== "sni-only",
        )
        .map((distribution) =>
          violation(
            "edge-tls-minimum",
            distribution,
            'set viewerCertificate.minimumProtocolVersion "TLSv1.2_2021" (or later) and sslSupportMethod "sni-only"',
          ),
        ),
  },
  {
    id: "edge-logging",
    description: "Every distribution delivers access logs, and every CLOUDFRONT web ACL logs its decisions",
    check: (ctx) => {
      const sources = ofType(ctx, "aws:cloudwatch/logDeliverySource:LogDeliverySource");
      const deliveries = ofType(ctx, "aws:cloudwatch/logDelivery:LogDelivery");
      const delivered = (distribution: PlannedResource) =>
        field(distribution, "loggingConfig", "bucket") !== undefined ||
        sources.some(
          (source) =>
            source.inputs.logType === "ACCESS_LOGS" &&
            source.inputs.resourceArn === distribution.outputs?.arn &&
            deliveries.some((delivery) => delivery.inputs.deliverySourceName === source.inputs.name),
        );
      const logged = new Set(
        ofType(ctx, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration").map((config) =>
          String(config.inputs.resourceArn),
        ),
      );
      return [
        ...ofType(ctx, DISTRIBUTION)
          .filter((distribution) => !delivered(distribution))
          .map((distribution) =>
            violation(
              "edge-logging",
              distribution,
              "deliver access logs: a LogDeliverySource (ACCESS_LOGS, in us-east-1) for the distribution with a LogDelivery to a destination",
            ),
          ),
        ...ofType(ctx, WEB_ACL)
          .filter((acl) => acl.inputs.scope === "CLOUDFRONT" && !logged.has(String(acl.outputs?.arn)))
          .map((acl) =>
            violation(
              "edge-logging",
              acl,
              "add an aws.wafv2.WebAclLoggingConfiguration sending to a log group named aws-waf-logs-...",
            ),
          ),
      ];
    },
  },
];
