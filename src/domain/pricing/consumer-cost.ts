/**
 * Consumers that cost: what some consumer choices drag in beyond the stream's own read charges, as separate
 * line-item builders fed by the workload's volumes (nothing is added unless asked):
 * - KCL consumers on Kinesis (`kclConsumers`): each consumer application keeps a lease table in DynamoDB
 *   (on-demand capacity): lease renewals and checkpoints as write request units, lease scans as read
 *   request units. Small, and labelled so.
 * - Lambda consumers on MSK in provisioned-poller mode (`lambdaEventPollers`): event poller units per hour.
 * - Private connectivity to MSK from other VPCs (`mskPrivateConnectivityVpcs`): per VPC connection-hour and per
 *   GB through it.
 */
import type { OptionCode } from '../options';
import { RATE_KEYS } from '../rate-card';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR, ceilTolerant } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import type { OptionModel } from './kds-cost';
import { type LineDraft, fmt } from './line-draft';
import { count } from '../words';

/**
 * KCL lease table (ASSUMPTION, KCL defaults): one lease per shard per consumer application; the lease holder
 * renews it every failoverTimeMillis ÷ 3 (10 s ÷ 3) and checkpoints about once a minute, each write ≤ 1 KB
 * (1 WRU); every worker scans the lease table every 2 × failoverTimeMillis (20 s), strongly consistent,
 * 1 RRU per 4 KB (leases ≤ 1 KB). One worker per application. Storage (a few KB) is not priced.
 */
export const KCL_LEASES = {
  renewalIntervalSeconds: 10 / 3,
  checkpointIntervalSeconds: 60,
  scanIntervalSeconds: 20,
  leasesPerReadUnit: 4,
  /** An on-demand stream is assumed to hold at least 4 shards (its starting capacity), one per MB/s of write capacity. */
  onDemandMinShards: 4,
} as const;

/**
 * Lambda provisioned mode for an MSK event source mapping (ASSUMPTION on the capacity figures): an event poller
 * handles up to 5 MB/s; one event poller unit (EPU) carries up to 20 MB/s and 10 pollers. Billed per EPU-hour.
 */
export const LAMBDA_PROVISIONED_POLLERS = {
  pollerMBps: 5,
  epuMBps: 20,
  pollersPerEpu: 10,
} as const;

export interface ConsumerPlan {
  drafts: LineDraft[];
  assumptions: string[];
}

const isKinesis = (code: OptionCode): boolean => code.startsWith('KDS_');

function shardsOf(code: OptionCode, model: OptionModel): number {
  if (model.sizing.shards !== undefined) return model.sizing.shards;
  const capacity = model.sizing.onDemandWriteCapacityMBps ?? 0;
  return Math.max(KCL_LEASES.onDemandMinShards, ceilTolerant(capacity));
}

function kclLeaseTable(code: OptionCode, w: NormalizedWorkload, model: OptionModel): ConsumerPlan {
  const apps = w.totalConsumers;
  const shards = shardsOf(code, model);
  const seconds = HOURS_PER_MONTH * SECONDS_PER_HOUR;
  const writesPerLease = seconds / KCL_LEASES.renewalIntervalSeconds + seconds / KCL_LEASES.checkpointIntervalSeconds;
  const readsPerScan = Math.ceil(shards / KCL_LEASES.leasesPerReadUnit);
  const drafts: LineDraft[] = [];
  if (apps === 0) return { drafts, assumptions: [] };
  drafts.push(
    {
      code: 'KCL_LEASE_TABLE_WRITES',
      describe: () =>
        `KCL lease table (DynamoDB on-demand, small): ${count(apps, 'application')} × ${count(shards, 'lease')} × ${fmt(writesPerLease, 0)} renewals and checkpoints`,
      quantity: apps * shards * writesPerLease,
      unit: 'write request unit',
      rateKey: RATE_KEYS.dynamoDbWriteRequestUnit,
    },
    {
      code: 'KCL_LEASE_TABLE_READS',
      describe: () =>
        `KCL lease table scans (small): ${count(apps, 'application')} × ${fmt(seconds / KCL_LEASES.scanIntervalSeconds, 0)} scans × ${readsPerScan} RRU`,
      quantity: (apps * readsPerScan * seconds) / KCL_LEASES.scanIntervalSeconds,
      unit: 'read request unit',
      rateKey: RATE_KEYS.dynamoDbReadRequestUnit,
    },
  );
  return {
    drafts,
    assumptions: [
      `KCL lease tables (small, ASSUMPTION on KCL defaults): one DynamoDB on-demand table per consumer application, ${count(shards, 'lease')} (one per shard${
        model.sizing.shards === undefined ? `, on-demand assumed ≥ ${KCL_LEASES.onDemandMinShards} shards` : ''
      }), renewed every 3.3 s and checkpointed every minute (1 WRU each), scanned every 20 s; storage not priced.`,
    ],
  };
}

function lambdaPollers(w: NormalizedWorkload): ConsumerPlan {
  const apps = Math.max(1, w.sharedConsumers);
  const minimum = w.lambdaEventPollers ?? 1;
  const pollers = Math.max(minimum, ceilTolerant(w.peakWriteMBps / LAMBDA_PROVISIONED_POLLERS.pollerMBps));
  const epus = Math.max(
    1,
    Math.ceil(pollers / LAMBDA_PROVISIONED_POLLERS.pollersPerEpu),
    ceilTolerant(w.peakWriteMBps / LAMBDA_PROVISIONED_POLLERS.epuMBps),
  );
  return {
    drafts: [
      {
        code: 'LAMBDA_EVENT_POLLER_UNITS',
        describe: () =>
          `Lambda provisioned event pollers on MSK: ${count(apps, 'event source mapping')} × ${epus} EPU (${count(pollers, 'poller')}) × 730 h`,
        quantity: apps * epus * HOURS_PER_MONTH,
        unit: 'EPU-hour',
        rateKey: RATE_KEYS.lambdaEventPollerUnitHour,
      },
    ],
    assumptions: [
      `Lambda consumers on MSK in provisioned mode (ASSUMPTION on capacity): one event source mapping per shared consumer, max(${minimum} minimum, peak ÷ ${LAMBDA_PROVISIONED_POLLERS.pollerMBps} MB/s) pollers, ${LAMBDA_PROVISIONED_POLLERS.pollersPerEpu} pollers and ${LAMBDA_PROVISIONED_POLLERS.epuMBps} MB/s per EPU; Lambda invocations and duration are not priced.`,
    ],
  };
}

function privateConnectivity(w: NormalizedWorkload): ConsumerPlan {
  const vpcs = w.mskPrivateConnectivityVpcs ?? 0;
  const gb = w.monthlyIngestGb * (1 + w.totalConsumers);
  return {
    drafts: [
      {
        code: 'MSK_PRIVATE_CONNECTIVITY_HOURS',
        describe: () => `MSK multi-VPC private connectivity: ${count(vpcs, 'client VPC')} × 730 h`,
        quantity: vpcs * HOURS_PER_MONTH,
        unit: 'VPC connection-hour',
        rateKey: RATE_KEYS.mskPrivateConnectivityHour,
      },
      {
        code: 'MSK_PRIVATE_CONNECTIVITY_DATA',
        describe: () =>
          `MSK private connectivity data: ${fmt(w.monthlyIngestGb)} GB written + ${count(w.totalConsumers, 'consumer')} × ${fmt(w.monthlyIngestGb)} GB read`,
        quantity: gb,
        unit: 'GB',
        rateKey: RATE_KEYS.mskPrivateConnectivityDataGb,
      },
    ],
    assumptions: [
      'Private connectivity (ASSUMPTION): every producer and consumer reaches the cluster from another VPC through it.',
    ],
  };
}

/** The consumer legs of `code`, or null when the workload asks for none. */
export function consumerPlan(code: OptionCode, w: NormalizedWorkload, model: OptionModel): ConsumerPlan | null {
  const plans: ConsumerPlan[] = [];
  if (isKinesis(code) && w.kclConsumers) plans.push(kclLeaseTable(code, w, model));
  if (!isKinesis(code) && w.lambdaEventPollers !== null) plans.push(lambdaPollers(w));
  if ((code === 'MSK_PROVISIONED' || code === 'MSK_EXPRESS') && (w.mskPrivateConnectivityVpcs ?? 0) > 0)
    plans.push(privateConnectivity(w));
  if (plans.length === 0) return null;
  return { drafts: plans.flatMap((p) => p.drafts), assumptions: plans.flatMap((p) => p.assumptions) };
}

/** An option's model with its consumer legs appended (the model itself when nothing is asked). */
export function withConsumers(code: OptionCode, w: NormalizedWorkload, model: OptionModel): OptionModel {
  const plan = consumerPlan(code, w, model);
  if (!plan) return model;
  return {
    sizing: model.sizing,
    drafts: [...model.drafts, ...plan.drafts],
    explain: () => [...model.explain(), ...plan.assumptions],
  };
}
