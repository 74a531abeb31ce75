import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';

export enum TrafficPatternEnum {
  STEADY = 'STEADY',
  VARIABLE = 'VARIABLE',
  UNPREDICTABLE = 'UNPREDICTABLE',
}
registerEnumType(TrafficPatternEnum, { name: 'TrafficPattern' });

export enum MskBrokerFamilyEnum {
  M5 = 'm5',
  M7G = 'm7g',
}
registerEnumType(MskBrokerFamilyEnum, { name: 'MskBrokerFamily' });

export enum DeliverySinkEnum {
  S3 = 'S3',
  REDSHIFT = 'REDSHIFT',
  OPENSEARCH = 'OPENSEARCH',
  HTTP = 'HTTP',
}
registerEnumType(DeliverySinkEnum, { name: 'DeliverySink' });

export enum BreakEvenVariableEnum {
  INGEST = 'ingest',
  CONSUMERS = 'consumers',
  RETENTION = 'retention',
}
registerEnumType(BreakEvenVariableEnum, { name: 'BreakEvenVariable' });

@InputType('RecordSizeBucketInput', { description: 'One bucket of a record-size histogram' })
export class RecordSizeBucketInput {
  @Field(() => Float, { description: 'Record size of this bucket, KB (> 0)' }) sizeKB: number;
  @Field(() => Float, { description: 'Share of all records with this size (0 < share ≤ 1; shares sum to 1)' })
  share: number;
}

@InputType('DeliveryInput', { description: 'One delivery sink (deliverTo)' })
export class DeliveryInputGql {
  @Field(() => DeliverySinkEnum) sink: DeliverySinkEnum;
  @Field(() => Float, {
    nullable: true,
    description: 'Percent of the data delivered to this sink, 0 < x ≤ 100 (default 100)',
  })
  sharePercent?: number;
  @Field({ nullable: true, description: 'Convert JSON records to Apache Parquet on the way' })
  convertToParquet?: boolean;
  @Field({ nullable: true, description: 'S3 only: partition objects by keys in the records' })
  dynamicPartitioning?: boolean;
}

/**
 * The workload, as over REST. Fields and descriptions follow WORKLOAD_JSON_SCHEMA; bounds and
 * cross-field rules are checked by the same domain validation as REST (a test keeps the field lists equal).
 */
@InputType('WorkloadInput')
export class WorkloadInputGql {
  @Field({ nullable: true, description: 'AWS region code (default us-east-1)' }) region?: string;
  @Field(() => Float, { nullable: true, description: 'Average GB written per day. Give this or avgWriteMBps' })
  ingestGbPerDay?: number;
  @Field(() => Float, { nullable: true, description: 'Average write throughput, MB/s. Give this or ingestGbPerDay' })
  avgWriteMBps?: number;
  @Field(() => [Float], {
    nullable: true,
    description:
      'A typical day: 24 hourly average write rates, MB/s (hour 0 = 00:00–01:00). Instead of ingestGbPerDay or avgWriteMBps',
  })
  hourlyWriteMBps?: number[];
  @Field(() => Float, {
    nullable: true,
    description: 'Peak write MB/s (≥ average); default average × the traffic pattern peak factor',
  })
  peakWriteMBps?: number;
  @Field(() => Float, { description: 'Average record size, KB (> 0)' }) avgRecordSizeKB: number;
  @Field(() => Float, { nullable: true, description: 'Largest record, KB (default = average)' })
  maxRecordSizeKB?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Consumer applications reading the whole stream through the shared path',
  })
  sharedConsumers?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Consumer applications needing dedicated throughput (EFO / own consumer group)',
  })
  dedicatedConsumers?: number;
  @Field(() => Float, { nullable: true, description: 'Hours data must stay readable, 1..87600 (default 24)' })
  retentionHours?: number;
  @Field(() => TrafficPatternEnum, { nullable: true, description: 'Shape of the load over the day (default STEADY)' })
  trafficPattern?: TrafficPatternEnum;
  @Field(() => Float, { nullable: true, description: 'Hours per day producers write, 1..24 (default 24)' })
  activeHoursPerDay?: number;
  @Field(() => Float, { nullable: true, description: 'End-to-end p99 latency target, ms' }) latencyTargetMs?: number;
  @Field({ nullable: true }) existingKafkaClients?: boolean;
  @Field({ nullable: true }) needsKafkaConnect?: boolean;
  @Field({ nullable: true }) needsKafkaStreams?: boolean;
  @Field({ nullable: true }) needsCrossRegionReplication?: boolean;
  @Field({ nullable: true }) lambdaConsumers?: boolean;
  @Field({ nullable: true, description: 'MSK: consumers fetch from their own AZ (no cross-AZ consumer traffic)' })
  rackAwareConsumers?: boolean;
  @Field(() => Int, { nullable: true, description: 'MSK: total topic partitions' }) partitions?: number;
  @Field(() => MskBrokerFamilyEnum, {
    nullable: true,
    description: 'MSK provisioned: restrict Standard brokers to this family',
  })
  mskBrokerFamily?: MskBrokerFamilyEnum;
  @Field(() => Float, {
    nullable: true,
    description: 'Kinesis provisioned: shard headroom over the peak, percent, 0..400 (default 20)',
  })
  sizingHeadroomPercent?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'MSK Standard: hours kept on EBS when tiered storage is considered (default 72)',
  })
  mskLocalRetentionHours?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'MSK Express: egress capacity as a multiple of broker ingress, 1..5 (default 2.5)',
  })
  mskExpressEgressFactor?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'MSK Standard: provisioned storage throughput per broker, MiB/s, 250..1000',
  })
  mskStorageThroughputMBpsPerBroker?: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'GB per month read from old data (MSK tiered-storage retrieval; Kinesis provisioned long-term retrieval), default 0',
  })
  historicalReadGbPerMonth?: number;
  @Field(() => [RecordSizeBucketInput], {
    nullable: true,
    description: 'Record sizes as a histogram (shares sum to 1; mean = avgRecordSizeKB); billed bucket by bucket',
  })
  recordSizeDistribution?: RecordSizeBucketInput[];
  @Field(() => [DeliveryInputGql], {
    nullable: true,
    description: 'Sinks the data is delivered to: prices the delivery leg each option implies',
  })
  deliverTo?: DeliveryInputGql[];
  @Field({ nullable: true, description: 'Kinesis consumers use the KCL (DynamoDB lease table priced)' })
  kclConsumers?: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Lambda on MSK in provisioned-poller mode, minimum pollers per event source mapping',
  })
  lambdaEventPollers?: number;
  @Field(() => Int, { nullable: true, description: 'Client VPCs reaching MSK through multi-VPC private connectivity' })
  mskPrivateConnectivityVpcs?: number;
}

@InputType('RateOverrideInput')
export class RateOverrideInput {
  @Field({ description: 'Rate key as listed by rateCard(region)' }) key: string;
  @Field(() => Float, { description: 'USD per unit replacing the card rate' }) usdPerUnit: number;
}

@InputType('PricingInput', { description: 'Negotiated discount and per-rate overrides' })
export class PricingInputGql {
  @Field(() => Float, { nullable: true, description: 'Discount on every rate, percent (0..100)' })
  discountPercent?: number;
  @Field(() => [RateOverrideInput], { nullable: true }) rateOverrides?: RateOverrideInput[];
}

@InputType('VolumeRangeInput', {
  description: 'Multipliers of the expected volume for cost bands and robustness (default 0.8 to 1.25)',
})
export class VolumeRangeInputGql {
  @Field(() => Float, {
    nullable: true,
    description: 'Lowest volume, multiple of the expected one (0..1, default 0.8)',
  })
  low?: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Highest volume, multiple of the expected one (1..100, default 1.25)',
  })
  high?: number;
}

/** GraphQL input → the REST body shape (nulls dropped), so both transports run the same validation. */
export function toRequestBody(
  input: WorkloadInputGql,
  pricing?: PricingInputGql | null,
  volumeRange?: VolumeRangeInputGql | null,
): Record<string, unknown> {
  const workload = Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== null && v !== undefined));
  const body: Record<string, unknown> = { workload };
  if (pricing?.discountPercent !== null && pricing?.discountPercent !== undefined)
    body.discountPercent = pricing.discountPercent;
  if (pricing?.rateOverrides)
    body.rateOverrides = Object.fromEntries(pricing.rateOverrides.map((o) => [o.key, o.usdPerUnit]));
  if (volumeRange)
    body.volumeRange = Object.fromEntries(
      Object.entries({ ...volumeRange }).filter(([, v]) => v !== null && v !== undefined),
    );
  return body;
}
