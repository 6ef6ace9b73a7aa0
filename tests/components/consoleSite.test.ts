import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConsoleSite } from "../../components/ConsoleSite";
import { runUnderMocks } from "../../scripts/pulumiMocks";
import { Planned } from "./planHelpers";

describe("ConsoleSite component (under Pulumi mocks)", function () {
  // The first build bundles Mermaid.
  this.timeout(120_000);
  let planned: Planned;
  let outputs: Record<string, unknown>;
  let bundleDirectory: string;

  before(async () => {
    bundleDirectory = mkdtempSync(path.join(tmpdir(), "console-site-"));
    const result = await runUnderMocks(async () => {
      const site = new ConsoleSite("console", {
        graphqlUrl: "https://abc.appsync-api.us-east-1.amazonaws.com/graphql",
        pizzaApiUrl: "https://edge.example/pizza/",
        pizzaStateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:pizza",
        bookingStateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:booking",
        userPoolId: "us-east-1_AbCdEf123",
        userPoolClientId: "client123",
        bundleDirectory,
        tags: { team: "web" },
      });
      return {
        bucketName: site.bucketName,
        bucketArn: site.bucketArn,
        bucketRegionalDomainName: site.bucketRegionalDomainName,
      };
    });
    planned = new Planned(result);
    outputs = result.outputs;
  });

  after(() => rmSync(bundleDirectory, { recursive: true, force: true }));

  it("creates one bucket, its access block, ownership and encryption, and one object per console file", () => {
    assert.deepStrictEqual(planned.inventory(), [
      "aws:s3/bucket:Bucket console-bucket",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-app-css",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-app-js",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-config-json",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-index-at-path",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-index-html",
      "aws:s3/bucketObjectv2:BucketObjectv2 console-mermaid-js",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls console-ownership",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock console-public-access",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration console-encryption",
      "pizza-booking:console:ConsoleSite console",
    ]);
  });

  it("blocks every kind of public access to the bucket", () => {
    const block = planned.one(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "console-public-access",
    );
    assert.deepStrictEqual(
      {
        blockPublicAcls: block.inputs.blockPublicAcls,
        blockPublicPolicy: block.inputs.blockPublicPolicy,
        ignorePublicAcls: block.inputs.ignorePublicAcls,
        restrictPublicBuckets: block.inputs.restrictPublicBuckets,
      },
      { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    );
  });

  it("disables ACLs (bucket owner enforced) and sets none anywhere", () => {
    const ownership = planned.one(
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "console-ownership",
    );
    assert.deepStrictEqual(ownership.inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
    assert.deepStrictEqual(planned.ofType("aws:s3/bucketAclV2:BucketAclV2"), []);
    assert.deepStrictEqual(planned.ofType("aws:s3/bucketAcl:BucketAcl"), []);
    for (const resource of planned.result.resources)
      assert.equal(resource.inputs.acl, undefined, `${resource.name} sets no ACL`);
  });

  it("gives the bucket no policy and no website: only the edge's origin access control reads it", () => {
    assert.deepStrictEqual(planned.ofType("aws:s3/bucketPolicy:BucketPolicy"), []);
    assert.deepStrictEqual(
      planned.ofType("aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration"),
      [],
    );
  });

  it("uploads each file under console/ with its content type, revalidated by browsers", () => {
    const objects = planned
      .ofType("aws:s3/bucketObjectv2:BucketObjectv2")
      .map((object) => [object.inputs.key, object.inputs.contentType, object.inputs.cacheControl]);
    assert.deepStrictEqual(objects.sort(), [
      ["console/", "text/html; charset=utf-8", "no-cache"],
      ["console/app.css", "text/css; charset=utf-8", "no-cache"],
      ["console/app.js", "text/javascript; charset=utf-8", "no-cache"],
      ["console/config.json", "application/json", "no-cache"],
      ["console/index.html", "text/html; charset=utf-8", "no-cache"],
      ["console/mermaid.js", "text/javascript; charset=utf-8", "no-cache"],
    ]);
  });

  it("uploads the freshly built bundle", () => {
    const html = readFileSync(path.join(bundleDirectory, "index.html"), "utf8");
    assert.match(html, /<script type="module" src="\.\/app\.js"><\/script>/);
    assert.ok(readFileSync(path.join(bundleDirectory, "app.js")).byteLength > 10_000, "app.js is bundled");
    assert.match(readFileSync(path.join(bundleDirectory, "mermaid.js"), "utf8"), /flowchart/);
  });

  it("writes a config.json that names the deployed endpoints and the user pool, and no API key", () => {
    const object = planned.one("aws:s3/bucketObjectv2:BucketObjectv2", "console-config-json");
    assert.deepStrictEqual(JSON.parse(String(object.inputs.content)), {
      environment: "aws",
      region: "us-east-1",
      graphqlUrl: "https://abc.appsync-api.us-east-1.amazonaws.com/graphql",
      pizzaApiUrl: "https://edge.example/pizza/",
      pizzaResponses: "raw",
      userPool: {
        id: "us-east-1_AbCdEf123",
        clientId: "client123",
        endpoint: "https://cognito-idp.us-east-1.amazonaws.com/",
      },
      stateMachines: [
        { label: "pizza", arn: "arn:aws:states:us-east-1:123456789012:stateMachine:pizza", type: "EXPRESS" },
        {
          label: "booking",
          arn: "arn:aws:states:us-east-1:123456789012:stateMachine:booking",
          type: "STANDARD",
        },
      ],
    });
  });

  it("outputs what the edge needs for its S3 origin", () => {
    const bucket = String(outputs.bucketName);
    assert.match(bucket, /^console-bucket-/);
    assert.equal(outputs.bucketArn, `arn:aws:s3:::${bucket}`);
    assert.equal(outputs.bucketRegionalDomainName, `${bucket}.s3.us-east-1.amazonaws.com`);
  });
});
