/**
 * us-east-1 list prices from AWS's pricing pages (https://aws.amazon.com/kinesis/data-streams/pricing/,
 * https://aws.amazon.com/msk/pricing/; the rest as rates/README.md lists them), written independently of the
 * snapshot generator and of scripts/msk-broker-prices.ts. Broker sizes are computed from the per-vCPU scaling
 * the pricing pages follow (each size doubles the one below; 12xlarge = 24 × large / … ), so a typo in one
 * table cannot hide in both.
 */
import Decimal from 'decimal.js';
import {
  MSK_EXPRESS_BROKER_TYPES,
  MSK_STANDARD_BROKER_TYPES,
  RATE_KEYS,
  mskBrokerHourKey,
  mskExpressBrokerHourKey,
} from '../../src/domain/rate-card';

/** Multiplier of a size relative to `large` (vCPU / 2). */
const SIZE_FACTOR: Record<string, number> = {
  large: 1,
  xlarge: 2,
  '2xlarge': 4,
  '4xlarge': 8,
  '8xlarge': 16,
  '12xlarge': 24,
  '16xlarge': 32,
  '24xlarge': 48,
};

const LARGE_PRICE: Record<string, string> = { 'kafka.m5': '0.21', 'kafka.m7g': '0.204', 'express.m7g': '0.408' };

/**
 * Where AWS's price is not the per-vCPU scaling: kafka.m5.16xlarge is $6.73 in AWS's MSK pricing feed (SKU
 * DCH94GGKDSKNREE7, publication 2025-04-04), not 32 × 0.21 = 6.72 (rates/sources/SOURCES.md).
 */
const AWS_EXCEPTIONS: Record<string, string> = { 'kafka.t3.small': '0.0456', 'kafka.m5.16xlarge': '6.73' };

function brokerPrice(brokerType: string): Decimal {
  if (AWS_EXCEPTIONS[brokerType]) return new Decimal(AWS_EXCEPTIONS[brokerType]);
  const [service, family, size] = brokerType.split('.');
  return new Decimal(LARGE_PRICE[`${service}.${family}`]).times(SIZE_FACTOR[size]);
}

export const EXPECTED_US_EAST_1: Readonly<Record<string, Decimal>> = {
  [RATE_KEYS.kdsOnDemandStreamHour]: new Decimal('0.04'),
  [RATE_KEYS.kdsOnDemandDataInGb]: new Decimal('0.08'),
  [RATE_KEYS.kdsOnDemandDataOutGb]: new Decimal('0.04'),
  [RATE_KEYS.kdsOnDemandEfoDataOutGb]: new Decimal('0.05'),
  [RATE_KEYS.kdsOnDemandExtendedRetentionGbMonth]: new Decimal('0.10'),
  [RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth]: new Decimal('0.023'),
  [RATE_KEYS.kdsAdvantageDataInGb]: new Decimal('0.032'),
  [RATE_KEYS.kdsAdvantageDataOutGb]: new Decimal('0.016'),
  [RATE_KEYS.kdsAdvantageEfoDataOutGb]: new Decimal('0.016'),
  [RATE_KEYS.kdsAdvantageExtendedRetentionGbMonth]: new Decimal('0.023'),
  [RATE_KEYS.kdsAdvantageLongTermRetentionGbMonth]: new Decimal('0.023'),
  [RATE_KEYS.kdsProvisionedShardHour]: new Decimal('0.015'),
  [RATE_KEYS.kdsProvisionedPutPayloadUnit]: new Decimal('0.014').div(1_000_000),
  [RATE_KEYS.kdsProvisionedExtendedRetentionShardHour]: new Decimal('0.020'),
  [RATE_KEYS.kdsProvisionedLongTermRetentionGbMonth]: new Decimal('0.023'),
  [RATE_KEYS.kdsProvisionedLongTermRetrievalGb]: new Decimal('0.021'),
  [RATE_KEYS.kdsEfoConsumerShardHour]: new Decimal('0.015'),
  [RATE_KEYS.kdsEfoDataGb]: new Decimal('0.013'),
  [RATE_KEYS.mskStorageGbMonth]: new Decimal('0.10'),
  [RATE_KEYS.mskStorageThroughputMBpsMonth]: new Decimal('0.08'),
  [RATE_KEYS.mskTieredStorageGbMonth]: new Decimal('0.06'),
  [RATE_KEYS.mskTieredRetrievalGb]: new Decimal('0.0015'),
  [RATE_KEYS.mskExpressStorageGbMonth]: new Decimal('0.10'),
  [RATE_KEYS.mskExpressDataWrittenGb]: new Decimal('0.01'),
  [RATE_KEYS.mskServerlessClusterHour]: new Decimal('0.75'),
  [RATE_KEYS.mskServerlessPartitionHour]: new Decimal('0.0015'),
  [RATE_KEYS.mskServerlessDataInGb]: new Decimal('0.10'),
  [RATE_KEYS.mskServerlessDataOutGb]: new Decimal('0.05'),
  [RATE_KEYS.mskServerlessStorageGbMonth]: new Decimal('0.10'),
  [RATE_KEYS.crossAzTransferGb]: new Decimal('0.01').times(2),
  // Pipelines: Firehose pricing page (first 500 TB tier), MSK pricing page, EC2 data transfer to another region.
  [RATE_KEYS.firehoseIngestStreamSourceGb]: new Decimal('0.029'),
  [RATE_KEYS.firehoseIngestMskSourceGb]: new Decimal('0.055'),
  [RATE_KEYS.firehoseFormatConversionGb]: new Decimal('0.018'),
  [RATE_KEYS.firehoseDynamicPartitioningGb]: new Decimal('0.02'),
  [RATE_KEYS.mskConnectMcuHour]: new Decimal('0.11'),
  [RATE_KEYS.mskReplicatorHour]: new Decimal('0.3'),
  [RATE_KEYS.mskReplicatorDataGb]: new Decimal('0.08'),
  [RATE_KEYS.interRegionTransferGb]: new Decimal('0.02'),
  // Consumers that cost: DynamoDB on-demand (per million), Lambda EPU-hour, MSK private connectivity.
  [RATE_KEYS.dynamoDbWriteRequestUnit]: new Decimal('0.625').div(1_000_000),
  [RATE_KEYS.dynamoDbReadRequestUnit]: new Decimal('0.125').div(1_000_000),
  [RATE_KEYS.lambdaEventPollerUnitHour]: new Decimal('0.185'),
  [RATE_KEYS.mskPrivateConnectivityHour]: new Decimal('0.0225'),
  [RATE_KEYS.mskPrivateConnectivityDataGb]: new Decimal('0.006'),
  ...Object.fromEntries(MSK_STANDARD_BROKER_TYPES.map((t) => [mskBrokerHourKey(t), brokerPrice(t)])),
  ...Object.fromEntries(MSK_EXPRESS_BROKER_TYPES.map((t) => [mskExpressBrokerHourKey(t), brokerPrice(t)])),
};
