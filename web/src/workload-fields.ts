// The workload form follows the workload's own JSON Schema (src/domain/workload.ts, the one the API validates
// with): bounds, defaults and descriptions come from it; this file only adds labels with units and the grouping.
import { WORKLOAD_JSON_SCHEMA } from '../../src/domain/workload';
import type { WorkloadInput } from './generated/graphql';

interface SchemaProperty {
  type?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  description?: string;
}

/** `list`: a JSON list typed into a text area (an hourly profile, a record-size histogram, deliveries). */
export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'text' | 'list';
export type FieldGroup = 'volume' | 'consumers' | 'shape' | 'needs' | 'tuning';

export interface WorkloadField {
  name: string;
  label: string;
  unit?: string;
  kind: FieldKind;
  group: FieldGroup;
  choices?: readonly string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  defaultValue?: unknown;
  description: string;
  required: boolean;
  /** For a list: an example of its JSON, shown as the placeholder. */
  example?: string;
}

/** Labels (with units) and groups; a schema field missing here still appears, labelled by its name. */
const LAYOUT: Record<string, { label: string; unit?: string; group: FieldGroup }> = {
  ingestGbPerDay: { label: 'Ingest', unit: 'GB/day', group: 'volume' },
  avgWriteMBps: { label: 'Average write', unit: 'MB/s', group: 'volume' },
  peakWriteMBps: { label: 'Peak write', unit: 'MB/s', group: 'volume' },
  avgRecordSizeKB: { label: 'Average record size', unit: 'KB', group: 'volume' },
  maxRecordSizeKB: { label: 'Largest record', unit: 'KB', group: 'volume' },
  sharedConsumers: { label: 'Shared consumers', unit: 'applications', group: 'consumers' },
  dedicatedConsumers: { label: 'Dedicated consumers', unit: 'applications', group: 'consumers' },
  retentionHours: { label: 'Retention', unit: 'hours', group: 'shape' },
  trafficPattern: { label: 'Traffic pattern', group: 'shape' },
  activeHoursPerDay: { label: 'Active hours per day', unit: 'hours', group: 'shape' },
  latencyTargetMs: { label: 'Latency target (p99)', unit: 'ms', group: 'shape' },
  region: { label: 'Region', group: 'shape' },
  existingKafkaClients: { label: 'Existing Kafka clients', group: 'needs' },
  needsKafkaConnect: { label: 'Needs Kafka Connect', group: 'needs' },
  needsKafkaStreams: { label: 'Needs Kafka Streams', group: 'needs' },
  needsCrossRegionReplication: { label: 'Needs cross-region replication', group: 'needs' },
  lambdaConsumers: { label: 'Lambda consumers', group: 'needs' },
  rackAwareConsumers: { label: 'Rack-aware consumers (MSK)', group: 'tuning' },
  partitions: { label: 'Partitions (MSK)', unit: 'partitions', group: 'tuning' },
  mskBrokerFamily: { label: 'Broker family (MSK provisioned)', group: 'tuning' },
  sizingHeadroomPercent: { label: 'Shard headroom (Kinesis provisioned)', unit: '%', group: 'tuning' },
  mskLocalRetentionHours: { label: 'Local retention with tiered storage (MSK)', unit: 'hours', group: 'tuning' },
  mskExpressEgressFactor: { label: 'Express egress per broker (MSK)', unit: '× ingress', group: 'tuning' },
  mskStorageThroughputMBpsPerBroker: { label: 'Storage throughput per broker (MSK)', unit: 'MiB/s', group: 'tuning' },
  historicalReadGbPerMonth: { label: 'Reads of old data', unit: 'GB/month', group: 'consumers' },
  hourlyWriteMBps: { label: 'Hourly write profile', unit: 'MB/s, 24 values, JSON list', group: 'volume' },
  recordSizeDistribution: { label: 'Record sizes', unit: 'JSON list', group: 'shape' },
  deliverTo: { label: 'Deliver to', unit: 'JSON list', group: 'needs' },
};

/** Placeholders of the list fields: what a valid value looks like. */
const LIST_EXAMPLES: Record<string, string> = {
  hourlyWriteMBps: JSON.stringify([...Array(8).fill(1), ...Array(12).fill(20), ...Array(4).fill(5)]).replace(
    /,/g,
    ', ',
  ),
  recordSizeDistribution: '[{"sizeKB": 1, "share": 0.9}, {"sizeKB": 10, "share": 0.1}]',
  deliverTo: '[{"sink": "S3", "sharePercent": 100, "convertToParquet": true}]',
};

/** `mskLocalRetentionHours` → `Msk local retention hours`, for a field added to the schema but not laid out here. */
function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const GROUP_TITLES: Record<FieldGroup, string> = {
  volume: 'Volume',
  consumers: 'Consumers',
  shape: 'Retention and traffic',
  needs: 'Needs',
  tuning: 'Engine tuning',
};

function kindOf(p: SchemaProperty): FieldKind | undefined {
  if (p.enum) return 'enum';
  if (p.type === 'number') return 'number';
  if (p.type === 'integer') return 'integer';
  if (p.type === 'boolean') return 'boolean';
  if (p.type === 'string') return 'text';
  if (p.type === 'array') return 'list';
  return undefined; // objects: not in this form (they ride along, see keptFields)
}

const required = new Set<string>(WORKLOAD_JSON_SCHEMA.required);

export const WORKLOAD_FIELDS: WorkloadField[] = Object.entries(
  WORKLOAD_JSON_SCHEMA.properties as Record<string, SchemaProperty>,
).flatMap(([name, p]) => {
  const kind = kindOf(p);
  if (!kind) return [];
  const layout = LAYOUT[name];
  const description = p.description ?? '';
  return [
    {
      name,
      label: layout?.label ?? humanize(name),
      unit: layout?.unit,
      kind,
      group: layout?.group ?? (description.startsWith('Engine tuning') ? 'tuning' : 'shape'),
      choices: p.enum,
      minimum: p.minimum,
      maximum: p.maximum,
      exclusiveMinimum: p.exclusiveMinimum,
      defaultValue: p.default,
      description,
      required: required.has(name),
      example: kind === 'list' ? (LIST_EXAMPLES[name] ?? '[]') : undefined,
    },
  ];
});

/** A list field's text as JSON: the list, or a message in the API's words. */
export function parseList(name: string, text: string): { value: unknown[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `${name} must be a JSON list, e.g. ${LIST_EXAMPLES[name] ?? '[]'}` };
  }
  return Array.isArray(value) ? { value } : { error: `${name} must be a JSON list […], not ${typeof value}` };
}

export type FormValues = Record<string, string | boolean>;

/** The decision guide's example: 100 GB/day, two consumer applications, steady, 24 h retention. */
export const GUIDE_EXAMPLE: FormValues = {
  ingestGbPerDay: '100',
  avgRecordSizeKB: '1',
  sharedConsumers: '2',
  retentionHours: '24',
  trafficPattern: 'STEADY',
  region: 'us-east-1',
};

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Client-side hints, in the API's words; the server checks again and its field errors are shown the same way. */
export function validate(values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of WORKLOAD_FIELDS) {
    const raw = values[f.name];
    if (f.kind === 'boolean' || f.kind === 'enum') continue;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (f.required) errors[f.name] = `${f.name} is required`;
      continue;
    }
    if (f.kind === 'text') continue;
    if (f.kind === 'list') {
      const parsed = parseList(f.name, text);
      if ('error' in parsed) errors[f.name] = parsed.error;
      continue;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) errors[f.name] = `${f.name} must be a number`;
    else if (f.kind === 'integer' && !Number.isInteger(n)) errors[f.name] = `${f.name} must be a whole number`;
    else if (f.exclusiveMinimum !== undefined && !(n > f.exclusiveMinimum))
      errors[f.name] = `${f.name} must be greater than ${fmt(f.exclusiveMinimum)}`;
    else if (f.minimum !== undefined && n < f.minimum)
      errors[f.name] = `${f.name} must be greater than or equal to ${fmt(f.minimum)}`;
    else if (f.maximum !== undefined && n > f.maximum)
      errors[f.name] = `${f.name} must be less than or equal to ${fmt(f.maximum)}`;
  }
  const has = (name: string) => typeof values[name] === 'string' && (values[name] as string).trim() !== '';
  if (has('ingestGbPerDay') && has('avgWriteMBps')) {
    errors.ingestGbPerDay ??= 'Give ingest per day or average write, not both';
    errors.avgWriteMBps ??= 'Give ingest per day or average write, not both';
  } else if (!has('ingestGbPerDay') && !has('avgWriteMBps') && !has('hourlyWriteMBps')) {
    errors.ingestGbPerDay ??= 'Give ingest per day (or average write, or an hourly profile)';
  }
  return errors;
}

/**
 * Form values → the workload as the REST API and its JSON Schema write it: empty fields are left out (the API's
 * defaults apply), booleans only when ticked.
 */
export function toWorkload(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...keptFields(values) };
  for (const f of WORKLOAD_FIELDS) {
    const raw = values[f.name];
    if (f.kind === 'boolean') {
      if (raw === true) out[f.name] = true;
    } else if (typeof raw === 'string' && raw.trim() !== '') {
      const text = raw.trim();
      if (f.kind === 'list') {
        // An unparsable list is left as text: validate() names it before anything is sent, and the API refuses it.
        const parsed = parseList(f.name, text);
        out[f.name] = 'value' in parsed ? parsed.value : text;
      } else out[f.name] = f.kind === 'number' || f.kind === 'integer' ? Number(text) : text;
    }
  }
  return out;
}

/**
 * Form values → GraphQL's WorkloadInput: the same workload, with each enum value as GraphQL names it (upper case:
 * `m7g` is `M7G` there; REST and the JSON Schema keep the case the spec gives).
 */
export function toWorkloadInput(values: FormValues): WorkloadInput {
  return asWorkloadInput(toWorkload(values));
}

/** A workload as REST writes it (toWorkload) → GraphQL's WorkloadInput: enum values in GraphQL's upper case. */
export function asWorkloadInput(workload: Record<string, unknown>): WorkloadInput {
  const out = { ...workload };
  for (const f of WORKLOAD_FIELDS)
    if (f.kind === 'enum' && typeof out[f.name] === 'string') out[f.name] = (out[f.name] as string).toUpperCase();
  return out as unknown as WorkloadInput;
}

/** A saved or derived workload (GraphQL's or REST's) → form values (null fields stay empty). */
export function fromWorkload(workload: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of WORKLOAD_FIELDS) {
    const v = workload[f.name];
    if (v === null || v === undefined) continue;
    values[f.name] =
      f.kind === 'boolean'
        ? v === true
        : f.kind === 'list'
          ? JSON.stringify(v)
          : f.kind === 'enum'
            ? // GraphQL's enum name (M7G) back to the form's choice (m7g).
              (f.choices?.find((c) => c.toUpperCase() === String(v).toUpperCase()) ?? String(v))
            : String(v);
  }
  // Fields the form has no input for (none today; a field the schema gains later) ride along unchanged, so
  // evaluating or saving a loaded scenario never drops what was saved.
  for (const [name, v] of Object.entries(workload)) {
    if (v === null || v === undefined || WORKLOAD_FIELDS.some((f) => f.name === name)) continue;
    values[KEPT_PREFIX + name] = JSON.stringify(v);
  }
  return values;
}

const KEPT_PREFIX = 'kept:';

/** The saved fields a loaded workload carries that the form does not edit, by name. */
export function keptFields(values: FormValues): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values)) {
    if (key.startsWith(KEPT_PREFIX) && typeof v === 'string') kept[key.slice(KEPT_PREFIX.length)] = JSON.parse(v);
  }
  return kept;
}

/** `input.workload.retentionHours` → `retentionHours` when it names a form field. */
export function formFieldOf(path: string): string | undefined {
  const last = path.split('.').pop() ?? path;
  return WORKLOAD_FIELDS.some((f) => f.name === last) ? last : undefined;
}
