/**
 * Applying an edit to a saved scenario: name, description and tags replace, the workload and the volume range
 * are JSON merge patches over the saved ones, and the merged result is checked whole (a removed required field,
 * a range end past the saved other end). The patch itself was checked at the edge (ScenarioPatchDto).
 */
import {
  collect,
  DEFAULT_VOLUME_RANGE,
  type FieldError,
  isObject,
  normalizeWorkload,
  validateVolumeRange,
  ValidationError,
  type VolumeRange,
  type WorkloadInput,
} from '../domain';
import { canonicalDeliverTo } from '../domain';
import type { ScenarioContent } from './scenario.types';

/** An edit: only the members given change. */
export interface ScenarioPatch {
  name?: string;
  /** null clears it. */
  description?: string | null;
  /** null clears them. */
  tags?: string[] | null;
  /** RFC 7396 merge patch over the saved workload: null removes a field. */
  workload?: Record<string, unknown>;
  /** Merge patch over the saved range; null restores the default. */
  volumeRange?: Record<string, unknown> | null;
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

/** The content after the edit; throws one ValidationError listing every bad field of the merged workload and range. */
export function applyPatch(current: ScenarioContent, patch: ScenarioPatch): ScenarioContent {
  const errors: FieldError[] = [];
  const next: ScenarioContent = { ...current };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.tags !== undefined) next.tags = patch.tags ?? [];
  if (patch.workload !== undefined) {
    const merged = mergePatch(current.workload, patch.workload) as WorkloadInput;
    collect(errors, () => normalizeWorkload(merged, { path: 'workload' }));
    next.workload = canonicalDeliverTo(merged);
  }
  if (patch.volumeRange !== undefined) {
    const merged = patch.volumeRange === null ? undefined : mergePatch(current.volumeRange, patch.volumeRange);
    next.volumeRange = collect(errors, () => validateVolumeRange(merged)) ?? current.volumeRange;
  }
  if (errors.length) throw new ValidationError(errors);
  return next;
}

/** The range a stored version was priced with (its evaluation records it); versions saved before ranges existed used the default. */
export const storedVolumeRange = (stored: VolumeRange | null | undefined): VolumeRange =>
  stored ?? { ...DEFAULT_VOLUME_RANGE };
