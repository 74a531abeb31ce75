/**
 * The workload's views: as normalized (the evaluation's `workload`), and as saved (a scenario's or preset's
 * workload: the fields the caller gave).
 */
import { Float, Int, ObjectType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import { type DeliveryInput, WORKLOAD_JSON_SCHEMA, type WorkloadInput } from '../domain';
import { SchemaViewFields, typed } from './schema-field.decorator';
import { WORKLOAD_ENUMS } from './workload.enums';

@ObjectType('RecordSizeBucket', { description: 'One bucket of a record-size histogram' })
export class RecordSizeBucketView {
  @P(Float, { example: 0.5 }) sizeKB: number;
  @P(Float, { example: 0.8 }) share: number;
}

@ObjectType('Delivery', { description: 'One delivery sink, after defaults' })
export class DeliveryView {
  @P(String, { example: 'S3', description: 'S3, REDSHIFT, OPENSEARCH or HTTP' }) sink: string;
  @P(Float, { example: 100 }) sharePercent: number;
  @P(Boolean) convertToParquet: boolean;
  @P(Boolean) dynamicPartitioning: boolean;
}

@ObjectType('NormalizedWorkload', { description: 'The workload after defaults, with derived quantities' })
export class NormalizedWorkloadView {
  @P(String) region: string;
  @P(String) throughputGivenAs: string;
  @P(Float) ingestGbPerDay: number;
  @P(Float) avgWriteMBps: number;
  @P([Float], { nullable: true, description: 'The daily profile given (24 hourly MB/s), null otherwise' })
  hourlyWriteMBps: number[] | null;
  @P(Float) peakWriteMBps: number;
  @P(String, { description: 'INPUT, TRAFFIC_PATTERN or HOURLY_PROFILE' }) peakSource: string;
  @P(Float) peakFactor: number;
  @P(Float) avgRecordSizeKB: number;
  @P(Float) maxRecordSizeKB: number;
  @P(Int) sharedConsumers: number;
  @P(Int) dedicatedConsumers: number;
  @P(Float) retentionHours: number;
  @P(String) trafficPattern: string;
  @P(String, { description: 'INPUT, DEFAULT or HOURLY_PROFILE' }) trafficPatternSource: string;
  @P(Float) activeHoursPerDay: number;
  @P(Float, { nullable: true }) latencyTargetMs: number | null;
  @P(Boolean) existingKafkaClients: boolean;
  @P(Boolean) needsKafkaConnect: boolean;
  @P(Boolean) needsKafkaStreams: boolean;
  @P(Boolean) needsCrossRegionReplication: boolean;
  @P(Boolean) lambdaConsumers: boolean;
  @P(Boolean) rackAwareConsumers: boolean;
  @P(Int, { nullable: true }) partitions: number | null;
  @P(String, { nullable: true }) mskBrokerFamily: string | null;
  @P(Float) sizingHeadroomPercent: number;
  @P(Float) mskLocalRetentionHours: number;
  @P(Float) mskExpressEgressFactor: number;
  @P(Float, { nullable: true }) mskStorageThroughputMBpsPerBroker: number | null;
  @P(Float) historicalReadGbPerMonth: number;
  @P([RecordSizeBucketView], { nullable: true }) recordSizeDistribution: RecordSizeBucketView[] | null;
  @P([DeliveryView]) deliverTo: DeliveryView[];
  @P(Boolean) kclConsumers: boolean;
  @P(Int, { nullable: true }) lambdaEventPollers: number | null;
  @P(Int, { nullable: true }) mskPrivateConnectivityVpcs: number | null;
  @P(Float) avgRecordsPerSec: number;
  @P(Float) peakRecordsPerSec: number;
  @P(Float) monthlyIngestGb: number;
  @P(Float) monthlyRecords: number;
  @P(Float) activeHoursPerMonth: number;
  @P(Int) totalConsumers: number;
  @P(Float) peakReadMBps: number;
  @P(Float) avgStoredGb: number;
  @P(Float) maxRetainedGb: number;
}

@ObjectType('ScenarioDelivery', { description: 'One delivery sink as saved' })
@SchemaViewFields(WORKLOAD_JSON_SCHEMA.properties.deliverTo.items.anyOf[1], { enums: WORKLOAD_ENUMS })
export class ScenarioDeliveryView extends typed<DeliveryInput>() {}

/** Every field of the workload schema, as the caller gave it (SchemaViewFields); a few carry an example. */
@ObjectType('ScenarioWorkload', {
  description: 'The workload as saved (the fields the caller gave; defaults are not filled in)',
})
@SchemaViewFields(WORKLOAD_JSON_SCHEMA, {
  enums: WORKLOAD_ENUMS,
  items: { recordSizeDistribution: () => RecordSizeBucketView, deliverTo: () => ScenarioDeliveryView },
  options: {
    region: { example: 'us-east-1' },
    ingestGbPerDay: { example: 100 },
    hourlyWriteMBps: { description: '24 hourly write rates, MB/s, when the volume was given as a daily profile' },
    avgRecordSizeKB: { example: 1 },
    sharedConsumers: { example: 2 },
    retentionHours: { example: 24 },
  },
})
export class ScenarioWorkloadView extends typed<WorkloadInput>() {}
