import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, type Observable, throwError } from 'rxjs';
import { DomainError } from '../../domain';
import { DatabaseAdmission } from './database-admission';

/** The HTTP request and reply behind a REST handler or a GraphQL resolver (its context holds `req` and `reply`). */
function transportOf(context: ExecutionContext): { request?: object; reply?: FastifyReply } {
  if (context.getType<string>() === 'graphql') {
    const ctx = context.getArgByIndex<{ req?: object; reply?: FastifyReply } | undefined>(2);
    return { request: ctx?.req, reply: ctx?.reply };
  }
  return { request: context.switchToHttp().getRequest<object>(), reply: context.switchToHttp().getResponse() };
}

/**
 * Puts a handler's database operations in its request's lane (DatabaseAdmission, DB_REQUEST_CONCURRENCY): the
 * root fields of one GraphQL request share one lane, however many aliases it has. A refusal for the team's share
 * carries Retry-After over GraphQL too (REST's exception filter writes it for REST).
 */
@Injectable()
export class DatabaseLaneInterceptor implements NestInterceptor {
  constructor(private readonly admission: DatabaseAdmission) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { request, reply } = transportOf(context);
    if (!request) return next.handle();
    return this.admission
      .inLaneOf(request, () => next.handle())
      .pipe(
        catchError((error: unknown) => {
          const retryAfter = error instanceof DomainError ? error.details.retryAfterSeconds : undefined;
          if (typeof retryAfter === 'number' && reply && !reply.sent)
            void reply.header('retry-after', String(retryAfter));
          return throwError(() => error);
        }),
      );
  }
}
