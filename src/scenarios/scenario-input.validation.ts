/**
 * Checks of everything a caller sends to the scenario endpoints. Each check collects every bad field
 * and throws one ValidationError, in the message style of the evaluation endpoints.
 */
import { collect, DomainError, type FieldError, isObject, normalizeWorkload, ValidationError, type WorkloadInput } from '../domain';
import { textProblem } from '../common/text-input';
import type { ListQuery, RepriceRates, ScenarioContent } from './scenario.types';

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const TAGS_MAX = 20;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,39}$/;
export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;
const SEARCH_MAX = 200;
/** Versions are PostgreSQL integers. */
const INT32_MAX = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTENT_FIELDS = ['name', 'description', 'tags', 'workload'];

export const isScenarioId = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);

function unknownFields(body: Record<string, unknown>, allowed: string[], prefix: string, errors: FieldError[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) errors.push({ field: `${prefix}${key}`, message: `${key} is not a known field` });
}

function checkName(value: unknown, field: string, errors: FieldError[]): void {
  if (typeof value !== 'string') errors.push({ field, message: 'name must be a string' });
  else if (value.trim().length === 0 || value.length > NAME_MAX) errors.push({ field, message: `name must be 1 to ${NAME_MAX} characters, not blank` });
  else {
    const problem = textProblem(value);
    if (problem) errors.push({ field, message: `name ${problem}` });
  }
}

function checkDescription(value: unknown, field: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'string') errors.push({ field, message: 'description must be a string' });
  else if (value.length > DESCRIPTION_MAX) errors.push({ field, message: `description must be at most ${DESCRIPTION_MAX} characters` });
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
      errors.push({ field: `${field}[${i}]`, message: 'a tag must be 1-40 lowercase letters, digits, dots, colons, dashes or underscores, starting with a letter or digit' });
    } else if (seen.has(tag)) errors.push({ field: `${field}[${i}]`, message: `tag ${tag} is given twice` });
    else seen.add(tag);
  });
}

function checkWorkload(value: unknown, path: string, errors: FieldError[]): void {
  collect(errors, () => normalizeWorkload(value as WorkloadInput, { path }));
}

/** POST /v1/scenarios and createScenario. `prefix` is '' over REST, 'input.' over GraphQL. */
export function parseCreate(body: unknown, prefix = ''): ScenarioContent {
  if (!isObject(body)) throw new ValidationError([{ field: prefix ? prefix.slice(0, -1) : '(body)', message: 'the request body must be a JSON object' }]);
  const errors: FieldError[] = [];
  unknownFields(body, CONTENT_FIELDS, prefix, errors);
  if (body.name === undefined) errors.push({ field: `${prefix}name`, message: 'name is required' });
  else checkName(body.name, `${prefix}name`, errors);
  checkDescription(body.description, `${prefix}description`, errors);
  checkTags(body.tags, `${prefix}tags`, errors);
  if (body.workload === undefined || body.workload === null) errors.push({ field: `${prefix}workload`, message: 'workload is required' });
  else checkWorkload(body.workload, `${prefix}workload`, errors);
  if (errors.length) throw new ValidationError(errors);
  return {
    name: body.name as string,
    description: (body.description as string | null | undefined) ?? null,
    tags: (body.tags as string[] | null | undefined) ?? [],
    workload: body.workload as WorkloadInput,
  };
}

/** RFC 7386 JSON merge patch: null removes a member, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
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
  if (!isObject(body)) throw new ValidationError([{ field: prefix ? prefix.slice(0, -1) : '(body)', message: 'the request body must be a JSON object' }]);
  const errors: FieldError[] = [];
  unknownFields(body, CONTENT_FIELDS, prefix, errors);
  if (!CONTENT_FIELDS.some((f) => f in body)) errors.push({ field: prefix ? prefix.slice(0, -1) : '(body)', message: 'give at least one of name, description, tags or workload' });
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
    if (!isObject(body.workload)) errors.push({ field: `${prefix}workload`, message: body.workload === null ? 'workload cannot be removed' : 'workload must be an object (a JSON merge patch over the stored workload)' });
    else {
      next.workload = mergePatch(current.workload, body.workload) as WorkloadInput;
      checkWorkload(next.workload, `${prefix}workload`, errors);
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return next;
}

const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;

/**
 * The version the caller read: an integer, or an If-Match value `3`, `"3"` or `W/"3"`.
 * Missing and required → PRECONDITION_REQUIRED (428).
 */
export function parseExpectedVersion(raw: unknown, field: string, required: boolean): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (!required) return undefined;
    throw new DomainError('PRECONDITION_REQUIRED', `${field} is required: send the version you read (e.g. ${field === 'If-Match' ? '`If-Match: "3"`' : '3'}) so a concurrent edit is not overwritten`, { field });
  }
  // `If-Match: *` ("any version") would overwrite a concurrent edit unseen: the version read is required.
  if (raw === '*' || (typeof raw === 'string' && raw.trim() === '*')) {
    throw new ValidationError([{ field, message: `${field}: * is not accepted; send the version you read (e.g. "3") so a concurrent edit is not overwritten` }]);
  }
  let version: number | undefined;
  if (typeof raw === 'number') version = raw;
  else if (typeof raw === 'string') {
    const m = VERSION_TAG.exec(raw.trim());
    if (m) version = Number(m[1] ?? m[2]);
  }
  if (version === undefined || !Number.isInteger(version) || version < 1) {
    throw new ValidationError([{ field, message: `${field} must be the scenario version you read: a positive integer such as 3, "3" or W/"3"` }]);
  }
  return version;
}

interface RawListQuery {
  limit?: unknown;
  cursor?: unknown;
  tag?: unknown;
  search?: unknown;
}

/** `?limit=&cursor=&tag=&search=` (REST, strings) or `first/after/tag/search` (GraphQL). */
export function parseListQuery(raw: RawListQuery, names = { limit: 'limit', cursor: 'cursor' }, decodeCursor: (c: string) => ListQuery['after'] | null): ListQuery {
  const errors: FieldError[] = [];
  const query: ListQuery = { limit: LIST_LIMIT_DEFAULT };
  if (raw.limit !== undefined && raw.limit !== null && raw.limit !== '') {
    const n = typeof raw.limit === 'string' && /^\d+$/.test(raw.limit) ? Number(raw.limit) : raw.limit;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > LIST_LIMIT_MAX) errors.push({ field: names.limit, message: `${names.limit} must be an integer from 1 to ${LIST_LIMIT_MAX}` });
    else query.limit = n;
  }
  if (raw.cursor !== undefined && raw.cursor !== null && raw.cursor !== '') {
    const after = typeof raw.cursor === 'string' ? decodeCursor(raw.cursor) : null;
    if (!after) errors.push({ field: names.cursor, message: `${names.cursor} is not a cursor this service gave out` });
    else query.after = after;
  }
  if (raw.tag !== undefined && raw.tag !== null && raw.tag !== '') {
    if (typeof raw.tag !== 'string' || !TAG_PATTERN.test(raw.tag)) errors.push({ field: 'tag', message: 'tag must be one tag: 1-40 lowercase letters, digits, dots, colons, dashes or underscores' });
    else query.tag = raw.tag;
  }
  if (raw.search !== undefined && raw.search !== null && raw.search !== '') {
    const problem = typeof raw.search === 'string' ? textProblem(raw.search) : null;
    if (typeof raw.search !== 'string' || raw.search.length > SEARCH_MAX) errors.push({ field: 'search', message: `search must be one string of at most ${SEARCH_MAX} characters` });
    else if (problem) errors.push({ field: 'search', message: `search ${problem}` });
    else query.search = raw.search;
  }
  if (errors.length) throw new ValidationError(errors);
  return query;
}

/** POST /v1/scenarios/compare body `{ ids }` (GraphQL passes its ids argument the same way). */
export function parseCompareIds(body: unknown): string[] {
  if (!isObject(body)) throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
  const errors: FieldError[] = [];
  unknownFields(body, ['ids'], '', errors);
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) errors.push({ field: 'ids', message: `ids must be an array of ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids` });
  else {
    if (ids.length < COMPARE_MIN || ids.length > COMPARE_MAX) errors.push({ field: 'ids', message: `ids must hold ${COMPARE_MIN} to ${COMPARE_MAX} scenario ids; got ${ids.length}` });
    // Ids are case-insensitive (UUIDs): the same scenario in two letter cases is the same id twice.
    const lower = ids.map((id: string) => id.toLowerCase());
    const dup = ids.find((_id, i) => lower.indexOf(lower[i]) !== i);
    if (dup !== undefined) errors.push({ field: 'ids', message: `ids must be unique; ${String(dup)} is given twice` });
  }
  if (errors.length) throw new ValidationError(errors);
  return ids as string[];
}

export function parseReprice(rates: unknown, baseline: unknown): { rates: RepriceRates; baseline: number } {
  const errors: FieldError[] = [];
  let r: RepriceRates = 'pinned';
  if (rates !== undefined && rates !== null && rates !== '') {
    if (rates === 'pinned' || rates === 'current') r = rates;
    else errors.push({ field: 'rates', message: 'rates must be pinned or current' });
  }
  let b = 1;
  if (baseline !== undefined && baseline !== null && baseline !== '') {
    const n = typeof baseline === 'string' && /^\d+$/.test(baseline) ? Number(baseline) : baseline;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > INT32_MAX) errors.push({ field: 'baseline', message: `baseline must be a version number (an integer from 1 to ${INT32_MAX})` });
    else b = n;
  }
  if (errors.length) throw new ValidationError(errors);
  return { rates: r, baseline: b };
}
