import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ValidationError } from '../../domain/errors';
import { fieldErrorsFromIssues } from './standard-schema';

/**
 * Nest 12's StandardSchemaValidationPipe with the house error: a ValidationError (400 VALIDATION_FAILED)
 * whose `fields` list every bad field. It checks only parameters that carry a schema (`@Body({ schema })`).
 */
export const schemaValidationPipe = new StandardSchemaValidationPipe({
  exceptionFactory: (issues) => new ValidationError(fieldErrorsFromIssues(issues)),
});
