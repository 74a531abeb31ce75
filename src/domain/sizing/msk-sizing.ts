/**
 * Amazon MSK sizing: Standard (provisioned) and Express brokers by AWS's own sizing method (msk_sizing.py of
 * aws/agent-toolkit-for-aws, see broker-tables.ts), Serverless partitions by the Serverless quotas.
 *
 * Standard, per broker type: ingress per broker = min(EBS MiB/s ÷ storage I/O factor, NIC MiB/s ÷ network
 * factor) × utilisation (0.5), where the network factor = fan-out × 1.5 (one AZ down) + 5.7 (+ 1.5 each with tiered
 * storage); brokers = the largest of ingress, egress, partition-replica, EBS-size (and PST) demands, each rounded up
 * to a multiple of 3. Storage = retained bytes × RF 3 × 2. The cheapest type within the 60-broker quota wins; when
 * none fits, the type that needs the fewest brokers (the cheapest of those).
 * When retention exceeds the local retention (default 72 h), the tiered-storage configuration is sized as well and
 * the cheaper of the two is chosen; the tier holds the full retention (EBS the local part as well). When tiering wins,
 * the cheapest all-EBS cluster is reported beside it (what AWS's script and calculator size).
 */
import type { OptionSizing } from '../model.types';
import { MSK_LIMITS } from '../limits';
import { RATE_KEYS, mskBrokerHourKey, mskExpressBrokerHourKey } from '../rate-card';
import { ceilTolerant, ceilToMultiple, HOURS_PER_DAY, HOURS_PER_MONTH, MB_PER_GB, SECONDS_PER_HOUR } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';
import { EXPRESS_BROKER_SPECS, MSK_SIZING_FACTORS as F, STANDARD_BROKER_SPECS } from './broker-tables';

/** Topic partitions when the caller gives none: enough for 5 MB/s in and 10 MB/s out per partition, at least 12 (ASSUMPTION). */
export const MSK_DEFAULT_MIN_PARTITIONS = 12;

/** Price lookup used to pick the cheapest configuration (number precision is enough to compare). */
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

/** Brokers to serve `demand` at `perBroker` each, rounded up to a multiple of the AZ count (0 when there is no demand). */
function brokersFor(demand: number, perBroker: number): number {
  if (!(demand > 0)) return 0;
  if (!(perBroker > 0)) return Infinity;
  return ceilToMultiple(ceilTolerant(demand / perBroker), F.availabilityZones);
}

/** GB of one copy of the data written over `hours` (the larger of the daily average and the active-hours window). */
export function retainedGb(w: NormalizedWorkload, hours: number): number {
  const average = (w.ingestGbPerDay * hours) / HOURS_PER_DAY;
  const window = (w.avgWriteMBps * Math.min(hours, w.activeHoursPerDay) * SECONDS_PER_HOUR) / MB_PER_GB;
  return Math.max(average, window);
}

const round3 = (x: number): number => Math.round(x * 1e3) / 1e3;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const STANDARD_BOUNDS = [
  'INGRESS',
  'EGRESS',
  'PARTITIONS_PER_BROKER',
  'STORAGE_PER_BROKER',
  'STORAGE_THROUGHPUT',
] as const;

export interface MskProvisionedSizing extends OptionSizing {
  brokerType: string;
  brokers: number;
  storageGbPerBroker: number;
  tieredStorage: boolean;
  tieredStorageGb: number;
  storageThroughputMBpsPerBroker: number;
}

export interface MskProvisionedChoice {
  sizing: MskProvisionedSizing;
  /**
   * When the pick tiers: the cheapest all-EBS cluster (what AWS's sizing script and calculator size), for comparison;
   * null when the pick keeps everything on EBS.
   */
  untiered: MskProvisionedSizing | null;
  /** Broker types that were candidates but had no rate, so could not be compared. */
  unpricedCandidates: string[];
  /** Why tiered storage was or was not used, in words. */
  tieredNote: string;
  /** True when no type fits within the default per-cluster quota (the pick is then the one needing the fewest brokers). */
  aboveBrokerQuota: boolean;
}

interface StorageConfig {
  tiered: boolean;
  localRetentionHours: number;
  ebsGb: number;
  tierGb: number;
  storageIoFactor: number;
  networkIoBase: number;
}

function storageConfigs(w: NormalizedWorkload, tierPriced: boolean): StorageConfig[] {
  const rf = MSK_LIMITS.replicationFactor;
  const plain: StorageConfig = {
    tiered: false,
    localRetentionHours: w.retentionHours,
    ebsGb: retainedGb(w, w.retentionHours) * rf * F.ebsHeadroomFactor,
    tierGb: 0,
    storageIoFactor: F.storageIoFactor,
    networkIoBase: F.networkIoFactor,
  };
  if (!(w.retentionHours > w.mskLocalRetentionHours) || !tierPriced) return [plain];
  const local = w.mskLocalRetentionHours;
  const tiered: StorageConfig = {
    tiered: true,
    localRetentionHours: local,
    ebsGb: retainedGb(w, local) * rf * F.ebsHeadroomFactor,
    // Closed segments are copied to the tier and stay there until retention.ms: the tier holds the full retention
    // (AWS's managing-amazon-msk skill, references/manage-storage.md: "Data remains in tiered storage for the full
    // 5 days" with 12 h local). Local retention is how long data also stays on EBS.
    tierGb: (w.ingestGbPerDay * w.retentionHours) / HOURS_PER_DAY,
    storageIoFactor: F.storageIoFactor + F.storageIoFactorTieredAdd,
    networkIoBase: F.networkIoFactor + F.networkIoFactorTieredAdd,
  };
  return [tiered, plain];
}

interface StandardFit {
  brokers: number;
  demands: number[];
  perBrokerIngress: number;
  perBrokerEgress: number;
  pst: number;
}

function fitStandard(
  w: NormalizedWorkload,
  spec: (typeof STANDARD_BROKER_SPECS)[number],
  cfg: StorageConfig,
): StandardFit {
  const fanOut = w.peakWriteMBps > 0 ? w.peakReadMBps / w.peakWriteMBps : w.totalConsumers;
  const storageLimit = spec.ebsMiBps / cfg.storageIoFactor;
  const networkLimit = spec.networkMiBps / (fanOut * F.azScaleFactor + cfg.networkIoBase);
  const perBrokerIngress = Math.min(storageLimit, networkLimit) * F.utilizationStandard;
  const perBrokerEgress = fanOut * perBrokerIngress;
  const replicas = topicPartitions(w) * MSK_LIMITS.replicationFactor;
  const pst =
    w.mskStorageThroughputMBpsPerBroker !== null && spec.pstEligible
      ? Math.min(w.mskStorageThroughputMBpsPerBroker, spec.ebsMiBps)
      : 0;
  const avgReadMBps = w.avgWriteMBps * w.totalConsumers;
  const raw = [
    w.peakWriteMBps / perBrokerIngress,
    perBrokerEgress > 0 ? w.peakReadMBps / perBrokerEgress : 0,
    replicas / spec.partitionsRecommended,
    cfg.ebsGb / F.maxEbsGbPerBroker,
    pst > 0 ? avgReadMBps / pst : 0,
  ];
  const rounded = [
    brokersFor(w.peakWriteMBps, perBrokerIngress),
    brokersFor(w.peakReadMBps, perBrokerEgress),
    brokersFor(replicas, spec.partitionsRecommended),
    brokersFor(cfg.ebsGb, F.maxEbsGbPerBroker),
    pst > 0 ? brokersFor(avgReadMBps, pst) : 0,
  ];
  return { brokers: Math.max(MSK_LIMITS.minBrokers, ...rounded), demands: raw, perBrokerIngress, perBrokerEgress, pst };
}

/**
 * Past the per-cluster quota every broker type needs an increase: the one that needs the fewest brokers is better,
 * and of those the cheaper (Standard and Express alike).
 */
const fewerBrokersThenCheaper = (brokers: number, cost: number, bestBrokers: number, bestCost: number): boolean =>
  brokers < bestBrokers || (brokers === bestBrokers && cost < bestCost);

/**
 * Standard brokers: every allowed type (family filter) × storage configuration (with / without tiered storage);
 * the cheapest (brokers + EBS + tier + PST) within the 60-broker quota wins. When no type fits within it, the type
 * that needs the fewest brokers wins (the cheapest of those): the cluster then needs the smallest quota increase,
 * and its size and cost keep growing with the volume. The cheapest type overall would often be a small one in the
 * hundreds of brokers, cheaper than the quota-bound pick at a lower volume (780 × kafka.m7g.large at $154,151.69
 * for 22,000 GB/day of 0.05 KB records, after 60 × kafka.m7g.8xlarge at $179,223.19 for 21,000).
 */
export function sizeMskProvisioned(w: NormalizedWorkload, price: PriceLookup): MskProvisionedChoice {
  const storagePrice = price(RATE_KEYS.mskStorageGbMonth) ?? 0;
  const tierPrice = price(RATE_KEYS.mskTieredStorageGbMonth);
  const retrievalPrice = price(RATE_KEYS.mskTieredRetrievalGb) ?? 0;
  const pstPrice = price(RATE_KEYS.mskStorageThroughputMBpsMonth) ?? 0;
  const configs = storageConfigs(w, tierPrice !== undefined);
  const unpriced = new Set<string>();

  const pickAmong = (cfgs: readonly StorageConfig[]): StandardPick => {
    let bestIn: StandardPick | null = null;
    let bestAny: StandardPick | null = null;
    let fallback: StandardPick | null = null;
    for (const cfg of cfgs) {
      for (const spec of STANDARD_BROKER_SPECS) {
        if (w.mskBrokerFamily && spec.family !== w.mskBrokerFamily) continue;
        const fit = fitStandard(w, spec, cfg);
        if (!Number.isFinite(fit.brokers)) continue;
        const brokerPrice = price(mskBrokerHourKey(spec.type));
        if (brokerPrice === undefined) {
          unpriced.add(spec.type);
          if (!fallback) fallback = { spec, cfg, fit, cost: Infinity };
          continue;
        }
        const cost =
          fit.brokers * brokerPrice * HOURS_PER_MONTH +
          cfg.ebsGb * storagePrice +
          cfg.tierGb * (tierPrice ?? 0) +
          (cfg.tiered ? w.historicalReadGbPerMonth * retrievalPrice : 0) +
          fit.brokers * fit.pst * pstPrice;
        const pick = { spec, cfg, fit, cost };
        if (fewerBrokersThenCheaper(fit.brokers, cost, bestAny?.fit.brokers ?? Infinity, bestAny?.cost ?? Infinity))
          bestAny = pick;
        if (fit.brokers <= F.brokerQuotaPerCluster && (!bestIn || cost < bestIn.cost)) bestIn = pick;
      }
    }
    // No priced type: report the first type that fits (its missing rate makes the option unpriced).
    return bestIn ?? bestAny ?? fallback!;
  };
  const chosen = pickAmong(configs);
  const { cfg } = chosen;
  let tieredNote: string;
  if (!(w.retentionHours > w.mskLocalRetentionHours)) {
    tieredNote = `Tiered storage not needed: retention ${round3(w.retentionHours)} h is within the local retention of ${round3(w.mskLocalRetentionHours)} h.`;
  } else if (tierPrice === undefined) {
    tieredNote = `Tiered storage not considered: the rate card lacks ${RATE_KEYS.mskTieredStorageGbMonth}.`;
  } else if (cfg.tiered) {
    tieredNote = `Tiered storage: the last ${round3(cfg.localRetentionHours)} h also kept on EBS; the tier holds the full ${round3(w.retentionHours)} h (${round3(cfg.tierGb)} GB, one copy), as closed segments are copied to it and stay until retention.ms (AWS's managing-amazon-msk skill, references/manage-storage.md) — cheaper than keeping all ${round3(w.retentionHours)} h on EBS. The all-EBS cluster and its total are in the sizing (untiered…), as AWS's sizing script and calculator size it without tiering.`;
  } else {
    tieredNote = `Tiered storage considered (local retention ${round3(w.mskLocalRetentionHours)} h, the tier holding the full retention) but keeping all ${round3(w.retentionHours)} h on EBS costs less.`;
  }
  const brokers = chosen.fit.brokers;
  return {
    sizing: standardSizing(w, chosen),
    untiered: cfg.tiered ? standardSizing(w, pickAmong(configs.filter((c) => !c.tiered))) : null,
    unpricedCandidates: [...unpriced],
    tieredNote,
    aboveBrokerQuota: brokers > F.brokerQuotaPerCluster,
  };
}

interface StandardPick {
  spec: (typeof STANDARD_BROKER_SPECS)[number];
  cfg: StorageConfig;
  fit: StandardFit;
  cost: number;
}

function standardSizing(w: NormalizedWorkload, { spec, cfg, fit }: StandardPick): MskProvisionedSizing {
  let k = 0;
  for (let j = 1; j < fit.demands.length; j++) if (fit.demands[j] > fit.demands[k]) k = j;
  const brokers = fit.brokers;
  const storageGbPerBroker = Math.max(MSK_LIMITS.minStorageGbPerBroker, ceilTolerant(cfg.ebsGb / brokers));
  const partitions = topicPartitions(w);
  return {
    boundBy: fit.demands[k] <= MSK_LIMITS.minBrokers ? 'MINIMUM_BROKERS' : STANDARD_BOUNDS[k],
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    brokerType: spec.type,
    brokers,
    perBrokerIngressCapacityMBps: round3(fit.perBrokerIngress),
    perBrokerEgressCapacityMBps: round3(fit.perBrokerEgress),
    utilizationTarget: F.utilizationStandard,
    storageIoFactor: cfg.storageIoFactor,
    networkIoFactor: round6(w.totalConsumers * F.azScaleFactor + cfg.networkIoBase),
    replicationFactor: MSK_LIMITS.replicationFactor,
    storageGbPerBroker,
    totalStorageGb: storageGbPerBroker * brokers,
    storageUtilizationTarget: 1 / F.ebsHeadroomFactor,
    tieredStorage: cfg.tiered,
    localRetentionHours: cfg.localRetentionHours,
    tieredStorageGb: round6(cfg.tierGb),
    storageThroughputMBpsPerBroker: fit.pst,
    partitions,
    partitionReplicasPerBroker: Math.ceil((partitions * MSK_LIMITS.replicationFactor) / brokers),
    partitionsRecommendedPerBroker: spec.partitionsRecommended,
  };
}

export interface MskExpressSizing extends OptionSizing {
  brokerType: string;
  brokers: number;
}

const EXPRESS_BOUNDS = ['INGRESS', 'EGRESS', 'PARTITIONS_PER_BROKER'] as const;

/**
 * Express brokers: brokers = multiple of 3 ≥ peak in ÷ (ingress × 0.75), peak out ÷ (ingress × egress factor), partition
 * replicas. The cheapest type within the 60-broker quota wins, else the type that needs the fewest brokers (as Standard).
 */
export function sizeMskExpress(w: NormalizedWorkload, price: PriceLookup): MskExpressSizing {
  const replicas = topicPartitions(w) * MSK_LIMITS.replicationFactor;
  const egressFactor = w.mskExpressEgressFactor;
  const fitOf = (i: number) => {
    const spec = EXPRESS_BROKER_SPECS[i];
    const ingressCap = spec.ingressMiBps * F.utilizationExpress;
    const egressCap = spec.ingressMiBps * egressFactor;
    const raw = [w.peakWriteMBps / ingressCap, w.peakReadMBps / egressCap, replicas / spec.partitionsRecommended];
    const brokers = Math.max(
      MSK_LIMITS.minBrokers,
      brokersFor(w.peakWriteMBps, ingressCap),
      brokersFor(w.peakReadMBps, egressCap),
      brokersFor(replicas, spec.partitionsRecommended),
    );
    return { spec, ingressCap, egressCap, raw, brokers };
  };
  let bestIn = -1;
  let bestAny = -1;
  let costIn = Infinity;
  let costAny = Infinity;
  let brokersAny = Infinity;
  for (let i = 0; i < EXPRESS_BROKER_SPECS.length; i++) {
    const brokerPrice = price(mskExpressBrokerHourKey(EXPRESS_BROKER_SPECS[i].type));
    if (brokerPrice === undefined) continue;
    const { brokers } = fitOf(i);
    const cost = brokers * brokerPrice;
    if (fewerBrokersThenCheaper(brokers, cost, brokersAny, costAny)) {
      brokersAny = brokers;
      costAny = cost;
      bestAny = i;
    }
    if (brokers <= F.brokerQuotaPerCluster && cost < costIn) {
      costIn = cost;
      bestIn = i;
    }
  }
  // No priced type: report the smallest (its missing rate makes the option unpriced).
  const fit = fitOf(bestIn >= 0 ? bestIn : bestAny >= 0 ? bestAny : 0);
  let k = 0;
  for (let j = 1; j < fit.raw.length; j++) if (fit.raw[j] > fit.raw[k]) k = j;
  return {
    boundBy: fit.raw[k] <= MSK_LIMITS.minBrokers ? 'MINIMUM_BROKERS' : EXPRESS_BOUNDS[k],
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    brokerType: fit.spec.type,
    brokers: fit.brokers,
    perBrokerIngressCapacityMBps: round3(fit.ingressCap),
    perBrokerEgressCapacityMBps: round3(fit.egressCap),
    utilizationTarget: F.utilizationExpress,
    expressEgressFactor: egressFactor,
    replicationFactor: MSK_LIMITS.replicationFactor,
    storedGb: round6(w.avgStoredGb),
    partitions: topicPartitions(w),
    partitionReplicasPerBroker: Math.ceil(replicas / fit.brokers),
    partitionsRecommendedPerBroker: fit.spec.partitionsRecommended,
  };
}

/** Serverless: partitions = max(topic partitions, per-partition throughput limits, retained GB ÷ maximum partition size). */
export function sizeMskServerless(w: NormalizedWorkload): OptionSizing & { partitions: number } {
  const needed = partitionsForThroughput(w);
  const bySize = Math.max(1, ceilTolerant(w.maxRetainedGb / MSK_LIMITS.serverlessMaxPartitionGb));
  const base = topicPartitions(w);
  const partitions = Math.max(base, needed, bySize);
  let boundBy: string;
  if (bySize > Math.max(base, needed)) boundBy = 'PARTITION_SIZE';
  else if (needed > base) boundBy = 'PARTITION_THROUGHPUT';
  else if (w.partitions !== null) boundBy = 'CALLER_PARTITIONS';
  else
    boundBy =
      partitions === MSK_DEFAULT_MIN_PARTITIONS && needed < MSK_DEFAULT_MIN_PARTITIONS
        ? 'DEFAULT_PARTITIONS'
        : 'PARTITION_THROUGHPUT';
  return {
    boundBy,
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    partitions,
    storedGb: round6(w.avgStoredGb),
  };
}
