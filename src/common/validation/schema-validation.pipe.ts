import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ValidationError } from '../../domain';
import { fieldErrorsFromIssues } from './standard-schema';

/**
 * Nest 12's StandardSchemaValidationPipe with the house error: a ValidationError (400 VALIDATION_FAILED)
 * whose `fields` list every bad field. It checks only parameters that carry a schema (`@Body({ schema })`, or a
 * custom parameter decorator's `{ schema }`).
 *
 * The checks see the body as sent. Nest's pipe first deletes `constructor`, `prototype` and `__proto__` keys at
 * every depth, so `{"workload": {…, "constructor": 1}}` was answered as if the key were not there. streamfit's
 * checks look fields up as own properties only, refuse every key they do not know (those three included), and
 * hand the checked body on as it is, never merged into another object: nothing is left to strip. (Fastify's
 * JSON parser already refuses a body with `__proto__`, and one whose `constructor` holds a `prototype`.)
 */
class SchemaValidationPipe extends StandardSchemaValidationPipe {
  protected override stripProtoKeys(): void {}
}

export const schemaValidationPipe = new SchemaValidationPipe({
  // A custom parameter with a schema (POST /v1/evaluations's body and view together) is checked too; custom
  // parameters without one (the caller) pass through untouched.
  validateCustomDecorators: true,
  exceptionFactory: (issues) => new ValidationError(fieldErrorsFromIssues(issues)),
});
