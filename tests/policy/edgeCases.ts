/** Breaking and passing resources for the edge's policy rules (scripts/policy/rules/edge.ts). */
import type { PlannedResource } from "../../scripts/pulumiMocks";

const ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge-waf/abc";
const DISTRIBUTION_ARN = "arn:aws:cloudfront::123456789012:distribution/E123";

const webAcl = (scope: string): PlannedResource => ({
  type: "aws:wafv2/webAcl:WebAcl",
  name: "edge-waf",
  inputs: { scope },
  provider: "edge-us-east-1",
  outputs: { arn: ACL_ARN },
});
const aclLogging: PlannedResource = {
  type: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  name: "edge-waf-logging",
  inputs: {
    resourceArn: ACL_ARN,
    logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-x"],
  },
};
const accessLogs: PlannedResource[] = [
  {
    type: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
    name: "edge-access-log-source",
    inputs: { name: "edge-access", logType: "ACCESS_LOGS", resourceArn: DISTRIBUTION_ARN },
  },
  {
    type: "aws:cloudwatch/logDelivery:LogDelivery",
    name: "edge-access-log-delivery",
    inputs: {
      deliverySourceName: "edge-access",
      deliveryDestinationArn: "arn:aws:logs:us-east-1:123456789012:delivery-destination:x",
    },
  },
];
const behaviour = { viewerProtocolPolicy: "redirect-to-https", targetOriginId: "api" };
const distribution = (inputs: Record<string, unknown> = {}): PlannedResource => ({
  type: "aws:cloudfront/distribution:Distribution",
  name: "edge-distribution",
  inputs: {
    webAclId: ACL_ARN,
    defaultCacheBehavior: behaviour,
    orderedCacheBehaviors: [{ ...behaviour, pathPattern: "/graphql" }],
    origins: [
      {
        originId: "api",
        domainName: "abc.execute-api.eu-west-1.amazonaws.com",
        customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
      },
    ],
    viewerCertificate: {
      acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    },
    ...inputs,
  },
  outputs: { arn: DISTRIBUTION_ARN },
});

export const EDGE_CASES: Record<string, { breaks: PlannedResource[]; passes: PlannedResource[] }> = {
  "edge-waf-attached": {
    breaks: [
      distribution({ webAclId: undefined }),
      { ...distribution(), name: "regional-acl" },
      webAcl("REGIONAL"),
    ],
    passes: [distribution(), webAcl("CLOUDFRONT")],
  },
  "edge-https-only": {
    breaks: [
      distribution({ orderedCacheBehaviors: [{ ...behaviour, viewerProtocolPolicy: "allow-all" }] }),
      distribution({
        origins: [
          {
            originId: "api",
            domainName: "x",
            customOriginConfig: { originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] },
          },
        ],
      }),
      distribution({
        origins: [
          {
            originId: "api",
            domainName: "x",
            customOriginConfig: {
              originProtocolPolicy: "https-only",
              originSslProtocols: ["TLSv1", "TLSv1.2"],
            },
          },
        ],
      }),
    ],
    passes: [
      distribution(),
      // An S3 origin has no customOriginConfig: CloudFront always reaches S3 over HTTPS with OAC.
      distribution({
        origins: [{ originId: "console", domainName: "b.s3.eu-west-1.amazonaws.com", s3OriginConfig: {} }],
      }),
    ],
  },
  "edge-tls-minimum": {
    breaks: [
      distribution({
        viewerCertificate: {
          acmCertificateArn: "arn:x",
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: "TLSv1_2016",
        },
      }),
      distribution({
        viewerCertificate: {
          acmCertificateArn: "arn:x",
          sslSupportMethod: "vip",
          minimumProtocolVersion: "TLSv1.2_2021",
        },
      }),
    ],
    passes: [distribution(), distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } })],
  },
  "edge-logging": {
    breaks: [distribution(), webAcl("CLOUDFRONT"), aclLogging],
    passes: [distribution(), ...accessLogs, webAcl("CLOUDFRONT"), aclLogging],
  },
};
