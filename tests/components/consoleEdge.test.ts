import assert from "node:assert/strict";
import path from "node:path";
import { EDGE_ORIGIN } from "../../components/Edge";
import type { PlanResult } from "../../scripts/pulumiMocks";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { loadStackConfig, projectName } from "../../common/stackConfig";
import { Planned } from "./planHelpers";

const ROOT = path.resolve(__dirname, "../..");

interface Origin {
  originId: string;
  domainName: string;
  originAccessControlId?: string;
  s3OriginConfig?: { originAccessIdentity: string };
}
interface Behaviour {
  pathPattern: string;
  targetOriginId: string;
  viewerProtocolPolicy: string;
  allowedMethods: string[];
}

describe("the web console behind the edge (the dev stack with the edge on, under Pulumi mocks)", function () {
  this.timeout(180_000);
  let planned: Planned;
  let result: PlanResult;

  before(async () => {
    // The dev stack (console on) with the edge switched on, as `pulumi config set edge true` would.
    const config = { ...loadStackConfig("dev", ROOT), "pizza-booking:edge": "true" };
    delete require.cache[require.resolve("../../index")];
    result = await runUnderMocks(async () => ({ ...(await import("../../index")) }), {
      config,
      stack: "dev",
      project: projectName(ROOT),
    });
    planned = new Planned(result);
  });

  it("serves the console's bucket as an S3 origin signed by origin access control", () => {
    const distribution = planned.one("aws:cloudfront/distribution:Distribution", "edge-distribution").inputs;
    const origin = (distribution.origins as Origin[]).find(
      (candidate) => candidate.originId === EDGE_ORIGIN.console,
    );
    assert.ok(origin, "the distribution has the console origin");
    assert.match(origin.domainName, /^console-bucket-\w+\.s3\.us-east-1\.amazonaws\.com$/);
    assert.equal(origin.originAccessControlId, "edge-console-oac-id");
    assert.deepStrictEqual(
      origin.s3OriginConfig,
      { originAccessIdentity: "" },
      "no legacy origin access identity",
    );
    const oac = planned.one(
      "aws:cloudfront/originAccessControl:OriginAccessControl",
      "edge-console-oac",
    ).inputs;
    assert.deepStrictEqual(
      [oac.originAccessControlOriginType, oac.signingBehavior, oac.signingProtocol],
      ["s3", "always", "sigv4"],
    );
  });

  it("routes /console/* to that origin, read-only and HTTPS only, where the objects are keyed", () => {
    const distribution = planned.one("aws:cloudfront/distribution:Distribution", "edge-distribution").inputs;
    const behaviour = (distribution.orderedCacheBehaviors as Behaviour[]).find(
      (candidate) => candidate.pathPattern === "/console/*",
    );
    assert.ok(behaviour, "a /console/* cache behaviour");
    assert.equal(behaviour.targetOriginId, EDGE_ORIGIN.console);
    assert.deepStrictEqual(behaviour.allowedMethods, ["GET", "HEAD"]);
    assert.match(behaviour.viewerProtocolPolicy, /^(redirect-to-https|https-only)$/);
    // CloudFront forwards the path as it is: every object the behaviour serves is under console/.
    for (const object of planned.ofType("aws:s3/bucketObjectv2:BucketObjectv2"))
      assert.match(String(object.inputs.key), /^console\//);
  });

  it("lets only this distribution read the console's objects; the bucket stays private", () => {
    const policy = JSON.parse(
      String(planned.one("aws:s3/bucketPolicy:BucketPolicy", "edge-console-bucket-policy").inputs.policy),
    ) as { Statement: { Principal: unknown; Action: string; Resource: string; Condition: unknown }[] };
    assert.equal(policy.Statement.length, 1);
    const [statement] = policy.Statement;
    assert.deepStrictEqual(statement.Principal, { Service: "cloudfront.amazonaws.com" });
    assert.equal(statement.Action, "s3:GetObject");
    assert.match(statement.Resource, /^arn:aws:s3:::console-bucket-\w+\/console\/\*$/);
    assert.deepStrictEqual(Object.keys(statement.Condition as object), ["StringEquals"]);
    const block = planned.one(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "console-public-access",
    ).inputs;
    assert.equal(block.restrictPublicBuckets, true);
    assert.equal(block.blockPublicPolicy, true);
  });

  it("tells the deployed console to call the APIs through the edge, on its own origin", () => {
    const config = JSON.parse(
      String(planned.one("aws:s3/bucketObjectv2:BucketObjectv2", "console-config-json").inputs.content),
    ) as Record<string, unknown>;
    assert.equal(config.graphqlUrl, "/graphql");
    assert.equal(config.pizzaApiUrl, "/pizza");
    assert.equal(config.apiKey, undefined, "no API key is published");
    assert.equal(
      config.stepFunctionsEndpoint,
      undefined,
      "the deployed console does not call Step Functions",
    );
  });

  it("exports the console's URL on the edge", () => {
    assert.match(String(result.outputs.consoleUrl), /^https:\/\/[\w.-]+\/console\/$/);
  });
});
