import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES } from '../domain';

/** One bad field of a 400: the dotted path and a sentence. */
export class FieldErrorView {
  @ApiProperty({ example: 'workload.avgRecordSizeKB' }) field: string;
  @ApiProperty({ example: 'avgRecordSizeKB must be greater than 0' }) message: string;
}

/**
 * The one error shape of every REST error answer (src/common/http-exception.filter.ts writes it): documented on
 * every 4xx and 5xx response, so a typed client reads `code`, `message` and `fields` with one type.
 */
export class ErrorView {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' }) statusCode: number;
  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description: `A stable code: ${DOMAIN_ERROR_CODES.join(', ')}; or, for what the HTTP layer refuses, BAD_REQUEST, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INTERNAL`,
  })
  code: string;
  @ApiProperty({ example: 'The request is not valid' }) message: string;
  @ApiProperty({ example: '6f1c2c8e-0a7b-4d55-9b43-3f0f5b0d2a11', description: 'The X-Request-Id of the request' })
  requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'With VALIDATION_FAILED: every bad field' })
  fields?: FieldErrorView[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Details of some codes, e.g. details.knownRegions (UNKNOWN_REGION), details.retryAfterSeconds',
  })
  details?: Record<string, unknown>;
}

/**
 * The content of every error response: JSON in the error shape, also where the operation's answer can be CSV or
 * NDJSON (@ApiProduces would otherwise list those types on the errors too).
 */
export const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } };

/** A 400 answer: the error shape, with every bad field in `fields`. */
export const BAD_REQUEST_RESPONSE = {
  content: ERROR_CONTENT,
  description: 'Invalid input: `fields` lists every bad field with a message',
};

/** A 406 answer of a route that gives JSON or CSV. */
export const NOT_ACCEPTABLE_RESPONSE = {
  content: ERROR_CONTENT,
  description: 'The Accept header admits neither application/json nor text/csv',
};

/** What every secured operation can answer before its handler runs, documented on the controller. */
export const ApiKeyAuth = (forbidden = 'The key’s role does not allow this operation') =>
  applyDecorators(
    ApiExtraModels(ErrorView),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or an unknown or revoked one', content: ERROR_CONTENT }),
    ApiForbiddenResponse({ description: forbidden, content: ERROR_CONTENT }),
    ApiTooManyRequestsResponse({
      description: 'Over the key’s or team’s requests per minute (Retry-After says when to retry)',
      content: ERROR_CONTENT,
    }),
  );

/** The bearer scheme's `bearerFormat`: what goes after `Bearer `. */
export const API_KEY_FORMAT = 'streamfit API key: sf_<10-character prefix>_<secret> (not a JWT)';
