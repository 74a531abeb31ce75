/**
 * Checks of everything a caller sends to the scenario endpoints. Each check collects every bad field
 * and throws one ValidationError, in the message style of the evaluation endpoints.
 */
import {
  collect,
  DEFAULT_VOLUME_RANGE,
  DomainError,
  type FieldError,
  isObject,
  normalizeWorkload,
  validateVolumeRange,
  ValidationError,
  type VolumeRange,
  type WorkloadInput,
} from '../domain';
import { textProblem } from '../common/text-input';
import { canonicalDeliverTo } from '../domain/pipeline/delivery';
import type { ScenarioContent } from './scenario.types';

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const TAGS_MAX = 20;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,39}$/;
export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;
export const SEARCH_MAX = 200;
/** Versions are PostgreSQL integers. */
export const INT32_MAX = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTENT_FIELDS = ['name', 'description', 'tags', 'workload', 'volumeRange'];

export const isScenarioId = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

function unknownFields(body: Record<string, unknown>, allowed: string[], prefix: string, errors: FieldError[]): void {
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) errors.push({ field: `${prefix}${key}`, message: `${key} is not a known field` });
}

function checkName(value: unknown, field: string, errors: FieldError[]): void {
  if (typeof value !== 'string') errors.push({ field, message: 'name must be a string' });
  else if (value.trim().length === 0 || value.length > NAME_MAX)
    errors.push({ field, message: `name must be 1 to ${NAME_MAX} characters, not blank` });
  else {
    const problem = textProblem(value);
    if (problem) errors.push({ field, message: `name ${problem}` });
  }
}

function checkDescription(value: unknown, field: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'string') errors.push({ field, message: 'description must be a string' });
  else if (value.length > DESCRIPTION_MAX)
    errors.push({ field, message: `description must be at most ${DESCRIPTION_MAX} characters` });
  else {
    const problem = textProblem(value, { multiline: true });
    if (problem) errors.push({ field, message: `description ${problem}` });
  }
}

function checkTags(value: unknown, field: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    errors.push({ field, message: 'tags must be an array of strings' });
    return;
  }
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
}

function checkWorkload(value: unknown, path: string, errors: FieldError[]): void {
  collect(errors, () => normalizeWorkload(value as WorkloadInput, { path }));
}

/** POST /v1/scenarios and createScenario. `prefix` is '' over REST, 'input.' over GraphQL. */
export function parseCreate(body: unknown, prefix = ''): ScenarioContent {
  if (!isObject(body))
    throw new ValidationError([
      { field: prefix ? prefix.slice(0, -1) : '(body)', message: 'the request body must be a JSON object' },
    ]);
  const errors: FieldError[] = [];
  unknownFields(body, CONTENT_FIELDS, prefix, errors);
  if (body.name === undefined) errors.push({ field: `${prefix}name`, message: 'name is required' });
  else checkName(body.name, `${prefix}name`, errors);
  checkDescription(body.description, `${prefix}description`, errors);
  checkTags(body.tags, `${prefix}tags`, errors);
  if (body.workload === undefined || body.workload === null)
    errors.push({ field: `${prefix}workload`, message: 'workload is required' });
  else checkWorkload(body.workload, `${prefix}workload`, errors);
  const volumeRange = collect(errors, () => validateVolumeRange(body.volumeRange, `${prefix}volumeRange`));
  if (errors.length) throw new ValidationError(errors);
  return {
    name: body.name as string,
    description: (body.description as string | null | undefined) ?? null,
    tags: (body.tags as string[] | null | undefined) ?? [],
    workload: canonicalDeliverTo(body.workload as WorkloadInput),
    volumeRange: volumeRange!,
  };
}

/** RFC 7386 JSON merge patch: null removes a member, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  const put = (key: string, value: unknown) =>
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  if (isObject(target)) for (const [k, v] of Object.entries(target)) put(k, v);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else put(k, mergePatch(result[k], v));
  }
  return result;
}

/**
 * PATCH body over the stored content: name/description/tags replace (null clears description and tags),
 * workload is a JSON merge patch over the stored workload; the result is validated whole.
 */
export function applyPatch(current: ScenarioContent, body: unknown, prefix = ''): ScenarioContent {
  if (!isObject(body))
    throw new ValidationError([
      { field: prefix ? prefix.slice(0, -1) : '(body)', message: 'the request body must be a JSON object' },
    ]);
  const errors: FieldError[] = [];
  unknownFields(body, CONTENT_FIELDS, prefix, errors);
  if (!CONTENT_FIELDS.some((f) => f in body))
    errors.push({
      field: prefix ? prefix.slice(0, -1) : '(body)',
      message: 'give at least one of name, description, tags, workload or volumeRange',
    });
  const next: ScenarioContent = { ...current };
  if ('name' in body) {
    if (body.name === null) errors.push({ field: `${prefix}name`, message: 'name cannot be removed' });
    else checkName(body.name, `${prefix}name`, errors);
    next.name = body.name as string;
  }
  if ('description' in body) {
    checkDescription(body.description, `${prefix}description`, errors);
    next.description = (body.description as string | null | undefined) ?? null;
  }
  if ('tags' in body) {
    checkTags(body.tags, `${prefix}tags`, errors);
    next.tags = (body.tags as string[] | null | undefined) ?? [];
  }
  if ('workload' in body) {
    if (!isObject(body.workload))
      errors.push({
        field: `${prefix}workload`,
        message:
          body.workload === null
            ? 'workload cannot be removed'
            : 'workload must be an object (a JSON merge patch over the stored workload)',
      });
    else {
      next.workload = mergePatch(current.workload, body.workload) as WorkloadInput;
      checkWorkload(next.workload, `${prefix}workload`, errors);
      next.workload = canonicalDeliverTo(next.workload);
    }
  }
  if ('volumeRange' in body) {
    // null restores the default; an object is a merge patch over the saved range.
    const merged =
      body.volumeRange === null
        ? undefined
        : isObject(body.volumeRange)
          ? mergePatch(current.volumeRange, body.volumeRange)
          : body.volumeRange;
    next.volumeRange =
      collect(errors, () => validateVolumeRange(merged, `${prefix}volumeRange`)) ?? current.volumeRange;
  }
  if (errors.length) throw new ValidationError(errors);
  return next;
}

/** The range a stored version was priced with (its evaluation records it); versions saved before ranges existed used the default. */
export const storedVolumeRange = (stored: VolumeRange | null | undefined): VolumeRange =>
  stored ?? { ...DEFAULT_VOLUME_RANGE };

const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;

/**
 * The version the caller read: an integer, or an If-Match value `3`, `"3"` or `W/"3"`.
 * Missing and required → PRECONDITION_REQUIRED (428).
 */
export function parseExpectedVersion(raw: unknown, field: string, required: boolean): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (!required) return undefined;
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      `${field} is required: send the version you read (e.g. ${field === 'If-Match' ? '`If-Match: "3"`' : '3'}) so a concurrent edit is not overwritten`,
      { field },
    );
  }
  // `If-Match: *` ("any version") would overwrite a concurrent edit unseen: the version read is required.
  if (raw === '*' || (typeof raw === 'string' && raw.trim() === '*')) {
    throw new ValidationError([
      {
        field,
        message: `${field}: * is not accepted; send the version you read (e.g. "3") so a concurrent edit is not overwritten`,
      },
    ]);
  }
  let version: number | undefined;
  if (typeof raw === 'number') version = raw;
  else if (typeof raw === 'string') {
    const m = VERSION_TAG.exec(raw.trim());
    if (m) version = Number(m[1] ?? m[2]);
  }
  if (version === undefined || !Number.isInteger(version) || version < 1) {
    throw new ValidationError([
      { field, message: `${field} must be the scenario version you read: a positive integer such as 3, "3" or W/"3"` },
    ]);
  }
  return version;
}
