/**
 * The CloudWatch metrics streamfit reads to derive a workload from what runs today, one query id per metric
 * (docs/metrics/*.json are the same queries, ready for `aws cloudwatch get-metric-data --metric-data-queries`).
 * Every query asks one value per hour (Period 3600).
 */

export const METRIC_SOURCES = ['KINESIS_STREAM', 'MSK_CLUSTER'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** How a query's value for one hour turns into bytes (or records) of that hour. */
export type MetricUnit = 'SUM_PER_HOUR' | 'AVERAGE_PER_SECOND';

export interface MetricQuerySpec {
  id: string;
  /** The CloudWatch metric, as its namespace names it. */
  metric: string;
  unit: MetricUnit;
  /** What the metric counts. */
  counts: 'BYTES_WRITTEN' | 'RECORDS_WRITTEN' | 'BYTES_READ_SHARED' | 'BYTES_READ_DEDICATED' | 'BYTES_READ';
  /** Required metrics must be present with data; optional ones (a read path nobody uses) may be empty. */
  required: boolean;
}

export const SECONDS_PER_PERIOD = 3600;

export const METRIC_QUERIES: Readonly<Record<MetricSource, readonly MetricQuerySpec[]>> = {
  KINESIS_STREAM: [
    {
      id: 'incomingBytes',
      metric: 'AWS/Kinesis IncomingBytes (Sum)',
      unit: 'SUM_PER_HOUR',
      counts: 'BYTES_WRITTEN',
      required: true,
    },
    {
      id: 'incomingRecords',
      metric: 'AWS/Kinesis IncomingRecords (Sum)',
      unit: 'SUM_PER_HOUR',
      counts: 'RECORDS_WRITTEN',
      required: true,
    },
    {
      id: 'getRecordsBytes',
      metric: 'AWS/Kinesis GetRecords.Bytes (Sum)',
      unit: 'SUM_PER_HOUR',
      counts: 'BYTES_READ_SHARED',
      required: true,
    },
    {
      id: 'subscribeToShardEventBytes',
      metric: 'AWS/Kinesis SubscribeToShardEvent.Bytes (Sum over consumers)',
      unit: 'SUM_PER_HOUR',
      counts: 'BYTES_READ_DEDICATED',
      required: true,
    },
  ],
  MSK_CLUSTER: [
    {
      id: 'bytesInPerSec',
      metric: 'AWS/Kafka BytesInPerSec (Average, summed over brokers)',
      unit: 'AVERAGE_PER_SECOND',
      counts: 'BYTES_WRITTEN',
      required: true,
    },
    {
      id: 'bytesOutPerSec',
      metric: 'AWS/Kafka BytesOutPerSec (Average, summed over brokers)',
      unit: 'AVERAGE_PER_SECOND',
      counts: 'BYTES_READ',
      required: true,
    },
    {
      id: 'messagesInPerSec',
      metric: 'AWS/Kafka MessagesInPerSec (Average, summed over brokers)',
      unit: 'AVERAGE_PER_SECOND',
      counts: 'RECORDS_WRITTEN',
      required: true,
    },
  ],
};

export const isMetricSource = (value: unknown): value is MetricSource =>
  typeof value === 'string' && (METRIC_SOURCES as readonly string[]).includes(value);

/** The query ids of a source, in the documented order. */
export const metricIds = (source: MetricSource): string[] => METRIC_QUERIES[source].map((q) => q.id);

/** Days of metrics the live path reads: 1–35 (CloudWatch keeps one-hour data points for 455 days), default 14. */
export const METRIC_DAYS = { min: 1, max: 35, default: 14 } as const;
/** Under this many days of data, the derived workload carries a warning: a week shows weekday and weekend. */
export const METRIC_DAYS_WARNING = 7;
