/**
 * A workload from what runs today: hourly CloudWatch series (metric-data.ts) → the standard workload
 * (spec section 2, ready for /v1/evaluations or a scenario) and the observed statistics behind it, each
 * derived number with the words saying how it was got. Nothing is guessed silently: a value the metrics
 * cannot give comes from the caller, from the running configuration, or from a named default.
 */
import type { Issue } from '../model.types';
import { ValidationError } from '../errors';
import { PROFILE_STEADY_MAX_PEAK_RATIO } from '../traffic-profile';
import { BYTES_PER_KB, KB_PER_MB, SECONDS_PER_HOUR } from '../units';
import { count } from '../words';
import type { TrafficPattern, WorkloadInput } from '../workload';
import type { HourlySeries, MetricData } from './metric-data';
import { METRIC_DAYS_WARNING, METRIC_QUERIES, type MetricQuerySpec, type MetricSource } from './metric-queries';

const HOUR_MS = 3_600_000;
const BYTES_PER_MB = BYTES_PER_KB * KB_PER_MB;

/**
 * A p99 hour at most this many times the busiest hour of the daily profile is a peak that recurs at the same
 * hour every day (VARIABLE); above it the peaks come at hours the daily shape does not predict (UNPREDICTABLE).
 * Confidence: ASSUMPTION.
 */
export const RECURRING_PEAK_MAX_RATIO = 1.25;
/** Retention when neither the caller nor the running configuration gives it. */
export const DEFAULT_RETENTION_HOURS: Readonly<Record<MetricSource, { hours: number; why: string }>> = {
  KINESIS_STREAM: { hours: 24, why: 'the Kinesis Data Streams default retention (24 h)' },
  MSK_CLUSTER: {
    hours: 168,
    why: "Apache Kafka's and MSK's default log.retention.hours (168 h); CloudWatch does not carry topic retention",
  },
};
/** Above this share of missing hours, the result carries a warning. */
export const MISSING_HOURS_WARNING_SHARE = 0.1;

/** Configuration read beside the metrics (live: DescribeStreamSummary / ListStreamConsumers). */
export interface ReadConfiguration {
  retentionHours?: number;
  dedicatedConsumers?: number;
}

/** What the caller states beside the metrics; each wins over what the metrics suggest. */
export interface StatedConfiguration {
  retentionHours?: number;
  sharedConsumers?: number;
  dedicatedConsumers?: number;
  trafficPattern?: TrafficPattern;
}

export interface DeriveInput {
  region: string;
  data: MetricData;
  stated?: StatedConfiguration;
  read?: ReadConfiguration;
  /** The window asked for (live path); otherwise the span of the data. */
  window?: { start: Date; end: Date };
}

export interface Derivation {
  field: string;
  value: number | string | boolean;
  how: string;
}

export interface MissingRange {
  from: string;
  to: string;
  hours: number;
}

export interface ObservedStatistics {
  avgWriteMBps: number;
  p99HourWriteMBps: number;
  maxHourWriteMBps: number;
  maxHourAt: string;
  /** Busiest hour of the daily profile (median per hour of day) and its hour (UTC). */
  profilePeakWriteMBps: number;
  profilePeakHour: number;
  bytesWritten: number;
  recordsWritten: number;
  avgRecordSizeBytes: number;
  bytesRead: number;
  /** Bytes read ÷ bytes written, all read paths together. */
  readFanOut: number;
  /** Kinesis: GetRecords (shared) and SubscribeToShard (enhanced fan-out) apart. */
  sharedReadFanOut: number | null;
  dedicatedReadFanOut: number | null;
}

export interface Observed {
  source: MetricSource;
  region: string;
  period: { start: string; end: string; hours: number; days: number };
  coverage: { expectedHours: number; hoursWithData: number; missingHours: number; missingRanges: MissingRange[] };
  statistics: ObservedStatistics;
  derivation: Derivation[];
  warnings: Issue[];
}

export interface DerivedWorkload {
  workload: WorkloadInput;
  observed: Observed;
}

const round = (n: number, decimals = 6) => Math.round(n * 10 ** decimals) / 10 ** decimals;
const fmt = (n: number, decimals = 3) => String(round(n, decimals));
const iso = (ms: number) => new Date(ms).toISOString();

/** Nearest-rank percentile (the value at rank ⌈p × n⌉ of the sorted values). */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const spec = (source: MetricSource, counts: MetricQuerySpec['counts']) =>
  METRIC_QUERIES[source].find((q) => q.counts === counts);

/** Bytes (or records) of one hour from the query's value for it. */
const perHour = (q: MetricQuerySpec, value: number) => (q.unit === 'SUM_PER_HOUR' ? value : value * SECONDS_PER_HOUR);
const unitWords = (q: MetricQuerySpec) =>
  q.unit === 'SUM_PER_HOUR' ? 'Sum per hour ÷ 3,600 s' : 'average per second over the hour';

/** Σ of a series over the hours the written series has, as bytes (or records) per hour summed. */
function totalOver(q: MetricQuerySpec | undefined, series: HourlySeries | undefined, hours: Iterable<number>): number {
  if (!q || !series) return 0;
  let sum = 0;
  for (const h of hours) sum += perHour(q, series.points.get(h) ?? 0);
  return sum;
}

function missingRanges(start: number, end: number, present: Map<number, number>): MissingRange[] {
  const ranges: MissingRange[] = [];
  let from: number | null = null;
  for (let h = start; h <= end; h += HOUR_MS) {
    const missing = h < end && !present.has(h);
    if (missing && from === null) from = h;
    if (!missing && from !== null) {
      ranges.push({ from: iso(from), to: iso(h), hours: (h - from) / HOUR_MS });
      from = null;
    }
  }
  return ranges;
}

export function deriveWorkload({ region, data, stated = {}, read = {}, window }: DeriveInput): DerivedWorkload {
  const { source } = data;
  const writtenQ = spec(source, 'BYTES_WRITTEN')!;
  const recordsQ = spec(source, 'RECORDS_WRITTEN')!;
  const written = data.series[writtenQ.id];
  const records = data.series[recordsQ.id];
  const hours = [...written.points.keys()];
  const derivation: Derivation[] = [];
  const warnings: Issue[] = [];

  // Write rate per hour, MB/s.
  const hourly = hours.map((h) => perHour(writtenQ, written.points.get(h)!) / SECONDS_PER_HOUR / BYTES_PER_MB);
  const bytesWritten = totalOver(writtenQ, written, hours);
  if (bytesWritten <= 0) {
    throw new ValidationError([
      { field: `metricData.${writtenQ.id}`, message: `${writtenQ.id} sums to 0: nothing was written in the window` },
    ]);
  }
  const recordsWritten = totalOver(recordsQ, records, hours);
  if (recordsWritten <= 0) {
    throw new ValidationError([
      {
        field: `metricData.${recordsQ.id}`,
        message: `${recordsQ.id} sums to 0 over the hours ${writtenQ.id} has: the record size cannot be derived`,
      },
    ]);
  }
  const avgRecordSizeBytes = bytesWritten / recordsWritten;
  if (avgRecordSizeBytes < 1) {
    throw new ValidationError([
      {
        field: `metricData.${recordsQ.id}`,
        message: `${recordsQ.id} counts more records than ${writtenQ.id} counts bytes: the two series do not belong together`,
      },
    ]);
  }

  const avgWriteMBps = hourly.reduce((s, r) => s + r, 0) / hourly.length;
  const sorted = [...hourly].sort((a, b) => a - b);
  const p99 = nearestRank(sorted, 0.99);
  let maxIndex = 0;
  hourly.forEach((r, i) => (r > hourly[maxIndex] ? (maxIndex = i) : undefined));
  const max = hourly[maxIndex];

  const byHourOfDay: number[][] = Array.from({ length: 24 }, () => []);
  hours.forEach((h, i) => byHourOfDay[new Date(h).getUTCHours()].push(hourly[i]));
  const profile = byHourOfDay.map((values) => round(median(values)));
  const profilePeak = Math.max(...profile);
  const profilePeakHour = profile.indexOf(profilePeak);

  // Reads.
  let bytesRead = 0;
  let sharedFanOut: number | null = null;
  let dedicatedFanOut: number | null = null;
  if (source === 'KINESIS_STREAM') {
    const sharedQ = spec(source, 'BYTES_READ_SHARED')!;
    const dedicatedQ = spec(source, 'BYTES_READ_DEDICATED')!;
    const shared = totalOver(sharedQ, data.series[sharedQ.id], hours);
    const dedicated = totalOver(dedicatedQ, data.series[dedicatedQ.id], hours);
    bytesRead = shared + dedicated;
    sharedFanOut = shared / bytesWritten;
    dedicatedFanOut = dedicated / bytesWritten;
  } else {
    const readQ = spec(source, 'BYTES_READ')!;
    bytesRead = totalOver(readQ, data.series[readQ.id], hours);
  }
  const readFanOut = bytesRead / bytesWritten;

  // Period and coverage.
  const firstHour = hours[0];
  const lastHour = hours[hours.length - 1];
  const start = window ? Math.floor(window.start.getTime() / HOUR_MS) * HOUR_MS : firstHour;
  const end = window ? Math.ceil(window.end.getTime() / HOUR_MS) * HOUR_MS : lastHour + HOUR_MS;
  const expectedHours = Math.max(1, Math.round((end - start) / HOUR_MS));
  const inWindow = hours.filter((h) => h >= start && h < end).length;
  const missing = Math.max(0, expectedHours - inWindow);
  const days = round(expectedHours / 24, 3);
  if (days < METRIC_DAYS_WARNING) {
    warnings.push({
      code: 'METRICS_SHORT_WINDOW',
      message: `Only ${count(days, 'day')} of metrics: under ${METRIC_DAYS_WARNING} days the profile may miss the weekly cycle (weekends, batch days). Export ${METRIC_DAYS_WARNING}–35 days for a sound workload.`,
    });
  }
  if (missing / expectedHours > MISSING_HOURS_WARNING_SHARE) {
    warnings.push({
      code: 'METRICS_MISSING_HOURS',
      message: `${missing} of ${expectedHours} hours have no ${writtenQ.id} value (${fmt((100 * missing) / expectedHours, 1)} %): CloudWatch reports no data point for an hour without writes, or the export has gaps. Averages, percentiles and medians use the hours that have a value.`,
    });
  }
  if (written.statusCode === 'PartialData') {
    warnings.push({
      code: 'METRICS_PARTIAL_DATA',
      message: `CloudWatch marked ${writtenQ.id} PartialData: the export stopped before its last page (NextToken); run it again with pagination.`,
    });
  }
  for (const message of data.messages) warnings.push({ code: 'METRICS_MESSAGE', message: `CloudWatch: ${message}` });

  const writtenWords = `${writtenQ.id} (${writtenQ.metric}; ${unitWords(writtenQ)} ÷ 1,048,576 bytes per MB)`;
  derivation.push({
    field: 'observed.avgWriteMBps',
    value: round(avgWriteMBps),
    how: `Mean of the ${hours.length} hourly write rates of ${writtenWords}.`,
  });
  derivation.push({
    field: 'observed.p99HourWriteMBps',
    value: round(p99),
    how: `99th percentile (nearest rank) of the ${hours.length} hourly write rates.`,
  });
  derivation.push({
    field: 'observed.maxHourWriteMBps',
    value: round(max),
    how: `Busiest hour of the window (${iso(hours[maxIndex])}). Hourly averages: bursts inside an hour are not seen.`,
  });
  derivation.push({
    field: 'workload.hourlyWriteMBps',
    value: profile.map((r) => fmt(r)).join(', '),
    how: 'Median write rate of each hour of the day (UTC, hour 0 = 00:00–01:00) over the days of the window.',
  });

  const peakWriteMBps = round(Math.max(p99, profilePeak));
  derivation.push({
    field: 'workload.peakWriteMBps',
    value: peakWriteMBps,
    how:
      p99 >= profilePeak
        ? 'The p99 hour: the provisioned options are sized for it (the maximum hour is in observed).'
        : "The daily profile's busiest hour, above the p99 hour (a short window): peakWriteMBps cannot be below the profile.",
  });

  const avgRecordSizeKB = round(avgRecordSizeBytes / BYTES_PER_KB);
  derivation.push({
    field: 'workload.avgRecordSizeKB',
    value: avgRecordSizeKB,
    how: `Σ ${writtenQ.id} ÷ Σ ${recordsQ.id} over the same hours = ${fmt(avgRecordSizeBytes, 1)} bytes ÷ 1,024. The metrics give no size distribution: maxRecordSizeKB is left to its default (the average); state it if larger records exist.`,
  });

  let trafficPattern: TrafficPattern;
  let patternHow: string;
  const peakToAvg = p99 / avgWriteMBps;
  if (stated.trafficPattern) {
    trafficPattern = stated.trafficPattern;
    patternHow = `Given by the caller (the metrics suggest a p99-to-average ratio of ${fmt(peakToAvg, 2)}).`;
  } else if (peakToAvg <= PROFILE_STEADY_MAX_PEAK_RATIO) {
    trafficPattern = 'STEADY';
    patternHow = `p99 hour ÷ average = ${fmt(peakToAvg, 2)} ≤ ${PROFILE_STEADY_MAX_PEAK_RATIO}: a flat load.`;
  } else if (p99 <= profilePeak * RECURRING_PEAK_MAX_RATIO) {
    trafficPattern = 'VARIABLE';
    patternHow = `p99 hour ÷ average = ${fmt(peakToAvg, 2)} > ${PROFILE_STEADY_MAX_PEAK_RATIO}, and the p99 hour is within ${RECURRING_PEAK_MAX_RATIO}× the daily profile's busiest hour (${fmt(profilePeak)} MB/s at ${profilePeakHour}:00 UTC): the peaks recur every day.`;
  } else {
    trafficPattern = 'UNPREDICTABLE';
    patternHow = `p99 hour ÷ average = ${fmt(peakToAvg, 2)} > ${PROFILE_STEADY_MAX_PEAK_RATIO}, and the p99 hour is ${fmt(p99 / profilePeak, 2)}× the daily profile's busiest hour (> ${RECURRING_PEAK_MAX_RATIO}): peaks come at hours the daily shape does not predict.`;
  }
  derivation.push({ field: 'workload.trafficPattern', value: trafficPattern, how: patternHow });

  // Consumers.
  const consumers = (fanOut: number) => (fanOut > 0 ? Math.max(1, Math.round(fanOut)) : 0);
  let sharedConsumers: number;
  let dedicatedConsumers: number;
  if (source === 'KINESIS_STREAM') {
    const sharedId = spec(source, 'BYTES_READ_SHARED')!.id;
    const dedicatedId = spec(source, 'BYTES_READ_DEDICATED')!.id;
    if (stated.sharedConsumers !== undefined) {
      sharedConsumers = stated.sharedConsumers;
      derivation.push({
        field: 'workload.sharedConsumers',
        value: sharedConsumers,
        how: `Given by the caller (${sharedId} ÷ ${writtenQ.id} = ${fmt(sharedFanOut!)}).`,
      });
    } else {
      sharedConsumers = consumers(sharedFanOut!);
      derivation.push({
        field: 'workload.sharedConsumers',
        value: sharedConsumers,
        how: `Σ ${sharedId} ÷ Σ ${writtenQ.id} = ${fmt(sharedFanOut!)}, rounded: each shared (GetRecords) consumer reads the whole stream once.`,
      });
    }
    if (stated.dedicatedConsumers !== undefined) {
      dedicatedConsumers = stated.dedicatedConsumers;
      derivation.push({ field: 'workload.dedicatedConsumers', value: dedicatedConsumers, how: 'Given by the caller.' });
    } else if (read.dedicatedConsumers !== undefined) {
      dedicatedConsumers = read.dedicatedConsumers;
      derivation.push({
        field: 'workload.dedicatedConsumers',
        value: dedicatedConsumers,
        how: `Enhanced fan-out consumers registered on the stream (ListStreamConsumers); ${dedicatedId} ÷ ${writtenQ.id} = ${fmt(dedicatedFanOut!)}.`,
      });
    } else {
      dedicatedConsumers = consumers(dedicatedFanOut!);
      derivation.push({
        field: 'workload.dedicatedConsumers',
        value: dedicatedConsumers,
        how: `Σ ${dedicatedId} ÷ Σ ${writtenQ.id} = ${fmt(dedicatedFanOut!)}, rounded: each enhanced fan-out consumer reads the whole stream once.`,
      });
    }
  } else {
    const readId = spec(source, 'BYTES_READ')!.id;
    sharedConsumers = stated.sharedConsumers ?? consumers(readFanOut);
    derivation.push({
      field: 'workload.sharedConsumers',
      value: sharedConsumers,
      how:
        stated.sharedConsumers !== undefined
          ? `Given by the caller (${readId} ÷ ${writtenQ.id} = ${fmt(readFanOut)}).`
          : `Σ ${readId} ÷ Σ ${writtenQ.id} = ${fmt(readFanOut)}, rounded: each consumer group reads every message once (replication traffic is not in BytesOutPerSec).`,
    });
    dedicatedConsumers = stated.dedicatedConsumers ?? 0;
    derivation.push({
      field: 'workload.dedicatedConsumers',
      value: dedicatedConsumers,
      how:
        stated.dedicatedConsumers !== undefined
          ? 'Given by the caller.'
          : 'Kafka has no dedicated read path: every consumer group is counted as shared.',
    });
    derivation.push({
      field: 'workload.existingKafkaClients',
      value: true,
      how: 'The producers and consumers of an MSK cluster speak the Kafka protocol.',
    });
  }

  let retentionHours: number;
  if (stated.retentionHours !== undefined) {
    retentionHours = stated.retentionHours;
    derivation.push({ field: 'workload.retentionHours', value: retentionHours, how: 'Given by the caller.' });
  } else if (read.retentionHours !== undefined) {
    retentionHours = read.retentionHours;
    derivation.push({
      field: 'workload.retentionHours',
      value: retentionHours,
      how: 'The stream’s retention period (DescribeStreamSummary RetentionPeriodHours).',
    });
  } else {
    const fallback = DEFAULT_RETENTION_HOURS[source];
    retentionHours = fallback.hours;
    derivation.push({
      field: 'workload.retentionHours',
      value: retentionHours,
      how: `Not given and not readable: ${fallback.why}. Pass retentionHours beside the metrics.`,
    });
    warnings.push({
      code: 'METRICS_RETENTION_ASSUMED',
      message: `retentionHours was not given: ${retentionHours} h assumed (${fallback.why}).`,
    });
  }

  const workload: WorkloadInput = {
    region,
    hourlyWriteMBps: profile,
    peakWriteMBps,
    avgRecordSizeKB,
    sharedConsumers,
    dedicatedConsumers,
    retentionHours,
    trafficPattern,
    ...(source === 'MSK_CLUSTER' ? { existingKafkaClients: true } : {}),
  };
  return {
    workload,
    observed: {
      source,
      region,
      period: { start: iso(start), end: iso(end), hours: expectedHours, days },
      coverage: {
        expectedHours,
        hoursWithData: inWindow,
        missingHours: missing,
        missingRanges: missingRanges(start, end, written.points).slice(0, 20),
      },
      statistics: {
        avgWriteMBps: round(avgWriteMBps),
        p99HourWriteMBps: round(p99),
        maxHourWriteMBps: round(max),
        maxHourAt: iso(hours[maxIndex]),
        profilePeakWriteMBps: profilePeak,
        profilePeakHour,
        bytesWritten: round(bytesWritten, 0),
        recordsWritten: round(recordsWritten, 0),
        avgRecordSizeBytes: round(avgRecordSizeBytes, 3),
        bytesRead: round(bytesRead, 0),
        readFanOut: round(readFanOut),
        sharedReadFanOut: sharedFanOut === null ? null : round(sharedFanOut),
        dedicatedReadFanOut: dedicatedFanOut === null ? null : round(dedicatedFanOut),
      },
      derivation,
      warnings,
    },
  };
}
