import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from './config/config';
import { CacheService } from './cache/cache.service';
import { DatabaseAdmission } from './database/database-admission';
import { DATABASE_URL } from './database/database.tokens';
import { PrismaService } from './database/prisma.service';
import { PINO } from './logging/logging.tokens';
import { Metrics } from './metrics/metrics';

export interface InfrastructureOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
  metrics: Metrics;
}

/** Config, logging, metrics, PostgreSQL (Prisma, and the teams' fair admission to it) and the cache: one instance each per app. */
@Global()
@Module({})
export class InfrastructureModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(CacheService) private readonly cache: CacheService) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DATABASE_URL, useValue: options.databaseUrl },
        { provide: PINO, useValue: options.logger },
        { provide: Metrics, useValue: options.metrics },
        PrismaService,
        DatabaseAdmission,
        {
          provide: CacheService,
          inject: [APP_CONFIG, Metrics, PINO],
          useFactory: (config: AppConfig, metrics: Metrics, logger: Logger) =>
            new CacheService(
              {
                redisUrl: config.REDIS_URL,
                prefix: config.CACHE_PREFIX,
                memoryTtlMs: config.CACHE_MEMORY_TTL_MS,
                commandTimeoutMs: config.HEALTH_TIMEOUT_MS,
                memoryMaxBytes: config.CACHE_MEMORY_BYTES,
              },
              metrics,
              (level, msg) => logger[level]({ context: 'cache' }, msg),
            ),
        },
      ],
      exports: [APP_CONFIG, DATABASE_URL, PINO, Metrics, PrismaService, DatabaseAdmission, CacheService],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.cache.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}
