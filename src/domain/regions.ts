/**
 * AWS regions streamfit knows by name: the region code, the Price List `location`, and the usage-type prefix
 * AWS bills the region under. Prefixes are not derivable from region names (eu-west-1 is `EU`, ap-south-1 is
 * `APS3`), so they are data, from AWS's "AWS Region billing codes"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html) and the
 * usage types of AWS's own MSK documents (rates/sources/SOURCES.md). Kinesis Data Streams in us-east-1 uses no
 * prefix at all; the mapping matches usage types by suffix, so it never builds a prefix.
 */
export interface AwsRegion {
  code: string;
  /** Price List `location` (the key of AWS's pricing feeds). */
  location: string;
  /** Usage-type prefix (`USE1`, `EU`, `APS3`). */
  billingPrefix: string;
}

const region = (code: string, location: string, billingPrefix: string): AwsRegion =>
  Object.freeze({ code, location, billingPrefix });

/** The regions the offline snapshot covers (rates/pricelist/<region>/), the most used ones. */
export const SNAPSHOT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'eu-west-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
] as const;

export const AWS_REGIONS: Readonly<Record<string, AwsRegion>> = Object.freeze({
  'us-east-1': region('us-east-1', 'US East (N. Virginia)', 'USE1'),
  'us-east-2': region('us-east-2', 'US East (Ohio)', 'USE2'),
  'us-west-1': region('us-west-1', 'US West (N. California)', 'USW1'),
  'us-west-2': region('us-west-2', 'US West (Oregon)', 'USW2'),
  'eu-west-1': region('eu-west-1', 'EU (Ireland)', 'EU'),
  'eu-central-1': region('eu-central-1', 'EU (Frankfurt)', 'EUC1'),
  'eu-west-2': region('eu-west-2', 'EU (London)', 'EUW2'),
  'eu-west-3': region('eu-west-3', 'EU (Paris)', 'EUW3'),
  'eu-north-1': region('eu-north-1', 'EU (Stockholm)', 'EUN1'),
  'ap-southeast-1': region('ap-southeast-1', 'Asia Pacific (Singapore)', 'APS1'),
  'ap-southeast-2': region('ap-southeast-2', 'Asia Pacific (Sydney)', 'APS2'),
  'ap-northeast-1': region('ap-northeast-1', 'Asia Pacific (Tokyo)', 'APN1'),
  'ap-northeast-2': region('ap-northeast-2', 'Asia Pacific (Seoul)', 'APN2'),
  'ap-south-1': region('ap-south-1', 'Asia Pacific (Mumbai)', 'APS3'),
  'ca-central-1': region('ca-central-1', 'Canada (Central)', 'CAN1'),
  'sa-east-1': region('sa-east-1', 'South America (Sao Paulo)', 'SAE1'),
});

/**
 * Options AWS does not offer in a region, with the evidence: an option here is "not offered there", never a
 * missing price. MSK Serverless: AWS's MSK pricing feed (publication 2025-04-04) has no Serverless rate for
 * South America (Sao Paulo), while it has the other 31 MSK dimensions there.
 */
export const NOT_OFFERED_IN_REGION: Readonly<Record<string, ReadonlyArray<{ option: string; evidence: string }>>> =
  Object.freeze({
    'sa-east-1': [
      {
        option: 'MSK_SERVERLESS',
        evidence:
          "AWS's MSK pricing feed (publication 2025-04-04) has no MSK Serverless rate for South America (Sao Paulo)",
      },
    ],
  });
