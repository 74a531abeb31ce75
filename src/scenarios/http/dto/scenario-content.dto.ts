/**
 * class-validator DTOs of a scenario's content: POST /v1/scenarios (CreateScenarioDto) and PATCH
 * /v1/scenarios/{id} (ScenarioPatchDto), and the GraphQL createScenario(input) / updateScenario(patch), checked
 * by the same classes. name and description are class-validator fields; tags, the workload and the volume range
 * are field checks (they name their own nested fields: tags[2], workload.avgRecordSizeKB), run by the same pipe,
 * so one error lists every bad field. Each bound is declared once, here, for the check and for OpenAPI.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { FieldCheck, ObjectCheck, TextField } from '../../../common/validation/field.decorators';
import {
  checkWorkloadFields,
  collect,
  type FieldError,
  isObject,
  normalizeWorkload,
  validateVolumeRange,
  VOLUME_RANGE_JSON_SCHEMA,
  WORKLOAD_JSON_SCHEMA,
  type WorkloadInput,
} from '../../../domain';
import { canonicalDeliverTo } from '../../../domain/pipeline/delivery';
import { toOpenApi30 } from '../../../workload';
import { DESCRIPTION_MAX, NAME_MAX, TAG_PATTERN, TAGS_MAX } from '../../scenario.limits';
import type { ScenarioPatch } from '../../scenario-patch';
import type { ScenarioContent } from '../../scenario.types';

type Schema = Record<string, unknown>;

const { $schema: _s, $id: _i, ...workloadJsonSchema } = WORKLOAD_JSON_SCHEMA;
const workloadSchema = toOpenApi30(workloadJsonSchema) as Schema;
const volumeRangeSchema = toOpenApi30(VOLUME_RANGE_JSON_SCHEMA) as Schema;
const api = (schema: Schema) => ApiProperty(schema as ApiPropertyOptions);

/** A scenario's name: 1 to 200 characters, not blank, one line of printable text. An edit may change it, not remove it. */
const ScenarioName = (edit = false) =>
  TextField(
    {
      min: 1,
      max: NAME_MAX,
      trim: true,
      message: (p) => `${p} must be 1 to ${NAME_MAX} characters, not blank`,
      typeMessage: (p) => `${p} must be a string`,
      nullMessage: edit ? (p) => `${p} cannot be removed` : undefined,
    },
    { optional: edit, api: { example: 'Clickstream 2027' } },
  );

/** At most 2,000 characters; tabs and line breaks allowed; null clears it. */
const ScenarioDescription = () =>
  TextField(
    {
      min: 0,
      max: DESCRIPTION_MAX,
      multiline: true,
      message: (p) => `${p} must be at most ${DESCRIPTION_MAX} characters`,
      typeMessage: (p) => `${p} must be a string`,
    },
    { nullable: true, api: { example: 'Web and app clickstream at next year’s volume' } },
  );

function tagErrors(value: unknown, field: string): FieldError[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [{ field, message: 'tags must be an array of strings' }];
  const errors: FieldError[] = [];
  if (value.length > TAGS_MAX) errors.push({ field, message: `tags must hold at most ${TAGS_MAX} tags` });
  const seen = new Set<string>();
  value.forEach((tag, i) => {
    if (typeof tag !== 'string' || !TAG_PATTERN.test(tag)) {
      errors.push({
        field: `${field}[${i}]`,
        message:
          'a tag must be 1-40 lowercase letters, digits, dots, colons, dashes or underscores, starting with a letter or digit',
      });
    } else if (seen.has(tag)) errors.push({ field: `${field}[${i}]`, message: `tag ${tag} is given twice` });
    else seen.add(tag);
  });
  return errors;
}

/** At most 20 distinct tags of 1-40 of a-z 0-9 . _ : - ; null clears them. Each bad tag is named by its index. */
const ScenarioTags = () =>
  applyDecorators(
    api({
      type: 'array',
      items: { type: 'string', pattern: TAG_PATTERN.source },
      maxItems: TAGS_MAX,
      uniqueItems: true,
      nullable: true,
      required: false,
      example: ['clickstream', 'team:web'],
    }),
    FieldCheck(tagErrors),
  );

/** The workload, checked whole by the domain's fast check (every bad field, under `workload.`). */
const Workload = () =>
  applyDecorators(
    // selfRequired: the workload is required in the body, and its own `required` list stays (as in evaluations).
    api({ ...workloadSchema, selfRequired: true }),
    FieldCheck(
      (value, field) => {
        if (value === undefined || value === null) return [{ field, message: 'workload is required' }];
        const errors: FieldError[] = [];
        collect(errors, () => normalizeWorkload(value as WorkloadInput, { path: field }));
        return errors;
      },
      { required: true },
    ),
  );

/** Cost bands and robustness range (default 0.8 to 1.25). */
const VolumeRange = () =>
  applyDecorators(
    api({ ...volumeRangeSchema, required: false }),
    FieldCheck((value, field) => {
      const errors: FieldError[] = [];
      collect(errors, () => validateVolumeRange(value, field));
      return errors;
    }),
  );

const nullableProperties = (schema: Schema) =>
  Object.fromEntries(
    Object.entries(schema.properties as Record<string, Schema>).map(([k, v]) => [k, { ...v, nullable: true }]),
  );

/**
 * An edit's workload: a JSON merge patch over the saved one (null removes a field). Its shape is checked here;
 * each value given is checked on its own but reported only alongside another bad field: the merged workload is
 * checked whole once the saved one is known (ScenariosService.update), with every bad field listed.
 */
const WorkloadPatch = () =>
  applyDecorators(
    api({
      type: 'object',
      additionalProperties: false,
      required: false,
      description: 'JSON merge patch over the saved workload; the result must be a valid workload.',
      properties: nullableProperties(workloadSchema),
      example: { ingestGbPerDay: 250, retentionHours: null },
    }),
    FieldCheck((value, field) =>
      value === null
        ? [{ field, message: 'workload cannot be removed' }]
        : isObject(value)
          ? []
          : [{ field, message: 'workload must be an object (a JSON merge patch over the stored workload)' }],
    ),
    FieldCheck((value, field) => (isObject(value) ? checkWorkloadFields(value, { path: field }) : []), {
      alongside: true,
    }),
  );

/** An edit's volume range: a merge patch over the saved one; null restores the default. Checked like WorkloadPatch. */
const VolumeRangePatch = () =>
  applyDecorators(
    api({
      ...volumeRangeSchema,
      properties: nullableProperties(volumeRangeSchema),
      nullable: true,
      required: false,
      description:
        'Merge patch over the saved range (the ends given replace the saved ones); null restores the default.',
    }),
    FieldCheck((value, field) => {
      const errors: FieldError[] = [];
      if (value !== null && !isObject(value)) collect(errors, () => validateVolumeRange(value, field));
      return errors;
    }),
    FieldCheck(
      (value, field) => {
        const errors: FieldError[] = [];
        if (isObject(value)) collect(errors, () => validateVolumeRange(value, field, { endsAlone: true }));
        return errors;
      },
      { alongside: true },
    ),
  );

export const CONTENT_FIELDS = ['name', 'description', 'tags', 'workload', 'volumeRange'] as const;

/** POST /v1/scenarios; GraphQL createScenario(input). */
export class CreateScenarioDto {
  @ScenarioName() name!: string;
  @ScenarioDescription() description?: string | null;
  @ScenarioTags() tags?: string[] | null;
  @Workload() workload!: WorkloadInput;
  @VolumeRange() volumeRange?: Record<string, unknown> | null;
}

/** PATCH /v1/scenarios/{id}; GraphQL updateScenario(patch). Only the fields given change. */
@ApiSchema({
  description:
    'Only the fields given change. description: null clears it, tags: null clears them. workload is a JSON merge patch (RFC 7386) over the saved workload: null removes a field.',
})
@ObjectCheck((body) =>
  CONTENT_FIELDS.some((f) => Object.hasOwn(body, f))
    ? []
    : [{ field: '(body)', message: 'give at least one of name, description, tags, workload or volumeRange' }],
)
export class ScenarioPatchDto {
  @ScenarioName(true) name?: string;
  @ScenarioDescription() description?: string | null;
  @ScenarioTags() tags?: string[] | null;
  @WorkloadPatch() workload?: Record<string, unknown>;
  @VolumeRangePatch() volumeRange?: Record<string, unknown> | null;
}

/** The checked body as the service takes it: defaults applied, deliverTo in its stored form. */
export function scenarioContentOf(dto: CreateScenarioDto): ScenarioContent {
  return {
    name: dto.name,
    description: dto.description ?? null,
    tags: dto.tags ?? [],
    workload: canonicalDeliverTo(dto.workload),
    volumeRange: validateVolumeRange(dto.volumeRange),
  };
}

/** The checked edit as the service takes it: the members given, nothing else. */
export function scenarioPatchOf(dto: ScenarioPatchDto): ScenarioPatch {
  const patch: ScenarioPatch = {};
  if (dto.name !== undefined) patch.name = dto.name;
  if (dto.description !== undefined) patch.description = dto.description;
  if (dto.tags !== undefined) patch.tags = dto.tags;
  if (dto.workload !== undefined) patch.workload = dto.workload;
  if (dto.volumeRange !== undefined) patch.volumeRange = dto.volumeRange;
  return patch;
}
