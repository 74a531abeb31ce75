/**
 * The workload: input contract (spec section 2), its JSON Schema, and normalization into the
 * quantities every rule, sizing and cost function uses.
 */
import { type FieldError, ValidationError } from './errors';
import {
  BILLING_BASIS,
  type BillingBasis,
  DAYS_PER_MONTH,
  HOURS_PER_DAY,
  KB_PER_MB,
  MB_PER_GB,
  SECONDS_PER_HOUR,
} from './units';
import { HOURS_IN_PROFILE, isFlatProfile, maxWindowGb, profilePattern, summarizeProfile } from './traffic-profile';

export const TRAFFIC_PATTERNS = ['STEADY', 'VARIABLE', 'UNPREDICTABLE'] as const;
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];

/**
 * Peak-to-average write factors used when `peakWriteMBps` is not given (confidence: ASSUMPTION).
 * STEADY 1.2: a flat load still has minute-level jitter; 20 % covers it.
 * VARIABLE 2: a daily cycle whose busy hours run at about twice the average.
 * UNPREDICTABLE 4: bursts of several times the average (on-demand Kinesis absorbs up to 2x its previous peak).
 */
export const PEAK_FACTORS: Readonly<Record<TrafficPattern, number>> = {
  STEADY: 1.2,
  VARIABLE: 2,
  UNPREDICTABLE: 4,
};

export const MSK_BROKER_FAMILIES = ['m5', 'm7g'] as const;
export type MskBrokerFamily = (typeof MSK_BROKER_FAMILIES)[number];

/** Defaults applied by `normalizeWorkload`. sharedConsumers defaults to 1: a stream nobody reads is not a workload. */
export const WORKLOAD_DEFAULTS = {
  region: 'us-east-1',
  sharedConsumers: 1,
  dedicatedConsumers: 0,
  retentionHours: 24,
  trafficPattern: 'STEADY' as TrafficPattern,
  activeHoursPerDay: 24,
  rackAwareConsumers: false,
} as const;

export interface WorkloadInput {
  region?: string;
  ingestGbPerDay?: number;
  avgWriteMBps?: number;
  /** 24 hourly average write rates of a typical day, MB/s (hour 0 = 00:00–01:00): a third way to give volume. */
  hourlyWriteMBps?: number[];
  peakWriteMBps?: number;
  avgRecordSizeKB: number;
  maxRecordSizeKB?: number;
  sharedConsumers?: number;
  dedicatedConsumers?: number;
  retentionHours?: number;
  trafficPattern?: TrafficPattern;
  activeHoursPerDay?: number;
  latencyTargetMs?: number;
  existingKafkaClients?: boolean;
  needsKafkaConnect?: boolean;
  needsKafkaStreams?: boolean;
  needsCrossRegionReplication?: boolean;
  lambdaConsumers?: boolean;
  /** Engine tuning: MSK consumers fetch from the closest replica (KIP-392), so consumer traffic stays in-AZ. */
  rackAwareConsumers?: boolean;
  /** Engine tuning: total topic partitions (leaders) the MSK cluster must hold; default derived from throughput. */
  partitions?: number;
  /** Engine tuning: restrict MSK Standard brokers to one family (e.g. to match the decision guide's m5 example). */
  mskBrokerFamily?: MskBrokerFamily;
}

/**
 * JSON Schema (draft 2020-12, OpenAPI 3.1 compatible) of `WorkloadInput`.
 * Cross-field rules (exactly one of ingestGbPerDay / avgWriteMBps; peak ≥ avg; max record ≥ avg record)
 * are enforced by `normalizeWorkload`.
 */
export const WORKLOAD_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://streamfit.internal/schemas/workload-input.json',
  title: 'WorkloadInput',
  description:
    'A streaming workload to evaluate. Give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps. Units: KB = 1,024 bytes, MB = 1,024 KB, GB = 1,024 MB.',
  type: 'object',
  additionalProperties: false,
  required: ['avgRecordSizeKB'],
  properties: {
    region: {
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-\\d$',
      default: 'us-east-1',
      description: 'AWS region code.',
      examples: ['us-east-1'],
    },
    ingestGbPerDay: {
      type: 'number',
      minimum: 0,
      maximum: 1000000,
      description: 'Average data written per day, GB (1 GB = 1,024 MB). Give this or avgWriteMBps, not both.',
      examples: [100],
    },
    avgWriteMBps: {
      type: 'number',
      minimum: 0,
      maximum: 100000,
      description: 'Average write throughput during the active hours, MB/s. Give this or ingestGbPerDay, not both.',
      examples: [1.5],
    },
    hourlyWriteMBps: {
      type: 'array',
      items: { type: 'number', minimum: 0, maximum: 100000 },
      minItems: 24,
      maxItems: 24,
      description:
        'A typical day as 24 hourly average write rates, MB/s (hour 0 = 00:00–01:00): a third way to give volume, instead of ingestGbPerDay or avgWriteMBps. Provisioned capacity (shards, brokers) is sized for the peak hour (with headroom); on-demand, Advantage and Serverless bill the bytes of each hour. Implies activeHoursPerDay (hours above 0) and, unless trafficPattern is given, the pattern (peak hour ≤ 1.5 × the average active hour: STEADY, else VARIABLE).',
      examples: [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40, 40, 40, 40, 1, 1, 1, 1]],
    },
    peakWriteMBps: {
      type: 'number',
      minimum: 0,
      maximum: 100000,
      description:
        'Peak write throughput, MB/s; must be ≥ the average. Default: average × the peak factor of trafficPattern (STEADY 1.2, VARIABLE 2, UNPREDICTABLE 4).',
      examples: [5],
    },
    avgRecordSizeKB: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 102400,
      description: 'Average record (message) size, KB.',
      examples: [1],
    },
    maxRecordSizeKB: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 102400,
      description: 'Largest record the producers send, KB; must be ≥ avgRecordSizeKB. Default: avgRecordSizeKB.',
      examples: [4],
    },
    sharedConsumers: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 1,
      description: 'Consumer applications that each read the whole stream through the shared/standard path.',
      examples: [2],
    },
    dedicatedConsumers: {
      type: 'integer',
      minimum: 0,
      maximum: 1000,
      default: 0,
      description:
        'Consumer applications that need dedicated read throughput (Kinesis enhanced fan-out; separate consumer groups on MSK).',
      examples: [0],
    },
    retentionHours: {
      type: 'number',
      minimum: 1,
      maximum: 87600,
      default: 24,
      description: 'How long data must stay readable, hours.',
      examples: [24],
    },
    trafficPattern: {
      type: 'string',
      enum: ['STEADY', 'VARIABLE', 'UNPREDICTABLE'],
      default: 'STEADY',
      description: 'Shape of the load over the day; sets the default peak factor.',
      examples: ['STEADY'],
    },
    activeHoursPerDay: {
      type: 'number',
      minimum: 1,
      maximum: 24,
      default: 24,
      description: 'Hours per day the producers write; the average write rate applies during these hours.',
      examples: [24],
    },
    latencyTargetMs: {
      type: 'number',
      minimum: 1,
      maximum: 600000,
      description: 'End-to-end p99 latency the consumers need, milliseconds.',
      examples: [1000],
    },
    existingKafkaClients: {
      type: 'boolean',
      default: false,
      description: 'Producers, consumers or tooling already speak the Kafka protocol.',
      examples: [false],
    },
    needsKafkaConnect: {
      type: 'boolean',
      default: false,
      description: 'Needs Kafka Connect / managed connectors (CDC, sinks).',
      examples: [false],
    },
    needsKafkaStreams: {
      type: 'boolean',
      default: false,
      description: 'Needs Kafka Streams (stateful joins, windows, KTables).',
      examples: [false],
    },
    needsCrossRegionReplication: {
      type: 'boolean',
      default: false,
      description: 'Must replicate the stream to another region.',
      examples: [false],
    },
    lambdaConsumers: {
      type: 'boolean',
      default: false,
      description: 'Consumers are AWS Lambda functions.',
      examples: [false],
    },
    rackAwareConsumers: {
      type: 'boolean',
      default: false,
      description:
        'Engine tuning (MSK): consumers fetch from the replica in their own AZ, so consumer reads cross no AZ boundary.',
      examples: [false],
    },
    partitions: {
      type: 'integer',
      minimum: 1,
      maximum: 200000,
      description:
        'Engine tuning (MSK): total topic partitions (leaders). Default: enough for 5 MB/s in and 10 MB/s out per partition, at least 12.',
      examples: [12],
    },
    mskBrokerFamily: {
      type: 'string',
      enum: ['m5', 'm7g'],
      description: 'Engine tuning (MSK provisioned): restrict Standard brokers to this family. Default: the cheapest that fits.',
      examples: ['m7g'],
    },
  },
} as const;

export type WorkloadField = keyof typeof WORKLOAD_JSON_SCHEMA.properties;

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

const PROPS = WORKLOAD_JSON_SCHEMA.properties as Record<string, PropertySchema>;

interface PropertySchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: readonly string[];
  pattern?: string;
}

const PATTERN_CACHE = new Map<string, RegExp>();
const regex = (p: string): RegExp => {
  let r = PATTERN_CACHE.get(p);
  if (!r) {
    r = new RegExp(p);
    PATTERN_CACHE.set(p, r);
  }
  return r;
};

/** Checks one property against the schema; returns a message or null. */
function checkProperty(name: string, schema: PropertySchema, value: unknown): string | null {
  switch (schema.type) {
    case 'array':
      return null; // hourlyWriteMBps: checked item by item by checkProfile
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name} must be a boolean`;
    case 'string':
      if (typeof value !== 'string') return `${name} must be a string`;
      if (schema.enum && !schema.enum.includes(value)) return `${name} must be one of ${schema.enum.join(', ')}`;
      if (schema.pattern && !regex(schema.pattern).test(value))
        return `${name} must match the pattern ${schema.pattern} (e.g. us-east-1)`;
      return null;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
      if (schema.type === 'integer' && !Number.isInteger(value)) return `${name} must be an integer`;
      if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum))
        return `${name} must be greater than ${schema.exclusiveMinimum}`;
      if (schema.minimum !== undefined && value < schema.minimum)
        return `${name} must be greater than or equal to ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum)
        return `${name} must be less than or equal to ${schema.maximum}`;
      return null;
  }
}

/** hourlyWriteMBps: exactly 24 finite numbers within the item bounds; each bad hour named by its index. */
function checkProfile(value: unknown, field: string): FieldError[] {
  const item = WORKLOAD_JSON_SCHEMA.properties.hourlyWriteMBps.items;
  if (!Array.isArray(value)) return [{ field, message: `hourlyWriteMBps must be an array of ${HOURS_IN_PROFILE} numbers (MB/s per hour of the day)` }];
  if (value.length !== HOURS_IN_PROFILE)
    return [{ field, message: `hourlyWriteMBps must hold exactly ${HOURS_IN_PROFILE} hourly values (hour 0 = 00:00–01:00); got ${value.length}` }];
  const errors: FieldError[] = [];
  value.forEach((r, h) => {
    if (typeof r !== 'number' || !Number.isFinite(r)) errors.push({ field: `${field}[${h}]`, message: `hourlyWriteMBps[${h}] must be a finite number` });
    else if (r < item.minimum) errors.push({ field: `${field}[${h}]`, message: `hourlyWriteMBps[${h}] must be greater than or equal to ${item.minimum}` });
    else if (r > item.maximum) errors.push({ field: `${field}[${h}]`, message: `hourlyWriteMBps[${h}] must be less than or equal to ${item.maximum}` });
  });
  return errors;
}

export interface NormalizeOptions {
  /** Prefix of field paths in errors (default `workload`; GraphQL adapters may pass `input`). */
  path?: string;
}

/**
 * Validates the input against the schema and the cross-field rules, applies defaults and derives
 * records/s, peak, monthly volumes and stored GB. Throws `ValidationError` listing every bad field.
 */
export function normalizeWorkload(input: WorkloadInput, options: NormalizeOptions = {}): NormalizedWorkload {
  const prefix = options.path === undefined ? 'workload' : options.path;
  const at = (field: string): string => (prefix ? `${prefix}.${field}` : field);
  const errors: FieldError[] = [];

  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError([{ field: prefix || 'workload', message: 'workload must be an object' }]);
  }
  const raw = input as unknown as Record<string, unknown>;
  const v: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    const schema = PROPS[key];
    if (!schema) {
      errors.push({ field: at(key), message: `${key} is not a known workload field` });
      continue;
    }
    if (value === undefined || value === null) continue;
    if (schema.type === 'array') {
      const bad = checkProfile(value, at(key));
      if (bad.length) errors.push(...bad);
      else v[key] = value;
      continue;
    }
    const message = checkProperty(key, schema, value);
    if (message) errors.push({ field: at(key), message });
    else v[key] = value;
  }
  if (raw.avgRecordSizeKB === undefined || raw.avgRecordSizeKB === null) {
    errors.push({ field: at('avgRecordSizeKB'), message: 'avgRecordSizeKB is required' });
  }

  const hasIngest = v.ingestGbPerDay !== undefined;
  const hasAvg = v.avgWriteMBps !== undefined;
  const ingestPresent = raw.ingestGbPerDay !== undefined && raw.ingestGbPerDay !== null;
  const avgPresent = raw.avgWriteMBps !== undefined && raw.avgWriteMBps !== null;
  const profilePresent = raw.hourlyWriteMBps !== undefined && raw.hourlyWriteMBps !== null;
  const profile = v.hourlyWriteMBps as number[] | undefined;
  if (profilePresent && (ingestPresent || avgPresent)) {
    const message = 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps';
    errors.push({ field: at('hourlyWriteMBps'), message });
    if (ingestPresent) errors.push({ field: at('ingestGbPerDay'), message });
    if (avgPresent) errors.push({ field: at('avgWriteMBps'), message });
  } else if (profilePresent) {
    if (raw.activeHoursPerDay !== undefined && raw.activeHoursPerDay !== null)
      errors.push({ field: at('activeHoursPerDay'), message: 'activeHoursPerDay cannot be given with hourlyWriteMBps: the profile says which hours are active' });
  } else if (ingestPresent && avgPresent) {
    const message = 'give exactly one of ingestGbPerDay or avgWriteMBps, not both';
    errors.push({ field: at('ingestGbPerDay'), message }, { field: at('avgWriteMBps'), message });
  } else if (!ingestPresent && !avgPresent) {
    const message = 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps';
    errors.push({ field: at('ingestGbPerDay'), message }, { field: at('avgWriteMBps'), message }, { field: at('hourlyWriteMBps'), message });
  }

  let activeHoursPerDay = (v.activeHoursPerDay as number | undefined) ?? WORKLOAD_DEFAULTS.activeHoursPerDay;
  const avgRecordSizeKB = v.avgRecordSizeKB as number | undefined;

  let ingestGbPerDay = 0;
  let avgWriteMBps = 0;
  if (hasIngest && !avgPresent) {
    ingestGbPerDay = v.ingestGbPerDay as number;
    avgWriteMBps = (ingestGbPerDay * MB_PER_GB) / (activeHoursPerDay * SECONDS_PER_HOUR);
  } else if (hasAvg && !ingestPresent) {
    avgWriteMBps = v.avgWriteMBps as number;
    ingestGbPerDay = (avgWriteMBps * activeHoursPerDay * SECONDS_PER_HOUR) / MB_PER_GB;
  }

  const summary = profile ? summarizeProfile(profile) : null;
  if (summary && !ingestPresent && !avgPresent) {
    ingestGbPerDay = summary.ingestGbPerDay;
    avgWriteMBps = summary.avgWriteMBps;
    activeHoursPerDay = summary.activeHoursPerDay;
  }
  const givenPattern = v.trafficPattern as TrafficPattern | undefined;
  const trafficPattern = givenPattern ?? (summary ? profilePattern(summary) : WORKLOAD_DEFAULTS.trafficPattern);
  const givenPeak = v.peakWriteMBps as number | undefined;
  const throughputKnown = !profilePresent && ((hasIngest && !avgPresent) || (hasAvg && !ingestPresent));
  if (givenPeak !== undefined && summary && givenPeak < summary.peakHourMBps) {
    errors.push({
      field: at('peakWriteMBps'),
      message: `peakWriteMBps must be greater than or equal to the busiest hour of hourlyWriteMBps (${formatNumber(summary.peakHourMBps)} MB/s at hour ${summary.peakHour})`,
    });
  }
  if (givenPeak !== undefined && throughputKnown && givenPeak < avgWriteMBps) {
    errors.push({
      field: at('peakWriteMBps'),
      message: `peakWriteMBps must be greater than or equal to avgWriteMBps (${formatNumber(avgWriteMBps)} MB/s${
        hasIngest ? ` = ingestGbPerDay over ${activeHoursPerDay} active hours` : ''
      })`,
    });
  }
  const givenMax = v.maxRecordSizeKB as number | undefined;
  if (givenMax !== undefined && avgRecordSizeKB !== undefined && givenMax < avgRecordSizeKB) {
    errors.push({
      field: at('maxRecordSizeKB'),
      message: 'maxRecordSizeKB must be greater than or equal to avgRecordSizeKB',
    });
  }

  if (errors.length > 0) throw new ValidationError(errors, 'The workload is not valid');

  const recordKB = avgRecordSizeKB as number;
  const peakWriteMBps = givenPeak ?? (summary ? summary.peakHourMBps : avgWriteMBps * PEAK_FACTORS[trafficPattern]);
  const retentionHours = (v.retentionHours as number | undefined) ?? WORKLOAD_DEFAULTS.retentionHours;
  const sharedConsumers = (v.sharedConsumers as number | undefined) ?? WORKLOAD_DEFAULTS.sharedConsumers;
  const dedicatedConsumers = (v.dedicatedConsumers as number | undefined) ?? WORKLOAD_DEFAULTS.dedicatedConsumers;
  const monthlyIngestGb = ingestGbPerDay * DAYS_PER_MONTH;
  const avgStoredGb = (ingestGbPerDay * retentionHours) / HOURS_PER_DAY;
  const windowGb = profile && !isFlatProfile(profile)
    ? maxWindowGb(profile, retentionHours)
    : (avgWriteMBps * Math.min(retentionHours, activeHoursPerDay) * SECONDS_PER_HOUR) / MB_PER_GB;
  const peakSource = givenPeak !== undefined ? 'INPUT' : summary ? 'HOURLY_PROFILE' : 'TRAFFIC_PATTERN';

  return {
    region: (v.region as string | undefined) ?? WORKLOAD_DEFAULTS.region,
    throughputGivenAs: summary ? 'hourlyWriteMBps' : hasIngest ? 'ingestGbPerDay' : 'avgWriteMBps',
    ingestGbPerDay,
    avgWriteMBps,
    hourlyWriteMBps: profile ? [...profile] : null,
    peakWriteMBps,
    peakSource,
    peakFactor: peakSource === 'TRAFFIC_PATTERN' ? PEAK_FACTORS[trafficPattern] : avgWriteMBps > 0 ? peakWriteMBps / avgWriteMBps : 1,
    avgRecordSizeKB: recordKB,
    maxRecordSizeKB: givenMax ?? recordKB,
    sharedConsumers,
    dedicatedConsumers,
    retentionHours,
    trafficPattern,
    trafficPatternSource: givenPattern ? 'INPUT' : summary ? 'HOURLY_PROFILE' : 'DEFAULT',
    activeHoursPerDay,
    latencyTargetMs: (v.latencyTargetMs as number | undefined) ?? null,
    existingKafkaClients: (v.existingKafkaClients as boolean | undefined) ?? false,
    needsKafkaConnect: (v.needsKafkaConnect as boolean | undefined) ?? false,
    needsKafkaStreams: (v.needsKafkaStreams as boolean | undefined) ?? false,
    needsCrossRegionReplication: (v.needsCrossRegionReplication as boolean | undefined) ?? false,
    lambdaConsumers: (v.lambdaConsumers as boolean | undefined) ?? false,
    rackAwareConsumers: (v.rackAwareConsumers as boolean | undefined) ?? WORKLOAD_DEFAULTS.rackAwareConsumers,
    partitions: (v.partitions as number | undefined) ?? null,
    mskBrokerFamily: (v.mskBrokerFamily as MskBrokerFamily | undefined) ?? null,
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

function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

export interface EvaluationBasis extends BillingBasis {
  /** Peak factors per traffic pattern used when peakWriteMBps is not given. */
  peakFactors: Readonly<Record<TrafficPattern, number>>;
}

/** The basis returned with every result: billing units plus the peak factors. */
export const EVALUATION_BASIS: EvaluationBasis = { ...BILLING_BASIS, peakFactors: PEAK_FACTORS };
