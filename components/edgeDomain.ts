import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** A custom domain for the edge. */
export interface EdgeDomainArgs {
  /** The host name, e.g. `pizza.example.com`. */
  readonly name: string;
  /** The Route 53 hosted zone that holds it (validation and alias records go there). */
  readonly hostedZoneId: string;
}

/**
 * An ACM certificate for the edge's domain, validated through DNS in the hosted zone. CloudFront
 * only takes certificates from us-east-1
 * (https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html), hence the provider.
 * Returns the validated certificate's ARN, so the distribution waits for validation.
 */
export function edgeCertificate(
  name: string,
  domain: EdgeDomainArgs,
  tags: Record<string, string>,
  provider: aws.Provider,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const certificate = new aws.acm.Certificate(
    `${name}-certificate`,
    { domainName: domain.name, validationMethod: "DNS", tags },
    { parent, provider },
  );
  // One domain name, so exactly one validation record.
  const option = certificate.domainValidationOptions[0];
  const record = new aws.route53.Record(
    `${name}-certificate-validation-record`,
    {
      zoneId: domain.hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    },
    { parent },
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-certificate-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
    { parent, provider },
  );
  return validation.certificateArn;
}

/**
 * The domain's A and AAAA alias records to the distribution (CloudFront's hosted zone ID is
 * the fixed `hostedZoneId` the distribution reports).
 */
export function edgeAliasRecords(
  name: string,
  domain: EdgeDomainArgs,
  distribution: aws.cloudfront.Distribution,
  parent: pulumi.Resource,
): void {
  for (const type of ["A", "AAAA"] as const) {
    new aws.route53.Record(
      `${name}-alias-${type.toLowerCase()}`,
      {
        zoneId: domain.hostedZoneId,
        name: domain.name,
        type,
        aliases: [
          { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false },
        ],
      },
      { parent },
    );
  }
}
