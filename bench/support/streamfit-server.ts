/**
 * Bench server: the whole streamfit app (REST + GraphQL, auth, rate limit, Redis, Postgres) on a port,
 * with an admin key. Prints one JSON line {port, key, pid} when ready. Run pinned to one core by http.bench.ts.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
    PERF_JSON_WRITER: process.env.PERF_JSON_WRITER,
    PERF_DOCUMENT_STORE: process.env.PERF_DOCUMENT_STORE,
    // The soak (bench/soak.bench.ts) lets anonymous traffic through the address limit, so all of it is served.
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: process.env.BENCH_ANONYMOUS_RATE_LIMIT,
  });
  const app = await createApp({ config, databaseUrl: config.DATABASE_URL!, logger: pino({ level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  // BENCH_KEYS: more keys of the team (the soak spreads its distinct queries over several).
  const keys: string[] = [];
  for (let i = 0; i < Math.max(1, Number(process.env.BENCH_KEYS ?? 1)); i++)
    keys.push((await app.get(AuthService).createKey({ team: 'bench', role: 'viewer' })).key);
  const key = keys[0];
  const address = app.getHttpServer().address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, key, keys, pid: process.pid })}\n`,
  );
  // BENCH_REPORT_MS: one line per interval with the longest event-loop stall in it, measured inside the server.
  const every = Number(process.env.BENCH_REPORT_MS ?? 0);
  if (every > 0) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    setInterval(() => {
      const memory = process.memoryUsage();
      process.stdout.write(
        `${JSON.stringify({ loopMaxMs: delay.max / 1e6, rssMb: memory.rss / 1048576, heapMb: memory.heapUsed / 1048576 })}\n`,
      );
      delay.reset();
    }, every).unref();
  }
}
void main();
