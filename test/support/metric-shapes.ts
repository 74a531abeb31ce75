/**
 * A stream with a known daily shape, as CloudWatch would report it: hourly sums (Kinesis) or per-second averages
 * summed over brokers (MSK), with day-to-day variation whose median is exactly the shape. Used by the tests and by
 * scripts/write-metrics-example.ts (docs/metrics/example-kinesis-get-metric-data.json). No jest globals.
 */
const HOUR_MS = 3_600_000;
const MB = 1024 * 1024;

/** A business-day shape, MB/s per hour of the day (UTC): 4 at night, 12 at 14:00. */
export const KNOWN_SHAPE_MBPS: readonly number[] = [
  4, 4, 4, 4, 4, 4, 5, 6, 8, 9, 10, 11, 11.5, 11.8, 12, 11.5, 11, 10, 9, 8, 7, 6, 5, 4.5,
];

/**
 * Day-to-day multipliers of 14 days: symmetric around 1, so each hour's median over the days is the shape, and
 * their mean is 1, so the average is the shape's. Each hour of the day takes them in its own order.
 */
const DAY_FACTORS = [0.99, 0.9925, 0.995, 0.995, 0.9975, 1, 1, 1, 1, 1.0025, 1.005, 1.005, 1.0075, 1.01];

export interface KnownStream {
  start: Date;
  days: number;
  shape: readonly number[];
  recordBytes: number;
  /** Bytes read through GetRecords (shared) and SubscribeToShard (EFO) per byte written. */
  sharedFanOut: number;
  dedicatedFanOut: number;
  /** Hours (ms) with no data point at all. */
  missing: Set<number>;
}

export function knownStream(overrides: Partial<KnownStream> = {}): KnownStream {
  return {
    start: new Date('2026-11-16T00:00:00Z'),
    days: 14,
    shape: KNOWN_SHAPE_MBPS,
    recordBytes: 2000,
    sharedFanOut: 2,
    dedicatedFanOut: 1,
    missing: new Set(),
    ...overrides,
  };
}

/** Write rate (MB/s) of an hour of the stream. */
export function rateAt(stream: KnownStream, hourMs: number): number {
  const index = Math.round((hourMs - stream.start.getTime()) / HOUR_MS);
  const day = Math.floor(index / 24);
  const hour = new Date(hourMs).getUTCHours();
  const factor = DAY_FACTORS[(day * 5 + hour * 3) % DAY_FACTORS.length];
  return stream.shape[hour] * factor;
}

export interface HourValues {
  incomingBytes: number;
  incomingRecords: number;
  getRecordsBytes: number;
  subscribeToShardEventBytes: number;
  bytesInPerSec: number;
  bytesOutPerSec: number;
  messagesInPerSec: number;
}

/** Every metric of one hour. */
export function valuesAt(stream: KnownStream, hourMs: number): HourValues {
  const bytesPerSec = rateAt(stream, hourMs) * MB;
  const bytes = bytesPerSec * 3600;
  return {
    incomingBytes: bytes,
    incomingRecords: bytes / stream.recordBytes,
    getRecordsBytes: bytes * stream.sharedFanOut,
    subscribeToShardEventBytes: bytes * stream.dedicatedFanOut,
    bytesInPerSec: bytesPerSec,
    bytesOutPerSec: bytesPerSec * (stream.sharedFanOut + stream.dedicatedFanOut),
    messagesInPerSec: bytesPerSec / stream.recordBytes,
  };
}

/** The hours of the stream that have data, oldest first. */
export function hoursOf(stream: KnownStream): number[] {
  const out: number[] = [];
  for (let i = 0; i < stream.days * 24; i++) {
    const h = stream.start.getTime() + i * HOUR_MS;
    if (!stream.missing.has(h)) out.push(h);
  }
  return out;
}

/** What `aws cloudwatch get-metric-data` prints for the queries of docs/metrics (newest first, ISO timestamps). */
export function exportedMetricData(stream: KnownStream, source: 'KINESIS_STREAM' | 'MSK_CLUSTER') {
  const ids: Array<keyof HourValues> =
    source === 'KINESIS_STREAM'
      ? ['incomingBytes', 'incomingRecords', 'getRecordsBytes', 'subscribeToShardEventBytes']
      : ['bytesInPerSec', 'bytesOutPerSec', 'messagesInPerSec'];
  const hours = hoursOf(stream).reverse();
  return {
    MetricDataResults: ids.map((id) => ({
      Id: id,
      Label: id,
      Timestamps: hours.map((h) => new Date(h).toISOString().replace('.000Z', '+00:00')),
      Values: hours.map((h) => Math.round(valuesAt(stream, h)[id] * 1000) / 1000),
      StatusCode: 'Complete',
    })),
    Messages: [],
  };
}
