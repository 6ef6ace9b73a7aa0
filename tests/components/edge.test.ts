import assert from "node:assert/strict";
import { Edge, EDGE_MINIMUM_TLS, EDGE_ORIGIN } from "../../components/Edge";
import { MANAGED_RULE_GROUPS, RATE_RULE } from "../../components/edgeFirewall";
import { MANAGED_POLICY, PIZZA_PATH_REWRITE } from "../../components/edgePolicies";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned } from "./planHelpers";

interface Behaviour {
  pathPattern?: string;
  targetOriginId: string;
  viewerProtocolPolicy: string;
  allowedMethods: string[];
  cachePolicyId: string;
  originRequestPolicyId?: string;
  responseHeadersPolicyId: string;
  functionAssociations?: { eventType: string; functionArn: string }[];
}

describe("Edge component (under Pulumi mocks)", function () {
  this.timeout(60_000);
  let planned: Planned;
  let outputs: Record<string, unknown>;
  let distribution: Record<string, unknown>;
  const idOf = (type: string, name: string) => `${planned.one(type, name).name}-id`;

  before(async () => {
    const result = await runUnderMocks(
      async () => {
        const edge = new Edge("edge", {
          pizzaApiUrl: "https://abc123.execute-api.eu-west-1.amazonaws.com/api/",
          graphqlUrl: "https://xyz789.appsync-api.eu-west-1.amazonaws.com/graphql",
          consoleBucket: {
            bucketName: "console-bucket",
            bucketArn: "arn:aws:s3:::console-bucket",
            bucketRegionalDomainName: "console-bucket.s3.eu-west-1.amazonaws.com",
          },
          domain: { name: "pizza.example.com", hostedZoneId: "Z123EXAMPLE" },
          ratePerFiveMinutes: 500,
          logRetentionDays: 30,
        });
        return { url: edge.url, webAclArn: edge.webAclArn, distributionArn: edge.distributionArn };
      },
      { config: { "aws:region": "eu-west-1" } },
    );
    planned = new Planned(result);
    outputs = result.outputs;
    distribution = planned.one("aws:cloudfront/distribution:Distribution", "edge-distribution").inputs;
  });

  it("puts both APIs and the console bucket behind one distribution, over HTTPS with TLS 1.2 to the origins", () => {
    const origins = distribution.origins as Record<string, unknown>[];
    assert.deepStrictEqual(
      origins.map((origin) => [origin.originId, origin.domainName, origin.originPath]),
      [
        [EDGE_ORIGIN.pizza, "abc123.execute-api.eu-west-1.amazonaws.com", "/api"],
        [EDGE_ORIGIN.graphql, "xyz789.appsync-api.eu-west-1.amazonaws.com", undefined],
        [EDGE_ORIGIN.console, "console-bucket.s3.eu-west-1.amazonaws.com", undefined],
      ],
    );
    for (const origin of origins.slice(0, 2))
      assert.deepStrictEqual(origin.customOriginConfig, {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        originReadTimeout: 30,
      });
  });

  it("routes POST / and /pizza to the pizza API uncached, /graphql to AppSync, /console/* to the bucket", () => {
    const defaultBehaviour = distribution.defaultCacheBehavior as Behaviour;
    const ordered = distribution.orderedCacheBehaviors as Behaviour[];
    assert.deepStrictEqual(
      [defaultBehaviour, ...ordered].map((b) => [b.pathPattern ?? "*", b.targetOriginId, b.cachePolicyId]),
      [
        ["*", EDGE_ORIGIN.pizza, MANAGED_POLICY.cachingDisabled],
        ["/pizza", EDGE_ORIGIN.pizza, MANAGED_POLICY.cachingDisabled],
        [
          "/graphql",
          EDGE_ORIGIN.graphql,
          idOf("aws:cloudfront/cachePolicy:CachePolicy", "edge-graphql-cache"),
        ],
        ["/console/*", EDGE_ORIGIN.console, MANAGED_POLICY.cachingOptimized],
      ],
    );
    for (const behaviour of [defaultBehaviour, ...ordered]) {
      assert.equal(behaviour.viewerProtocolPolicy, "redirect-to-https", behaviour.pathPattern);
      assert.equal(behaviour.responseHeadersPolicyId, MANAGED_POLICY.securityHeaders, behaviour.pathPattern);
    }
    assert.deepStrictEqual(ordered[2].allowedMethods, ["GET", "HEAD"], "the console is read-only");
    assert.equal(ordered[0].functionAssociations?.length, 1);
    assert.equal(ordered[0].functionAssociations?.[0].eventType, "viewer-request");
    assert.match(
      String(ordered[0].functionAssociations?.[0].functionArn),
      /^arn:aws:cloudfront::123456789012:function\/edge-pizza-path/,
    );
  });

  it("rewrites /pizza to / in the viewer-request function, and leaves other paths alone", () => {
    const fn = planned.one("aws:cloudfront/function:Function", "edge-pizza-path").inputs;
    assert.equal(fn.runtime, "cloudfront-js-2.0");
    assert.equal(fn.code, PIZZA_PATH_REWRITE);
    const handler = new Function(`${PIZZA_PATH_REWRITE}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    assert.equal(handler({ request: { uri: "/pizza" } }).uri, "/");
    assert.equal(handler({ request: { uri: "/pizza/" } }).uri, "/");
    assert.equal(handler({ request: { uri: "/graphql" } }).uri, "/graphql");
  });

  it("caches GET GraphQL queries a few seconds, keyed on the credentials and the query string", () => {
    const cache = planned.one("aws:cloudfront/cachePolicy:CachePolicy", "edge-graphql-cache").inputs;
    assert.deepStrictEqual([cache.minTtl, cache.defaultTtl, cache.maxTtl], [0, 5, 10]);
    assert.deepStrictEqual(cache.parametersInCacheKeyAndForwardedToOrigin, {
      headersConfig: { headerBehavior: "whitelist", headers: { items: ["Authorization", "x-api-key"] } },
      queryStringsConfig: { queryStringBehavior: "all" },
      cookiesConfig: { cookieBehavior: "none" },
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  });

  it("forwards only the body's Content-Type to the APIs: no cookies, no Host, no other headers", () => {
    for (const name of ["edge-graphql-origin", "edge-pizza-origin"]) {
      const policy = planned.one("aws:cloudfront/originRequestPolicy:OriginRequestPolicy", name).inputs;
      assert.deepStrictEqual(policy.headersConfig, {
        headerBehavior: "whitelist",
        headers: { items: ["Content-Type"] },
      });
      assert.deepStrictEqual(policy.cookiesConfig, { cookieBehavior: "none" });
      assert.deepStrictEqual(policy.queryStringsConfig, { queryStringBehavior: "none" });
    }
  });

  it("creates the WAF web ACL, its logs and the certificate in us-east-1 through an explicit provider", () => {
    const provider = planned.one("pulumi:providers:aws", "edge-us-east-1");
    assert.equal(provider.inputs.region, "us-east-1");
    for (const [type, name] of [
      ["aws:wafv2/webAcl:WebAcl", "edge-waf"],
      ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "edge-waf-logging"],
      ["aws:cloudwatch/logGroup:LogGroup", "edge-waf-logs"],
      ["aws:acm/certificate:Certificate", "edge-certificate"],
      ["aws:acm/certificateValidation:CertificateValidation", "edge-certificate-validation"],
      ["aws:cloudwatch/logDeliverySource:LogDeliverySource", "edge-access-log-source"],
    ])
      assert.equal(planned.one(type, name).provider, "edge-us-east-1", `${type} ${name}`);
    assert.equal(
      planned.one("aws:cloudfront/distribution:Distribution", "edge-distribution").provider,
      undefined,
    );
  });

  it("attaches a CLOUDFRONT-scope web ACL: a per-IP rate limit, then AWS's managed rule groups", () => {
    const acl = planned.one("aws:wafv2/webAcl:WebAcl", "edge-waf").inputs as {
      scope: string;
      defaultAction: unknown;
      rules: {
        name: string;
        priority: number;
        action?: unknown;
        overrideAction?: unknown;
        statement: unknown;
      }[];
    };
    assert.equal(acl.scope, "CLOUDFRONT");
    assert.deepStrictEqual(acl.defaultAction, { allow: {} });
    assert.deepStrictEqual(acl.rules[0].statement, {
      rateBasedStatement: { limit: 500, aggregateKeyType: "IP", evaluationWindowSec: 300 },
    });
    assert.deepStrictEqual(acl.rules[0].action, { block: {} });
    assert.equal(acl.rules[0].name, RATE_RULE);
    assert.deepStrictEqual(
      acl.rules.slice(1).map((rule) => [rule.priority, rule.statement, rule.overrideAction]),
      MANAGED_RULE_GROUPS.map((group, index) => [
        index + 1,
        { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
        { none: {} },
      ]),
    );
    assert.equal(distribution.webAclId, String(outputs.webAclArn));
    assert.match(String(outputs.webAclArn), /^arn:aws:wafv2:us-east-1:123456789012:global\/webacl\//);
  });

  it("serves the custom domain with its us-east-1 certificate, SNI and TLS 1.2 at least", () => {
    assert.deepStrictEqual(distribution.aliases, ["pizza.example.com"]);
    const certificate = distribution.viewerCertificate as Record<string, unknown>;
    assert.equal(certificate.sslSupportMethod, "sni-only");
    assert.equal(certificate.minimumProtocolVersion, EDGE_MINIMUM_TLS);
    assert.match(String(certificate.acmCertificateArn), /^arn:aws:acm:us-east-1:/);
    const aliases = planned
      .ofType("aws:route53/record:Record")
      .filter((r) => r.name.startsWith("edge-alias-"));
    assert.deepStrictEqual(
      aliases.map((r) => [r.inputs.type, r.inputs.name, r.inputs.zoneId]),
      [
        ["A", "pizza.example.com", "Z123EXAMPLE"],
        ["AAAA", "pizza.example.com", "Z123EXAMPLE"],
      ],
    );
    assert.equal(outputs.url, "https://pizza.example.com/");
  });

  it("lets only this distribution read the console's objects, through origin access control", () => {
    const oac = planned.one(
      "aws:cloudfront/originAccessControl:OriginAccessControl",
      "edge-console-oac",
    ).inputs;
    assert.deepStrictEqual(
      [oac.originAccessControlOriginType, oac.signingBehavior, oac.signingProtocol],
      ["s3", "always", "sigv4"],
    );
    const policy = JSON.parse(
      String(planned.one("aws:s3/bucketPolicy:BucketPolicy", "edge-console-bucket-policy").inputs.policy),
    ) as { Statement: unknown[] };
    assert.deepStrictEqual(policy.Statement, [
      {
        Sid: "EdgeReadsConsole",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::console-bucket/console/*",
        Condition: { StringEquals: { "AWS:SourceArn": String(outputs.distributionArn) } },
      },
    ]);
  });

  it("logs access (v2, CloudWatch Logs) and WAF decisions, with credentials redacted", () => {
    const source = planned.one(
      "aws:cloudwatch/logDeliverySource:LogDeliverySource",
      "edge-access-log-source",
    ).inputs;
    assert.deepStrictEqual(
      [source.logType, source.resourceArn],
      ["ACCESS_LOGS", String(outputs.distributionArn)],
    );
    assert.equal(
      planned.one("aws:cloudwatch/logGroup:LogGroup", "edge-access-logs").inputs.retentionInDays,
      30,
    );
    const waf = planned.one(
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "edge-waf-logging",
    ).inputs;
    assert.deepStrictEqual(waf.redactedFields, [
      { singleHeader: { name: "authorization" } },
      { singleHeader: { name: "x-api-key" } },
    ]);
    assert.match(
      String(planned.one("aws:cloudwatch/logGroup:LogGroup", "edge-waf-logs").inputs.name),
      /^aws-waf-logs-/,
    );
  });

  it("parents every resource to the component", () => {
    for (const resource of planned.result.resources.filter((r) => r.type !== "pizza-booking:edge:Edge"))
      assert.equal(resource.parent, "edge", `${resource.type} ${resource.name}`);
  });

  it("refuses a rate limit WAF would refuse, and a malformed domain, saying which setting", async () => {
    const attempt = (args: Partial<ConstructorParameters<typeof Edge>[1]>) =>
      runUnderMocks(async () => {
        new Edge("edge", { pizzaApiUrl: "https://a.b/", graphqlUrl: "https://c.d/graphql", ...args });
        return {};
      });
    await assert.rejects(
      attempt({ ratePerFiveMinutes: 5 }),
      /\[edgeRateLimit\] must be a whole number between 10/,
    );
    await assert.rejects(
      attempt({ domain: { name: "Not A Domain", hostedZoneId: "Z1" } }),
      /\[edgeDomainName\] must be a lower-case host name/,
    );
  });
});
