/** Small helpers shared by every check that reports field errors (workload, pricing, scenarios, requests). */
import { DomainError, type FieldError } from './errors';

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Runs a check and turns its ValidationError into field errors, so every bad field is reported at once.
 * Returns the check's result, or undefined when it failed.
 */
export function collect<T>(errors: FieldError[], check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') errors.push(...(e.details.fields ?? []));
    else throw e;
    return undefined;
  }
}
