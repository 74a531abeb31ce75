import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain';
import { type ErrorBody, domainErrorBody } from './error-mapping';

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Turns any error into the one error shape, with the request id, and never leaks a stack trace
 * or an internal message: anything unexpected is logged in full and answered as a bare 500.
 */
export function toErrorBody(error: unknown, requestId: string, log: (e: unknown) => void): ErrorBody {
  if (error instanceof DomainError) return domainErrorBody(error, requestId);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const given =
      typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    // The router's "Cannot GET /the/path" would echo the caller's path (and whatever it smuggles) back: not echoed.
    const message = status === 404 && /^Cannot [A-Z]+ /.test(given) ? 'No such route (see /docs for the API)' : given;
    if (status >= 500) log(error);
    return {
      statusCode: status,
      code: STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      message: status >= 500 ? 'Internal error' : message,
      requestId,
    };
  }
  // Fastify's own errors (body parsing, size, media type) carry a 4xx statusCode and a safe message.
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const message =
      e.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'Request body is too large'
        : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Unsupported content type: send application/json'
          : e.statusCode === 400
            ? `Malformed request: ${e.message ?? 'bad body'}`
            : (e.message ?? 'Bad request');
    return { statusCode: e.statusCode, code: STATUS_CODES[e.statusCode] ?? 'BAD_REQUEST', message, requestId };
  }
  log(error);
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error', requestId };
}

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error; // GraphQL errors are formatted by Apollo's formatError
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(error, String(request.id), (e) =>
      this.logger.error({ err: e, requestId: request.id }, 'unhandled error'),
    );
    // A 429, or a 503 of a database too busy to wait for (src/infrastructure/database/database-admission.ts).
    if (error instanceof DomainError && typeof error.details.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(error.details.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
