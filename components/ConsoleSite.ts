/**
 * The web console's files in a private S3 bucket: all public access blocked, ACLs disabled (the
 * bucket owner owns every object), encrypted, and readable only through the CloudFront edge, whose
 * origin access control and bucket policy the Edge component adds from this component's outputs.
 */
import path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ConsoleFileName } from "../console/build";
import { CONSOLE_FILES, writeConsoleBundle } from "../console/build";
import type { ConsoleConfig } from "../console/src/consoleConfig";

/** The component's type token. */
export const CONSOLE_SITE_TYPE = "pizza-booking:console:ConsoleSite";

/**
 * The key prefix of every object: CloudFront passes the request path to the origin unchanged, so
 * `/console/app.js` at the edge is the object `console/app.js`.
 */
export const CONSOLE_PREFIX = "console";

/** Options of a ConsoleSite. */
export interface ConsoleSiteArgs {
  /** The booking GraphQL endpoint. */
  readonly graphqlUrl: pulumi.Input<string>;
  /** Where the console posts pizza orders (the pizza API, or its path on the edge). */
  readonly pizzaApiUrl: pulumi.Input<string>;
  /** How the pizza API answers (the stack's `pizzaResponses`). @default "raw" */
  readonly pizzaResponses?: "raw" | "mapped";
  readonly pizzaStateMachineArn: pulumi.Input<string>;
  readonly bookingStateMachineArn: pulumi.Input<string>;
  /** The booking user pool and its app client (which must allow USER_PASSWORD_AUTH). @default no sign-in */
  readonly userPoolId?: pulumi.Input<string>;
  readonly userPoolClientId?: pulumi.Input<string>;
  /** Where the bundle is built before upload. @default `dist/console` in the project */
  readonly bundleDirectory?: string;
  /** Tags for every resource. @default {} */
  readonly tags?: Record<string, string>;
}

/** The console's bucket and objects. */
export class ConsoleSite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** The regional domain name CloudFront uses as the S3 origin (with origin access control). */
  public readonly bucketRegionalDomainName: pulumi.Output<string>;
  /** The path the console is served under at the edge. */
  public readonly path: string = `/${CONSOLE_PREFIX}/`;

  constructor(name: string, args: ConsoleSiteArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(CONSOLE_SITE_TYPE, name, {}, opts);
    const tags = args.tags ?? {};
    const parent = { parent: this };

    // The bucket name is generated (S3 names are global); nothing refers to it by hand.
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: true, tags }, parent);
    // Block every kind of public access, whatever a later policy or ACL says:
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    // BucketOwnerEnforced disables ACLs: the bucket owner owns every object and only policies grant access.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      parent,
    );

    const directory = args.bundleDirectory ?? path.resolve(__dirname, "..", "dist", "console");
    const built = pulumi.output(writeConsoleBundle(directory));
    const objectOptions = { parent: this, dependsOn: [publicAccess, ownership] };
    for (const file of Object.keys(CONSOLE_FILES) as ConsoleFileName[]) {
      new aws.s3.BucketObjectv2(
        `${name}-${file.replace(/\W/g, "-")}`,
        {
          bucket: bucket.id,
          key: `${CONSOLE_PREFIX}/${file}`,
          source: built.apply((folder) => new pulumi.asset.FileAsset(path.join(folder, file))),
          contentType: CONSOLE_FILES[file],
          // File names carry no content hash, so browsers revalidate (S3 answers 304 by ETag).
          cacheControl: "no-cache",
          tags,
        },
        objectOptions,
      );
    }
    // `/console/` at the edge asks S3 for the key `console/` (CloudFront adds no index document for
    // a path), so the page is stored under that key too.
    new aws.s3.BucketObjectv2(
      `${name}-index-at-path`,
      {
        bucket: bucket.id,
        key: `${CONSOLE_PREFIX}/`,
        source: built.apply((folder) => new pulumi.asset.FileAsset(path.join(folder, "index.html"))),
        contentType: CONSOLE_FILES["index.html"],
        cacheControl: "no-cache",
        tags,
      },
      objectOptions,
    );
    const region = aws.getRegionOutput({}, parent).name;
    const config: pulumi.Output<ConsoleConfig> = pulumi
      .all([
        region,
        args.graphqlUrl,
        args.pizzaApiUrl,
        args.pizzaStateMachineArn,
        args.bookingStateMachineArn,
        args.userPoolId,
        args.userPoolClientId,
      ])
      .apply(([regionName, graphqlUrl, pizzaApiUrl, pizza, booking, poolId, clientId]) => ({
        environment: "aws" as const,
        region: regionName,
        graphqlUrl,
        pizzaApiUrl,
        pizzaResponses: args.pizzaResponses ?? "raw",
        ...(poolId && clientId
          ? {
              userPool: {
                id: poolId,
                clientId,
                endpoint: `https://cognito-idp.${regionName}.amazonaws.com/`,
              },
            }
          : {}),
        stateMachines: [
          { label: "pizza", arn: pizza, type: "EXPRESS" as const },
          { label: "booking", arn: booking, type: "STANDARD" as const },
        ],
      }));
    new aws.s3.BucketObjectv2(
      `${name}-config-json`,
      {
        bucket: bucket.id,
        key: `${CONSOLE_PREFIX}/config.json`,
        content: pulumi.jsonStringify(config),
        contentType: "application/json",
        cacheControl: "no-cache",
        tags,
      },
      objectOptions,
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketRegionalDomainName = bucket.bucketRegionalDomainName;
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      bucketRegionalDomainName: this.bucketRegionalDomainName,
    });
  }
}
