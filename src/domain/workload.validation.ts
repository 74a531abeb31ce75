/**
 * Checks a workload input against WORKLOAD_JSON_SCHEMA (types, bounds, enums, patterns, unknown fields) and
 * the cross-field rules (exactly one of ingestGbPerDay / avgWriteMBps; peak ≥ average; max record ≥ average
 * record). Every bad field is reported at once, in one ValidationError.
 */
import { type FieldError, ValidationError } from './errors';
import { isObject } from './field-checks';
import { meantName, unknownFieldMessage } from './near-miss';
import { HOURS_IN_PROFILE, type ProfileSummary, summarizeProfile } from './traffic-profile';
import { type Delivery, normalizeDeliverTo } from './pipeline/delivery';
import { DAYS_PER_MONTH, KB_PER_MB, MB_PER_GB, SECONDS_PER_HOUR } from './units';
import {
  MAX_RECORD_SIZE_BUCKETS,
  PEAK_FACTORS,
  type RecordSizeBucket,
  WORKLOAD_DEFAULTS,
  WORKLOAD_JSON_SCHEMA,
  type WorkloadInput,
} from './workload';

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

/** Checks a record-size histogram: 1..20 buckets of { sizeKB, share }, shares summing to 1. */
function checkDistribution(name: string, value: unknown): string | null {
  if (!Array.isArray(value)) return `${name} must be an array of { sizeKB, share } buckets`;
  if (value.length < 1 || value.length > MAX_RECORD_SIZE_BUCKETS)
    return `${name} must have 1 to ${MAX_RECORD_SIZE_BUCKETS} buckets`;
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const b: unknown = value[i];
    if (!isObject(b)) return `${name}[${i}] must be an object { sizeKB, share }`;
    const extra = Object.keys(b).find((k) => k !== 'sizeKB' && k !== 'share');
    if (extra) return `${name}[${i}].${extra} is not a known field (sizeKB, share)`;
    const size = b.sizeKB;
    const share = b.share;
    if (typeof size !== 'number' || !Number.isFinite(size) || !(size > 0) || size > 102400)
      return `${name}[${i}].sizeKB must be a number greater than 0 and at most 102400`;
    if (typeof share !== 'number' || !Number.isFinite(share) || !(share > 0) || share > 1)
      return `${name}[${i}].share must be a number greater than 0 and at most 1`;
    total += share;
  }
  if (Math.abs(total - 1) > 1e-3) return `${name} shares must sum to 1 (they sum to ${formatNumber(total)})`;
  return null;
}

/** Mean record size of a histogram, KB. */
export const distributionMeanKB = (buckets: readonly RecordSizeBucket[]): number =>
  buckets.reduce((m, b) => m + b.sizeKB * b.share, 0);

/** Checks one property against the schema; returns a message or null. */
function checkProperty(name: string, schema: PropertySchema, value: unknown): string | null {
  switch (schema.type) {
    case 'array':
      // deliverTo's items are checked by its own normalizer (normalizeDeliverTo); hourlyWriteMBps item by item by checkProfile.
      if (name === 'deliverTo') return Array.isArray(value) ? null : `${name} must be a list`;
      return checkDistribution(name, value);
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
  if (!Array.isArray(value))
    return [
      { field, message: `hourlyWriteMBps must be an array of ${HOURS_IN_PROFILE} numbers (MB/s per hour of the day)` },
    ];
  if (value.length !== HOURS_IN_PROFILE)
    return [
      {
        field,
        message: `hourlyWriteMBps must hold exactly ${HOURS_IN_PROFILE} hourly values (hour 0 = 00:00–01:00); got ${value.length}`,
      },
    ];
  const errors: FieldError[] = [];
  value.forEach((r, h) => {
    if (typeof r !== 'number' || !Number.isFinite(r))
      errors.push({ field: `${field}[${h}]`, message: `hourlyWriteMBps[${h}] must be a finite number` });
    else if (r < item.minimum)
      errors.push({
        field: `${field}[${h}]`,
        message: `hourlyWriteMBps[${h}] must be greater than or equal to ${item.minimum}`,
      });
    else if (r > item.maximum)
      errors.push({
        field: `${field}[${h}]`,
        message: `hourlyWriteMBps[${h}] must be less than or equal to ${item.maximum}`,
      });
  });
  return errors;
}

/** Each field given on its own (known, type, bounds, pattern); null and undefined skipped. Returns the good values. */
function checkFields(
  raw: Record<string, unknown>,
  at: (field: string) => string,
  errors: FieldError[],
  volumeOnly = false,
  meant = new Set<string>(),
) {
  const v: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    // A field that passed this check before and has not changed since (WorkloadCheckOptions.volumeOnly) is kept as is.
    if (volumeOnly && !VOLUME_FIELDS.has(key)) {
      if (value !== undefined && value !== null) v[key] = value;
      continue;
    }
    // Own properties only: `toString`, `constructor`… must not find Object.prototype's members.
    const schema = Object.hasOwn(PROPS, key) ? PROPS[key] : undefined;
    if (!schema) {
      // A near miss of a field not given (ingestGBPerDay): one error that names it; the field counts as meant.
      const suggestion = meantName(
        key,
        Object.keys(PROPS).filter((name) => raw[name] === undefined),
      );
      if (suggestion) meant.add(suggestion);
      errors.push({ field: at(key), message: unknownFieldMessage(key, 'workload field', suggestion) });
      continue;
    }
    if (value === undefined || value === null) continue;
    if (key === 'hourlyWriteMBps') {
      const bad = checkProfile(value, at(key));
      if (bad.length) errors.push(...bad);
      else v[key] = value;
      continue;
    }
    const message = checkProperty(key, schema, value);
    if (message) errors.push({ field: at(key), message });
    else v[key] = value;
  }
  return v;
}

/**
 * The checks of checkWorkload that look at one field at a time (unknown fields, types, bounds, patterns), on
 * the fields given: what can be said of a merge patch's values before it is applied. Null (a removal) is skipped;
 * required fields and cross-field rules are the whole workload's (checkWorkload).
 */
export function checkWorkloadFields(input: Record<string, unknown>, options: WorkloadCheckOptions = {}): FieldError[] {
  const prefix = options.path === undefined ? 'workload' : options.path;
  const errors: FieldError[] = [];
  checkFields(input, (field) => (prefix ? `${prefix}.${field}` : field), errors);
  return errors;
}

export interface WorkloadCheckOptions {
  /** Prefix of field paths in errors (default `workload`; GraphQL adapters may pass `input`). */
  path?: string;
  /**
   * The input is one that passed this check with only its volume fields (VOLUME_FIELDS) changed since: the volume
   * study's workload at k × the expected volume (robustness.ts scaleVolume). The other fields are not checked one by
   * one again (they passed and did not change); the volume fields and every check across fields still run, so the
   * answer and any error are the same as a full check's.
   */
  volumeOnly?: boolean;
}

/** The three ways to give the volume (exactly one is required). */
const VOLUME_GIVEN_AS = ['ingestGbPerDay', 'avgWriteMBps', 'hourlyWriteMBps'];

/** The fields scaleVolume multiplies (robustness.ts). */
const VOLUME_FIELDS: ReadonlySet<string> = new Set([
  'ingestGbPerDay',
  'avgWriteMBps',
  'hourlyWriteMBps',
  'peakWriteMBps',
]);

/** A workload that passed every check, with its throughput in both units (during the active hours). */
export interface CheckedWorkload {
  /** The fields given, each valid (null and undefined dropped). */
  values: Partial<WorkloadInput> & { avgRecordSizeKB: number };
  throughputGivenAs: 'ingestGbPerDay' | 'avgWriteMBps' | 'hourlyWriteMBps';
  ingestGbPerDay: number;
  avgWriteMBps: number;
  activeHoursPerDay: number;
  /** What hourlyWriteMBps says about the day; null when volume was given otherwise. */
  profile: ProfileSummary | null;
  /** Delivery sinks, normalized (empty when none asked). */
  deliverTo: Delivery[];
}

/** Validates the input; throws `ValidationError` listing every bad field. */
export function checkWorkload(input: WorkloadInput, options: WorkloadCheckOptions = {}): CheckedWorkload {
  const prefix = options.path === undefined ? 'workload' : options.path;
  const at = (field: string): string => (prefix ? `${prefix}.${field}` : field);
  const errors: FieldError[] = [];

  if (!isObject(input)) {
    throw new ValidationError([{ field: prefix || 'workload', message: 'workload must be an object' }]);
  }
  const raw = input as unknown as Record<string, unknown>;
  // Fields an unknown one looked like (ingestGBPerDay → ingestGbPerDay): that error says it all, so the field is not
  // also reported missing.
  const meant = new Set<string>();
  const v = checkFields(raw, at, errors, options.volumeOnly, meant);
  if ((raw.avgRecordSizeKB === undefined || raw.avgRecordSizeKB === null) && !meant.has('avgRecordSizeKB')) {
    errors.push({ field: at('avgRecordSizeKB'), message: 'avgRecordSizeKB is required' });
  }

  const hasIngest = v.ingestGbPerDay !== undefined;
  const hasAvg = v.avgWriteMBps !== undefined;
  const ingestPresent = raw.ingestGbPerDay !== undefined && raw.ingestGbPerDay !== null;
  const avgPresent = raw.avgWriteMBps !== undefined && raw.avgWriteMBps !== null;
  const profilePresent = raw.hourlyWriteMBps !== undefined && raw.hourlyWriteMBps !== null;
  const hourly = v.hourlyWriteMBps as number[] | undefined;
  if (profilePresent && (ingestPresent || avgPresent)) {
    const message = 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps';
    errors.push({ field: at('hourlyWriteMBps'), message });
    if (ingestPresent) errors.push({ field: at('ingestGbPerDay'), message });
    if (avgPresent) errors.push({ field: at('avgWriteMBps'), message });
  } else if (profilePresent) {
    if (raw.activeHoursPerDay !== undefined && raw.activeHoursPerDay !== null)
      errors.push({
        field: at('activeHoursPerDay'),
        message: 'activeHoursPerDay cannot be given with hourlyWriteMBps: the profile says which hours are active',
      });
  } else if (ingestPresent && avgPresent) {
    const message = 'give exactly one of ingestGbPerDay or avgWriteMBps, not both';
    errors.push({ field: at('ingestGbPerDay'), message }, { field: at('avgWriteMBps'), message });
  } else if (!ingestPresent && !avgPresent && !VOLUME_GIVEN_AS.some((name) => meant.has(name))) {
    const message = 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps';
    errors.push(
      { field: at('ingestGbPerDay'), message },
      { field: at('avgWriteMBps'), message },
      { field: at('hourlyWriteMBps'), message },
    );
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

  const profile = hourly && !ingestPresent && !avgPresent ? summarizeProfile(hourly) : null;
  if (profile) {
    ingestGbPerDay = profile.ingestGbPerDay;
    avgWriteMBps = profile.avgWriteMBps;
    activeHoursPerDay = profile.activeHoursPerDay;
  }
  const givenPeak = v.peakWriteMBps as number | undefined;
  if (givenPeak !== undefined && profile && givenPeak < profile.peakHourMBps) {
    errors.push({
      field: at('peakWriteMBps'),
      message: `peakWriteMBps must be greater than or equal to the busiest hour of hourlyWriteMBps (${formatNumber(profile.peakHourMBps)} MB/s at hour ${profile.peakHour})`,
    });
  }
  const throughputKnown = !profilePresent && ((hasIngest && !avgPresent) || (hasAvg && !ingestPresent));
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
  const buckets = v.recordSizeDistribution as RecordSizeBucket[] | undefined;
  if (buckets !== undefined && avgRecordSizeKB !== undefined) {
    const mean = distributionMeanKB(buckets);
    if (Math.abs(mean - avgRecordSizeKB) > 0.01 * avgRecordSizeKB) {
      errors.push({
        field: at('recordSizeDistribution'),
        message: `recordSizeDistribution's mean record size (${formatNumber(mean)} KB) must equal avgRecordSizeKB (${formatNumber(avgRecordSizeKB)} KB) within 1 %`,
      });
    }
    const largest = Math.max(...buckets.map((b) => b.sizeKB));
    if (givenMax !== undefined && givenMax < largest) {
      errors.push({
        field: at('maxRecordSizeKB'),
        message: `maxRecordSizeKB must be greater than or equal to the largest size in recordSizeDistribution (${formatNumber(largest)} KB)`,
      });
    }
  }

  const deliverTo = normalizeDeliverTo(v.deliverTo, at, errors);

  // A record size so small that the record rate it implies is not a finite number (5e-324 KB) cannot be sized or priced.
  const peakBound = Math.max(givenPeak ?? 0, avgWriteMBps * Math.max(...Object.values(PEAK_FACTORS)));
  if (
    errors.length === 0 &&
    !Number.isFinite((peakBound * KB_PER_MB * MB_PER_GB * DAYS_PER_MONTH) / (avgRecordSizeKB as number))
  ) {
    errors.push({
      field: at('avgRecordSizeKB'),
      message: 'avgRecordSizeKB is too small: the record rate it implies is not a finite number',
    });
  }
  if (errors.length > 0) throw new ValidationError(errors, 'The workload is not valid');
  return {
    values: v as CheckedWorkload['values'],
    deliverTo,
    throughputGivenAs: profile ? 'hourlyWriteMBps' : hasIngest ? 'ingestGbPerDay' : 'avgWriteMBps',
    ingestGbPerDay,
    avgWriteMBps,
    activeHoursPerDay,
    profile,
  };
}

function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
