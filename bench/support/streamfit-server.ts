/**
 * Bench server: the whole streamfit app (REST + GraphQL, auth, rate limit, Redis, Postgres) on a port,
 * with an admin key. Prints one JSON line {port, key, pid} when ready. Run pinned to one core by http.bench.ts.
 */
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { AuthService } from '../../src/auth/auth.service';
import { loadConfig } from '../../src/infrastructure/config/config';

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    REDIS_URL: process.env.BENCH_REDIS_URL,
    CACHE_PREFIX: process.env.BENCH_CACHE_PREFIX,
    RATES_LIVE: 'false',
    RATES_REFRESH_INTERVAL_MS: '0',
    RATE_LIMIT_PER_MINUTE: '10000000',
    TEAM_RATE_LIMIT_PER_MINUTE: '100000000',
    // To measure one lever against its absence (e.g. GRAPHQL_JIT=false npm run bench).
    GRAPHQL_JIT: process.env.GRAPHQL_JIT,
  });
  const app = await createApp({ config, databaseUrl: config.DATABASE_URL!, logger: pino({ level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  const { key } = await app.get(AuthService).createKey({ team: 'bench', role: 'viewer' });
  const address = app.getHttpServer().address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, key, pid: process.pid })}\n`,
  );
}
void main();
