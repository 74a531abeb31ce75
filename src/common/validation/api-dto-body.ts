import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** The request body of a route documented from its DTO class, with an example (OpenAPI 3.0: no siblings beside a $ref). */
export const ApiDtoBody = (dto: Type, example: object) =>
  applyDecorators(ApiExtraModels(dto), ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(dto) }], example } }));
