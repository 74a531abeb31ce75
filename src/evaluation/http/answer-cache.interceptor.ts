import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable, of } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/config';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { viewNamed } from '../evaluation-totals';
import { EvaluationService, type Json } from '../evaluation.service';
import { jsonBytes, ResultCache } from '../result-cache';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * REST answer cache of POST /v1/evaluations: the JSON bytes written for a request body against the rate card
 * in force (EvaluationService.answerKey), sent again as they are when the identical body comes back — before
 * the body is checked (a body that was answered once passed its check) or anything is computed. The handler's
 * answer is written here by the route's serializer (the JSON writer of the response view, see
 * src/common/response-schemas.ts) and kept from the second time its request is seen (ResultCache.admit): a
 * stream of workloads never seen before keeps nothing. Keeping every answer for its ~100 requests in the cache
 * got most of them promoted to the old generation with their 29 KB of bytes, and old-generation collections
 * every half second: REST on distinct workloads went from ~3,200 to ~4,600 req/s, and p99 from ~77 to ~20–36 ms,
 * when this stopped (README "Benchmarks").
 */
@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  /** Within ANSWER_CACHE_BYTES (4 MB: ~140 answers of 29 KB), keys included. */
  private readonly answers: ResultCache<Json>;

  constructor(
    private readonly evaluations: EvaluationService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.answers = new ResultCache<Json>(config.ANSWER_CACHE_BYTES, jsonBytes);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // Each view has its own answers; a view the route does not know is never looked up (the check refuses it).
    const view =
      request.routeOptions?.url === '/v1/evaluations/totals'
        ? 'totals'
        : viewNamed((request.query as { view?: unknown } | undefined)?.view);
    const operation = view === null ? null : view === 'totals' ? 'evaluate-totals' : 'evaluate';
    const key = operation === null ? null : await this.evaluations.answerKey(operation, request.body);
    const hit = key === null ? undefined : this.answers.get(key);
    this.metrics.evaluationCache.inc({ operation: 'evaluate', result: hit ? 'hit' : 'miss' });
    void reply.header('content-type', JSON_TYPE);
    if (hit !== undefined) return of(hit);
    return next.handle().pipe(
      map((answer: unknown) => {
        // A handler that wrote its own JSON (view=totals) hands over a string; else the route's serializer writes it.
        const json = typeof answer === 'string' ? answer : (reply.serialize(answer) as Json);
        if (key !== null) this.answers.admit(key, json);
        return json;
      }),
    );
  }
}
