import { applyDecorators, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'streamfit:isPublic';
/** @nestjs/swagger's security metadata key (its DECORATORS.API_SECURITY): an empty list documents `security: []`. */
const OPENAPI_SECURITY = 'swagger/apiSecurity';

/** Marks a controller or route as callable without an API key (health, metrics), for the guard and in OpenAPI. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(OPENAPI_SECURITY, []));
