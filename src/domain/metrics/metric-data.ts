/**
 * Reading what `aws cloudwatch get-metric-data` prints (or what GetMetricData answers through the SDK) for the
 * documented queries (metric-queries.ts): one series of hourly values per query id. Everything a caller can get
 * wrong is a ValidationError naming the field: an unknown or missing id, timestamps and values of different
 * lengths, a negative value, a timestamp off the hour, two values for one hour, too few hours.
 */
import { type FieldError, ValidationError } from '../errors';
import { isObject } from '../field-checks';
import { type MetricSource, METRIC_QUERIES, metricIds } from './metric-queries';
import { count } from '../words';

const HOUR_MS = 3_600_000;

/** One query's values, one per hour (hour start in ms since the epoch → value), sorted by time. */
export interface HourlySeries {
  id: string;
  points: Map<number, number>;
  /** CloudWatch's StatusCode (Complete, PartialData, …) as the last page gave it. */
  statusCode?: string;
}

export interface MetricData {
  source: MetricSource;
  series: Record<string, HourlySeries>;
  /** CloudWatch's Messages (e.g. MaxQueryTimeRangeExceed), as text. */
  messages: string[];
}

/** Fewest hours of write data a workload is derived from: one of each hour of the day. */
export const MIN_HOURS = 24;

/** A timestamp as the CLI prints it (ISO 8601) or as the JSON protocol carries it (epoch seconds). */
function timestampMs(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw * 1000;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const asNumber = Number(raw);
    const ms = Number.isFinite(asNumber) ? asNumber * 1000 : Date.parse(raw);
    return Number.isFinite(ms) ? ms : null;
  }
  if (raw instanceof Date && Number.isFinite(raw.getTime())) return raw.getTime();
  return null;
}

const MAX_ERRORS = 20;

/**
 * The hourly series of a GetMetricData answer, checked against the documented queries of `source`.
 * Results with the same Id (pages the CLI printed one after the other) are merged.
 */
export function parseMetricData(raw: unknown, source: MetricSource, path = 'metricData'): MetricData {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ field, message });
  };
  if (!isObject(raw) || !Array.isArray(raw.MetricDataResults)) {
    throw new ValidationError([
      {
        field: path,
        message: `${path} must be the JSON that \`aws cloudwatch get-metric-data\` prints: an object with MetricDataResults`,
      },
    ]);
  }
  const known = metricIds(source);
  const series: Record<string, HourlySeries> = {};
  raw.MetricDataResults.forEach((result: unknown, i: number) => {
    const at = `${path}.MetricDataResults[${i}]`;
    if (!isObject(result)) return fail(at, `${at} must be an object with Id, Timestamps and Values`);
    const id = result.Id;
    if (typeof id !== 'string') return fail(`${at}.Id`, `${at}.Id must be a string`);
    if (!known.includes(id)) {
      return fail(
        `${at}.Id`,
        `unknown query id "${id}": for ${source} streamfit reads ${known.join(', ')} (docs/metrics)`,
      );
    }
    // Present, even when malformed below: it is then named for what is wrong with it, not as missing.
    const entry = (series[id] ??= { id, points: new Map() });
    const status = result.StatusCode;
    if (status === 'Forbidden' || status === 'InternalError') {
      return fail(`${at}.StatusCode`, `CloudWatch answered ${status} for ${id}: its values cannot be used`);
    }
    const { Timestamps: timestamps, Values: values } = result;
    if (!Array.isArray(timestamps)) return fail(`${at}.Timestamps`, `${id}: Timestamps must be an array`);
    if (!Array.isArray(values)) return fail(`${at}.Values`, `${id}: Values must be an array`);
    if (timestamps.length !== values.length) {
      return fail(
        `${at}.Values`,
        `${id}: ${timestamps.length} timestamps but ${values.length} values (each value needs its timestamp)`,
      );
    }
    if (typeof status === 'string') entry.statusCode = status;
    for (let k = 0; k < timestamps.length; k++) {
      const ms = timestampMs(timestamps[k]);
      const value = values[k] as unknown;
      if (ms === null) {
        fail(`${at}.Timestamps[${k}]`, `${id}: Timestamps[${k}] is not a timestamp (ISO 8601 or epoch seconds)`);
        continue;
      }
      if (ms % HOUR_MS !== 0) {
        fail(
          `${at}.Timestamps[${k}]`,
          `${id}: Timestamps[${k}] (${new Date(ms).toISOString()}) is not on a whole hour: the documented queries ask one value per hour (Period 3600)`,
        );
        continue;
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail(`${at}.Values[${k}]`, `${id}: Values[${k}] must be a finite number`);
        continue;
      }
      if (value < 0) {
        fail(`${at}.Values[${k}]`, `${id}: Values[${k}] is negative (${value}): bytes and records cannot be`);
        continue;
      }
      if (entry.points.has(ms)) {
        fail(`${at}.Timestamps[${k}]`, `${id}: two values for the hour ${new Date(ms).toISOString()}`);
        continue;
      }
      entry.points.set(ms, value);
    }
  });
  for (const query of METRIC_QUERIES[source]) {
    if (!series[query.id]) {
      fail(
        `${path}.MetricDataResults`,
        `metric ${query.id} (${query.metric}) is missing: run every query of docs/metrics for ${source}`,
      );
    }
  }
  if (errors.length === 0) {
    const written = METRIC_QUERIES[source].find((q) => q.counts === 'BYTES_WRITTEN')!.id;
    const hours = series[written].points.size;
    if (hours < MIN_HOURS) {
      fail(
        `${path}.MetricDataResults`,
        `${written} has ${count(hours, 'hourly value')}: at least ${MIN_HOURS} (one day) are needed to derive a daily profile`,
      );
    } else {
      const hoursOfDay = new Set([...series[written].points.keys()].map((ms) => new Date(ms).getUTCHours()));
      const absent = Array.from({ length: 24 }, (_, h) => h).filter((h) => !hoursOfDay.has(h));
      if (absent.length > 0) {
        fail(
          `${path}.MetricDataResults`,
          `${written} has no value for ${absent.length === 1 ? 'hour' : 'hours'} ${absent.join(', ')} (UTC) of the day: the daily profile needs every hour`,
        );
      }
    }
  }
  if (errors.length > 0) throw new ValidationError(errors, 'The metric data is not usable');
  for (const entry of Object.values(series)) {
    entry.points = new Map([...entry.points.entries()].sort((a, b) => a[0] - b[0]));
  }
  const messages = Array.isArray(raw.Messages)
    ? raw.Messages.filter(isObject).map((m) => `${String(m.Code ?? '')}: ${String(m.Value ?? '')}`)
    : [];
  return { source, series, messages };
}
