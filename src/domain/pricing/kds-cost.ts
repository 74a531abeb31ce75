/**
 * Kinesis Data Streams cost models (billing rules of https://aws.amazon.com/kinesis/data-streams/pricing/).
 * Each returns the sizing, the line drafts and the assumptions behind them. Quantities are monthly (730 h).
 */
import type { OptionSizing } from '../model.types';
import { KDS_LIMITS } from '../limits';
import { RATE_KEYS } from '../rate-card';
import { sizeKdsOnDemand, sizeKdsProvisioned } from '../sizing/kds-sizing';
import { dailyWriteProfile } from '../traffic-profile';
import {
  ceilTolerant,
  DAYS_PER_MONTH,
  HOURS_PER_DAY,
  HOURS_PER_MONTH,
  KB_PER_MB,
  MB_PER_GB,
  SECONDS_PER_HOUR,
} from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import { type LineDraft, fmt, gbReadLine, pushIfPositive } from './line-draft';
import { count } from '../words';

export interface OptionModel {
  sizing: OptionSizing;
  drafts: LineDraft[];
  /** The assumptions behind the numbers, in words (built on demand). */
  explain: () => string[];
  /**
   * MSK Standard with tiered storage: the all-EBS cluster, priced beside it (sizing.untiered…), with the same
   * pipeline and consumer legs. Absent otherwise.
   */
  untiered?: OptionModel;
}

/** 25 KB PUT payload unit (provisioned mode). AWS pricing. */
export const PUT_PAYLOAD_UNIT_KB = 25;
/** On-demand data in is billed per record rounded up to the next 1 KB. AWS pricing. */
export const ON_DEMAND_BILLING_INCREMENT_KB = 1;
/**
 * On-demand Advantage: account-level minimum of 25 MB/s billed on ingest and on retrieval
 * (confidence 3P for the figure). Applied per hour (ASSUMPTION): each hour bills at least 25 MB/s × 3,600 s.
 */
export const ADVANTAGE_MINIMUM_MBPS = 25;

const KB_PER_GB = KB_PER_MB * MB_PER_GB;

/** GB-month in the extended (24 h–7 d) and long-term (> 7 d) retention tiers: average GB held in each tier. */
export function retentionTiersGbMonth(w: NormalizedWorkload): { extendedGbMonth: number; longTermGbMonth: number } {
  const r = w.retentionHours;
  const extendedHours = Math.max(
    0,
    Math.min(r, KDS_LIMITS.extendedRetentionMaxHours) - KDS_LIMITS.includedRetentionHours,
  );
  const longTermHours = Math.max(0, r - KDS_LIMITS.extendedRetentionMaxHours);
  return {
    extendedGbMonth: (w.ingestGbPerDay * extendedHours) / HOURS_PER_DAY,
    longTermGbMonth: (w.ingestGbPerDay * longTermHours) / HOURS_PER_DAY,
  };
}

/**
 * Billed units per record, averaged over the record-size histogram when there is one: Σ share × ceil(size ÷ unit),
 * at least one unit per record (AWS rounds each record, so mixed sizes round bucket by bucket, not on the mean).
 */
export function unitsPerRecord(w: NormalizedWorkload, unitKB: number): number {
  const units = (kb: number): number => Math.max(1, ceilTolerant(kb / unitKB));
  if (!w.recordSizeDistribution) return units(w.avgRecordSizeKB);
  return Math.round(w.recordSizeDistribution.reduce((sum, b) => sum + b.share * units(b.sizeKB), 0) * 1e9) / 1e9;
}

/** Billed GB in for on-demand modes: records × ceil(record KB) KB (per bucket of the size histogram). */
export function onDemandBilledInGb(w: NormalizedWorkload): { billedKbPerRecord: number; billedGb: number } {
  const billedKbPerRecord = unitsPerRecord(w, ON_DEMAND_BILLING_INCREMENT_KB);
  return { billedKbPerRecord, billedGb: (w.monthlyRecords * billedKbPerRecord) / KB_PER_GB };
}

function recordSizeBasis(w: NormalizedWorkload): string {
  if (!w.recordSizeDistribution) return `using the average record size (${fmt(w.avgRecordSizeKB)} KB)`;
  return `bucket by bucket over the record-size distribution (${w.recordSizeDistribution.map((b) => `${fmt(b.share * 100)} % of ${fmt(b.sizeKB)} KB`).join(', ')})`;
}

function retentionAssumption(): string {
  return 'Retention billed on the average GB held: the first 24 h are included, 24 h–7 days are extended retention, beyond 7 days long-term retention (GB = ingest/day × hours in the tier ÷ 24).';
}

export function kdsOnDemandModel(w: NormalizedWorkload): OptionModel {
  const drafts: LineDraft[] = [];
  const { billedKbPerRecord, billedGb } = onDemandBilledInGb(w);
  const { extendedGbMonth, longTermGbMonth } = retentionTiersGbMonth(w);
  drafts.push({
    code: 'KDS_OD_STREAM_HOURS',
    describe: () => 'On-demand stream-hours: 1 stream × 730 h',
    quantity: HOURS_PER_MONTH,
    unit: 'stream-hour',
    rateKey: RATE_KEYS.kdsOnDemandStreamHour,
  });
  pushIfPositive(drafts, {
    code: 'KDS_OD_DATA_IN',
    describe: () =>
      `Data in, each record rounded up to 1 KB: ${fmt(w.monthlyRecords, 0)} records × ${fmt(billedKbPerRecord)} KB`,
    quantity: billedGb,
    unit: 'GB',
    rateKey: RATE_KEYS.kdsOnDemandDataInGb,
  });
  pushIfPositive(
    drafts,
    gbReadLine('KDS_OD_DATA_OUT', 'Shared reads', w.sharedConsumers, w.monthlyIngestGb, RATE_KEYS.kdsOnDemandDataOutGb),
  );
  pushIfPositive(
    drafts,
    gbReadLine(
      'KDS_OD_EFO_DATA_OUT',
      'Enhanced fan-out reads',
      w.dedicatedConsumers,
      w.monthlyIngestGb,
      RATE_KEYS.kdsOnDemandEfoDataOutGb,
    ),
  );
  pushIfPositive(drafts, {
    code: 'KDS_OD_EXTENDED_RETENTION',
    describe: () => 'Extended retention (24 h–7 days), average GB held',
    quantity: extendedGbMonth,
    unit: 'GB-month',
    rateKey: RATE_KEYS.kdsOnDemandExtendedRetentionGbMonth,
  });
  pushIfPositive(drafts, {
    code: 'KDS_OD_LONG_TERM_RETENTION',
    describe: () => 'Long-term retention (beyond 7 days), average GB held',
    quantity: longTermGbMonth,
    unit: 'GB-month',
    rateKey: RATE_KEYS.kdsOnDemandLongTermRetentionGbMonth,
  });
  return {
    sizing: sizeKdsOnDemand(w),
    drafts,
    explain: () => [
      `One stream. Data in is billed per record rounded up to 1 KB, ${recordSizeBasis(w)}: ${fmt(billedKbPerRecord)} KB billed per record on average.`,
      'Each shared consumer reads every byte once; reads are billed on bytes read (no 1 KB rounding).',
      'On-demand capacity scales to 2x the 30-day peak; a burst above twice the previous peak can throttle until it scales.',
      retentionAssumption(),
    ],
  };
}

/**
 * GB of the per-hour minimum shortfall: hours below 25 MB/s pay the difference, idle hours pay it all.
 * Hour by hour over the day's shape (dailyWriteProfile): usage follows the bytes written in each hour.
 */
function hourlyMinimumShortfallGb(w: NormalizedWorkload, usageGbPerMonth: number): number {
  const minGbPerHour = (ADVANTAGE_MINIMUM_MBPS * SECONDS_PER_HOUR) / MB_PER_GB;
  // Billed usage per GB written (record rounding on ingest, consumers on retrieval), spread as the writes are.
  const usagePerGbWritten = w.monthlyIngestGb > 0 ? usageGbPerMonth / w.monthlyIngestGb : 0;
  let shortfall = 0;
  for (const segment of dailyWriteProfile(w)) {
    const usagePerHour = usagePerGbWritten * ((segment.writeMBps * SECONDS_PER_HOUR) / MB_PER_GB);
    shortfall += segment.hours * DAYS_PER_MONTH * Math.max(0, minGbPerHour - usagePerHour);
  }
  return shortfall;
}

/**
 * GB a month that the pipeline's readers retrieve from a Kinesis stream: the Firehose delivery streams (their share
 * of the stream each) and the replicating consumer (all of it). Priced as reads by pipeline-cost.ts.
 */
export function pipelineReadGb(w: NormalizedWorkload): { deliveryGb: number; replicationGb: number } {
  return {
    deliveryGb: w.deliverTo.reduce((sum, d) => sum + (w.monthlyIngestGb * d.sharePercent) / 100, 0),
    replicationGb: w.needsCrossRegionReplication ? w.monthlyIngestGb : 0,
  };
}

export function kdsAdvantageModel(w: NormalizedWorkload): OptionModel {
  const drafts: LineDraft[] = [];
  const { billedKbPerRecord, billedGb } = onDemandBilledInGb(w);
  const { extendedGbMonth, longTermGbMonth } = retentionTiersGbMonth(w);
  const sharedOut = w.monthlyIngestGb * w.sharedConsumers;
  const efoOut = w.monthlyIngestGb * w.dedicatedConsumers;
  // The retrieval minimum is a floor on the account's total billed retrieval: the pipeline's readers (billed as
  // Advantage reads by pipeline-cost.ts) fill it like any other consumer.
  const { deliveryGb, replicationGb } = pipelineReadGb(w);
  const pipelineOut = deliveryGb + replicationGb;
  // Words are built on demand (the volume study only prices).
  const readers = (): string => {
    const named = [
      ...(w.sharedConsumers > 0 ? [`${count(w.sharedConsumers, 'shared consumer')}`] : []),
      ...(w.dedicatedConsumers > 0 ? [`${count(w.dedicatedConsumers, 'enhanced fan-out consumer')}`] : []),
      ...(deliveryGb > 0 ? ['the Firehose delivery reader'] : []),
      ...(replicationGb > 0 ? ['the replicating consumer'] : []),
    ];
    return named.length > 0 ? named.join(', ') : 'no readers';
  };
  pushIfPositive(drafts, {
    code: 'KDS_ADV_DATA_IN',
    describe: () =>
      `Data in (Advantage), each record rounded up to 1 KB: ${fmt(w.monthlyRecords, 0)} records × ${fmt(billedKbPerRecord)} KB`,
    quantity: billedGb,
    unit: 'GB',
    rateKey: RATE_KEYS.kdsAdvantageDataInGb,
  });
  pushIfPositive(drafts, {
    code: 'KDS_ADV_INGEST_MINIMUM_SHORTFALL',
    describe: () => `Advantage ${ADVANTAGE_MINIMUM_MBPS} MB/s ingest minimum: shortfall below the minimum, per hour`,
    quantity: hourlyMinimumShortfallGb(w, billedGb),
    unit: 'GB',
    rateKey: RATE_KEYS.kdsAdvantageDataInGb,
  });
  pushIfPositive(
    drafts,
    gbReadLine(
      'KDS_ADV_DATA_OUT',
      'Shared reads (Advantage)',
      w.sharedConsumers,
      w.monthlyIngestGb,
      RATE_KEYS.kdsAdvantageDataOutGb,
    ),
  );
  pushIfPositive(
    drafts,
    gbReadLine(
      'KDS_ADV_EFO_DATA_OUT',
      'Enhanced fan-out reads (Advantage)',
      w.dedicatedConsumers,
      w.monthlyIngestGb,
      RATE_KEYS.kdsAdvantageEfoDataOutGb,
    ),
  );
  pushIfPositive(drafts, {
    code: 'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL',
    describe: () =>
      `Advantage ${ADVANTAGE_MINIMUM_MBPS} MB/s retrieval minimum: shortfall below the minimum, per hour, after all retrieval billed (${readers()})`,
    quantity: hourlyMinimumShortfallGb(w, sharedOut + efoOut + pipelineOut),
    unit: 'GB',
    rateKey: RATE_KEYS.kdsAdvantageDataOutGb,
  });
  pushIfPositive(drafts, {
    code: 'KDS_ADV_EXTENDED_RETENTION',
    describe: () => 'Extended retention (Advantage, 24 h–7 days), average GB held',
    quantity: extendedGbMonth,
    unit: 'GB-month',
    rateKey: RATE_KEYS.kdsAdvantageExtendedRetentionGbMonth,
  });
  pushIfPositive(drafts, {
    code: 'KDS_ADV_LONG_TERM_RETENTION',
    describe: () => 'Long-term retention (Advantage, beyond 7 days), average GB held',
    quantity: longTermGbMonth,
    unit: 'GB-month',
    rateKey: RATE_KEYS.kdsAdvantageLongTermRetentionGbMonth,
  });
  return {
    sizing: sizeKdsOnDemand(w),
    drafts,
    explain: () => [
      'On-demand Advantage is an account-level mode: no per-stream charge; Advantage rates are third-party confirmed (3P).',
      `A minimum of ${ADVANTAGE_MINIMUM_MBPS} MB/s is billed on ingest and on retrieval (3P). AWS meters it on the account (UpdateAccountSettings, MinimumThroughputBillingCommitment: "committing to a minimum level of throughput usage" across the account's on-demand streams, for at least 24 hours), so it is a floor on the total billed: every byte billed as data retrieval fills it, whichever reader retrieves it — consumers, enhanced fan-out, Firehose delivery, a replicating consumer. AWS leaves the metering interval open; streamfit's assumption: per hour, as if this stream were the account's only Advantage usage. The shortfall is its own line item at the same per-GB rate.`,
      `Data in is billed per record rounded up to 1 KB, ${recordSizeBasis(w)}: ${fmt(billedKbPerRecord)} KB billed per record on average.`,
      retentionAssumption(),
    ],
  };
}

export function kdsProvisionedModel(w: NormalizedWorkload): OptionModel {
  const sizing = sizeKdsProvisioned(w);
  const shardHours = sizing.shards * HOURS_PER_MONTH;
  const putUnits = unitsPerRecord(w, PUT_PAYLOAD_UNIT_KB);
  const { longTermGbMonth } = retentionTiersGbMonth(w);
  const drafts: LineDraft[] = [
    {
      code: 'KDS_PROV_SHARD_HOURS',
      describe: () => `Shard-hours: ${count(sizing.shards, 'shard')} × 730 h`,
      quantity: shardHours,
      unit: 'shard-hour',
      rateKey: RATE_KEYS.kdsProvisionedShardHour,
    },
  ];
  pushIfPositive(drafts, {
    code: 'KDS_PROV_PUT_PAYLOAD_UNITS',
    describe: () => `PUT payload units (25 KB): ${fmt(w.monthlyRecords, 0)} records × ${count(fmt(putUnits), 'unit')}`,
    quantity: w.monthlyRecords * putUnits,
    unit: 'PUT payload unit',
    rateKey: RATE_KEYS.kdsProvisionedPutPayloadUnit,
  });
  if (w.retentionHours > KDS_LIMITS.includedRetentionHours) {
    drafts.push({
      code: 'KDS_PROV_EXTENDED_RETENTION',
      describe: () => `Extended retention (beyond 24 h), per shard-hour: ${count(sizing.shards, 'shard')} × 730 h`,
      quantity: shardHours,
      unit: 'shard-hour',
      rateKey: RATE_KEYS.kdsProvisionedExtendedRetentionShardHour,
    });
  }
  pushIfPositive(drafts, {
    code: 'KDS_PROV_LONG_TERM_RETENTION',
    describe: () => 'Long-term retention (beyond 7 days), average GB held',
    quantity: longTermGbMonth,
    unit: 'GB-month',
    rateKey: RATE_KEYS.kdsProvisionedLongTermRetentionGbMonth,
  });
  if (w.retentionHours > KDS_LIMITS.extendedRetentionMaxHours) {
    pushIfPositive(drafts, {
      code: 'KDS_PROV_LONG_TERM_RETRIEVAL',
      describe: () =>
        `Long-term retrieval: ${fmt(w.historicalReadGbPerMonth)} GB of data older than 7 days read per month`,
      quantity: w.historicalReadGbPerMonth,
      unit: 'GB',
      rateKey: RATE_KEYS.kdsProvisionedLongTermRetrievalGb,
    });
  }
  pushIfPositive(drafts, {
    code: 'KDS_PROV_EFO_CONSUMER_SHARD_HOURS',
    describe: () =>
      `Enhanced fan-out consumer-shard-hours: ${count(w.dedicatedConsumers, 'consumer')} × ${count(sizing.shards, 'shard')} × 730 h`,
    quantity: w.dedicatedConsumers * shardHours,
    unit: 'consumer-shard-hour',
    rateKey: RATE_KEYS.kdsEfoConsumerShardHour,
  });
  pushIfPositive(
    drafts,
    gbReadLine(
      'KDS_PROV_EFO_DATA',
      'Enhanced fan-out data',
      w.dedicatedConsumers,
      w.monthlyIngestGb,
      RATE_KEYS.kdsEfoDataGb,
    ),
  );
  return {
    sizing,
    drafts,
    explain: () => [
      `Shards sized for the peak with ${Math.round((sizing.headroomFactor! - 1) * 100)} % headroom: max(write MB/s ÷ 1, records/s ÷ 1,000, shared read MB/s ÷ 2), bound by ${sizing.boundBy}.`,
      `PUT payload units = records × ceil(record KB ÷ 25) = records × ${fmt(putUnits)}, ${recordSizeBasis(w)}.`,
      'Shared GetRecords reads are free in provisioned mode; reads of data older than 7 days are billed as long-term retrieval per GB (historicalReadGbPerMonth).',
      'Extended retention is charged per shard-hour for any retention beyond 24 h; data beyond 7 days also pays long-term retention per GB-month.',
    ],
  };
}
