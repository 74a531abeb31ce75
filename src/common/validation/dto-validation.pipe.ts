import {
  type ArgumentMetadata,
  Injectable,
  ValidationPipe,
  type ValidationError as ClassValidatorError,
} from '@nestjs/common';
import { type FieldError, isObject, ValidationError } from '../../domain';

/** class-validator's errors → the house `{ field, message }` list (nested properties dotted, array items [i]). */
export function fieldErrorsOf(errors: ClassValidatorError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        message: constraint === 'whitelistValidation' ? `${error.property} is not a known field` : message,
      });
    }
    out.push(...fieldErrorsOf(error.children ?? [], field));
  }
  return out;
}

/**
 * Nest's ValidationPipe for the class-validator DTOs of the flat inputs (API keys, scenario list, compare,
 * re-price, webhooks, price changes), bound per route with @UsePipes or per GraphQL argument class with
 * `@Args(DtoValidationPipe)`, never globally: GraphQL input classes carry no class-validator decorators and a
 * global pipe would reject them. Whitelist, forbid unknown fields, transform; one error per field (its first
 * failed rule), every bad field listed at once: unknown fields first, then the fields in declaration order.
 * Bodies that carry a workload are not DTOs: they go through their Standard Schema parse (src/workload).
 */
/** Names of Object.prototype (constructor, toString, hasOwnProperty, __proto__…) and `prototype`: never a field. */
const PROTO_KEYS = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

/** Paths of every `__proto__`, `prototype` or `constructor` key in a parsed body (its depth is bounded at parsing). */
function protoKeyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => protoKeyPaths(item, `${path}[${i}]`));
  if (!isObject(value)) return [];
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTO_KEYS.includes(key)) out.push(at);
    else out.push(...protoKeyPaths(value[key], at));
  }
  return out;
}

@Injectable()
export class DtoValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: true,
      validateCustomDecorators: false,
      exceptionFactory: (errors) => new ValidationError(fieldErrorsOf(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!metadata.metatype || !this.toValidate(metadata)) return value;
    if (metadata.type === 'body' && !isObject(value))
      throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
    // Nest's pipe deletes `constructor`, `prototype` and `__proto__` keys at every depth before class-transformer,
    // so they would pass unseen: they are unknown fields, reported with the others (top-level ones first).
    const protoPaths = protoKeyPaths(value);
    const unknown = (path: string): FieldError => ({
      field: path,
      message: `${path.replace(/^.*[.\]]/, '')} is not a known field`,
    });
    const top = protoPaths.filter((path) => !/[.[]/.test(path));
    const nested = protoPaths.filter((path) => /[.[]/.test(path));
    let checked: FieldError[] = [];
    let result: unknown = value;
    try {
      result = await super.transform(value, metadata);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      checked = e.details.fields ?? [];
    }
    const all = [...top.map(unknown), ...checked];
    for (const path of nested) if (!all.some((f) => f.field === path)) all.push(unknown(path));
    if (all.length) throw new ValidationError(all);
    return result;
  }
}

const dtoPipe = new DtoValidationPipe();

/**
 * The same DTO check outside a route (the keys CLI; GraphQL inputs read by hand): the value is checked as a
 * request body is.
 */
export function checkDto<T>(metatype: new () => T, plain: Record<string, unknown>): Promise<T> {
  return dtoPipe.transform(plain, { type: 'body', metatype }) as Promise<T>;
}
