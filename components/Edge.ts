import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeDomainArgs } from "./edgeDomain";
import { edgeAliasRecords, edgeCertificate } from "./edgeDomain";
import { edgeFirewall } from "./edgeFirewall";
import { MANAGED_POLICY, PIZZA_PATH_REWRITE, edgePolicies } from "./edgePolicies";
import { checkLogRetention, checkWholeNumber, physicalName } from "./validation";

/** The component's type token. */
export const EDGE_TYPE = "pizza-booking:edge:Edge";

/** Origin ids inside the distribution. */
export const EDGE_ORIGIN = { pizza: "pizza-api", graphql: "graphql-api", console: "console-bucket" } as const;

/** Every method CloudFront can pass to an origin (a behaviour allows all of them or a GET/HEAD subset). */
const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];

/**
 * The minimum TLS version viewers may use with the edge's own certificate: TLS 1.2, with the
 * 2021 cipher suites (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html).
 */
export const EDGE_MINIMUM_TLS = "TLSv1.2_2021";

/** A private S3 bucket the edge serves at `/console/*` (its objects live under the `console/` prefix). */
export interface EdgeConsoleBucket {
  readonly bucketName: pulumi.Input<string>;
  readonly bucketArn: pulumi.Input<string>;
  readonly bucketRegionalDomainName: pulumi.Input<string>;
}

/** Options of the edge. */
export interface EdgeArgs {
  /** The pizza API's invoke URL (an HTTP API's `https://id.execute-api.../` or a REST stage's `.../api/`). */
  readonly pizzaApiUrl: pulumi.Input<string>;
  /** The AppSync GraphQL URL (`https://id.appsync-api.../graphql`). */
  readonly graphqlUrl: pulumi.Input<string>;
  /** The web console's bucket; the edge owns its origin access control and bucket policy. */
  readonly consoleBucket?: EdgeConsoleBucket;
  /** A custom domain; without one the edge is served at its `*.cloudfront.net` name. */
  readonly domain?: EdgeDomainArgs;
  /** Requests one client IP may send in any 5 minutes before WAF blocks it. @default 1000 */
  readonly ratePerFiveMinutes?: number;
  /** Which edge locations serve (PriceClass_100: North America and Europe). @default "PriceClass_100" */
  readonly priceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** Days to keep access and WAF logs. @default 14 */
  readonly logRetentionDays?: number;
  readonly tags?: Record<string, string>;
}

/**
 * The seed article's CloudFront: one domain in front of both APIs as router, firewall and short
 * cache. `POST /` and `/pizza` go to the pizza API, `/graphql` to AppSync, `/console/*` to the
 * console bucket; HTTPS only, the managed security headers on every answer, a WAF web ACL with a
 * per-IP rate limit and AWS managed rules, access logs to CloudWatch Logs.
 *
 * CloudFront is global, but its certificate, its WAF web ACL and its log delivery must be created
 * in us-east-1: they go through the explicit `usEast1` provider, whatever the stack's region.
 */
export class Edge extends pulumi.ComponentResource {
  /** `https://<domain or *.cloudfront.net>/` */
  public readonly url: pulumi.Output<string>;
  public readonly distributionId: pulumi.Output<string>;
  public readonly distributionArn: pulumi.Output<string>;
  public readonly webAclArn: pulumi.Output<string>;
  /** The web ACL's name: the `WebACL` dimension of its CloudWatch metrics. */
  public readonly webAclName: pulumi.Output<string>;
  /** The provider for us-east-1, where the edge's metrics live too (alarms on them must be there). */
  public readonly usEast1: aws.Provider;

  constructor(name: string, args: EdgeArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(EDGE_TYPE, name, {}, opts);
    const tags = args.tags ?? {};
    const retention = checkLogRetention("logRetentionDays", args.logRetentionDays ?? 14);
    const ratePerFiveMinutes = checkWholeNumber(
      "edgeRateLimit",
      args.ratePerFiveMinutes ?? 1000,
      10,
      2_000_000_000,
    );
    if (
      args.domain &&
      !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(args.domain.name)
    )
      throw new Error(
        `[edgeDomainName] must be a lower-case host name like pizza.example.com, got "${args.domain.name}"`,
      );

    this.usEast1 = new aws.Provider(`${name}-us-east-1`, { region: "us-east-1" }, { parent: this });
    const usEast1 = this.usEast1;
    const policies = edgePolicies(name, this);
    const firewall = edgeFirewall(
      name,
      { ratePerFiveMinutes, logRetentionDays: retention, tags, provider: usEast1 },
      this,
    );
    const certificateArn = args.domain ? edgeCertificate(name, args.domain, tags, usEast1, this) : undefined;
    const rewritePizzaPath = new aws.cloudfront.Function(
      `${name}-pizza-path`,
      {
        runtime: "cloudfront-js-2.0",
        comment: "Rewrites /pizza to the pizza API's POST /",
        code: PIZZA_PATH_REWRITE,
        publish: true,
      },
      { parent: this },
    );

    const apiOrigin = (originId: string, url: pulumi.Input<string>) =>
      pulumi.output(url).apply((text) => {
        const parsed = new URL(text);
        const originPath = parsed.pathname.replace(/\/graphql$/, "").replace(/\/$/, "");
        return {
          originId,
          domainName: parsed.hostname,
          ...(originPath ? { originPath } : {}),
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            // Both APIs speak HTTPS only, TLS 1.2 at least.
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
            // The pizza API may take up to its 29 s integration timeout.
            originReadTimeout: 30,
          },
        };
      });
    const consoleOrigin = args.consoleBucket ? this.consoleOrigin(name, args.consoleBucket) : undefined;

    const secured = {
      viewerProtocolPolicy: "redirect-to-https",
      responseHeadersPolicyId: MANAGED_POLICY.securityHeaders,
      compress: true,
    };
    const pizzaBehaviour = {
      ...secured,
      targetOriginId: EDGE_ORIGIN.pizza,
      allowedMethods: ALL_METHODS,
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: MANAGED_POLICY.cachingDisabled,
      originRequestPolicyId: policies.pizzaOrigin.id,
    };
    const distribution = new aws.cloudfront.Distribution(
      `${name}-distribution`,
      {
        comment: `${pulumi.getProject()}-${pulumi.getStack()}: pizza and booking APIs`,
        enabled: true,
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: args.priceClass ?? "PriceClass_100",
        webAclId: firewall.webAcl.arn,
        aliases: args.domain ? [args.domain.name] : [],
        origins: [
          apiOrigin(EDGE_ORIGIN.pizza, args.pizzaApiUrl),
          apiOrigin(EDGE_ORIGIN.graphql, args.graphqlUrl),
          ...(consoleOrigin ? [consoleOrigin.origin] : []),
        ],
        // Everything not matched below goes to the pizza API, whose only route is POST /.
        defaultCacheBehavior: pizzaBehaviour,
        orderedCacheBehaviors: [
          {
            ...pizzaBehaviour,
            pathPattern: "/pizza",
            functionAssociations: [{ eventType: "viewer-request", functionArn: rewritePizzaPath.arn }],
          },
          {
            ...secured,
            pathPattern: "/graphql",
            targetOriginId: EDGE_ORIGIN.graphql,
            allowedMethods: ALL_METHODS,
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: policies.graphqlCache.id,
            originRequestPolicyId: policies.graphqlOrigin.id,
          },
          ...(consoleOrigin
            ? [
                {
                  ...secured,
                  pathPattern: "/console/*",
                  targetOriginId: EDGE_ORIGIN.console,
                  allowedMethods: ["GET", "HEAD"],
                  cachedMethods: ["GET", "HEAD"],
                  cachePolicyId: MANAGED_POLICY.cachingOptimized,
                },
              ]
            : []),
        ],
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: certificateArn
          ? {
              acmCertificateArn: certificateArn,
              sslSupportMethod: "sni-only",
              minimumProtocolVersion: EDGE_MINIMUM_TLS,
            }
          : // The *.cloudfront.net certificate: CloudFront fixes its policy, TLS 1.2 needs a domain of our own.
            { cloudfrontDefaultCertificate: true },
        tags,
      },
      { parent: this },
    );
    if (consoleOrigin) consoleOrigin.grant(distribution);
    if (args.domain) edgeAliasRecords(name, args.domain, distribution, this);
    this.accessLogs(name, distribution, retention, tags);

    this.url = args.domain
      ? pulumi.output(`https://${args.domain.name}/`)
      : pulumi.interpolate`https://${distribution.domainName}/`;
    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.webAclArn = firewall.webAcl.arn;
    this.webAclName = firewall.webAcl.name;
    this.registerOutputs({
      url: this.url,
      distributionId: this.distributionId,
      distributionArn: this.distributionArn,
      webAclArn: this.webAclArn,
      webAclName: this.webAclName,
    });
  }

  /**
   * The console bucket as an origin reached through origin access control (SigV4-signed requests,
   * the bucket stays private), and the bucket policy that lets only this distribution read it
   * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
   */
  private consoleOrigin(name: string, bucket: EdgeConsoleBucket) {
    const accessControl = new aws.cloudfront.OriginAccessControl(
      `${name}-console-oac`,
      {
        description: "The edge reads the console bucket, signed; the bucket stays private",
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
      },
      { parent: this },
    );
    return {
      origin: {
        originId: EDGE_ORIGIN.console,
        domainName: bucket.bucketRegionalDomainName,
        originAccessControlId: accessControl.id,
        // An S3 origin through OAC has an empty origin access identity.
        s3OriginConfig: { originAccessIdentity: "" },
      },
      grant: (distribution: aws.cloudfront.Distribution) =>
        new aws.s3.BucketPolicy(
          `${name}-console-bucket-policy`,
          {
            bucket: bucket.bucketName,
            policy: pulumi.jsonStringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "EdgeReadsConsole",
                  Effect: "Allow",
                  Principal: { Service: "cloudfront.amazonaws.com" },
                  Action: "s3:GetObject",
                  Resource: pulumi.interpolate`${bucket.bucketArn}/console/*`,
                  Condition: { StringEquals: { "AWS:SourceArn": distribution.arn } },
                },
              ],
            }),
          },
          { parent: this },
        ),
    };
  }

  /**
   * Standard access logs (v2) to CloudWatch Logs. CloudFront's log delivery source must be in
   * us-east-1 (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html),
   * so the log group is there too.
   */
  private accessLogs(
    name: string,
    distribution: aws.cloudfront.Distribution,
    retentionInDays: number,
    tags: Record<string, string>,
  ): void {
    const opts = { parent: this, provider: this.usEast1 };
    const logName = physicalName(pulumi.getProject(), pulumi.getStack(), name, "access");
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-access-logs`,
      { name: `/aws/vendedlogs/cloudfront/${logName}`, retentionInDays, tags },
      opts,
    );
    const source = new aws.cloudwatch.LogDeliverySource(
      `${name}-access-log-source`,
      { name: logName, logType: "ACCESS_LOGS", resourceArn: distribution.arn, tags },
      opts,
    );
    const destination = new aws.cloudwatch.LogDeliveryDestination(
      `${name}-access-log-destination`,
      {
        name: logName,
        deliveryDestinationConfiguration: { destinationResourceArn: logGroup.arn },
        outputFormat: "json",
        tags,
      },
      opts,
    );
    new aws.cloudwatch.LogDelivery(
      `${name}-access-log-delivery`,
      { deliverySourceName: source.name, deliveryDestinationArn: destination.arn, tags },
      opts,
    );
  }
}
