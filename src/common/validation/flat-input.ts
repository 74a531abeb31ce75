/**
 * What class-validator and class-transformer do not have built in, for the flat inputs' DTOs (API keys, list
 * queries, compare, re-price, webhooks): rules of our own (`Satisfies`), the printable-text rule of
 * text-input.ts, and the conversions of query strings.
 */
import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { TransformFnParams } from 'class-transformer';
import { textProblem } from '../text-input';

/**
 * A class-validator rule of our own, for where no built-in fits: `problem` returns the message for a bad value
 * (it sees the property's name and the whole object), null for a good one.
 */
export const Satisfies =
  (name: string, problem: (value: unknown, args: ValidationArguments) => string | null): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => problem(value, args!) === null,
        defaultMessage: (args?: ValidationArguments) => problem(args!.value, args!) ?? '',
      },
    });

/**
 * Caller text PostgreSQL can store and a terminal shows as it is (no lone surrogate, no control or bidi
 * character; `multiline` allows tab and line breaks); the message names what is wrong. A string is checked
 * by the rules before this one: anything else passes here.
 */
export const IsPrintableText = (options: { multiline?: boolean } = {}): PropertyDecorator =>
  Satisfies('isPrintableText', (value, { property }) => {
    const problem = typeof value === 'string' ? textProblem(value, options) : null;
    return problem && `${property} ${problem}`;
  });

/** For @Transform: a query parameter sent empty (`?tag=`) is absent. */
export const emptyAsAbsent = ({ value }: TransformFnParams): unknown => (value === '' ? undefined : value);

/** For @Transform: a query string of digits is its number, an empty one is absent; anything else is left for the rules to refuse. */
export const queryInteger = ({ value }: TransformFnParams): unknown =>
  value === '' ? undefined : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
