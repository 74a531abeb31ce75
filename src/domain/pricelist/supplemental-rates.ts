/**
 * Rates streamfit needs that are NOT in the AmazonKinesis / AmazonMSK price lists.
 * They are static (bundled with the service, never fetched), so they always carry source BUNDLED_SNAPSHOT.
 */
import { RATE_KEYS, type Rate } from '../rate-card';

export const STATIC_RATES_EFFECTIVE_DATE = '2023-08-01T00:00:00Z';

/**
 * EC2 regional (cross-AZ) data transfer in us-east-1: $0.01/GB out of one AZ plus $0.01/GB into the other,
 * i.e. $0.02 per GB crossing AZs, both directions together (confidence AWS: "Data Transfer within the same
 * AWS Region" on https://aws.amazon.com/ec2/pricing/on-demand/).
 */
export const US_EAST_1_CROSS_AZ_TRANSFER_RATE: Readonly<Rate> = Object.freeze({
  key: RATE_KEYS.crossAzTransferGb,
  usdPerUnit: '0.0200000000',
  unit: 'GB',
  usageType: 'USE1-DataTransfer-Regional-Bytes',
  operation: 'InterZone-In+Out',
  sku: 'STATIC-EC2-REGIONAL',
  rateCode: 'STATIC-EC2-REGIONAL.STATIC.CROSSAZ',
  effectiveDate: STATIC_RATES_EFFECTIVE_DATE,
  description:
    '$0.02 per GB of EC2 regional (cross-AZ) data transfer, $0.01 out + $0.01 in. Static value from the AWS ' +
    'EC2 data transfer pricing page (not in the Kinesis/MSK price lists, not fetched).',
  source: 'BUNDLED_SNAPSHOT',
});

const BUILT_IN: Readonly<Record<string, readonly Rate[]>> = {
  'us-east-1': [US_EAST_1_CROSS_AZ_TRANSFER_RATE],
};

/** Static rates merged into every card of the region (empty for regions without known static rates). */
export function builtInSupplementalRates(region: string): Rate[] {
  return (BUILT_IN[region] ?? []).map((rate) => ({ ...rate }));
}
