/**
 * Architecture patterns of the AWS decision guide as selectable presets: each is an example workload that
 * asks for the pattern's pipeline (pass `workload` to an evaluation, changing the volume fields as needed).
 */
import type { OptionCode } from '../options';
import { SOURCES } from '../sources';
import type { WorkloadInput } from '../workload';

export interface ArchitecturePreset {
  id: string;
  title: string;
  /** The pipeline, source to sink. */
  pattern: string;
  description: string;
  /** The options the pattern is built on. */
  impliedOptions: OptionCode[];
  /** The workload fields the pattern sets (beyond volume and record size). */
  patternFields: string[];
  /** An example workload at the reference volume (200 GB/day of 1 KB records). */
  workload: WorkloadInput;
  source: string;
  sourceUrl: string;
}

const VOLUME = { ingestGbPerDay: 200, avgRecordSizeKB: 1 } as const;
const KDS: OptionCode[] = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'];
const MSK: OptionCode[] = ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS'];

export const ARCHITECTURE_PRESETS: readonly ArchitecturePreset[] = [
  {
    id: 'KINESIS_FIREHOSE_S3',
    title: 'Serverless ingestion to a data lake',
    pattern: 'Kinesis Data Streams → Amazon Data Firehose → Amazon S3 (Parquet)',
    description:
      'Producers write to a Kinesis data stream; Amazon Data Firehose reads it, converts records to Parquet and delivers them to S3. No servers to run.',
    impliedOptions: KDS,
    patternFields: ['deliverTo'],
    workload: { ...VOLUME, sharedConsumers: 1, deliverTo: [{ sink: 'S3', convertToParquet: true }] },
    source: SOURCES.decisionGuide.title,
    sourceUrl: SOURCES.decisionGuide.url,
  },
  {
    id: 'MSK_CONNECT_S3',
    title: 'Kafka ecosystem with managed connectors',
    pattern: 'Amazon MSK → MSK Connect (or Amazon Data Firehose, whichever costs less) → Amazon S3',
    description:
      'Existing Kafka producers and consumers keep their clients; a sink connector on MSK Connect (or Firehose with MSK as source, available since 2023) delivers the topics to S3.',
    impliedOptions: MSK,
    patternFields: ['existingKafkaClients', 'needsKafkaConnect', 'deliverTo'],
    workload: {
      ...VOLUME,
      sharedConsumers: 1,
      existingKafkaClients: true,
      needsKafkaConnect: true,
      deliverTo: [{ sink: 'S3' }],
    },
    source: SOURCES.firehoseMskSource.title,
    sourceUrl: SOURCES.firehoseMskSource.url,
  },
  {
    id: 'KINESIS_LAMBDA',
    title: 'Event-driven processing with Lambda consumers',
    pattern: 'Kinesis Data Streams → AWS Lambda (event source mapping)',
    description:
      'Lambda functions consume the stream through an event source mapping, one batch per shard at a time; the functions themselves are billed by Lambda (not priced here).',
    impliedOptions: KDS,
    patternFields: ['lambdaConsumers', 'sharedConsumers'],
    workload: { ...VOLUME, sharedConsumers: 2, lambdaConsumers: true },
    source: SOURCES.lambdaEventSources.title,
    sourceUrl: SOURCES.lambdaEventSources.url,
  },
  {
    id: 'MSK_MULTI_REGION',
    title: 'Multi-region streaming with MSK Replicator',
    pattern: 'Amazon MSK → MSK Replicator → Amazon MSK in another region',
    description:
      'MSK Replicator copies the topics to a cluster in a second region for disaster recovery or regional reads; priced with inter-region transfer and the target cluster.',
    impliedOptions: ['MSK_PROVISIONED', 'MSK_EXPRESS'],
    patternFields: ['needsCrossRegionReplication'],
    workload: { ...VOLUME, sharedConsumers: 1, needsCrossRegionReplication: true },
    source: SOURCES.mskReplicator.title,
    sourceUrl: SOURCES.mskReplicator.url,
  },
];
