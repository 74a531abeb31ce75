/** OpenAPI documents of POST /v1/workloads/from-metrics (the checks are in from-metrics-request.ts). */
import { METRIC_DAYS, METRIC_SOURCES, OPTION_CODES, TRAFFIC_PATTERNS, WORKLOAD_JSON_SCHEMA } from '../domain';

const { minimum, maximum } = WORKLOAD_JSON_SCHEMA.properties.retentionHours;

export const FROM_METRICS_REQUEST_OPENAPI = {
  type: 'object',
  example: { region: 'us-east-1', source: 'KINESIS_STREAM', name: 'orders', days: 14 },
  additionalProperties: false,
  required: ['source'],
  properties: {
    region: {
      type: 'string',
      example: 'us-east-1',
      description: 'AWS region of the stream or cluster (default us-east-1)',
    },
    source: { type: 'string', enum: [...METRIC_SOURCES] },
    name: { type: 'string', description: 'Live: the Kinesis stream name' },
    arn: { type: 'string', description: 'Live: the Kinesis stream ARN or the MSK cluster ARN' },
    days: {
      type: 'integer',
      minimum: METRIC_DAYS.min,
      maximum: METRIC_DAYS.max,
      default: METRIC_DAYS.default,
      description: 'Live: days of metrics to read, up to the last whole hour',
    },
    metricData: {
      type: 'object',
      description:
        'Offline: what `aws cloudwatch get-metric-data` prints for the queries of docs/metrics (MetricDataResults with Id, Timestamps, Values)',
      properties: { MetricDataResults: { type: 'array', items: { type: 'object' } } },
    },
    retentionHours: { type: 'number', minimum, maximum, description: 'Beside the metrics: retention' },
    sharedConsumers: { type: 'integer', minimum: 0, description: 'Beside the metrics: shared consumers' },
    dedicatedConsumers: { type: 'integer', minimum: 0, description: 'Beside the metrics: dedicated consumers' },
    trafficPattern: {
      type: 'string',
      enum: [...TRAFFIC_PATTERNS],
      description: 'Beside the metrics: overrides the derived pattern',
    },
    current: {
      type: 'object',
      description: 'Offline: what runs, to price it at today’s rates',
      additionalProperties: false,
      required: ['option'],
      properties: {
        option: { type: 'string', enum: [...OPTION_CODES] },
        shards: { type: 'integer', minimum: 1 },
        brokers: { type: 'integer', minimum: 1 },
        brokerType: { type: 'string', example: 'kafka.m5.large' },
        storageGbPerBroker: { type: 'integer', minimum: 1 },
      },
    },
  },
};

export const FROM_METRICS_RESPONSE_OPENAPI = {
  type: 'object',
  properties: {
    workload: {
      type: 'object',
      description:
        'The standard workload (as POST /v1/evaluations takes it): hourlyWriteMBps, peakWriteMBps, avgRecordSizeKB, consumers, retentionHours, trafficPattern',
    },
    observed: {
      type: 'object',
      description:
        'period, coverage (expected hours, hours with data, missing hours and ranges), statistics (average, p99 hour, max hour, record size, read fan-out), derivation (each number and how it was got), warnings',
    },
    current: {
      type: 'object',
      nullable: true,
      description:
        'What runs (configuration), its monthly cost at today’s rates, line items and how; null when neither read nor stated',
    },
  },
};
