/**
 * Pipeline legs each option implies, as separate line-item builders fed by the workload's volumes:
 * - delivery (`deliverTo`): Amazon Data Firehose for Kinesis (stream as source); for MSK the cheaper of
 *   Firehose with MSK as source and MSK Connect, the choice stated;
 * - replication (`needsCrossRegionReplication`): MSK Replicator + inter-region transfer for MSK; for Kinesis,
 *   which has no managed replication, the usual custom pattern (a consumer in the source region writing to a
 *   stream in the target region), labelled as an assumption;
 * in both cases the target-region copy of the stream or cluster (its write side) at this region's rates.
 * Nothing is added when nothing is asked. Quantities are monthly (730 h).
 */
import type { OptionSizing } from '../model.types';
import type { OptionCode } from '../options';
import type { Delivery } from '../pipeline/delivery';
import { interRegionReferenceTarget } from '../pricelist/rate-mapping';
import { RATE_KEYS } from '../rate-card';
import type { PriceLookup } from '../sizing/msk-sizing';
import { HOURS_PER_MONTH, KB_PER_MB, MB_PER_GB, ceilTolerant } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import { type OptionModel, pipelineReadGb, unitsPerRecord } from './kds-cost';
import { type LineDraft, fmt, pushIfPositive } from './line-draft';
import { CROSS_AZ_SHARE } from './msk-cost';
import { count, usd } from '../words';

/** Firehose bills ingestion from Direct PUT and Kinesis Data Streams per record rounded up to 5 KB. AWS (Firehose pricing). */
export const FIREHOSE_BILLING_INCREMENT_KB = 5;
/** First Firehose ingestion tier: 500 TB a month (the rate card carries that tier's price). AWS (Firehose pricing). */
export const FIREHOSE_FIRST_TIER_GB = 512_000;
/**
 * MSK Connect sizing (ASSUMPTION, documented): a sink connector sustains about 5 MiB/s per MCU (1 vCPU, 4 GiB);
 * capacity is workers × MCUs per worker, MCUs per worker one of 1, 2, 4, 8, 1 to 10 workers per connector
 * (MSK Connect capacity docs), so one connector is at least 1 MCU and at most 80.
 */
export const MSK_CONNECT = {
  sinkMBpsPerMcu: 5,
  mcuPerWorkerChoices: [1, 2, 4, 8],
  maxWorkersPerConnector: 10,
  headroomFactor: 1.2,
} as const;

/** Draft codes that make up the write side of each option: what a target-region copy bills. */
const WRITE_SIDE_CODES: Readonly<Record<OptionCode, readonly string[]>> = {
  KDS_ON_DEMAND: ['KDS_OD_STREAM_HOURS', 'KDS_OD_DATA_IN', 'KDS_OD_EXTENDED_RETENTION', 'KDS_OD_LONG_TERM_RETENTION'],
  KDS_ON_DEMAND_ADVANTAGE: ['KDS_ADV_DATA_IN', 'KDS_ADV_EXTENDED_RETENTION', 'KDS_ADV_LONG_TERM_RETENTION'],
  KDS_PROVISIONED: [
    'KDS_PROV_SHARD_HOURS',
    'KDS_PROV_PUT_PAYLOAD_UNITS',
    'KDS_PROV_EXTENDED_RETENTION',
    'KDS_PROV_LONG_TERM_RETENTION',
  ],
  MSK_PROVISIONED: ['MSK_BROKER_HOURS', 'MSK_STORAGE', 'MSK_TIERED_STORAGE', 'MSK_STORAGE_THROUGHPUT'],
  MSK_EXPRESS: ['MSK_EXPRESS_BROKER_HOURS', 'MSK_EXPRESS_STORAGE', 'MSK_EXPRESS_DATA_WRITTEN'],
  MSK_SERVERLESS: [
    'MSK_SERVERLESS_CLUSTER_HOURS',
    'MSK_SERVERLESS_PARTITION_HOURS',
    'MSK_SERVERLESS_DATA_IN',
    'MSK_SERVERLESS_STORAGE',
  ],
};

const KB_PER_GB = KB_PER_MB * MB_PER_GB;
const SINK_LABEL: Readonly<Record<Delivery['sink'], string>> = {
  S3: 'Amazon S3',
  REDSHIFT: 'Amazon Redshift',
  OPENSEARCH: 'Amazon OpenSearch Service',
  HTTP: 'an HTTP endpoint',
};
const isKinesis = (code: OptionCode): boolean => code.startsWith('KDS_');

/** The pipeline legs of one option: extra drafts, sizing fields, assumptions. */
export interface PipelinePlan {
  drafts: LineDraft[];
  sizing: Partial<OptionSizing>;
  assumptions: string[];
}

export interface MskConnectSizing {
  mcus: number;
  workers: number;
  mcuPerWorker: number;
  connectors: number;
}

/** MCUs for one sink connector carrying `peakMBps`: workers × MCUs per worker, the smallest layout that fits. */
export function sizeMskConnect(peakMBps: number): MskConnectSizing {
  const needed = Math.max(1, ceilTolerant((peakMBps * MSK_CONNECT.headroomFactor) / MSK_CONNECT.sinkMBpsPerMcu));
  const maxPerConnector =
    MSK_CONNECT.maxWorkersPerConnector * MSK_CONNECT.mcuPerWorkerChoices[MSK_CONNECT.mcuPerWorkerChoices.length - 1];
  const connectors = Math.ceil(needed / maxPerConnector);
  const perConnector = Math.ceil(needed / connectors);
  const mcuPerWorker =
    MSK_CONNECT.mcuPerWorkerChoices.find((m) => Math.ceil(perConnector / m) <= MSK_CONNECT.maxWorkersPerConnector) ?? 8;
  const workers = Math.ceil(perConnector / mcuPerWorker);
  return { mcus: connectors * workers * mcuPerWorker, workers: connectors * workers, mcuPerWorker, connectors };
}

const sinkCode = (d: Delivery, i: number, all: readonly Delivery[]): string =>
  all.filter((x) => x.sink === d.sink).length > 1 ? `${d.sink}_${i + 1}` : d.sink;
const shareText = (d: Delivery): string =>
  d.sharePercent === 100 ? 'all of the stream' : `${fmt(d.sharePercent, 2)} % of the stream`;

/**
 * KB Firehose bills per record from a Kinesis stream: each record rounded up to the next 5 KB ("rounded up to the
 * nearest 5KB", Firehose pricing), averaged over the record-size distribution when there is one (Σ share × ⌈size ÷ 5⌉ × 5).
 */
export function firehoseBilledKbPerRecord(w: NormalizedWorkload): number {
  return unitsPerRecord(w, FIREHOSE_BILLING_INCREMENT_KB) * FIREHOSE_BILLING_INCREMENT_KB;
}

/** Firehose with a Kinesis data stream as source: ingestion in 5 KB records, conversion, dynamic partitioning. */
function firehoseFromStreamDrafts(w: NormalizedWorkload): LineDraft[] {
  // Each record is rounded up to 5 KB: over a record-size distribution, bucket by bucket (not on the mean).
  const billedKbPerRecord = firehoseBilledKbPerRecord(w);
  const drafts: LineDraft[] = [];
  w.deliverTo.forEach((d, i, all) => {
    const code = sinkCode(d, i, all);
    const records = (w.monthlyRecords * d.sharePercent) / 100;
    const billedGb = (records * billedKbPerRecord) / KB_PER_GB;
    pushIfPositive(drafts, {
      code: `FIREHOSE_INGEST_${code}`,
      describe: () =>
        `Amazon Data Firehose → ${SINK_LABEL[d.sink]} (Kinesis stream as source), ${shareText(d)}: ${fmt(records, 0)} records × ${fmt(billedKbPerRecord)} KB (each record rounded up to 5 KB)`,
      quantity: billedGb,
      unit: 'GB',
      rateKey: RATE_KEYS.firehoseIngestStreamSourceGb,
    });
    if (d.convertToParquet) {
      pushIfPositive(drafts, {
        code: `FIREHOSE_FORMAT_CONVERSION_${code}`,
        describe: () =>
          `Firehose format conversion to Apache Parquet (${SINK_LABEL[d.sink]}): GB ingested, in 5 KB records`,
        quantity: billedGb,
        unit: 'GB',
        rateKey: RATE_KEYS.firehoseFormatConversionGb,
      });
    }
    if (d.dynamicPartitioning) drafts.push(...dynamicPartitioningDrafts(w, d, code));
  });
  return drafts;
}

function dynamicPartitioningDrafts(w: NormalizedWorkload, d: Delivery, code: string): LineDraft[] {
  const drafts: LineDraft[] = [];
  pushIfPositive(drafts, {
    code: `FIREHOSE_DYNAMIC_PARTITIONING_${code}`,
    describe: () =>
      `Firehose dynamic partitioning (${SINK_LABEL[d.sink]}): ${fmt((w.monthlyIngestGb * d.sharePercent) / 100)} GB delivered`,
    quantity: (w.monthlyIngestGb * d.sharePercent) / 100,
    unit: 'GB',
    rateKey: RATE_KEYS.firehoseDynamicPartitioningGb,
  });
  return drafts;
}

/** Firehose with Amazon MSK as source: per GB read from the topics (no 5 KB rounding). */
function firehoseFromMskDrafts(w: NormalizedWorkload): LineDraft[] {
  const drafts: LineDraft[] = [];
  w.deliverTo.forEach((d, i, all) => {
    const code = sinkCode(d, i, all);
    const gb = (w.monthlyIngestGb * d.sharePercent) / 100;
    pushIfPositive(drafts, {
      code: `FIREHOSE_MSK_INGEST_${code}`,
      describe: () =>
        `Amazon Data Firehose → ${SINK_LABEL[d.sink]} (Amazon MSK as source), ${shareText(d)}: ${fmt(gb)} GB`,
      quantity: gb,
      unit: 'GB',
      rateKey: RATE_KEYS.firehoseIngestMskSourceGb,
    });
    if (d.convertToParquet) {
      pushIfPositive(drafts, {
        code: `FIREHOSE_FORMAT_CONVERSION_${code}`,
        describe: () => `Firehose format conversion to Apache Parquet (${SINK_LABEL[d.sink]}): ${fmt(gb)} GB`,
        quantity: gb,
        unit: 'GB',
        rateKey: RATE_KEYS.firehoseFormatConversionGb,
      });
    }
    if (d.dynamicPartitioning) drafts.push(...dynamicPartitioningDrafts(w, d, code));
  });
  return drafts;
}

/** MSK Connect: one sink connector per sink, MCU-hours for its sized capacity. */
function mskConnectDrafts(w: NormalizedWorkload): { drafts: LineDraft[]; sizing: MskConnectSizing[] } {
  const drafts: LineDraft[] = [];
  const sizing: MskConnectSizing[] = [];
  w.deliverTo.forEach((d, i, all) => {
    const code = sinkCode(d, i, all);
    const peak = (w.peakWriteMBps * d.sharePercent) / 100;
    const s = sizeMskConnect(peak);
    sizing.push(s);
    drafts.push({
      code: `MSK_CONNECT_MCU_HOURS_${code}`,
      describe: () =>
        `MSK Connect sink connector → ${SINK_LABEL[d.sink]}, ${shareText(d)} (peak ${fmt(peak, 3)} MB/s): ${count(s.workers, 'worker')} × ${s.mcuPerWorker} MCU × 730 h`,
      quantity: s.mcus * HOURS_PER_MONTH,
      unit: 'MCU-hour',
      rateKey: RATE_KEYS.mskConnectMcuHour,
    });
  });
  return { drafts, sizing };
}

/** What the delivery reader adds on the source side: reads billed per GB, or cross-AZ fetches on MSK brokers. */
function deliveryReadDrafts(code: OptionCode, w: NormalizedWorkload): LineDraft[] {
  const gb = pipelineReadGb(w).deliveryGb;
  const drafts: LineDraft[] = [];
  const read = (rateKey: string, what: string, quantity = gb): void =>
    pushIfPositive(drafts, {
      code: 'DELIVERY_SOURCE_READ',
      describe: () => `Delivery reader on the source: ${what}`,
      quantity,
      unit: 'GB',
      rateKey,
    });
  switch (code) {
    case 'KDS_ON_DEMAND':
      read(RATE_KEYS.kdsOnDemandDataOutGb, `shared reads of ${fmt(gb)} GB`);
      break;
    case 'KDS_ON_DEMAND_ADVANTAGE':
      read(
        RATE_KEYS.kdsAdvantageDataOutGb,
        `shared reads of ${fmt(gb)} GB (Advantage; they count toward the 25 MB/s retrieval minimum)`,
      );
      break;
    case 'MSK_PROVISIONED':
    case 'MSK_EXPRESS':
      if (!w.rackAwareConsumers)
        read(RATE_KEYS.crossAzTransferGb, `cross-AZ fetches, 2/3 of ${fmt(gb)} GB read`, gb * CROSS_AZ_SHARE);
      break;
    case 'MSK_SERVERLESS':
      read(RATE_KEYS.mskServerlessDataOutGb, `Serverless data out, ${fmt(gb)} GB`);
      break;
    case 'KDS_PROVISIONED':
      break;
  }
  return drafts;
}

/** Rough monthly USD of drafts, for choosing between alternatives only (money is priced by priceLines). */
function estimateUsd(drafts: readonly LineDraft[], price: PriceLookup): { usd: number; missing: string[] } {
  let usd = 0;
  const missing: string[] = [];
  for (const d of drafts) {
    const p = price(d.rateKey);
    if (p === undefined) missing.push(d.rateKey);
    else usd += d.quantity * p;
  }
  return { usd, missing };
}

function deliveryPlan(code: OptionCode, w: NormalizedWorkload, price: PriceLookup): PipelinePlan {
  const sinks = w.deliverTo.map((d) => SINK_LABEL[d.sink]).join(', ');
  const read = deliveryReadDrafts(code, w);
  const readNote =
    code === 'KDS_PROVISIONED'
      ? 'The delivery reader polls the shards like one more shared consumer (shared reads are free in provisioned mode; shards were not re-sized for it).'
      : 'The delivery reader is counted here: do not also count it in sharedConsumers.';
  const notPriced =
    'The destinations themselves (S3 storage and requests, Redshift, OpenSearch, the HTTP endpoint), Firehose Lambda transformation, dynamic-partitioning objects and JQ hours are not priced.';
  if (isKinesis(code)) {
    const drafts = firehoseFromStreamDrafts(w);
    const largest = drafts
      .filter((d) => d.code.startsWith('FIREHOSE_INGEST_'))
      .reduce((m, d) => Math.max(m, d.quantity), 0);
    const assumptions = [
      `Delivery to ${sinks}: Kinesis data stream → Amazon Data Firehose (one Firehose stream per sink); ingestion billed per GB with each record rounded up to 5 KB, ${w.recordSizeDistribution ? 'bucket by bucket over the record-size distribution' : `on the ${fmt(w.avgRecordSizeKB)} KB average record`}: ${fmt(firehoseBilledKbPerRecord(w))} KB billed per record on average.`,
      readNote,
      notPriced,
    ];
    if (largest > FIREHOSE_FIRST_TIER_GB)
      assumptions.push(
        'Ingestion above 500 TB a month is priced at the first-tier rate (the rate card carries the first tier only): an overestimate.',
      );
    return {
      drafts: [...drafts, ...read],
      sizing: { deliveryVia: 'FIREHOSE', deliverySinks: w.deliverTo.length },
      assumptions,
    };
  }
  const firehose = firehoseFromMskDrafts(w);
  const connect = mskConnectDrafts(w);
  const f = estimateUsd(firehose, price);
  const c = estimateUsd(connect.drafts, price);
  const useConnect = f.missing.length > 0 ? c.missing.length === 0 : c.missing.length === 0 && c.usd < f.usd;
  const mcus = connect.sizing.reduce((sum, s) => sum + s.mcus, 0);
  const workers = connect.sizing.reduce((sum, s) => sum + s.workers, 0);
  const firehoseText = f.missing.length
    ? `Firehose (MSK as source) cannot be priced (missing ${f.missing.join(', ')})`
    : `Firehose (MSK as source) ${usd(f.usd)}/month`;
  const connectText = c.missing.length
    ? `MSK Connect cannot be priced (missing ${c.missing.join(', ')})`
    : `MSK Connect ${usd(c.usd)}/month (${mcus} MCU in ${count(workers, 'worker')})`;
  const choice = useConnect
    ? `Delivery to ${sinks} via MSK Connect sink connectors: ${connectText}, cheaper than ${firehoseText}.`
    : `Delivery to ${sinks} via Amazon Data Firehose with Amazon MSK as source (supported since 2023, whatever the decision guide says): ${firehoseText}, ${c.missing.length ? '' : 'not more than '}${connectText}.`;
  const assumptions = [
    choice,
    `MSK Connect sizing (ASSUMPTION): about ${MSK_CONNECT.sinkMBpsPerMcu} MiB/s per MCU for a sink connector at the peak with 20 % headroom, workers × 1/2/4/8 MCUs, 1–10 workers, at least 1 MCU per connector. With MSK as source Firehose bills the GB read, without 5 KB rounding.`,
    readNote,
    notPriced,
  ];
  const sizing: Partial<OptionSizing> = {
    deliveryVia: useConnect ? 'MSK_CONNECT' : 'FIREHOSE',
    deliverySinks: w.deliverTo.length,
  };
  if (useConnect) Object.assign(sizing, { mskConnectMcus: mcus, mskConnectWorkers: workers });
  return { drafts: [...(useConnect ? connect.drafts : firehose), ...read], sizing, assumptions };
}

function replicationPlan(code: OptionCode, w: NormalizedWorkload, base: OptionModel): PipelinePlan {
  const target = interRegionReferenceTarget(w.region);
  const gb = w.monthlyIngestGb;
  const drafts: LineDraft[] = [];
  const replica = base.drafts
    .filter((d) => WRITE_SIDE_CODES[code].includes(d.code))
    .map((d) => ({ ...d, code: `REPLICA_${d.code}`, describe: () => `Target-region copy: ${d.describe()}` }));
  const transfer: LineDraft = {
    code: 'INTER_REGION_TRANSFER',
    describe: () => `Inter-region data transfer to ${target}: ${fmt(gb)} GB`,
    quantity: gb,
    unit: 'GB',
    rateKey: RATE_KEYS.interRegionTransferGb,
  };
  const common = `Replica priced at ${w.region} rates for the write side only (no consumers in the target region); inter-region transfer at the ${w.region} → ${target} rate (other targets may differ, e.g. us-east-1 → us-east-2 costs less).`;
  if (isKinesis(code)) {
    if (code === 'KDS_ON_DEMAND') {
      pushIfPositive(drafts, {
        code: 'REPLICATION_SOURCE_READ',
        describe: () => `Replicating consumer: shared reads of ${fmt(gb)} GB`,
        quantity: gb,
        unit: 'GB',
        rateKey: RATE_KEYS.kdsOnDemandDataOutGb,
      });
    } else if (code === 'KDS_ON_DEMAND_ADVANTAGE') {
      pushIfPositive(drafts, {
        code: 'REPLICATION_SOURCE_READ',
        describe: () =>
          `Replicating consumer: shared reads of ${fmt(gb)} GB (Advantage; they count toward the 25 MB/s retrieval minimum)`,
        quantity: gb,
        unit: 'GB',
        rateKey: RATE_KEYS.kdsAdvantageDataOutGb,
      });
    }
    pushIfPositive(drafts, transfer);
    drafts.push(...replica);
    return {
      drafts,
      sizing: { replicationVia: 'CUSTOM_CONSUMER' },
      assumptions: [
        `ASSUMPTION: Kinesis has no managed cross-region replication; priced as the usual pattern — a consumer in ${w.region} (e.g. Lambda or a KCL application, its compute not priced) writing every record to a second stream in ${target}. ${common}`,
      ],
    };
  }
  drafts.push({
    code: 'MSK_REPLICATOR_HOURS',
    describe: () => 'MSK Replicator: 1 replicator × 730 h',
    quantity: HOURS_PER_MONTH,
    unit: 'replicator-hour',
    rateKey: RATE_KEYS.mskReplicatorHour,
  });
  pushIfPositive(drafts, {
    code: 'MSK_REPLICATOR_DATA',
    describe: () => `MSK Replicator data replicated: ${fmt(gb)} GB`,
    quantity: gb,
    unit: 'GB',
    rateKey: RATE_KEYS.mskReplicatorDataGb,
  });
  pushIfPositive(drafts, transfer);
  drafts.push(...replica);
  return {
    drafts,
    sizing: { replicationVia: 'MSK_REPLICATOR' },
    assumptions: [
      `Cross-region replication with MSK Replicator to a cluster in ${target}: per replicator-hour and per GB replicated (all topics). ${common}`,
    ],
  };
}

/** The pipeline legs of `code`, or null when the workload asks for none. */
export function pipelinePlan(
  code: OptionCode,
  w: NormalizedWorkload,
  base: OptionModel,
  price: PriceLookup,
): PipelinePlan | null {
  const plans: PipelinePlan[] = [];
  if (w.deliverTo.length > 0) plans.push(deliveryPlan(code, w, price));
  if (w.needsCrossRegionReplication) plans.push(replicationPlan(code, w, base));
  if (plans.length === 0) return null;
  const summary = pipelineSummary(code, w, plans);
  return {
    drafts: plans.flatMap((p) => p.drafts),
    sizing: Object.assign({ pipeline: summary }, ...plans.map((p) => p.sizing)) as Partial<OptionSizing>,
    assumptions: plans.flatMap((p) => p.assumptions),
  };
}

function pipelineSummary(code: OptionCode, w: NormalizedWorkload, plans: PipelinePlan[]): string {
  const sizing = Object.assign({}, ...plans.map((p) => p.sizing)) as Partial<OptionSizing>;
  const source = isKinesis(code) ? 'Kinesis Data Streams' : 'Amazon MSK';
  const parts: string[] = [];
  if (sizing.deliveryVia) {
    const via = sizing.deliveryVia === 'MSK_CONNECT' ? 'MSK Connect' : 'Amazon Data Firehose';
    parts.push(`${source} → ${via} → ${w.deliverTo.map((d) => d.sink).join(', ')}`);
  }
  if (sizing.replicationVia) {
    const target = interRegionReferenceTarget(w.region);
    parts.push(
      sizing.replicationVia === 'MSK_REPLICATOR'
        ? `MSK Replicator → MSK in ${target}`
        : `replicating consumer → Kinesis stream in ${target} (custom, assumption)`,
    );
  }
  return parts.join('; ');
}

/** An option's model with its pipeline legs appended (the model itself when nothing is asked). */
export function withPipeline(
  code: OptionCode,
  w: NormalizedWorkload,
  model: OptionModel,
  price: PriceLookup,
): OptionModel {
  const plan = pipelinePlan(code, w, model, price);
  if (!plan) return model;
  return {
    sizing: { ...model.sizing, ...plan.sizing },
    drafts: [...model.drafts, ...plan.drafts],
    explain: () => [...model.explain(), ...plan.assumptions],
  };
}
