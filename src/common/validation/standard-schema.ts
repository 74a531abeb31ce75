import type { StandardSchemaV1 } from '@standard-schema/spec';
import { DomainError, type FieldError } from '../../domain';

/**
 * A Standard Schema (https://standardschema.dev) object over a streamfit check: a function that returns the
 * typed value or throws a ValidationError listing every bad field. Nest's StandardSchemaValidationPipe runs
 * it from `@Body({ schema })`; the pipe's exception factory (fieldErrorsFromIssues) turns the issues back
 * into the same `{ field, message }` list, so the error body is the one the check produces.
 */
export function checkAsStandardSchema<T>(vendor: string, check: (value: unknown) => T): StandardSchemaV1<unknown, T> {
  return {
    '~standard': {
      version: 1,
      vendor,
      validate(value: unknown): StandardSchemaV1.Result<T> {
        try {
          return { value: check(value) };
        } catch (e) {
          if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
          return { issues: (e.details.fields ?? []).map((f) => ({ message: f.message, path: pathOf(f.field) })) };
        }
      },
    },
  };
}

/** `workload.avgRecordSizeKB` → ['workload', 'avgRecordSizeKB']; `tags[2]` → ['tags', 2]; `(body)` → []. */
export function pathOf(field: string): PropertyKey[] {
  if (field === '(body)') return [];
  const path: PropertyKey[] = [];
  for (const part of field.split('.')) {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(part);
    if (!m) {
      path.push(part);
      continue;
    }
    if (m[1]) path.push(m[1]);
    for (const index of m[2].slice(1, -1).split('][')) path.push(Number(index));
  }
  return path;
}

/** The inverse of pathOf: issues → the `{ field, message }` list of a ValidationError. */
export function fieldErrorsFromIssues(issues: readonly StandardSchemaV1.Issue[]): FieldError[] {
  return issues.map((issue) => {
    let field = '';
    for (const segment of issue.path ?? []) {
      const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
      if (typeof key === 'number') field += `[${key}]`;
      else field += field ? `.${String(key)}` : String(key);
    }
    return { field: field || '(body)', message: issue.message };
  });
}
