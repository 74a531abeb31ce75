import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { CacheService } from '../infrastructure/cache/cache.service';
import { PrismaService } from '../infrastructure/database/prisma.service';

export type CheckStatus = 'up' | 'down' | 'degraded' | 'disabled';

export interface ReadinessReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, { status: CheckStatus; latencyMs?: number; detail?: string; [key: string]: unknown }>;
}

/** Something else that wants a say in readiness (rate-card freshness registers here). */
export interface ReadinessContributor {
  name: string;
  check(): Promise<{ status: CheckStatus; detail?: string; [key: string]: unknown }>;
}

@Injectable()
export class HealthService {
  private readonly contributors: ReadinessContributor[] = [];

  constructor(
    private readonly prisma: PrismaService,
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(contributor: ReadinessContributor): void {
    this.contributors.push(contributor);
  }

  /**
   * PostgreSQL down → not ready (503). Redis down → still serving from the in-process tier: `degraded` (200).
   */
  async readiness(): Promise<ReadinessReport> {
    const [database, redis, ...rest] = await Promise.all([
      this.timed(async () => {
        await this.prisma.$queryRawUnsafe('SELECT 1');
        return { status: 'up' as CheckStatus };
      }),
      this.timed(async () => {
        const status = await this.cache.ping();
        return {
          status: (status === 'down' ? 'degraded' : status) as CheckStatus,
          ...(status === 'down'
            ? { detail: 'Redis unreachable: serving from the in-process cache, reconnecting' }
            : {}),
        };
      }),
      ...this.contributors.map((c) => this.timed(() => c.check())),
    ]);
    const checks: ReadinessReport['checks'] = { database, redis };
    this.contributors.forEach((c, i) => (checks[c.name] = rest[i]));
    const statuses = Object.values(checks).map((c) => c.status);
    const status =
      database.status !== 'up' ? 'down' : statuses.some((s) => s === 'degraded' || s === 'down') ? 'degraded' : 'ok';
    return { status, checks };
  }

  private async timed(
    fn: () => Promise<{ status: CheckStatus; [key: string]: unknown }>,
  ): Promise<ReadinessReport['checks'][string]> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`timed out after ${this.config.HEALTH_TIMEOUT_MS} ms`)),
            this.config.HEALTH_TIMEOUT_MS,
          );
        }),
      ]);
      return { ...result, latencyMs: Math.round(performance.now() - started) };
    } catch (e) {
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        detail: e instanceof Error ? e.message.split('\n')[0] : 'unreachable',
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
