/**
 * Amazon MSK cost models (AWS reference section 3 billing rules). Quantities are monthly (730 h).
 */
import { MSK_LIMITS } from '../limits';
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../rate-card';
import {
  MSK_STORAGE_UTILIZATION_TARGET,
  type PriceLookup,
  sizeMskExpress,
  sizeMskProvisioned,
  sizeMskServerless,
} from '../sizing/msk-sizing';
import { HOURS_PER_MONTH } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import type { OptionModel } from './kds-cost';
import { type LineDraft, fmt, pushIfPositive } from './line-draft';

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
      describe: () => `Cross-AZ consumer traffic: 2/3 of ${w.totalConsumers} consumer(s) × ${fmt(w.monthlyIngestGb)} GB read`,
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

const NOT_PRICED = 'MSK Connect, MSK Replicator, provisioned storage throughput, tiered storage and data transfer out of the region are not priced.';

export function mskProvisionedModel(w: NormalizedWorkload, price: PriceLookup): OptionModel {
  const { sizing, unpricedCandidates } = sizeMskProvisioned(w, price);
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
      describe: () => `Broker storage (EBS): ${sizing.brokers} broker(s) × ${sizing.storageGbPerBroker} GB provisioned`,
      quantity: sizing.brokers * sizing.storageGbPerBroker,
      unit: 'GB-month',
      rateKey: RATE_KEYS.mskStorageGbMonth,
    },
    ...crossAzDrafts(w, 'MSK'),
  ];
  const explain = (): string[] => {
    const assumptions = [
      `${sizing.brokers} × ${sizing.brokerType}, bound by ${sizing.boundBy}: the cheapest broker type that fits ${w.mskBrokerFamily ? `in family ${w.mskBrokerFamily} ` : ''}peak ingress ${fmt(w.peakWriteMBps, 3)} MB/s and egress ${fmt(w.peakReadMBps, 3)} MB/s with 20 % headroom, 3 AZs, RF 3.`,
      'Per-broker throughput is a sizing assumption (ASSUMPTION): ingress = EC2 baseline EBS bandwidth ÷ 3, capped at 250 MiB/s EBS ÷ 3 ≈ 83 MiB/s; egress = baseline network − 2 × ingress. Benchmark before committing.',
      `Storage = max retained GB × RF 3 ÷ ${MSK_STORAGE_UTILIZATION_TARGET} utilization target = ${fmt(sizing.totalStorageGb ?? 0, 0)} GB, in whole GB per broker (1 GB–16 TB each).`,
      crossAzAssumption(w),
      NOT_PRICED,
    ];
    if (!w.mskBrokerFamily) assumptions.push('kafka.t3.small (burstable) is considered only for peaks ≤ 1 MB/s.');
    if (unpricedCandidates.length > 0)
      assumptions.push(`Broker types without a rate on the card were not compared: ${unpricedCandidates.join(', ')}.`);
    return assumptions;
  };
  return { sizing, drafts, explain };
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
      `${sizing.brokers} × ${sizing.brokerType}, bound by ${sizing.boundBy}: per-broker sustained ingress from the MSK Express sizing table (AWS), egress ≈ 2.5 × ingress, 20 % headroom, brokers in multiples of 3.`,
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
      describe: () => `Serverless partition-hours: ${sizing.partitions} partition(s) × 730 h`,
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
  pushIfPositive(drafts, {
    code: 'MSK_SERVERLESS_DATA_OUT',
    describe: () => `Serverless data out: ${w.totalConsumers} consumer(s) × ${fmt(w.monthlyIngestGb)} GB`,
    quantity: w.monthlyIngestGb * w.totalConsumers,
    unit: 'GB',
    rateKey: RATE_KEYS.mskServerlessDataOutGb,
  });
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
