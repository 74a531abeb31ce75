/**
 * Normalisation: a checked workload with its defaults applied and the derived quantities every rule,
 * sizing and cost function uses (records/s, peak, monthly volumes, stored GB).
 */
import {
  BILLING_BASIS,
  type BillingBasis,
  DAYS_PER_MONTH,
  HOURS_PER_DAY,
  KB_PER_MB,
  MB_PER_GB,
  SECONDS_PER_HOUR,
} from './units';
import {
  type MskBrokerFamily,
  PEAK_FACTORS,
  type RecordSizeBucket,
  type TrafficPattern,
  WORKLOAD_DEFAULTS,
  type WorkloadInput,
} from './workload';
import { checkWorkload, type WorkloadCheckOptions } from './workload.validation';
import { isFlatProfile, maxWindowGb, profilePattern } from './traffic-profile';
import type { Delivery } from './pipeline/delivery';

/** The workload after defaults, with the derived quantities the model uses. */
export interface NormalizedWorkload {
  region: string;
  /** Which of the three throughput fields the caller gave. */
  throughputGivenAs: 'ingestGbPerDay' | 'avgWriteMBps' | 'hourlyWriteMBps';
  ingestGbPerDay: number;
  /** Average write rate during the active hours, MB/s. */
  avgWriteMBps: number;
  /** The caller's daily profile (24 hourly MB/s), null when volume was given as a total or an average. */
  hourlyWriteMBps: number[] | null;
  peakWriteMBps: number;
  /** INPUT: peakWriteMBps given; HOURLY_PROFILE: the busiest hour of hourlyWriteMBps; TRAFFIC_PATTERN: average × the pattern's factor. */
  peakSource: 'INPUT' | 'TRAFFIC_PATTERN' | 'HOURLY_PROFILE';
  /** peak / avg actually in force (the pattern factor, or the caller's ratio). */
  peakFactor: number;
  avgRecordSizeKB: number;
  maxRecordSizeKB: number;
  sharedConsumers: number;
  dedicatedConsumers: number;
  retentionHours: number;
  trafficPattern: TrafficPattern;
  /** INPUT, DEFAULT (STEADY) or HOURLY_PROFILE (implied by the profile's peak-to-average ratio). */
  trafficPatternSource: 'INPUT' | 'DEFAULT' | 'HOURLY_PROFILE';
  activeHoursPerDay: number;
  latencyTargetMs: number | null;
  existingKafkaClients: boolean;
  needsKafkaConnect: boolean;
  needsKafkaStreams: boolean;
  needsCrossRegionReplication: boolean;
  lambdaConsumers: boolean;
  rackAwareConsumers: boolean;
  partitions: number | null;
  mskBrokerFamily: MskBrokerFamily | null;
  sizingHeadroomPercent: number;
  mskLocalRetentionHours: number;
  mskExpressEgressFactor: number;
  mskStorageThroughputMBpsPerBroker: number | null;
  historicalReadGbPerMonth: number;
  /** Record-size histogram (shares of records), or null when every record is avgRecordSizeKB. */
  recordSizeDistribution: RecordSizeBucket[] | null;
  /** Delivery sinks, normalized (empty when none asked). */
  deliverTo: Delivery[];
  kclConsumers: boolean;
  lambdaEventPollers: number | null;
  mskPrivateConnectivityVpcs: number | null;
  // derived
  avgRecordsPerSec: number;
  peakRecordsPerSec: number;
  /** ingestGbPerDay × 730 / 24. */
  monthlyIngestGb: number;
  /** Records written per month: monthly KB / average record KB. */
  monthlyRecords: number;
  activeHoursPerMonth: number;
  /** Consumer applications in total (shared + dedicated). */
  totalConsumers: number;
  /** Peak read throughput of all consumers together, MB/s. */
  peakReadMBps: number;
  /** Average GB held at any time (ingest/day × retention days): what pay-per-GB-month storage bills. */
  avgStoredGb: number;
  /** Largest window of data retained at once (≥ avgStoredGb when retention is shorter than the active period): what provisioned storage must hold. */
  maxRetainedGb: number;
}

export type NormalizeOptions = WorkloadCheckOptions;

/**
 * Validates the input (checkWorkload: schema and cross-field rules), applies defaults and derives
 * records/s, peak, monthly volumes and stored GB. Throws `ValidationError` listing every bad field.
 */
export function normalizeWorkload(input: WorkloadInput, options: NormalizeOptions = {}): NormalizedWorkload {
  const {
    values: v,
    throughputGivenAs,
    ingestGbPerDay,
    avgWriteMBps,
    activeHoursPerDay,
    profile,
    deliverTo,
  } = checkWorkload(input, options);
  const hourly = profile ? v.hourlyWriteMBps! : null;
  const trafficPattern = v.trafficPattern ?? (profile ? profilePattern(profile) : WORKLOAD_DEFAULTS.trafficPattern);
  const givenPeak = v.peakWriteMBps;
  const givenMax = v.maxRecordSizeKB;
  const recordKB = v.avgRecordSizeKB;
  const peakWriteMBps = givenPeak ?? (profile ? profile.peakHourMBps : avgWriteMBps * PEAK_FACTORS[trafficPattern]);
  const peakSource = givenPeak !== undefined ? 'INPUT' : profile ? 'HOURLY_PROFILE' : 'TRAFFIC_PATTERN';
  const retentionHours = v.retentionHours ?? WORKLOAD_DEFAULTS.retentionHours;
  const sharedConsumers = v.sharedConsumers ?? WORKLOAD_DEFAULTS.sharedConsumers;
  const dedicatedConsumers = v.dedicatedConsumers ?? WORKLOAD_DEFAULTS.dedicatedConsumers;
  const monthlyIngestGb = ingestGbPerDay * DAYS_PER_MONTH;
  const avgStoredGb = (ingestGbPerDay * retentionHours) / HOURS_PER_DAY;
  // A profile's largest retained window follows its hours; a flat profile is normalized exactly as its average.
  const windowGb =
    hourly && !isFlatProfile(hourly)
      ? maxWindowGb(hourly, retentionHours)
      : (avgWriteMBps * Math.min(retentionHours, activeHoursPerDay) * SECONDS_PER_HOUR) / MB_PER_GB;

  return {
    region: v.region ?? WORKLOAD_DEFAULTS.region,
    throughputGivenAs,
    ingestGbPerDay,
    avgWriteMBps,
    hourlyWriteMBps: hourly ? [...hourly] : null,
    peakWriteMBps,
    peakSource,
    peakFactor:
      peakSource === 'TRAFFIC_PATTERN'
        ? PEAK_FACTORS[trafficPattern]
        : avgWriteMBps > 0
          ? peakWriteMBps / avgWriteMBps
          : 1,
    avgRecordSizeKB: recordKB,
    maxRecordSizeKB:
      givenMax ??
      (v.recordSizeDistribution ? Math.max(recordKB, ...v.recordSizeDistribution.map((b) => b.sizeKB)) : recordKB),
    sharedConsumers,
    dedicatedConsumers,
    retentionHours,
    trafficPattern,
    trafficPatternSource: v.trafficPattern ? 'INPUT' : profile ? 'HOURLY_PROFILE' : 'DEFAULT',
    activeHoursPerDay,
    latencyTargetMs: v.latencyTargetMs ?? null,
    existingKafkaClients: v.existingKafkaClients ?? false,
    needsKafkaConnect: v.needsKafkaConnect ?? false,
    needsKafkaStreams: v.needsKafkaStreams ?? false,
    needsCrossRegionReplication: v.needsCrossRegionReplication ?? false,
    lambdaConsumers: v.lambdaConsumers ?? false,
    rackAwareConsumers: v.rackAwareConsumers ?? WORKLOAD_DEFAULTS.rackAwareConsumers,
    partitions: v.partitions ?? null,
    mskBrokerFamily: v.mskBrokerFamily ?? null,
    sizingHeadroomPercent: v.sizingHeadroomPercent ?? WORKLOAD_DEFAULTS.sizingHeadroomPercent,
    mskLocalRetentionHours: v.mskLocalRetentionHours ?? WORKLOAD_DEFAULTS.mskLocalRetentionHours,
    mskExpressEgressFactor: v.mskExpressEgressFactor ?? WORKLOAD_DEFAULTS.mskExpressEgressFactor,
    mskStorageThroughputMBpsPerBroker: v.mskStorageThroughputMBpsPerBroker ?? null,
    historicalReadGbPerMonth: v.historicalReadGbPerMonth ?? 0,
    recordSizeDistribution: v.recordSizeDistribution
      ? v.recordSizeDistribution.map((b) => ({ sizeKB: b.sizeKB, share: b.share }))
      : null,
    deliverTo,
    kclConsumers: v.kclConsumers ?? false,
    lambdaEventPollers: v.lambdaEventPollers ?? null,
    mskPrivateConnectivityVpcs: v.mskPrivateConnectivityVpcs ?? null,
    avgRecordsPerSec: (avgWriteMBps * KB_PER_MB) / recordKB,
    peakRecordsPerSec: (peakWriteMBps * KB_PER_MB) / recordKB,
    monthlyIngestGb,
    monthlyRecords: (monthlyIngestGb * MB_PER_GB * KB_PER_MB) / recordKB,
    activeHoursPerMonth: activeHoursPerDay * DAYS_PER_MONTH,
    totalConsumers: sharedConsumers + dedicatedConsumers,
    peakReadMBps: peakWriteMBps * (sharedConsumers + dedicatedConsumers),
    avgStoredGb,
    maxRetainedGb: Math.max(avgStoredGb, windowGb),
  };
}

export interface EvaluationBasis extends BillingBasis {
  /** Peak factors per traffic pattern used when peakWriteMBps is not given. */
  peakFactors: Readonly<Record<TrafficPattern, number>>;
}

/** The basis returned with every result: billing units plus the peak factors. */
export const EVALUATION_BASIS: EvaluationBasis = { ...BILLING_BASIS, peakFactors: PEAK_FACTORS };
