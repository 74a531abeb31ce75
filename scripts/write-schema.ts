/** Writes schema.gql from the code-first schema (no database needed: the app is built, not started). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../src/app.factory';
import { printSortedSchema } from '../src/graphql-support/schema-printer';
import { loadConfig } from '../src/infrastructure/config/config';
import { projectRoot } from '../src/infrastructure/paths';

async function main(): Promise<void> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    RATES_LIVE: 'false',
    RATES_REFRESH_INTERVAL_MS: '0',
  });
  const app = await createApp({ config, databaseUrl: config.DATABASE_URL!, logger: pino({ level: 'silent' }) });
  await app.init();
  writeFileSync(join(projectRoot(), 'schema.gql'), printSortedSchema(app));
  await app.close();
  process.stdout.write('schema.gql written\n');
}
void main();
