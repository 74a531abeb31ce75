/**
 * `deliverTo`: where the stream's data is delivered (the delivery leg each option implies). Input schema,
 * validation and normalization; pricing lives in pricing/pipeline-cost.ts.
 */
import { isObject } from '../field-checks';
import type { FieldError } from '../errors';

export const DELIVERY_SINKS = ['S3', 'REDSHIFT', 'OPENSEARCH', 'HTTP'] as const;
export type DeliverySink = (typeof DELIVERY_SINKS)[number];

/** One sink as the caller gives it: a bare sink name, or an object with options. */
export interface DeliveryInput {
  sink: DeliverySink;
  /** Percent of the stream's data delivered to this sink (0 < x ≤ 100, default 100). */
  sharePercent?: number;
  /** Convert JSON records to Apache Parquet on the way (Firehose record format conversion). */
  convertToParquet?: boolean;
  /** S3 only: partition objects by keys in the records (Firehose dynamic partitioning). */
  dynamicPartitioning?: boolean;
}

export interface Delivery {
  sink: DeliverySink;
  sharePercent: number;
  convertToParquet: boolean;
  dynamicPartitioning: boolean;
}

export const MAX_DELIVERY_SINKS = 10;

const DELIVERY_OBJECT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['sink'],
  properties: {
    sink: { type: 'string', enum: DELIVERY_SINKS, description: 'Destination.' },
    sharePercent: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 100,
      default: 100,
      description: 'Percent of the data delivered to this sink.',
    },
    convertToParquet: { type: 'boolean', default: false, description: 'Convert JSON records to Apache Parquet.' },
    dynamicPartitioning: { type: 'boolean', default: false, description: 'S3 only: partition objects by record keys.' },
  },
} as const;

/** JSON Schema of `deliverTo` (a property of WORKLOAD_JSON_SCHEMA). */
export const DELIVER_TO_JSON_SCHEMA = {
  type: 'array',
  maxItems: MAX_DELIVERY_SINKS,
  items: { anyOf: [{ type: 'string', enum: DELIVERY_SINKS }, DELIVERY_OBJECT_SCHEMA] },
  description:
    'Sinks the data is delivered to (S3, REDSHIFT, OPENSEARCH, HTTP), each a name or { sink, sharePercent, convertToParquet, dynamicPartitioning }. Prices the delivery leg each option implies: Amazon Data Firehose for Kinesis; the cheaper of Firehose (MSK as source) and MSK Connect for MSK. Default: none.',
  examples: [[{ sink: 'S3', convertToParquet: true }]],
} as const;

/**
 * Validates `deliverTo` (already known to be an array, or absent) and normalizes it; pushes one error per bad
 * field, named by its path (`workload.deliverTo[1].sharePercent`).
 */
export function normalizeDeliverTo(value: unknown, at: (field: string) => string, errors: FieldError[]): Delivery[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [];
  if (value.length > MAX_DELIVERY_SINKS) {
    errors.push({ field: at('deliverTo'), message: `deliverTo must have at most ${MAX_DELIVERY_SINKS} sinks` });
    return [];
  }
  const out: Delivery[] = [];
  value.forEach((item: unknown, i) => {
    const path = `deliverTo[${i}]`;
    const sinkMessage = `${path}.sink must be one of ${DELIVERY_SINKS.join(', ')}`;
    if (typeof item === 'string') {
      if ((DELIVERY_SINKS as readonly string[]).includes(item)) {
        out.push({
          sink: item as DeliverySink,
          sharePercent: 100,
          convertToParquet: false,
          dynamicPartitioning: false,
        });
      } else errors.push({ field: at(path), message: `${path} must be one of ${DELIVERY_SINKS.join(', ')}` });
      return;
    }
    if (!isObject(item)) {
      errors.push({ field: at(path), message: `${path} must be a sink name or an object with a sink` });
      return;
    }
    const before = errors.length;
    for (const key of Object.keys(item)) {
      if (!Object.hasOwn(DELIVERY_OBJECT_SCHEMA.properties, key))
        errors.push({ field: at(`${path}.${key}`), message: `${key} is not a known deliverTo field` });
    }
    const { sink, sharePercent, convertToParquet, dynamicPartitioning } = item;
    if (typeof sink !== 'string' || !(DELIVERY_SINKS as readonly string[]).includes(sink)) {
      errors.push({ field: at(`${path}.sink`), message: sinkMessage });
    }
    if (sharePercent !== undefined && sharePercent !== null) {
      if (
        typeof sharePercent !== 'number' ||
        !Number.isFinite(sharePercent) ||
        sharePercent <= 0 ||
        sharePercent > 100
      ) {
        errors.push({
          field: at(`${path}.sharePercent`),
          message: `${path}.sharePercent must be a number greater than 0 and at most 100`,
        });
      }
    }
    for (const [name, flag] of [
      ['convertToParquet', convertToParquet],
      ['dynamicPartitioning', dynamicPartitioning],
    ] as const) {
      if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
        errors.push({ field: at(`${path}.${name}`), message: `${path}.${name} must be a boolean` });
      }
    }
    if (dynamicPartitioning === true && typeof sink === 'string' && sink !== 'S3') {
      errors.push({
        field: at(`${path}.dynamicPartitioning`),
        message: `${path}.dynamicPartitioning applies to S3 delivery only (Firehose dynamic partitioning writes S3 prefixes)`,
      });
    }
    if (errors.length > before) return;
    out.push({
      sink: sink as DeliverySink,
      sharePercent: (sharePercent as number | undefined | null) ?? 100,
      convertToParquet: convertToParquet === true,
      dynamicPartitioning: dynamicPartitioning === true,
    });
  });
  return out;
}

/**
 * The workload with `deliverTo` written in object form (`'S3'` → `{ sink: 'S3' }`, null fields dropped), so a
 * stored workload has one shape. Call after validation; other fields are untouched.
 */
export function canonicalDeliverTo<T extends { deliverTo?: unknown }>(workload: T): T {
  if (!Array.isArray(workload.deliverTo)) return workload;
  const deliverTo = workload.deliverTo.map((item: unknown) =>
    typeof item === 'string'
      ? { sink: item }
      : isObject(item)
        ? Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null && v !== undefined))
        : item,
  );
  return { ...workload, deliverTo };
}
