import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { type AppConfig, loadConfig } from '../../src/infrastructure/config/config';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testDatabaseUrl(): string {
  const url = process.env.STREAMFIT_TEST_DATABASE_URL;
  if (!url) throw new Error('global setup did not create a test database');
  return url;
}

/**
 * Configuration for a test app: the run's own database, real Redis, a key prefix of its own, quiet logs, no price
 * watch unless `env` asks for it.
 */
export function testConfig(env: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    CACHE_PREFIX: `${process.env.STREAMFIT_TEST_RUN ?? 'streamfit-test'}-${Math.random().toString(36).slice(2, 8)}`,
    RATES_LIVE: 'false',
    RATES_REFRESH_INTERVAL_MS: '0',
    // The price watch's job queue stays off in suites that are not about it: its start-up catch-up would re-price
    // other suites' scenarios in the shared database in the background, and a pg-boss worker loop still waiting
    // when a suite's app closes outlives the test environment. test/price-watch/ turns it on (watchEnv).
    PRICE_WATCH: 'false',
    ...env,
  });
}

/** A whole application, initialised (not listening unless `listen` is set). Close it in afterAll. */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
  options: { listen?: boolean; webConsoleDir?: string } = {},
): Promise<NestFastifyApplication> {
  const config = testConfig(env);
  const app = await createApp({
    config,
    databaseUrl: config.DATABASE_URL ?? testDatabaseUrl(),
    logger: pino({ level: config.LOG_LEVEL }),
    webConsoleDir: options.webConsoleDir,
  });
  if (options.listen) await app.listen(0, '127.0.0.1');
  else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  return app;
}
