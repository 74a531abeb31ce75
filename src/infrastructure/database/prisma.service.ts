import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DATABASE_URL } from './database.tokens';

/** The Prisma client (Rust-free, through @prisma/adapter-pg). Prisma types never leave the repositories. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(DATABASE_URL) url: string, @Inject(APP_CONFIG) config: AppConfig) {
    super({
      adapter: new PrismaPg({
        connectionString: url,
        max: config.DB_POOL_SIZE,
        connectionTimeoutMillis: config.DB_TIMEOUT_MS,
        statement_timeout: config.DB_TIMEOUT_MS * 5,
        idleTimeoutMillis: 30000,
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
