import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, Ip, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../domain';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { Metrics } from '../infrastructure/metrics/metrics';
import { Public } from '../common/public.decorator';
import { ERROR_CONTENT, ErrorView } from '../common/api-errors';
import { HealthService } from './health.service';

/** The readiness report (both its 200 and its 503 answer carry it: what a probe or an operator reads). */
const READINESS_SCHEMA = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'down'] },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['up', 'degraded', 'down', 'disabled'] },
          latencyMs: { type: 'number' },
          detail: { type: 'string' },
        },
      },
    },
  },
};

@ApiTags('operations')
@ApiExtraModels(ErrorView)
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Scrapes per client address in the current one-minute window (this replica; at most 10,000 addresses). */
  private readonly scrapes = new Map<string, { windowStart: number; count: number }>();

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and rate-card freshness, each pinged with a timeout' })
  @ApiOkResponse({
    description: '`ok`, or `degraded` (serving, with Redis away or rates stale)',
    schema: READINESS_SCHEMA,
  })
  @ApiServiceUnavailableResponse({
    description: '`down`: PostgreSQL unreachable (the readiness report, not an error: what a probe reads)',
    schema: READINESS_SCHEMA,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.readiness();
    void reply.status(report.status === 'down' ? 503 : 200);
    return report;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary:
      'Prometheus metrics. With METRICS_TOKEN set, needs `Authorization: Bearer <METRICS_TOKEN>`; throttled per address (METRICS_RATE_LIMIT_PER_MINUTE)',
  })
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and not given', content: ERROR_CONTENT })
  @ApiTooManyRequestsResponse({
    description: 'Over METRICS_RATE_LIMIT_PER_MINUTE from this address',
    content: ERROR_CONTENT,
  })
  async prometheus(@Ip() ip: string, @Headers('authorization') authorization: string | undefined): Promise<string> {
    this.throttleScrape(ip);
    const token = this.config.METRICS_TOKEN;
    if (token !== undefined && !tokenMatches(authorization, token))
      throw new DomainError('UNAUTHENTICATED', 'The metrics need `Authorization: Bearer <METRICS_TOKEN>`');
    return this.metrics.registry.metrics();
  }

  /** Fixed one-minute windows per address: 429 over METRICS_RATE_LIMIT_PER_MINUTE (wrong tokens count too). */
  private throttleScrape(client: string, now = Date.now()): void {
    const windowStart = Math.floor(now / 60_000) * 60_000;
    const limit = this.config.METRICS_RATE_LIMIT_PER_MINUTE;
    const entry = this.scrapes.get(client);
    if (entry && entry.windowStart === windowStart) {
      if (entry.count >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
        throw new DomainError(
          'RATE_LIMITED',
          `Too many metrics scrapes from this address (${limit} per minute); retry in ${retryAfterSeconds} s`,
          { retryAfterSeconds, limit },
        );
      }
      entry.count += 1;
      return;
    }
    if (this.scrapes.size >= 10_000) this.scrapes.delete(this.scrapes.keys().next().value as string);
    this.scrapes.set(client, { windowStart, count: 1 });
  }
}

/** `Bearer <token>` compared in constant time. */
function tokenMatches(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
