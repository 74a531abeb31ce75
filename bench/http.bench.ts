/**
 * npm run bench — throughput of POST /v1/evaluations and GraphQL evaluateWorkload against a bare
 * Fastify route that validates the same body with a JSON schema and returns the same bytes, measured
 * in ONE run (ratios, not absolute numbers: these machines are noisy). Each server runs alone on core 0
 * (taskset), autocannon on core 1. Targets: REST ≥ 0.5× bare, GraphQL ≥ 0.3× bare, p99 ≤ 25 ms at
 * 50 connections, server RSS ≤ 300 MB.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateDeploy } from '../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../test/support/database';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = 3;
const TARGETS = { restRatio: 0.5, graphqlRatio: 0.3, p99Ms: 25, rssMb: 300 };

const workload = { ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2, retentionHours: 24, trafficPattern: 'STEADY' };
const restBody = JSON.stringify({ workload });
/** What a developer portal shows: the recommendation and its reasons, each option's fit and cost, the rates' provenance. */
const graphqlBody = JSON.stringify({
  query: `query Evaluate($input: WorkloadInput!) { evaluateWorkload(input: $input) {
    recommendation { option headline reasons monthlyCostUsd }
    options { option label eligible rank monthlyCostUsd disqualifiedBy { code message } }
    rateCard { id source publicationDate stale } warnings { code message } } }`,
  variables: { input: workload },
});

interface Server {
  child: ChildProcess;
  port: number;
  key?: string;
  pid: number;
}

const pinned = (core: number, args: string[]) => (hasTaskset() ? ['taskset', ['-c', String(core), process.execPath, ...args]] : [process.execPath, args]) as [string, string[]];
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return cpus().length >= 2;
  } catch {
    return false;
  }
}

/** The node flags `npm start` runs the service with (package.json), so the benchmark measures the service as deployed. */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((part) => part.startsWith('--'));
}

async function startServer(script: string, env: Record<string, string>, flags: string[] = []): Promise<Server> {
  const [cmd, args] = pinned(0, [...flags, script]);
  const child = spawn(cmd, args, { env: { ...process.env, NODE_ENV: 'production', ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { port: number; key?: string; pid: number }) };
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** A body per request: the same one, or (distinct) a new workload each time, so no answer can come from a cache. */
type Body = string | (() => string);

async function load(url: string, body: Body, headers: Record<string, string>, seconds: number, pid: number) {
  let maxRss = rssMb(pid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 250);
  const requests = typeof body === 'function' ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }] : undefined;
  const result = await autocannon({
    url,
    method: 'POST',
    ...(requests ? { requests } : { body }),
    headers: { 'content-type': 'application/json', ...headers },
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
  } as autocannon.Options);
  clearInterval(sampler);
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts, total: result.requests.total, maxRss };
}

async function measure(name: string, server: Server, path: string, body: Body, headers: Record<string, string> = {}) {
  const url = `http://127.0.0.1:${server.port}${path}`;
  await load(url, body, headers, WARMUP_S, server.pid);
  const r = await load(url, body, headers, DURATION_S, server.pid);
  process.stdout.write(`  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   non-2xx ${r.non2xx}   RSS ${r.maxRss.toFixed(0)} MB\n`);
  return r;
}

async function stop(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  if (hasTaskset()) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const dbName = uniqueName('streamfit_bench');
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  const dbUrl = databaseUrl(dbName);
  let exitCode = 1;
  try {
    await migrateDeploy(dbUrl);
    const env = { BENCH_DATABASE_URL: dbUrl, BENCH_REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', BENCH_CACHE_PREFIX: dbName };
    process.stdout.write(`streamfit HTTP benchmark — ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), node ${process.version}\n`);
    process.stdout.write(`server pinned to core 0, autocannon on core 1; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per target\n\n`);

    // The response bytes the bare route returns: streamfit's own answer for this body.
    const app = await startServer('dist/bench/support/streamfit-server.js', env, startFlags());
    const auth = { authorization: `Bearer ${app.key}` };
    const sample = await fetch(`http://127.0.0.1:${app.port}/v1/evaluations`, { method: 'POST', body: restBody, headers: { 'content-type': 'application/json', ...auth } });
    if (sample.status !== 200) throw new Error(`streamfit answered ${sample.status}: ${await sample.text()}`);
    const responseFile = join(mkdtempSync(join(tmpdir(), 'streamfit-bench-')), 'response.json');
    writeFileSync(responseFile, await sample.text());
    await stop(app);

    const bare = await startServer('dist/bench/support/bare-server.js', { BENCH_RESPONSE_FILE: responseFile });
    const b = await measure('bare Fastify + JSON schema', bare, '/v1/evaluations', restBody);
    await stop(bare);

    const sf = await startServer('dist/bench/support/streamfit-server.js', env, startFlags());
    const sfAuth = { authorization: `Bearer ${sf.key}` };
    const rest = await measure('streamfit POST /v1/evaluations', sf, '/v1/evaluations', restBody, sfAuth);
    const graphql = await measure('streamfit GraphQL evaluateWorkload', sf, '/graphql', graphqlBody, sfAuth);
    // For information (not a target): every request a workload never seen before, so every answer is computed.
    let n = 0;
    const distinct = () => JSON.stringify({ workload: { ...workload, ingestGbPerDay: 100 + (n++ % 1_000_000) / 1000 } });
    const uncached = await measure('  (REST, a new workload every request)', sf, '/v1/evaluations', distinct, sfAuth);
    await stop(sf);

    const restRatio = rest.rps / b.rps;
    const graphqlRatio = graphql.rps / b.rps;
    const rss = Math.max(rest.maxRss, graphql.maxRss);
    const checks = [
      [`REST / bare = ${restRatio.toFixed(2)} (target ≥ ${TARGETS.restRatio})`, restRatio >= TARGETS.restRatio],
      [`GraphQL / bare = ${graphqlRatio.toFixed(2)} (target ≥ ${TARGETS.graphqlRatio})`, graphqlRatio >= TARGETS.graphqlRatio],
      [`p99 REST ${rest.p99} ms, GraphQL ${graphql.p99} ms (target ≤ ${TARGETS.p99Ms} ms)`, rest.p99 <= TARGETS.p99Ms && graphql.p99 <= TARGETS.p99Ms],
      [`server RSS ${rss.toFixed(0)} MB (target ≤ ${TARGETS.rssMb} MB)`, rss <= TARGETS.rssMb],
      [`no errors (non-2xx: bare ${b.non2xx}, REST ${rest.non2xx}, GraphQL ${graphql.non2xx})`, b.non2xx + rest.non2xx + graphql.non2xx === 0],
    ] as const;
    process.stdout.write(`\n  info  REST with no result-cache hits / bare = ${(uncached.rps / b.rps).toFixed(2)} (p99 ${uncached.p99} ms)\n`);
    for (const [text, ok] of checks) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${text}\n`);
    exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
  process.exit(exitCode);
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
