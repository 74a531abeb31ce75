import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { parseExpectedVersion } from '../expected-version';

/**
 * The version the caller read, from If-Match (`3`, `"3"`, `W/"3"`), as a number. Parsed while the handler's
 * arguments are gathered, before any body pipe finishes, so a missing If-Match answers 428 and a malformed one
 * 400 naming If-Match whatever the body holds, as before the body was checked at the edge.
 */
export const IfMatchVersion = createParamDecorator(
  (options: { required: boolean }, context: ExecutionContext): number | undefined =>
    parseExpectedVersion(
      context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'],
      'If-Match',
      options.required,
    ),
);
