/**
 * Amazon MSK cost models (billing rules of https://aws.amazon.com/msk/pricing/). Quantities are monthly (730 h).
 */
import { MSK_LIMITS } from '../limits';
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../rate-card';
import { MSK_SIZING_FACTORS } from '../sizing/broker-tables';
import {
  type MskProvisionedSizing,
  type PriceLookup,
  sizeMskExpress,
  sizeMskProvisioned,
  sizeMskServerless,
} from '../sizing/msk-sizing';
import { HOURS_PER_MONTH } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import type { OptionModel } from './kds-cost';
import { type LineDraft, fmt, gbReadLine, pushIfPositive } from './line-draft';
import { count } from '../words';

/** With 3 AZs and leaders spread evenly, a client reaches a leader in another AZ for 2/3 of its bytes. AWS (MSK pricing). */
export const CROSS_AZ_SHARE = 2 / 3;

function crossAzDrafts(w: NormalizedWorkload, prefix: string): LineDraft[] {
  const drafts: LineDraft[] = [];
  pushIfPositive(drafts, {
    code: `${prefix}_CROSS_AZ_PRODUCER`,
    describe: () => `Cross-AZ producer traffic: 2/3 of ${fmt(w.monthlyIngestGb)} GB written`,
    quantity: w.monthlyIngestGb * CROSS_AZ_SHARE,
    unit: 'GB',
    rateKey: RATE_KEYS.crossAzTransferGb,
  });
  if (!w.rackAwareConsumers) {
    pushIfPositive(drafts, {
      code: `${prefix}_CROSS_AZ_CONSUMER`,
      describe: () =>
        `Cross-AZ consumer traffic: 2/3 of ${count(w.totalConsumers, 'consumer')} × ${fmt(w.monthlyIngestGb)} GB read`,
      quantity: w.monthlyIngestGb * w.totalConsumers * CROSS_AZ_SHARE,
      unit: 'GB',
      rateKey: RATE_KEYS.crossAzTransferGb,
    });
  }
  return drafts;
}

function crossAzAssumption(w: NormalizedWorkload): string {
  return w.rackAwareConsumers
    ? 'Cross-AZ client traffic ($0.01/GB each way): producers send 2/3 of their bytes to leaders in other AZs; consumers fetch from the replica in their own AZ (rackAwareConsumers), so their reads stay in-AZ.'
    : 'Cross-AZ client traffic ($0.01/GB each way): producers and consumers reach leaders in other AZs for 2/3 of their bytes (3 AZs, no rack-aware fetching).';
}

const NOT_PRICED = 'MSK Connect, MSK Replicator and data transfer out of the region are not priced.';

/** Where the sizing method comes from, in words. */
export const MSK_METHOD_SOURCE =
  "AWS's own MSK sizing method (aws/agent-toolkit-for-aws, managing-amazon-msk skill, scripts/msk_sizing.py, commit d6ad2e44d5e3, 2026-08-20)";

/** Line drafts of one Standard cluster: broker-hours, EBS, the tier (when used), storage throughput, cross-AZ traffic. */
function standardDrafts(w: NormalizedWorkload, sizing: MskProvisionedSizing): LineDraft[] {
  const drafts: LineDraft[] = [
    {
      code: 'MSK_BROKER_HOURS',
      describe: () => `Broker-hours: ${sizing.brokers} × ${sizing.brokerType} × 730 h`,
      quantity: sizing.brokers * HOURS_PER_MONTH,
      unit: 'broker-hour',
      rateKey: mskBrokerHourKey(sizing.brokerType),
    },
    {
      code: 'MSK_STORAGE',
      describe: () =>
        `Broker storage (EBS): ${count(sizing.brokers, 'broker')} × ${sizing.storageGbPerBroker} GB provisioned`,
      quantity: sizing.brokers * sizing.storageGbPerBroker,
      unit: 'GB-month',
      rateKey: RATE_KEYS.mskStorageGbMonth,
    },
  ];
  if (sizing.tieredStorage) {
    drafts.push({
      code: 'MSK_TIERED_STORAGE',
      describe: () =>
        `Tiered storage: the full ${fmt(w.retentionHours)} h retention, one copy, ${fmt(sizing.tieredStorageGb)} GB (the last ${fmt(sizing.localRetentionHours ?? 0)} h also on EBS)`,
      quantity: sizing.tieredStorageGb,
      unit: 'GB-month',
      rateKey: RATE_KEYS.mskTieredStorageGbMonth,
    });
    pushIfPositive(drafts, {
      code: 'MSK_TIERED_RETRIEVAL',
      describe: () => `Tiered storage retrieval: ${fmt(w.historicalReadGbPerMonth)} GB of old data read per month`,
      quantity: w.historicalReadGbPerMonth,
      unit: 'GB',
      rateKey: RATE_KEYS.mskTieredRetrievalGb,
    });
  }
  pushIfPositive(drafts, {
    code: 'MSK_STORAGE_THROUGHPUT',
    describe: () =>
      `Provisioned storage throughput: ${count(sizing.brokers, 'broker')} × ${fmt(sizing.storageThroughputMBpsPerBroker)} MiB/s`,
    quantity: sizing.brokers * sizing.storageThroughputMBpsPerBroker,
    unit: 'MiBps-month',
    rateKey: RATE_KEYS.mskStorageThroughputMBpsMonth,
  });
  drafts.push(...crossAzDrafts(w, 'MSK'));
  return drafts;
}

export function mskProvisionedModel(w: NormalizedWorkload, price: PriceLookup): OptionModel {
  const { sizing: chosen, untiered, unpricedCandidates, tieredNote, aboveBrokerQuota } = sizeMskProvisioned(w, price);
  // Beside a tiered pick, the all-EBS cluster AWS's tools size (its total is added when the option is priced).
  const sizing: MskProvisionedSizing = untiered
    ? {
        ...chosen,
        untieredBrokerType: untiered.brokerType,
        untieredBrokers: untiered.brokers,
        untieredStorageGbPerBroker: untiered.storageGbPerBroker,
        untieredTotalStorageGb: untiered.totalStorageGb,
      }
    : chosen;
  const drafts = standardDrafts(w, sizing);
  const explain = (): string[] => {
    const F = MSK_SIZING_FACTORS;
    const assumptions = [
      `${sizing.brokers} × ${sizing.brokerType}, bound by ${sizing.boundBy}: ${
        aboveBrokerQuota
          ? `no Standard broker type ${w.mskBrokerFamily ? `in family ${w.mskBrokerFamily} ` : ''}fits within the ${F.brokerQuotaPerCluster}-broker cluster quota; the type that needs the fewest brokers (the cheapest of those)`
          : `the cheapest Standard broker type ${w.mskBrokerFamily ? `in family ${w.mskBrokerFamily} ` : ''}within the ${F.brokerQuotaPerCluster}-broker cluster quota`
      }, sized by ${MSK_METHOD_SOURCE}.`,
      `Per broker: ingress = min(EBS MiB/s ÷ ${fmt(sizing.storageIoFactor ?? 0)}, network MiB/s ÷ ${fmt(sizing.networkIoFactor ?? 0, 3)}) × ${F.utilizationStandard} utilisation = ${fmt(sizing.perBrokerIngressCapacityMBps ?? 0, 3)} MiB/s; the I/O factors cover replication, lagging consumers, rebalancing and one AZ down (network factor = ${w.totalConsumers} consumer fan-out × ${F.azScaleFactor} + ${fmt(sizing.networkIoFactor! - w.totalConsumers * F.azScaleFactor)}). Brokers in multiples of 3 (3 AZs, RF 3).`,
      `EBS = retained data × RF 3 × ${F.ebsHeadroomFactor} (disks at most ${100 / F.ebsHeadroomFactor} % full) = ${fmt(sizing.totalStorageGb ?? 0, 0)} GB, whole GB per broker (at most 16 TiB each). AWS's size-and-choose guide says +20 % headroom instead; streamfit follows the script.`,
      tieredNote,
      crossAzAssumption(w),
      NOT_PRICED,
    ];
    if (sizing.storageThroughputMBpsPerBroker) {
      assumptions.push(
        `Provisioned storage throughput ${fmt(sizing.storageThroughputMBpsPerBroker)} MiB/s per broker (mskStorageThroughputMBpsPerBroker), capped at the instance's EBS throughput.`,
      );
    }
    if (unpricedCandidates.length > 0)
      assumptions.push(`Broker types without a rate on the card were not compared: ${unpricedCandidates.join(', ')}.`);
    return assumptions;
  };
  if (!untiered) return { sizing, drafts, explain };
  const allEbs: OptionModel = {
    sizing: untiered,
    drafts: standardDrafts(w, untiered),
    explain: () => [`All-EBS cluster: ${untiered.brokers} × ${untiered.brokerType}, no tiered storage.`],
  };
  return { sizing, drafts, explain, untiered: allEbs };
}

export function mskExpressModel(w: NormalizedWorkload, price: PriceLookup): OptionModel {
  const sizing = sizeMskExpress(w, price);
  const drafts: LineDraft[] = [
    {
      code: 'MSK_EXPRESS_BROKER_HOURS',
      describe: () => `Express broker-hours: ${sizing.brokers} × ${sizing.brokerType} × 730 h`,
      quantity: sizing.brokers * HOURS_PER_MONTH,
      unit: 'broker-hour',
      rateKey: mskExpressBrokerHourKey(sizing.brokerType),
    },
  ];
  pushIfPositive(drafts, {
    code: 'MSK_EXPRESS_STORAGE',
    describe: () => 'Express storage: average GB held, one logical copy',
    quantity: w.avgStoredGb,
    unit: 'GB-month',
    rateKey: RATE_KEYS.mskExpressStorageGbMonth,
  });
  pushIfPositive(drafts, {
    code: 'MSK_EXPRESS_DATA_WRITTEN',
    describe: () => `Express data written: ${fmt(w.monthlyIngestGb)} GB`,
    quantity: w.monthlyIngestGb,
    unit: 'GB',
    rateKey: RATE_KEYS.mskExpressDataWrittenGb,
  });
  drafts.push(...crossAzDrafts(w, 'MSK_EXPRESS'));
  return {
    sizing,
    drafts,
    explain: () => [
      `${sizing.brokers} × ${sizing.brokerType}, bound by ${sizing.boundBy}, sized by ${MSK_METHOD_SOURCE}: per-broker ingress × ${MSK_SIZING_FACTORS.utilizationExpress} utilisation = ${fmt(sizing.perBrokerIngressCapacityMBps ?? 0, 3)} MiB/s, egress = ingress × ${fmt(sizing.expressEgressFactor ?? 0)} = ${fmt(sizing.perBrokerEgressCapacityMBps ?? 0, 3)} MiB/s (mskExpressEgressFactor; AWS's documents say 2.5, the size-and-choose example implies 2.0), brokers in multiples of 3.`,
      'Express storage is pay-as-you-go on the logical bytes held (one copy); replication is included.',
      crossAzAssumption(w),
      NOT_PRICED,
    ],
  };
}

export function mskServerlessModel(w: NormalizedWorkload): OptionModel {
  const sizing = sizeMskServerless(w);
  const drafts: LineDraft[] = [
    {
      code: 'MSK_SERVERLESS_CLUSTER_HOURS',
      describe: () => 'Serverless cluster-hours: 1 cluster × 730 h',
      quantity: HOURS_PER_MONTH,
      unit: 'cluster-hour',
      rateKey: RATE_KEYS.mskServerlessClusterHour,
    },
    {
      code: 'MSK_SERVERLESS_PARTITION_HOURS',
      describe: () => `Serverless partition-hours: ${count(sizing.partitions, 'partition')} × 730 h`,
      quantity: sizing.partitions * HOURS_PER_MONTH,
      unit: 'partition-hour',
      rateKey: RATE_KEYS.mskServerlessPartitionHour,
    },
  ];
  pushIfPositive(drafts, {
    code: 'MSK_SERVERLESS_DATA_IN',
    describe: () => `Serverless data in: ${fmt(w.monthlyIngestGb)} GB`,
    quantity: w.monthlyIngestGb,
    unit: 'GB',
    rateKey: RATE_KEYS.mskServerlessDataInGb,
  });
  pushIfPositive(
    drafts,
    gbReadLine(
      'MSK_SERVERLESS_DATA_OUT',
      'Serverless data out',
      w.totalConsumers,
      w.monthlyIngestGb,
      RATE_KEYS.mskServerlessDataOutGb,
    ),
  );
  pushIfPositive(drafts, {
    code: 'MSK_SERVERLESS_STORAGE',
    describe: () => 'Serverless storage: average GB held',
    quantity: w.avgStoredGb,
    unit: 'GB-month',
    rateKey: RATE_KEYS.mskServerlessStorageGbMonth,
  });
  return {
    sizing,
    drafts,
    explain: () => [
      `${sizing.partitions} partitions (${sizing.boundBy}): at most ${MSK_LIMITS.serverlessPartitionIngressMBps} MB/s in and ${MSK_LIMITS.serverlessPartitionEgressMBps} MB/s out per partition, at least 12 unless the caller sets partitions.`,
      'MSK Serverless rates are third-party confirmed (3P); client traffic is assumed to carry no separate cross-AZ charge (ASSUMPTION).',
      'MSK Serverless supports IAM access control over TLS only.',
    ],
  };
}
