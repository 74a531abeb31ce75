/**
 * npm run bench:json — the JSON writer lever alone, in one process: server CPU time to write one evaluation
 * never written before (fresh objects, as on the uncached path) as UTF-8 bytes ready for the socket:
 *   fast-json-stringify + Buffer.byteLength + encode   (what Fastify did with the response schema before)
 *   compiled JSON writer (src/common/json-writer.ts)     (what the route does now)
 * Rounds alternate between the two so that load from other processes falls on both; min / p25 / median of
 * 60 rounds of 50 answers. The schema is the documented EvaluationView (OpenAPI), as the route uses it.
 */
import fastJsonStringify from 'fast-json-stringify';
import pino from 'pino';
import { createApp } from '../src/app.factory';
import { compileJsonWriter } from '../src/common/json-writer';
import { serializationSchema } from '../src/common/response-schemas';
import { evaluate } from '../src/domain';
import { loadConfig } from '../src/infrastructure/config/config';
import { migrateDeploy } from '../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../test/support/database';
import { usEast1RateCard } from '../test/domain/support/us-east-1.rate-card';

async function evaluationSchema(): Promise<Record<string, unknown>> {
  const dbName = uniqueName('streamfit_bench_json');
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  try {
    await migrateDeploy(databaseUrl(dbName));
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl(dbName),
      RATES_LIVE: 'false',
      RATES_REFRESH_INTERVAL_MS: '0',
    });
    const app = await createApp({ config, databaseUrl: config.DATABASE_URL!, logger: pino({ level: 'silent' }) });
    await app.init();
    const doc = (await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' })).json() as {
      components: { schemas: Record<string, unknown> };
    };
    await app.close();
    return serializationSchema(doc.components.schemas, 'EvaluationView');
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const schema = await evaluationSchema();
  const card = usEast1RateCard();
  const general = fastJsonStringify(schema) as (value: unknown) => string;
  const writer = compileJsonWriter(schema, general);
  let n = 0;
  const fresh = (count: number) =>
    Array.from({ length: count }, () => {
      n++;
      return evaluate(
        {
          ingestGbPerDay: 100 + (n % 1_000_000) / 1000,
          avgRecordSizeKB: 1,
          sharedConsumers: 1 + (n % 3),
          retentionHours: 24,
          trafficPattern: 'STEADY',
        },
        card,
      );
    });
  const variants: Array<[string, (value: unknown) => unknown]> = [
    [
      'fast-json-stringify + byteLength + encode',
      (v) => {
        const s = general(v);
        Buffer.byteLength(s);
        return Buffer.from(s);
      },
    ],
    ['compiled JSON writer', writer.write],
  ];
  for (const [, write] of variants) for (const v of fresh(2000)) write(v); // warm-up (and the memos' first reviews)
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const times: Record<string, number[]> = {};
  for (let round = 0; round < 60; round++) {
    for (const [name, write] of variants) {
      const values = fresh(50);
      const t = cpu();
      for (const v of values) write(v);
      (times[name] ??= []).push((cpu() - t) / values.length);
    }
  }
  process.stdout.write(
    `JSON of one evaluation never written before (~${(Buffer.byteLength(general(fresh(1)[0])) / 1024).toFixed(1)} KB), µs of CPU:\n`,
  );
  const stats: Record<string, number> = {};
  for (const [name, t] of Object.entries(times)) {
    t.sort((a, b) => a - b);
    stats[name] = t[30];
    process.stdout.write(
      `  ${name.padEnd(44)} min ${t[0].toFixed(0).padStart(4)}   p25 ${t[15].toFixed(0).padStart(4)}   median ${t[30].toFixed(0).padStart(4)}\n`,
    );
  }
  const ratio = stats['compiled JSON writer'] / stats['fast-json-stringify + byteLength + encode'];
  process.stdout.write(`  writer / fast-json-stringify (median) = ${ratio.toFixed(2)}\n`);
  process.exit(ratio < 1 ? 0 : 1);
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
