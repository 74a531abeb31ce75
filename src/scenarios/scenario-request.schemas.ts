/** OpenAPI 3.0 schemas of the scenario request bodies; the workload's fields and bounds come from the domain. */
import { WORKLOAD_JSON_SCHEMA } from '../domain';
import { toOpenApi30 } from '../evaluation/request-schemas';
import { DESCRIPTION_MAX, NAME_MAX, TAG_PATTERN, TAGS_MAX } from './scenario-input.validation';

const { $schema: _s, $id: _i, ...workload } = WORKLOAD_JSON_SCHEMA;
const workloadSchema = toOpenApi30(workload) as Record<string, unknown>;
const workloadProperties = workloadSchema.properties as Record<string, Record<string, unknown>>;

const example = {
  name: 'Clickstream 2027',
  description: 'Web and app clickstream at next year’s volume',
  tags: ['clickstream', 'team:web'],
  workload: {
    ingestGbPerDay: 100,
    avgRecordSizeKB: 1,
    sharedConsumers: 2,
    retentionHours: 24,
    trafficPattern: 'STEADY',
  },
};

const content = {
  name: { type: 'string', minLength: 1, maxLength: NAME_MAX, example: example.name },
  description: { type: 'string', maxLength: DESCRIPTION_MAX, nullable: true, example: example.description },
  tags: {
    type: 'array',
    maxItems: TAGS_MAX,
    uniqueItems: true,
    items: { type: 'string', pattern: TAG_PATTERN.source },
    example: example.tags,
  },
};

export const CREATE_SCENARIO_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'workload'],
  properties: { ...content, workload: workloadSchema },
  example,
};

export const PATCH_SCENARIO_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description:
    'Only the fields given change. description: null clears it, tags: null clears them. workload is a JSON merge patch (RFC 7386) over the saved workload: null removes a field.',
  properties: {
    ...content,
    name: { ...content.name, nullable: false },
    tags: { ...content.tags, nullable: true },
    workload: {
      type: 'object',
      additionalProperties: false,
      description: 'JSON merge patch over the saved workload; the result must be a valid workload.',
      properties: Object.fromEntries(Object.entries(workloadProperties).map(([k, v]) => [k, { ...v, nullable: true }])),
      example: { ingestGbPerDay: 250, retentionHours: null },
    },
  },
  example: { name: 'Clickstream 2027 (peak season)', workload: { ingestGbPerDay: 250, retentionHours: null } },
};
