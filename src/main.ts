import { createApp } from './app.factory';
import { ConfigError, listenHost, loadConfig } from './infrastructure/config/config';
import {
  type EmbeddedDatabase,
  EmbeddedPostgresError,
  startEmbeddedPostgres,
} from './infrastructure/database/embedded-postgres';
import { migrateIfPending } from './infrastructure/database/migrate';
import { createPino } from './infrastructure/logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`streamfit: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createPino(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT, (m) => logger.warn(m));
    databaseUrl = embedded.url;
    logger.info({ dataDir: embedded.dataDir }, 'DATABASE_URL not set: started the embedded PostgreSQL');
  }
  logger.info(`migrations: ${await migrateIfPending(databaseUrl)}`);

  const app = await createApp({ config, databaseUrl, logger });
  if (embedded) {
    const db = embedded;
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => db.stop());
  }
  // SIGTERM: Nest stops accepting, lets in-flight requests finish and closes the pools; past the grace period, exit anyway.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: finishing in-flight requests');
      setTimeout(() => {
        logger.error('shutdown grace period over; exiting with requests still open');
        process.exit(1);
      }, config.SHUTDOWN_GRACE_MS).unref();
    });
  }
  await app.listen(config.PORT, listenHost(config.HOST, embedded !== undefined));
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://localhost:${port}`;
  logger.info({ url: base }, 'streamfit is serving');
  process.stdout.write(
    [
      '',
      `  streamfit is serving on ${base}`,
      `    Web console   ${base}/   (paste an API key)`,
      `    REST API      ${base}/v1   (OpenAPI UI ${base}/docs, JSON ${base}/docs-json)`,
      `    GraphQL       ${base}/graphql   (IDE: open it in a browser)`,
      `    Health        ${base}/health/ready   Metrics ${base}/metrics`,
      `  First API key:  npm run keys -- create --team my-team --role admin`,
      `  Database:       ${embedded ? `embedded PostgreSQL, data in ${embedded.dataDir}` : 'DATABASE_URL'};  cache: ${config.REDIS_URL ? 'Redis + in-process' : 'in-process only (REDIS_URL unset)'}`,
      '',
    ].join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  if (e instanceof EmbeddedPostgresError) {
    process.stderr.write(`streamfit: ${e.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`streamfit: failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
