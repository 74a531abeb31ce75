/**
 * Content negotiation of the REST API (`/v1/…`): what an `Accept` header admits, the media types each route
 * answers (`@Produces`, application/json when not given), and a 406 in the one error shape when the caller admits
 * none of them, so no route answers JSON to a caller that asked only for CSV. `?format=` picks a CSV column set.
 */
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  NotAcceptableException,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationError } from '../../domain';

export const PRODUCES = 'streamfit:produces';
const JSON_ONLY: readonly string[] = ['application/json'];

/** The media types a route answers, the first being its default. */
export const Produces = (...types: string[]) => SetMetadata(PRODUCES, types);

interface Ranged {
  type: string;
  q: number;
}

function ranges(accept: string): Ranged[] {
  return accept.split(',').map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    return { type: type.trim(), q: Number.isFinite(value) ? value : 0 };
  });
}

/** The q the header gives `type` (its most specific range: exact, then type/*, then * / *); 1 when no header. */
export function qualityOf(accept: string | undefined, type: string): number {
  if (!accept || !accept.trim()) return 1;
  const [major] = type.split('/');
  const all = ranges(accept);
  const exact = all.filter((r) => r.type === type);
  if (exact.length) return Math.max(...exact.map((r) => r.q));
  const family = all.filter((r) => r.type === `${major}/*`);
  if (family.length) return Math.max(...family.map((r) => r.q));
  const any = all.filter((r) => r.type === '*/*');
  return any.length ? Math.max(...any.map((r) => r.q)) : 0;
}

/**
 * CSV wins when the caller names it (text/csv, or text/*) at least as strongly as JSON; * / * alone (curl's
 * default) keeps JSON.
 */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const all = ranges(accept);
  const named = (type: string) => all.filter((r) => r.type === type).map((r) => r.q);
  const exact = named('text/csv');
  const csv = exact.length ? Math.max(...exact) : Math.max(0, ...named('text/*'));
  return csv > 0 && csv >= qualityOf(accept, 'application/json');
}

export type CsvFormat = 'default' | 'focus';

/**
 * The CSV asked for, or null for JSON: `?format=focus` (on routes that offer it) asks for the FOCUS column set,
 * whatever Accept says; otherwise `Accept: text/csv` asks for the default columns. Another `format` is a 400.
 */
export function csvAsked(format: unknown, accept: string | undefined, focusOffered: boolean): CsvFormat | null {
  if (format !== undefined) {
    if (format === 'focus' && focusOffered) return 'focus';
    throw new ValidationError([
      {
        field: 'format',
        message: focusOffered
          ? 'format must be focus (FOCUS 1.x columns); leave it out for the default columns'
          : 'format=focus is offered on line-item answers only: POST /v1/estimates and GET /v1/scenarios/{id}/estimate',
      },
    ]);
  }
  return wantsCsv(accept) ? 'default' : null;
}

/** Headers of a CSV answer (an attachment named `filename`). */
export function csvReply(reply: FastifyReply, filename: string): void {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`);
}

/** 406 on `/v1/…` when the caller's Accept admits none of the media types the route answers. */
@Injectable()
export class ContentNegotiationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const accept = request.headers.accept;
    if (!accept || !request.url.startsWith('/v1/')) return next.handle();
    const produced =
      this.reflector.getAllAndOverride<string[] | undefined>(PRODUCES, [context.getHandler(), context.getClass()]) ??
      JSON_ONLY;
    // `?format=focus` asks for CSV by name: Accept is not consulted then.
    const query = request.query as Record<string, unknown> | undefined;
    if (query?.format !== undefined && produced.includes('text/csv')) return next.handle();
    if (produced.some((type) => qualityOf(accept, type) > 0)) return next.handle();
    throw new NotAcceptableException(
      `This route answers ${produced.join(' or ')}; the Accept header admits none of them.${
        produced.includes('text/csv')
          ? ''
          : ' CSV is offered by POST /v1/estimates, /v1/estimates/batch, /v1/break-even, /v1/scenarios/compare and GET /v1/scenarios/{id}/estimate.'
      }`,
    );
  }
}
