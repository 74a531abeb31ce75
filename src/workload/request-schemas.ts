/**
 * JSON Schemas of the request bodies, built from the domain's WORKLOAD_JSON_SCHEMA (the one source
 * of the workload's fields and bounds). The domain validates with the same schema; these documents
 * feed OpenAPI. GraphQL's WorkloadInput is checked against the same property list by a test.
 */
import {
  BREAK_EVEN_MAX_STEPS,
  BREAK_EVEN_MIN_STEPS,
  BREAK_EVEN_VARIABLES,
  OPTION_CODES,
  VOLUME_RANGE_JSON_SCHEMA,
  WORKLOAD_JSON_SCHEMA,
} from '../domain';

const { $schema: _s, $id: _i, ...workload } = WORKLOAD_JSON_SCHEMA;

export const PRICING_PROPERTIES = {
  discountPercent: {
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: 'Negotiated discount applied to every rate, percent.',
    examples: [10],
  },
  rateOverrides: {
    type: 'object',
    additionalProperties: { type: 'number', minimum: 0 },
    maxProperties: 200,
    description: 'Rate key (as listed by GET /v1/rate-cards/{region}) → USD unit price replacing the card rate.',
    examples: [{ 'kds.provisioned.shardHour': 0.012 }],
  },
} as const;

export const EVALUATION_REQUEST_SCHEMA = {
  title: 'EvaluationRequest',
  type: 'object',
  additionalProperties: false,
  required: ['workload'],
  properties: { workload, ...PRICING_PROPERTIES, volumeRange: VOLUME_RANGE_JSON_SCHEMA },
  examples: [
    {
      workload: {
        ingestGbPerDay: 100,
        avgRecordSizeKB: 1,
        sharedConsumers: 2,
        retentionHours: 24,
        trafficPattern: 'STEADY',
      },
    },
  ],
} as const;

/** POST /v1/evaluations: the evaluation request and what runs today. */
export const EVALUATE_REQUEST_SCHEMA = {
  ...EVALUATION_REQUEST_SCHEMA,
  title: 'EvaluateRequest',
  properties: {
    ...EVALUATION_REQUEST_SCHEMA.properties,
    currentOption: {
      type: 'string',
      enum: OPTION_CODES,
      description:
        'The option that runs today: the answer gains `current` (what runs costs $X; the best fit is Y at $Z; the saving and the risks of moving).',
      examples: ['KDS_PROVISIONED'],
    },
    currentMonthlyCostUsd: {
      type: 'number',
      minimum: 0,
      description:
        'With currentOption: what runs costs a month as measured (e.g. `current.monthlyCostUsd` of POST /v1/workloads/from-metrics); default: this evaluation’s price of currentOption.',
      examples: [1234.56],
    },
  },
} as const;

export const BREAK_EVEN_REQUEST_SCHEMA = {
  title: 'BreakEvenRequest',
  type: 'object',
  additionalProperties: false,
  required: ['workload', 'vary', 'from', 'to', 'steps'],
  properties: {
    workload,
    vary: {
      type: 'string',
      enum: BREAK_EVEN_VARIABLES,
      description: 'ingest (ingestGbPerDay), consumers (sharedConsumers) or retention (retentionHours).',
      examples: ['ingest'],
    },
    from: { type: 'number', description: 'First value of the varied field.', examples: [10] },
    to: { type: 'number', description: 'Last value of the varied field (greater than from).', examples: [5000] },
    steps: {
      type: 'integer',
      minimum: BREAK_EVEN_MIN_STEPS,
      maximum: BREAK_EVEN_MAX_STEPS,
      description: 'Points in each series.',
      examples: [50],
    },
    ...PRICING_PROPERTIES,
  },
  examples: [
    {
      workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2 },
      vary: 'ingest',
      from: 10,
      to: 5000,
      steps: 50,
    },
  ],
} as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** JSON Schema 2020-12 → OpenAPI 3.0 schema object (example, boolean exclusiveMinimum, no $schema). */
export function toOpenApi30(schema: unknown): Json {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (schema === null || typeof schema !== 'object') return schema as Json;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$schema' || k === '$id' || k === 'title') continue;
    if (k === 'examples' && Array.isArray(v)) out.example = v[0] as Json;
    else if (k === 'exclusiveMinimum' && typeof v === 'number') {
      out.minimum = v;
      out.exclusiveMinimum = true;
    } else if (k === 'properties' || (k === 'additionalProperties' && typeof v === 'object')) {
      out[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, toOpenApi30(s)]))
          : toOpenApi30(v);
    } else out[k] = (typeof v === 'object' ? toOpenApi30(v) : v) as Json;
  }
  return out;
}

/** The workload and the volume range as OpenAPI 3.0 schema objects (a scenario's body, a batch row's columns). */
export const WORKLOAD_OPENAPI_SCHEMA = toOpenApi30(WORKLOAD_JSON_SCHEMA) as Record<string, unknown> & {
  properties: Record<string, unknown>;
};
export const VOLUME_RANGE_OPENAPI_SCHEMA = toOpenApi30(VOLUME_RANGE_JSON_SCHEMA) as Record<string, unknown>;
