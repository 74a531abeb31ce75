/**
 * POST /v1/workloads/from-metrics: the request and its one check (every bad field in one 400).
 * Two ways in: `metricData` (what `aws cloudwatch get-metric-data` printed for the queries of docs/metrics),
 * or a stream / cluster `name` or `arn` the server reads live (when it has AWS access).
 */
import {
  type FieldError,
  isMetricSource,
  isObject,
  METRIC_DAYS,
  METRIC_SOURCES,
  type MetricSource,
  OPTION_CODES,
  isOptionCode,
  type RunningConfiguration,
  type StatedConfiguration,
  TRAFFIC_PATTERNS,
  type TrafficPattern,
  ValidationError,
  WORKLOAD_DEFAULTS,
  WORKLOAD_JSON_SCHEMA,
} from '../domain';
import { checkAsStandardSchema } from '../common/validation/standard-schema';
import { REGION_PATTERN } from '../rates/known-regions';

export interface FromMetricsRequest {
  region: string;
  source: MetricSource;
  name?: string;
  arn?: string;
  days: number;
  metricData?: unknown;
  stated: StatedConfiguration;
  /** Offline: what runs, stated (the live path reads it). */
  current?: RunningConfiguration;
}

const FIELDS = [
  'region',
  'source',
  'name',
  'arn',
  'days',
  'metricData',
  'retentionHours',
  'sharedConsumers',
  'dedicatedConsumers',
  'trafficPattern',
  'current',
];
const CURRENT_FIELDS = ['option', 'shards', 'brokers', 'brokerType', 'storageGbPerBroker'];

const ARN = /^arn:aws[a-z-]*:(kinesis|kafka):([a-z0-9-]+):\d{12}:(stream|cluster)\/([^/]+)(\/.+)?$/;

function wholeAtLeast(errors: FieldError[], field: string, value: unknown, min: number, max = 1e9): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.push({ field, message: `${field} must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return value;
}

function parseCurrent(raw: unknown, errors: FieldError[]): RunningConfiguration | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    errors.push({
      field: 'current',
      message: 'current must be an object: { option, shards?, brokers?, brokerType?, storageGbPerBroker? }',
    });
    return undefined;
  }
  for (const key of Object.keys(raw))
    if (!CURRENT_FIELDS.includes(key))
      errors.push({ field: `current.${key}`, message: `current.${key} is not a known field` });
  if (!isOptionCode(raw.option)) {
    errors.push({ field: 'current.option', message: `current.option must be one of ${OPTION_CODES.join(', ')}` });
    return undefined;
  }
  const out: RunningConfiguration = { option: raw.option };
  const shards = wholeAtLeast(errors, 'current.shards', raw.shards, 1, 100000);
  const brokers = wholeAtLeast(errors, 'current.brokers', raw.brokers, 1, 1000);
  const storage = wholeAtLeast(errors, 'current.storageGbPerBroker', raw.storageGbPerBroker, 1, 16384);
  if (shards !== undefined) out.shards = shards;
  if (brokers !== undefined) out.brokers = brokers;
  if (storage !== undefined) out.storageGbPerBroker = storage;
  if (raw.brokerType !== undefined) {
    if (typeof raw.brokerType !== 'string' || !/^(kafka|express)\.[a-z0-9]+\.[a-z0-9]+$/.test(raw.brokerType))
      errors.push({
        field: 'current.brokerType',
        message: 'current.brokerType must be an MSK broker type, e.g. kafka.m5.large or express.m7g.large',
      });
    else out.brokerType = raw.brokerType;
  }
  return out;
}

export function parseFromMetricsRequest(body: unknown): FromMetricsRequest {
  if (!isObject(body))
    throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
  const errors: FieldError[] = [];
  for (const key of Object.keys(body))
    if (!FIELDS.includes(key)) errors.push({ field: key, message: `${key} is not a known field` });

  const region = body.region ?? WORKLOAD_DEFAULTS.region;
  if (typeof region !== 'string' || !REGION_PATTERN.test(region))
    errors.push({ field: 'region', message: 'region must be an AWS region code, e.g. us-east-1' });
  const source = body.source;
  if (!isMetricSource(source))
    errors.push({ field: 'source', message: `source must be one of ${METRIC_SOURCES.join(', ')}` });

  const name = body.name;
  const arn = body.arn;
  if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(name)))
    errors.push({
      field: 'name',
      message: 'name must be a stream or cluster name (letters, digits, _ . -; up to 128)',
    });
  let arnMatch: RegExpExecArray | null = null;
  if (arn !== undefined) {
    arnMatch = typeof arn === 'string' ? ARN.exec(arn) : null;
    if (!arnMatch)
      errors.push({
        field: 'arn',
        message:
          'arn must be a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME) or an MSK cluster ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID)',
      });
    else {
      const service = source === 'MSK_CLUSTER' ? 'kafka' : 'kinesis';
      if (isMetricSource(source) && arnMatch[1] !== service)
        errors.push({ field: 'arn', message: `arn names a ${arnMatch[1]} resource but source is ${source}` });
      if (typeof region === 'string' && arnMatch[2] !== region)
        errors.push({ field: 'arn', message: `arn is in ${arnMatch[2]} but region is ${region}` });
    }
  }

  const offline = body.metricData !== undefined;
  if (!offline) {
    if (name === undefined && arn === undefined)
      errors.push({
        field: 'metricData',
        message:
          'give metricData (the JSON `aws cloudwatch get-metric-data` prints for the queries of docs/metrics), or name the stream (name or arn) or the cluster (arn) for the server to read',
      });
    if (source === 'MSK_CLUSTER' && arn === undefined && name !== undefined)
      errors.push({
        field: 'arn',
        message: 'an MSK cluster is read by its ARN (DescribeClusterV2 takes the ARN, not the name)',
      });
    if (body.current !== undefined)
      errors.push({
        field: 'current',
        message: 'current is read from the stream or cluster on the live path; give it only with metricData',
      });
  } else if (body.days !== undefined) {
    errors.push({ field: 'days', message: 'days applies to the live read; with metricData the window is the data’s' });
  }
  const days = wholeAtLeast(errors, 'days', body.days, METRIC_DAYS.min, METRIC_DAYS.max) ?? METRIC_DAYS.default;

  const stated: StatedConfiguration = {};
  if (body.retentionHours !== undefined) {
    const r = body.retentionHours;
    // The workload's bounds (declared once, in its schema).
    const { minimum, maximum } = WORKLOAD_JSON_SCHEMA.properties.retentionHours;
    if (typeof r !== 'number' || !Number.isFinite(r) || r < minimum || r > maximum)
      errors.push({
        field: 'retentionHours',
        message: `retentionHours must be a number from ${minimum} to ${maximum}`,
      });
    else stated.retentionHours = r;
  }
  const shared = wholeAtLeast(errors, 'sharedConsumers', body.sharedConsumers, 0, 10000);
  const dedicated = wholeAtLeast(errors, 'dedicatedConsumers', body.dedicatedConsumers, 0, 10000);
  if (shared !== undefined) stated.sharedConsumers = shared;
  if (dedicated !== undefined) stated.dedicatedConsumers = dedicated;
  if (body.trafficPattern !== undefined) {
    if (!(TRAFFIC_PATTERNS as readonly unknown[]).includes(body.trafficPattern))
      errors.push({ field: 'trafficPattern', message: `trafficPattern must be one of ${TRAFFIC_PATTERNS.join(', ')}` });
    else stated.trafficPattern = body.trafficPattern as TrafficPattern;
  }
  const current = offline ? parseCurrent(body.current, errors) : undefined;
  if (errors.length) throw new ValidationError(errors);
  return {
    region: region as string,
    source: source as MetricSource,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof arn === 'string' ? { arn } : {}),
    days,
    ...(offline ? { metricData: body.metricData } : {}),
    stated,
    ...(current ? { current } : {}),
  };
}

export const FromMetricsRequestSchema = checkAsStandardSchema('streamfit', parseFromMetricsRequest);
