/**
 * Amazon MSK sizing: Standard (provisioned) brokers, Express brokers, Serverless partitions.
 * All demands are multiplied by MSK_THROUGHPUT_HEADROOM before dividing by per-broker capacity.
 */
import type { OptionSizing } from '../evaluation.types';
import { MSK_LIMITS } from '../limits';
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../rate-card';
import { ceilTolerant, ceilToMultiple, HOURS_PER_MONTH } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import {
  EXPRESS_BROKER_SPECS,
  EXPRESS_EGRESS_TO_INGRESS,
  STANDARD_BROKER_SPECS,
  STORAGE_BOUND_INGRESS_MIBPS,
  T3_SMALL_MAX_PEAK_MBPS,
  standardBrokerCapacity,
} from './broker-tables';

/** Same 20 % headroom as Kinesis shards (ASSUMPTION), so the options are sized alike. */
export const MSK_THROUGHPUT_HEADROOM = 1.2;
/** Provisioned storage holds retained data × RF 3 at ≤ 70 % disk utilization (ASSUMPTION; AWS advises alarming well before full disks). */
export const MSK_STORAGE_UTILIZATION_TARGET = 0.7;
/** Topic partitions when the caller gives none: enough for 5 MB/s in and 10 MB/s out per partition, at least 12 (ASSUMPTION). */
export const MSK_DEFAULT_MIN_PARTITIONS = 12;

/** Price lookup used to pick the cheapest broker type (number precision is enough to compare). */
export type PriceLookup = (rateKey: string) => number | undefined;

/** Partitions needed to stay within 5 MB/s in and 10 MB/s out per partition (the Serverless per-partition limits). */
export function partitionsForThroughput(w: NormalizedWorkload): number {
  const byIn = w.peakWriteMBps / MSK_LIMITS.serverlessPartitionIngressMBps;
  const byOut = w.peakReadMBps / MSK_LIMITS.serverlessPartitionEgressMBps;
  return Math.max(1, ceilTolerant(Math.max(byIn, byOut)));
}

/** Topic partitions used for MSK: the caller's, or the throughput-derived count with the documented minimum. */
export function topicPartitions(w: NormalizedWorkload): number {
  return w.partitions ?? Math.max(MSK_DEFAULT_MIN_PARTITIONS, partitionsForThroughput(w));
}

function brokerCount(raw: number): number {
  return Math.max(MSK_LIMITS.minBrokers, ceilToMultiple(ceilTolerant(raw), MSK_LIMITS.availabilityZones));
}

const round3 = (x: number): number => Math.round(x * 1e3) / 1e3;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Standard broker specs with their derived capacities and rate keys, computed once. */
const STANDARD_CANDIDATES = STANDARD_BROKER_SPECS.map((spec) => {
  const cap = standardBrokerCapacity(spec);
  return { spec, ...cap, rateKey: mskBrokerHourKey(spec.type) };
});
const EXPRESS_CANDIDATES = EXPRESS_BROKER_SPECS.map((spec) => ({ spec, rateKey: mskExpressBrokerHourKey(spec.type) }));

const PROVISIONED_BOUNDS = [
  'INGRESS_INSTANCE_THROUGHPUT',
  'STORAGE_THROUGHPUT',
  'EGRESS',
  'PARTITIONS_PER_BROKER',
  'STORAGE_PER_BROKER',
] as const;

export interface MskProvisionedSizing extends OptionSizing {
  brokerType: string;
  brokers: number;
  storageGbPerBroker: number;
}

export interface MskProvisionedChoice {
  sizing: MskProvisionedSizing;
  /** Broker types that were candidates but had no rate, so could not be compared. */
  unpricedCandidates: string[];
}

/**
 * Standard brokers: for each allowed type, brokers = max(3, multiple of 3 ≥ max(ingress, storage-throughput,
 * egress, partition and storage-size demands)); the cheapest (broker-hours + storage) wins.
 */
export function sizeMskProvisioned(w: NormalizedWorkload, price: PriceLookup): MskProvisionedChoice {
  const rf = MSK_LIMITS.replicationFactor;
  const ingress = w.peakWriteMBps * MSK_THROUGHPUT_HEADROOM;
  const egress = w.peakReadMBps * MSK_THROUGHPUT_HEADROOM;
  const partitions = topicPartitions(w);
  const totalStorageGb = (w.maxRetainedGb * rf) / MSK_STORAGE_UTILIZATION_TARGET;
  const storagePrice = price(RATE_KEYS.mskStorageGbMonth) ?? 0;
  const byStorageThroughput = ingress / STORAGE_BOUND_INGRESS_MIBPS;
  const byStorageSize = totalStorageGb / MSK_LIMITS.maxStorageGbPerBroker;

  let best = -1;
  let bestCost = Infinity;
  let fallback = -1;
  const unpriced: string[] = [];
  const demands = [0, 0, 0, 0, 0];
  for (let i = 0; i < STANDARD_CANDIDATES.length; i++) {
    const c = STANDARD_CANDIDATES[i];
    if (w.mskBrokerFamily ? c.spec.family !== w.mskBrokerFamily : c.spec.family === 't3' && w.peakWriteMBps > T3_SMALL_MAX_PEAK_MBPS)
      continue;
    const byEgress = c.egressMiBps > 0 ? egress / c.egressMiBps : egress > 0 ? Infinity : 0;
    const raw = Math.max(
      ingress / c.instanceIngressMiBps,
      byStorageThroughput,
      byEgress,
      (partitions * rf) / c.spec.partitionsRecommended,
      byStorageSize,
    );
    if (!Number.isFinite(raw)) continue;
    if (fallback < 0) fallback = i;
    const brokerPrice = price(c.rateKey);
    if (brokerPrice === undefined) {
      unpriced.push(c.spec.type);
      continue;
    }
    const brokers = brokerCount(raw);
    const storageGbPerBroker = Math.max(MSK_LIMITS.minStorageGbPerBroker, ceilTolerant(totalStorageGb / brokers));
    const cost = brokers * HOURS_PER_MONTH * brokerPrice + storageGbPerBroker * brokers * storagePrice;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  // No priced type: report the first type that fits (its missing rate makes the option unpriced).
  const c = STANDARD_CANDIDATES[best >= 0 ? best : fallback];
  demands[0] = ingress / c.instanceIngressMiBps;
  demands[1] = byStorageThroughput;
  demands[2] = c.egressMiBps > 0 ? egress / c.egressMiBps : 0;
  demands[3] = (partitions * rf) / c.spec.partitionsRecommended;
  demands[4] = byStorageSize;
  let k = 0;
  for (let j = 1; j < demands.length; j++) if (demands[j] > demands[k]) k = j;
  const raw = demands[k];
  const brokers = brokerCount(raw);
  const storageGbPerBroker = Math.max(MSK_LIMITS.minStorageGbPerBroker, ceilTolerant(totalStorageGb / brokers));
  return {
    sizing: {
      boundBy: ceilTolerant(raw) <= MSK_LIMITS.minBrokers ? 'MINIMUM_BROKERS' : PROVISIONED_BOUNDS[k],
      headroomFactor: MSK_THROUGHPUT_HEADROOM,
      peakWriteMBps: round6(w.peakWriteMBps),
      peakReadMBps: round6(w.peakReadMBps),
      brokerType: c.spec.type,
      brokers,
      perBrokerIngressCapacityMBps: round3(Math.min(c.instanceIngressMiBps, STORAGE_BOUND_INGRESS_MIBPS)),
      perBrokerEgressCapacityMBps: round3(c.egressMiBps),
      replicationFactor: rf,
      storageGbPerBroker,
      totalStorageGb: storageGbPerBroker * brokers,
      storageUtilizationTarget: MSK_STORAGE_UTILIZATION_TARGET,
      partitions,
      partitionReplicasPerBroker: Math.ceil((partitions * rf) / brokers),
      partitionsRecommendedPerBroker: c.spec.partitionsRecommended,
    },
    unpricedCandidates: unpriced,
  };
}

export interface MskExpressSizing extends OptionSizing {
  brokerType: string;
  brokers: number;
}

const EXPRESS_BOUNDS = ['INGRESS', 'EGRESS', 'PARTITIONS_PER_BROKER'] as const;

/** Express brokers: brokers = max(3, multiple of 3 ≥ ingress ÷ per-broker ingress, egress ÷ (2.5 × ingress), partitions). */
export function sizeMskExpress(w: NormalizedWorkload, price: PriceLookup): MskExpressSizing {
  const rf = MSK_LIMITS.replicationFactor;
  const ingress = w.peakWriteMBps * MSK_THROUGHPUT_HEADROOM;
  const egress = w.peakReadMBps * MSK_THROUGHPUT_HEADROOM;
  const partitions = topicPartitions(w);
  const demandsOf = (i: number): [number, number, number] => {
    const spec = EXPRESS_CANDIDATES[i].spec;
    return [ingress / spec.ingressMiBps, egress / (spec.ingressMiBps * EXPRESS_EGRESS_TO_INGRESS), (partitions * rf) / spec.partitionsRecommended];
  };
  let best = -1;
  let bestCost = Infinity;
  for (let i = 0; i < EXPRESS_CANDIDATES.length; i++) {
    const brokerPrice = price(EXPRESS_CANDIDATES[i].rateKey);
    if (brokerPrice === undefined) continue;
    const [a, b, c] = demandsOf(i);
    const cost = brokerCount(Math.max(a, b, c)) * brokerPrice;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  // No priced type: report the smallest (its missing rate makes the option unpriced).
  const chosen = best >= 0 ? best : 0;
  const spec = EXPRESS_CANDIDATES[chosen].spec;
  const d = demandsOf(chosen);
  let k = 0;
  for (let j = 1; j < d.length; j++) if (d[j] > d[k]) k = j;
  const brokers = brokerCount(d[k]);
  return {
    boundBy: ceilTolerant(d[k]) <= MSK_LIMITS.minBrokers ? 'MINIMUM_BROKERS' : EXPRESS_BOUNDS[k],
    headroomFactor: MSK_THROUGHPUT_HEADROOM,
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    brokerType: spec.type,
    brokers,
    perBrokerIngressCapacityMBps: spec.ingressMiBps,
    perBrokerEgressCapacityMBps: spec.ingressMiBps * EXPRESS_EGRESS_TO_INGRESS,
    replicationFactor: rf,
    storedGb: round6(w.avgStoredGb),
    partitions,
    partitionReplicasPerBroker: Math.ceil((partitions * rf) / brokers),
    partitionsRecommendedPerBroker: spec.partitionsRecommended,
  };
}

/** Serverless: partitions = max(topic partitions, partitions the per-partition limits need). */
export function sizeMskServerless(w: NormalizedWorkload): OptionSizing & { partitions: number } {
  const needed = partitionsForThroughput(w);
  const base = topicPartitions(w);
  const partitions = Math.max(base, needed);
  let boundBy: string;
  if (needed > base) boundBy = 'PARTITION_THROUGHPUT';
  else if (w.partitions !== null) boundBy = 'CALLER_PARTITIONS';
  else boundBy = partitions === MSK_DEFAULT_MIN_PARTITIONS && needed < MSK_DEFAULT_MIN_PARTITIONS ? 'DEFAULT_PARTITIONS' : 'PARTITION_THROUGHPUT';
  return {
    boundBy,
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    partitions,
    storedGb: round6(w.avgStoredGb),
  };
}
