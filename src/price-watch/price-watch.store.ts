import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { DATABASE_URL } from '../infrastructure/database/database.tokens';

/**
 * The price watch's own small pool of PostgreSQL connections (plain `pg`): its writes are multi-statement
 * transactions that also insert pg-boss jobs (pg-boss takes the transaction's client), which Prisma's
 * interactive transactions cannot lend out.
 */
@Injectable()
export class PriceWatchDb implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) url: string, @Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Pool({
      connectionString: url,
      // One per re-pricing worker, a few for the deliveries (which wait their turn: HTTP is their slow part).
      max: config.PRICE_WATCH_CONCURRENCY + 4,
      idleTimeoutMillis: 30000,
      connectionTimeoutMillis: Math.max(config.DB_TIMEOUT_MS, 30000),
      statement_timeout: 120000,
      application_name: 'streamfit-price-watch',
    });
    this.pool.on('error', () => undefined);
  }

  /** Runs `work` in one transaction; rolled back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(client);
      await client.query('COMMIT');
      return out;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

/** pg-boss's executor over a transaction's client, so its jobs commit (or not) with the rest. */
export const bossDb = (client: PoolClient) => ({
  executeSql: (text: string, values: unknown[]) => client.query(text, values),
});
