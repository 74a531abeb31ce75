/**
 * A scenario's content: POST /v1/scenarios and PATCH /v1/scenarios/{id}, and the GraphQL createScenario(input) /
 * updateScenario(patch). Like every body that carries a workload, each is checked by one parse that returns the
 * typed value (parseScenarioContent → ScenarioContent, parseScenarioPatch → ScenarioPatch), run from
 * `@Body({ schema })` as a Standard Schema (src/common/validation/standard-schema.ts) and called by the
 * resolvers; one error lists every bad field. The classes (CreateScenarioDto, ScenarioPatchDto) describe the
 * bodies in OpenAPI; each bound is declared once, here, for the parse and for OpenAPI.
 *
 * The order of the errors: unknown fields, then name and description, then the patch's "give at least one",
 * then tags, workload and volumeRange (each names its own nested fields: tags[2], workload.avgRecordSizeKB).
 */
import { ApiProperty, type ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { checkAsStandardSchema } from '../../../common/validation/standard-schema';
import { textProblem } from '../../../common/text-input';
import {
  checkWorkloadFields,
  collect,
  type FieldError,
  isObject,
  normalizeWorkload,
  validateVolumeRange,
  ValidationError,
  type WorkloadInput,
} from '../../../domain';
import { canonicalDeliverTo } from '../../../domain';
import { VOLUME_RANGE_OPENAPI_SCHEMA, WORKLOAD_OPENAPI_SCHEMA } from '../../../workload';
import { DESCRIPTION_MAX, NAME_MAX, TAG_PATTERN, TAGS_MAX } from '../../scenario.limits';
import type { ScenarioPatch } from '../../scenario-patch';
import type { ScenarioContent } from '../../scenario.types';

type Schema = Record<string, unknown>;
type Body = Record<string, unknown>;

const workloadSchema: Schema = WORKLOAD_OPENAPI_SCHEMA;
const volumeRangeSchema: Schema = VOLUME_RANGE_OPENAPI_SCHEMA;
const api = (schema: Schema) => ApiProperty(schema as ApiPropertyOptions);

/** A text field's bounds: for the parse (textError) and for OpenAPI (TextProperty). */
interface TextBounds {
  min: number;
  max: number;
  /** Blanks around the text do not count towards `min`. */
  trim?: boolean;
  /** Tabs and line breaks allowed. */
  multiline?: boolean;
  message: (field: string) => string;
}

/** A scenario's name: 1 to 200 characters, not blank, one line of printable text. */
const NAME: TextBounds = {
  min: 1,
  max: NAME_MAX,
  trim: true,
  message: (p) => `${p} must be 1 to ${NAME_MAX} characters, not blank`,
};

/** At most 2,000 characters; tabs and line breaks allowed. */
const DESCRIPTION: TextBounds = {
  min: 0,
  max: DESCRIPTION_MAX,
  multiline: true,
  message: (p) => `${p} must be at most ${DESCRIPTION_MAX} characters`,
};

/** What is wrong with a text value, or null. */
function textError(value: unknown, field: string, bounds: TextBounds): string | null {
  if (typeof value !== 'string') return `${field} must be a string`;
  const length = bounds.trim ? value.trim().length : value.length;
  if (length < bounds.min || value.length > bounds.max) return bounds.message(field);
  const problem = textProblem(value, { multiline: bounds.multiline });
  return problem ? `${field} ${problem}` : null;
}

const TextProperty = (bounds: TextBounds, options: { optional?: boolean; nullable?: boolean; example: string }) =>
  ApiProperty({
    type: String,
    minLength: bounds.min,
    maxLength: bounds.max,
    required: !(options.optional || options.nullable),
    nullable: options.nullable,
    example: options.example,
  } as ApiPropertyOptions);

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
const TagsProperty = () =>
  api({
    type: 'array',
    items: { type: 'string', pattern: TAG_PATTERN.source },
    maxItems: TAGS_MAX,
    uniqueItems: true,
    nullable: true,
    required: false,
    example: ['clickstream', 'team:web'],
  });

const nullableProperties = (schema: Schema) =>
  Object.fromEntries(
    Object.entries(schema.properties as Record<string, Schema>).map(([k, v]) => [k, { ...v, nullable: true }]),
  );

export const CONTENT_FIELDS = ['name', 'description', 'tags', 'workload', 'volumeRange'] as const;

/** POST /v1/scenarios; GraphQL createScenario(input). OpenAPI's description of the body parseScenarioContent takes. */
export class CreateScenarioDto {
  @TextProperty(NAME, { example: 'Clickstream 2027' }) name!: string;
  @TextProperty(DESCRIPTION, { nullable: true, example: 'Web and app clickstream at next year’s volume' })
  description?: string | null;
  @TagsProperty() tags?: string[] | null;
  // selfRequired: the workload is required in the body, and its own `required` list stays (as in evaluations).
  @api({ ...workloadSchema, selfRequired: true }) workload!: WorkloadInput;
  /** Cost bands and robustness range (default 0.8 to 1.25). */
  @api({ ...volumeRangeSchema, required: false }) volumeRange?: Record<string, unknown> | null;
}

/** PATCH /v1/scenarios/{id}; GraphQL updateScenario(patch). Only the fields given change. */
@ApiSchema({
  description:
    'Only the fields given change. description: null clears it, tags: null clears them. workload is a JSON merge patch (RFC 7386) over the saved workload: null removes a field.',
})
export class ScenarioPatchDto {
  @TextProperty(NAME, { optional: true, example: 'Clickstream 2027' }) name?: string;
  @TextProperty(DESCRIPTION, { nullable: true, example: 'Web and app clickstream at next year’s volume' })
  description?: string | null;
  @TagsProperty() tags?: string[] | null;
  /**
   * A JSON merge patch over the saved workload (null removes a field). Its shape is checked here; each value given
   * is checked on its own but reported only alongside another bad field: the merged workload is checked whole once
   * the saved one is known (ScenariosService.update), with every bad field listed.
   */
  @api({
    type: 'object',
    additionalProperties: false,
    required: false,
    description: 'JSON merge patch over the saved workload; the result must be a valid workload.',
    properties: nullableProperties(workloadSchema),
    example: { ingestGbPerDay: 250, retentionHours: null },
  })
  workload?: Record<string, unknown>;
  /** A merge patch over the saved range; null restores the default. Checked like the workload. */
  @api({
    ...volumeRangeSchema,
    properties: nullableProperties(volumeRangeSchema),
    nullable: true,
    required: false,
    description: 'Merge patch over the saved range (the ends given replace the saved ones); null restores the default.',
  })
  volumeRange?: Record<string, unknown> | null;
}

/** Names of Object.prototype (constructor, toString, hasOwnProperty, __proto__…) and `prototype`: never a field. */
const PROTO_KEYS = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

/** Paths of every `__proto__`, `prototype` or `constructor` key below the top level of a parsed body. */
function nestedProtoKeyPaths(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => nestedProtoKeyPaths(item, `${path}[${i}]`));
  if (!isObject(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const at = `${path}.${key}`;
    return PROTO_KEYS.includes(key) ? [at] : nestedProtoKeyPaths(value[key], at);
  });
}

/** A value the body holds as its own property (undefined otherwise). */
const own = (body: Body, key: string): unknown => (Object.hasOwn(body, key) ? body[key] : undefined);

/** One check's errors; `alongside` ones fail the parse only with another error (an edit's values, checked again merged). */
interface Found {
  errors: FieldError[];
  alongside?: boolean;
}

const one = (field: string, message: string | null): FieldError[] => (message ? [{ field, message }] : []);
const collected = (check: () => unknown): FieldError[] => {
  const errors: FieldError[] = [];
  collect(errors, check);
  return errors;
};

/** The keys of the body that are not content fields: `__proto__`, `constructor` and the like first. */
function unknownFields(body: Body): FieldError[] {
  const unknown = Object.keys(body).filter((key) => !(CONTENT_FIELDS as readonly string[]).includes(key));
  return [...unknown.filter((k) => PROTO_KEYS.includes(k)), ...unknown.filter((k) => !PROTO_KEYS.includes(k))].map(
    (key) => ({ field: key, message: `${key} is not a known field` }),
  );
}

/** name and description: absent is fine for an edit; null clears a description and cannot remove a name. */
function textFields(body: Body, edit: boolean): FieldError[] {
  const name = own(body, 'name');
  const description = own(body, 'description');
  return [
    ...(name === undefined
      ? one('name', edit ? null : 'name is required')
      : one('name', name === null && edit ? 'name cannot be removed' : textError(name, 'name', NAME))),
    ...(description === undefined || description === null
      ? []
      : one('description', textError(description, 'description', DESCRIPTION))),
  ];
}

/** The create body's workload (checked whole, as an evaluation's) and volume range. */
function createChecks(body: Body): Found[] {
  const workload = own(body, 'workload');
  const range = own(body, 'volumeRange');
  return [
    {
      errors:
        workload === undefined || workload === null
          ? one('workload', 'workload is required')
          : collected(() => normalizeWorkload(workload as WorkloadInput, { path: 'workload' })),
    },
    { errors: range === undefined ? [] : collected(() => validateVolumeRange(range, 'volumeRange')) },
  ];
}

/** An edit's workload and volume range: merge patches, their shape checked here, their values alongside. */
function patchChecks(body: Body): Found[] {
  const workload = own(body, 'workload');
  const range = own(body, 'volumeRange');
  return [
    {
      errors:
        workload === null
          ? one('workload', 'workload cannot be removed')
          : workload === undefined || isObject(workload)
            ? []
            : one('workload', 'workload must be an object (a JSON merge patch over the stored workload)'),
    },
    { errors: isObject(workload) ? checkWorkloadFields(workload, { path: 'workload' }) : [], alongside: true },
    {
      errors:
        range === undefined || range === null || isObject(range)
          ? []
          : collected(() => validateVolumeRange(range, 'volumeRange')),
    },
    {
      errors: isObject(range) ? collected(() => validateVolumeRange(range, 'volumeRange', { endsAlone: true })) : [],
      alongside: true,
    },
  ];
}

/** Every check of a body, in the order its errors are listed; throws one ValidationError listing them all. */
function check(body: unknown, edit: boolean): Body {
  if (!isObject(body))
    throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
  const given = !edit || CONTENT_FIELDS.some((f) => Object.hasOwn(body, f));
  const found: Found[] = [
    { errors: [...unknownFields(body), ...textFields(body, edit)] },
    { errors: one('(body)', given ? null : 'give at least one of name, description, tags, workload or volumeRange') },
    { errors: tagErrors(own(body, 'tags'), 'tags') },
    ...(edit ? patchChecks(body) : createChecks(body)),
  ];
  const nested = Object.keys(body)
    .filter((key) => !PROTO_KEYS.includes(key))
    .flatMap((key) => nestedProtoKeyPaths(body[key], key));
  if (nested.length === 0 && !found.some((f) => !f.alongside && f.errors.length)) return body;
  const all = found.flatMap((f) => f.errors);
  // A `constructor` or `__proto__` deeper down (a merge patch's workload, a deliverTo item), unless named already.
  for (const path of nested)
    if (!all.some((f) => f.field === path))
      all.push({ field: path, message: `${path.replace(/^.*[.\]]/, '')} is not a known field` });
  throw new ValidationError(all);
}

/** POST /v1/scenarios and GraphQL createScenario: the content the service takes (defaults applied, deliverTo stored form). */
export function parseScenarioContent(raw: unknown): ScenarioContent {
  const body = check(raw, false);
  return {
    name: body.name as string,
    description: (own(body, 'description') as string | null | undefined) ?? null,
    tags: (own(body, 'tags') as string[] | null | undefined) ?? [],
    workload: canonicalDeliverTo(body.workload as WorkloadInput),
    volumeRange: validateVolumeRange(own(body, 'volumeRange')),
  };
}

/** PATCH /v1/scenarios/{id} and GraphQL updateScenario: the members given, nothing else. */
export function parseScenarioPatch(raw: unknown): ScenarioPatch {
  const body = check(raw, true);
  const patch: ScenarioPatch = {};
  for (const field of CONTENT_FIELDS) {
    const value = own(body, field);
    if (value !== undefined) Object.assign(patch, { [field]: value });
  }
  return patch;
}

/** Standard Schema objects for `@Body({ schema })`. */
export const ScenarioContentSchema = checkAsStandardSchema('streamfit', parseScenarioContent);
export const ScenarioPatchSchema = checkAsStandardSchema('streamfit', parseScenarioPatch);
