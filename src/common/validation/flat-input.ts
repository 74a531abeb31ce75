/**
 * What class-validator and class-transformer do not have built in, for the flat inputs' DTOs (API keys, list
 * queries, compare, re-price, webhooks): the printable-text rule of text-input.ts as a constraint, and the two
 * conversions of query strings.
 */
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import type { TransformFnParams } from 'class-transformer';
import { textProblem } from '../text-input';

/**
 * Caller text PostgreSQL can store and a terminal shows as it is (no lone surrogate, no control or bidi
 * character; `multiline` allows tab and line breaks); the message names what is wrong. A string is checked
 * by the rules before this one: anything else passes here.
 */
export function IsPrintableText(
  options: { multiline?: boolean } = {},
  validation?: ValidationOptions,
): PropertyDecorator {
  const problem = (value: unknown) => (typeof value === 'string' ? textProblem(value, options) : null);
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPrintableText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validation,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${problem(args?.value)}`,
      },
    });
}

/** For @Transform: a query parameter sent empty (`?tag=`) is absent. */
export const emptyAsAbsent = ({ value }: TransformFnParams): unknown => (value === '' ? undefined : value);

/** For @Transform: a query string of digits is its number, an empty one is absent; anything else is left for the rules to refuse. */
export const queryInteger = ({ value }: TransformFnParams): unknown =>
  value === '' ? undefined : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
