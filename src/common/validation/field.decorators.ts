/**
 * The home-made field decorators, left for scenario-content.dto.ts alone until it moves to its Standard
 * Schema parse; the lead deletes this file then (with the @FieldCheck/@ObjectCheck hooks of the DtoValidationPipe).
 * The flat inputs use class-validator's own decorators (common/validation/flat-input.ts for the rest).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Allow, IsOptional, ValidateBy, ValidateIf } from 'class-validator';
import type { FieldError } from '../../domain';
import { textProblem } from '../text-input';

/** A rule with the house message: `check` returns the message for a bad value, null for a good one. */
function Rule(name: string, check: (value: unknown, property: string) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value, args) => check(value, args?.property ?? '') === null,
      defaultMessage: (args) => check(args?.value, args?.property ?? '') ?? '',
    },
  });
}

export interface FieldOptions {
  /** Absent (undefined) is allowed; `nullable` also allows null. Otherwise the field is required. */
  optional?: boolean;
  nullable?: boolean;
  /** Message when a required field is missing (default `<field> is required`). */
  requiredMessage?: (property: string) => string;
  api?: ApiPropertyOptions;
}

function presence(options: FieldOptions): PropertyDecorator[] {
  if (options.nullable) return [IsOptional()];
  if (options.optional) return [ValidateIf((_o, v) => v !== undefined)];
  const message = options.requiredMessage ?? ((p: string) => `${p} is required`);
  // Only absence is "required"; a null goes on to the field's own rule (`name must be a string`).
  return [Rule('required', (v, p) => (v === undefined ? message(p) : null))];
}

/** A string of at most `max` characters (and at least `min`, not counting surrounding blanks when `trim`), printable (text-input.ts). */
export function TextField(
  bounds: {
    min: number;
    max: number;
    trim?: boolean;
    multiline?: boolean;
    message: (property: string) => string;
    typeMessage?: (property: string) => string;
    /** Message for null when null is not allowed but absence is (a field an edit cannot remove). */
    nullMessage?: (property: string) => string;
  },
  options: FieldOptions = {},
) {
  return applyDecorators(
    ApiProperty({
      type: String,
      minLength: bounds.min,
      maxLength: bounds.max,
      required: !(options.optional || options.nullable),
      nullable: options.nullable,
      ...options.api,
    } as ApiPropertyOptions),
    ...presence(options),
    Rule('text', (v, p) => {
      if (v === null && bounds.nullMessage) return bounds.nullMessage(p);
      if (typeof v !== 'string') return (bounds.typeMessage ?? bounds.message)(p);
      const length = bounds.trim ? v.trim().length : v.length;
      if (length < bounds.min || v.length > bounds.max) return bounds.message(p);
      const problem = textProblem(v, { multiline: bounds.multiline });
      return problem ? `${p} ${problem}` : null;
    }),
  );
}

const FIELD_CHECKS = Symbol('streamfit:fieldChecks');
const OBJECT_CHECKS = Symbol('streamfit:objectChecks');
type Check = (value: unknown, property: string) => FieldError[];

export interface FieldCheckOptions {
  /** Run it when the property is absent too (it then reports the missing field). */
  required?: boolean;
  /**
   * Report its errors only alongside another field's: alone, the value goes on to a later, fuller check (a
   * merge patch's values are checked again once merged over the saved ones, where the other end is known).
   */
  alongside?: boolean;
}

export interface FieldCheckEntry extends FieldCheckOptions {
  property: string;
  check: Check;
}

/**
 * A check that reports its own field paths (tags[i], the workload's nested fields): the DtoValidationPipe runs
 * it on the value as sent, merges what it reports with the class-validator errors and keeps the value as sent.
 * It also marks the property as known (whitelisted).
 */
export function FieldCheck(check: Check, options: FieldCheckOptions = {}): PropertyDecorator {
  return applyDecorators(Allow(), (target: object, property: string | symbol) => {
    const ctor = target.constructor as object;
    const list: FieldCheckEntry[] = [
      ...((Reflect.getMetadata(FIELD_CHECKS, ctor) as FieldCheckEntry[] | undefined) ?? []),
      { property: String(property), check, ...options },
    ];
    Reflect.defineMetadata(FIELD_CHECKS, list, ctor);
  });
}

export function fieldChecksOf(metatype: object): FieldCheckEntry[] {
  return (Reflect.getMetadata(FIELD_CHECKS, metatype) as FieldCheckEntry[] | undefined) ?? [];
}

/** A check of the whole body (e.g. "give at least one field"), run after the field checks; `(body)` names the body. */
export function ObjectCheck(check: (value: Record<string, unknown>) => FieldError[]): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(OBJECT_CHECKS, [...objectChecksOf(target), check], target);
  };
}

export function objectChecksOf(metatype: object): Array<(value: Record<string, unknown>) => FieldError[]> {
  return (
    (Reflect.getMetadata(OBJECT_CHECKS, metatype) as Array<(value: Record<string, unknown>) => FieldError[]>) ?? []
  );
}
