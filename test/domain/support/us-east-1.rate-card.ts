/**
 * Test rate card for us-east-1 with every Kinesis and MSK list price the bundled snapshot has (rates/README.md), under the keys of
 * src/domain/rate-card.ts. Source BUNDLED_SNAPSHOT, like the snapshot that ships with the service.
 */
import { createHash } from 'node:crypto';
import {
  RATE_KEYS,
  type Rate,
  type RateCard,
  mskBrokerHourKey,
  mskExpressBrokerHourKey,
} from '../../../src/domain/rate-card';
import { mskBrokerPrices } from '../../../scripts/msk-broker-prices';

interface RateSpec {
  usd: string;
  unit: string;
  usageType: string;
  operation: string;
  description: string;
}

const K = RATE_KEYS;

/** USD unit prices as the Price List gives them (decimal strings). */
export const US_EAST_1_RATE_SPECS: Readonly<Record<string, RateSpec>> = {
  [K.kdsOnDemandStreamHour]: {
    usd: '0.04',
    unit: 'StreamHour',
    usageType: 'OnDemand-StreamHour',
    operation: 'OnDemandStreamHr',
    description: 'On-demand stream-hour',
  },
  [K.kdsOnDemandDataInGb]: {
    usd: '0.08',
    unit: 'GB',
    usageType: 'OnDemand-BilledIncomingBytes',
    operation: 'OnDemandDataIngested',
    description: 'On-demand data ingested',
  },
  [K.kdsOnDemandDataOutGb]: {
    usd: '0.04',
    unit: 'GB',
    usageType: 'OnDemand-BilledOutgoingBytes',
    operation: 'OnDemandDataRetrieval',
    description: 'On-demand data retrieval',
  },
  [K.kdsOnDemandEfoDataOutGb]: {
    usd: '0.05',
    unit: 'GB',
    usageType: 'OnDemand-BilledOutgoingEFOBytes',
    operation: 'OnDemandEFODataRetrieval',
    description: 'On-demand enhanced fan-out retrieval',
  },
  [K.kdsOnDemandExtendedRetentionGbMonth]: {
    usd: '0.10',
    unit: 'GB-Mo',
    usageType: 'OnDemand-ExtendedRetention-ByteHrs',
    operation: 'OnDemandExtendedRetentionByteHrs',
    description: 'On-demand extended retention',
  },
  [K.kdsOnDemandLongTermRetentionGbMonth]: {
    usd: '0.023',
    unit: 'GB-Mo',
    usageType: 'OnDemand-LongTermRetention-ByteHrs',
    operation: 'OnDemandLongTermRetentionByteHrs',
    description: 'On-demand long-term retention',
  },
  [K.kdsAdvantageDataInGb]: {
    usd: '0.032',
    unit: 'GB',
    usageType: 'OnDemandAdvantage-BilledIncomingBytes',
    operation: 'AdvantageDataIngested',
    description: 'Advantage data ingested',
  },
  [K.kdsAdvantageDataOutGb]: {
    usd: '0.016',
    unit: 'GB',
    usageType: 'OnDemandAdvantage-BilledOutgoingBytes',
    operation: 'AdvantageDataRetrieval',
    description: 'Advantage data retrieval',
  },
  [K.kdsAdvantageEfoDataOutGb]: {
    usd: '0.016',
    unit: 'GB',
    usageType: 'OnDemandAdvantage-BilledOutgoingEFOBytes',
    operation: 'AdvantageEFODataRetrieval',
    description: 'Advantage enhanced fan-out retrieval',
  },
  [K.kdsAdvantageExtendedRetentionGbMonth]: {
    usd: '0.023',
    unit: 'GB-Mo',
    usageType: 'OnDemandAdvantage-ExtendedRetention-ByteHrs',
    operation: 'AdvantageExtRetentionByteHrs',
    description: 'Advantage extended retention',
  },
  [K.kdsAdvantageLongTermRetentionGbMonth]: {
    usd: '0.023',
    unit: 'GB-Mo',
    usageType: 'OnDemandAdvantage-LongTermRetention-ByteHrs',
    operation: 'AdvantageLTRetentionByteHrs',
    description: 'Advantage long-term retention',
  },
  [K.kdsProvisionedShardHour]: {
    usd: '0.015',
    unit: 'ShardHour',
    usageType: 'Storage-ShardHour',
    operation: 'shardHourStorage',
    description: 'Provisioned shard-hour',
  },
  [K.kdsProvisionedPutPayloadUnit]: {
    usd: '0.000000014',
    unit: 'PutRequest',
    usageType: 'PutRequestPayloadUnits',
    operation: 'PutRequest',
    description: 'PUT payload unit (25 KB)',
  },
  [K.kdsProvisionedExtendedRetentionShardHour]: {
    usd: '0.020',
    unit: 'ShardHour',
    usageType: 'Extended-ShardHour',
    operation: 'shardHourStorage',
    description: 'Extended retention shard-hour',
  },
  [K.kdsProvisionedLongTermRetentionGbMonth]: {
    usd: '0.023',
    unit: 'GB-Mo',
    usageType: 'LongTermRetention-ByteHrs',
    operation: 'LongTermRetentionByteHrs',
    description: 'Long-term retention',
  },
  [K.kdsProvisionedLongTermRetrievalGb]: {
    usd: '0.021',
    unit: 'GB',
    usageType: 'LongTermRetention-ReadBytes',
    operation: 'LongTermRetentionDataRetrieval',
    description: 'Long-term retention retrieval',
  },
  [K.kdsEfoConsumerShardHour]: {
    usd: '0.015',
    unit: 'ConsumerShardHour',
    usageType: 'EnhancedFanoutHour',
    operation: 'ConsumerHour',
    description: 'Enhanced fan-out consumer-shard hour',
  },
  [K.kdsEfoDataGb]: {
    usd: '0.013',
    unit: 'GB',
    usageType: 'EnhancedFanoutReadBytes',
    operation: 'EnhancedFanoutDataRetrieval',
    description: 'Enhanced fan-out data retrieval',
  },
  [K.mskStorageGbMonth]: {
    usd: '0.10',
    unit: 'GB-Mo',
    usageType: 'USE1-Kafka.Storage.GP2',
    operation: 'RunVolume',
    description: 'Broker storage GP2',
  },
  [K.mskStorageThroughputMBpsMonth]: {
    usd: '0.08',
    unit: 'MiBps-Mo',
    usageType: 'USE1-Kafka.Storage.Throughput',
    operation: 'ProvisionedThroughput',
    description: 'Provisioned storage throughput',
  },
  [K.mskTieredStorageGbMonth]: {
    usd: '0.06',
    unit: 'GB-Mo',
    usageType: 'USE1-Kafka.Storage.Tiered',
    operation: 'TieredStorage',
    description: 'Tiered storage',
  },
  [K.mskTieredRetrievalGb]: {
    usd: '0.0015',
    unit: 'GB',
    usageType: 'USE1-Kafka.DataRetrieval.Tiered',
    operation: 'TieredStorageRetrieval',
    description: 'Tiered storage retrieval',
  },
  [K.mskExpressStorageGbMonth]: {
    usd: '0.10',
    unit: 'GB-Mo',
    usageType: 'USE1-Kafka.Express.Storage',
    operation: 'ExpressStorage',
    description: 'Express storage',
  },
  [K.mskExpressDataWrittenGb]: {
    usd: '0.01',
    unit: 'GB',
    usageType: 'USE1-Kafka.Express.DataWritten',
    operation: 'ExpressDataWritten',
    description: 'Express data written',
  },
  [K.mskServerlessClusterHour]: {
    usd: '0.75',
    unit: 'Hrs',
    usageType: 'USE1-KafkaServerless-ClusterHours',
    operation: 'Serverless',
    description: 'Serverless cluster-hour',
  },
  [K.mskServerlessPartitionHour]: {
    usd: '0.0015',
    unit: 'Hrs',
    usageType: 'USE1-KafkaServerless-PartitionHours',
    operation: 'Serverless',
    description: 'Serverless partition-hour',
  },
  [K.mskServerlessDataInGb]: {
    usd: '0.10',
    unit: 'GB',
    usageType: 'USE1-KafkaServerless-In-Bytes',
    operation: 'Serverless',
    description: 'Serverless data in',
  },
  [K.mskServerlessDataOutGb]: {
    usd: '0.05',
    unit: 'GB',
    usageType: 'USE1-KafkaServerless-Out-Bytes',
    operation: 'Serverless',
    description: 'Serverless data out',
  },
  [K.mskServerlessStorageGbMonth]: {
    usd: '0.10',
    unit: 'GB-Mo',
    usageType: 'USE1-KafkaServerless-StorageHours',
    operation: 'Serverless',
    description: 'Serverless storage',
  },
  [K.crossAzTransferGb]: {
    usd: '0.02',
    unit: 'GB',
    usageType: 'USE1-DataTransfer-Regional-Bytes',
    operation: 'InterZone-In+Out',
    description: 'Cross-AZ transfer, $0.01/GB each direction',
  },
  [K.firehoseIngestStreamSourceGb]: {
    usd: '0.029',
    unit: 'GB',
    usageType: 'BilledBytes',
    operation: 'PutRecord',
    description: 'Firehose ingestion, stream as source (first tier)',
  },
  [K.firehoseIngestMskSourceGb]: {
    usd: '0.055',
    unit: 'GB',
    usageType: 'MSK-BilledBytes',
    operation: 'MSKSourceIngestion',
    description: 'Firehose ingestion, MSK as source',
  },
  [K.firehoseFormatConversionGb]: {
    usd: '0.018',
    unit: 'GB',
    usageType: 'DataFormatConversion-Bytes',
    operation: 'DataFormatConversion',
    description: 'Firehose format conversion',
  },
  [K.firehoseDynamicPartitioningGb]: {
    usd: '0.020',
    unit: 'GB',
    usageType: 'DynamicPartitioning-Bytes',
    operation: 'DynamicPartitioning',
    description: 'Firehose dynamic partitioning',
  },
  [K.mskConnectMcuHour]: {
    usd: '0.11',
    unit: 'Hrs',
    usageType: 'USE1-Kafka.mcu.general',
    operation: 'RunConnector',
    description: 'MSK Connect MCU-hour',
  },
  [K.mskReplicatorHour]: {
    usd: '0.30',
    unit: 'Hrs',
    usageType: 'USE1-KafkaReplicator-Hours',
    operation: 'RunReplicator',
    description: 'MSK Replicator hour',
  },
  [K.mskReplicatorDataGb]: {
    usd: '0.08',
    unit: 'GB',
    usageType: 'USE1-KafkaReplicator-Bytes',
    operation: 'RunReplicator',
    description: 'MSK Replicator data replicated',
  },
  [K.dynamoDbWriteRequestUnit]: {
    usd: '0.000000625',
    unit: 'WriteRequestUnits',
    usageType: 'WriteRequestUnits',
    operation: 'PayPerRequestThroughput',
    description: 'DynamoDB on-demand write request unit',
  },
  [K.dynamoDbReadRequestUnit]: {
    usd: '0.000000125',
    unit: 'ReadRequestUnits',
    usageType: 'ReadRequestUnits',
    operation: 'PayPerRequestThroughput',
    description: 'DynamoDB on-demand read request unit',
  },
  [K.lambdaEventPollerUnitHour]: {
    usd: '0.185',
    unit: 'Hrs',
    usageType: 'Lambda-EventPollerUnit-Hours',
    operation: 'EventPollerUnit',
    description: 'Lambda event poller unit-hour',
  },
  [K.mskPrivateConnectivityHour]: {
    usd: '0.0225',
    unit: 'Hrs',
    usageType: 'USE1-Kafka.PrivateConnectivityHours',
    operation: 'PrivateConnectivity',
    description: 'MSK private connectivity hour',
  },
  [K.mskPrivateConnectivityDataGb]: {
    usd: '0.006',
    unit: 'GB',
    usageType: 'USE1-Kafka.PrivateConnectivity-Bytes',
    operation: 'PrivateConnectivity',
    description: 'MSK private connectivity data',
  },
  [K.interRegionTransferGb]: {
    usd: '0.02',
    unit: 'GB',
    usageType: 'USE1-USW2-AWS-Out-Bytes',
    operation: '',
    description: 'Data transfer us-east-1 to us-west-2',
  },
  ...brokers(),
};

/** Broker-hour rates of every broker type in scripts/msk-broker-prices.ts (the table the bundled snapshot is built from). */
function brokers(): Record<string, RateSpec> {
  const out: Record<string, RateSpec> = {};
  for (const { kind, family, brokerType, usd } of mskBrokerPrices()) {
    out[kind === 'standard' ? mskBrokerHourKey(brokerType) : mskExpressBrokerHourKey(brokerType)] = {
      usd,
      unit: 'Hrs',
      usageType: kind === 'standard' ? `USE1-Kafka.${family}` : `USE1-Kafka.Express.${family}`,
      operation: 'RunBroker',
      description: `${brokerType} broker-hour`,
    };
  }
  return out;
}

export interface RateCardOptions {
  stale?: boolean;
  /** Rate keys to leave out (to test unpriced options). */
  without?: string[];
  /** Replace prices (decimal strings) in the card itself. */
  prices?: Record<string, string>;
}

/** sha256 over the canonical JSON of the rates (sorted keys), as rate-card.ts documents. */
function contentHashOf(rates: Record<string, Rate>): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rates)))
    .digest('hex');
}

export function usEast1RateCard(options: RateCardOptions = {}): RateCard {
  const rates: Record<string, Rate> = {};
  for (const [key, spec] of Object.entries(US_EAST_1_RATE_SPECS)) {
    if (options.without?.includes(key)) continue;
    const sku = createHash('sha1').update(key).digest('hex').slice(0, 16).toUpperCase();
    rates[key] = {
      key,
      usdPerUnit: options.prices?.[key] ?? spec.usd,
      unit: spec.unit,
      usageType: spec.usageType,
      operation: spec.operation,
      sku,
      rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`,
      effectiveDate: '2025-01-01T00:00:00Z',
      description: spec.description,
      source: 'BUNDLED_SNAPSHOT',
    };
  }
  const contentHash = contentHashOf(rates);
  return {
    id: `us-east-1:${contentHash.slice(0, 12)}`,
    region: 'us-east-1',
    currency: 'USD',
    source: 'BUNDLED_SNAPSHOT',
    priceListVersion: '20250101000000',
    publicationDate: '2025-01-01T00:00:00Z',
    fetchedAt: '2025-01-02T00:00:00Z',
    contentHash,
    stale: options.stale ?? false,
    rates,
  };
}
