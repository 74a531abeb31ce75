/**
 * npm run bench:soak — mixed anonymous and authenticated traffic, every GraphQL document distinct, against the built
 * server (loopback only) for SOAK_DURATION_S (default 600 s), then it stops by itself. Reports peak RSS, RSS after
 * the warm-up (SOAK_WARMUP_S, default 60 s), the longest event-loop stall (measured inside the server with
 * perf_hooks.monitorEventLoopDelay, reported every second) and p99 latency. Targets: stall ≤ 100 ms, RSS after the
 * warm-up within 20 % of its value at the end of the warm-up. Exits non-zero below a target.
 *
 * The client is this process: Node's own fetch (undici), SOAK_CONNECTIONS concurrent requests (default 8), pinned
 * to core 1 and the server to core 0 when taskset is there; it prints both processes' CPU share so a reader can see
 * the client is not the bottleneck. Bounded in time and in requests (SOAK_MAX_REQUESTS, default 2,000,000).
 *
 * The mix, a counter making every document new: authenticated evaluations (distinct query text and workload; and
 * texts sent twice, so that they are compiled),
 * authenticated introspection fragments for one type (~190 fields to compile), REST evaluations, anonymous public
 * introspection (distinct), anonymous documents naming a field that needs a key (401), and anonymous fragment
 * fan-outs (2^20 paths, 400).
 */
import { cpus, loadavg } from 'node:os';
import { getIntrospectionQuery } from 'graphql';
import { type Checks, cpuSeconds, rssMb, startFlags, startServer, stop, TASKSET } from './support/harness';
import { type BenchDatabase, runBench } from './run-bench';

const DURATION_S = Number(process.env.SOAK_DURATION_S ?? 600);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? Math.min(60, DURATION_S / 5));
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 8);
const MAX_REQUESTS = Number(process.env.SOAK_MAX_REQUESTS ?? 2_000_000);
const TARGETS = { stallMs: 100, rssGrowth: 0.2 };
const FRAGMENTS = getIntrospectionQuery().slice(getIntrospectionQuery().indexOf('fragment'));

type Kind =
  | 'gql-evaluate'
  | 'gql-twice'
  | 'gql-introspect'
  | 'rest-evaluate'
  | 'anon-introspect'
  | 'anon-private'
  | 'anon-fanout';
const KINDS: Kind[] = [
  'gql-evaluate',
  'gql-twice',
  'gql-introspect',
  'rest-evaluate',
  'anon-introspect',
  'anon-private',
  'anon-fanout',
];

function fanOut(n: number): string {
  let doc = `{ ...F${n}x0 } `;
  for (let i = 0; i < 20; i++) doc += `fragment F${n}x${i} on Query { ...F${n}x${i + 1} ...F${n}x${i + 1} } `;
  return `${doc}fragment F${n}x20 on Query { serviceInfo { name } }`;
}

/** The request for counter n: its kind and fetch arguments. */
function build(n: number, keys: string[]): { kind: Kind; path: string; body: string; auth?: string } {
  const kind = KINDS[n % KINDS.length];
  const auth = `Bearer ${keys[n % keys.length]}`;
  const workload = `{ ingestGbPerDay: ${100 + (n % 100000) / 100}, avgRecordSizeKB: 1, sharedConsumers: ${1 + (n % 3)} }`;
  const gql = (query: string) => JSON.stringify({ query });
  switch (kind) {
    case 'gql-evaluate':
      return {
        kind,
        path: '/graphql',
        auth,
        body: gql(
          `query E${n} { e${n}: evaluateWorkload(input: ${workload}) { recommendation { option headline monthlyCostUsd } options { option monthlyCostUsd eligible } } }`,
        ),
      };
    case 'gql-twice':
      // Each text twice (counters n and n + 7): compiled on its second sighting, so the compiled-query cache fills.
      return {
        kind,
        path: '/graphql',
        auth,
        body: gql(
          `query T${Math.floor(n / (2 * KINDS.length))} { evaluateWorkload(input: ${workload}) { recommendation { option } options { option monthlyCostUsd } } }`,
        ),
      };
    case 'gql-introspect':
      return {
        kind,
        path: '/graphql',
        auth,
        body: gql(`query I${n} { __type(name: "Evaluation") { ...FullType } } ${FRAGMENTS}`),
      };
    case 'rest-evaluate':
      return {
        kind,
        path: '/v1/evaluations?view=totals',
        auth,
        body: JSON.stringify({ workload: { ingestGbPerDay: 100 + (n % 100000) / 100, avgRecordSizeKB: 1 } }),
      };
    case 'anon-introspect':
      return {
        kind,
        path: '/graphql',
        body: gql(`query A${n} { t${n}: __type(name: "Query") { name fields { name } } }`),
      };
    case 'anon-private':
      return { kind, path: '/graphql', body: gql(`query P${n} { p${n}: scenarios(first: 5) { nextCursor } }`) };
    case 'anon-fanout':
      return { kind, path: '/graphql', body: gql(fanOut(n)) };
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function bench({ dbName, dbUrl }: BenchDatabase): Promise<Checks> {
  const server = await startServer(
    'dist/bench/support/streamfit-server.js',
    {
      BENCH_DATABASE_URL: dbUrl,
      BENCH_REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      BENCH_CACHE_PREFIX: dbName,
      BENCH_ANONYMOUS_RATE_LIMIT: '10000000',
      BENCH_REPORT_MS: '1000',
      BENCH_KEYS: '8',
    },
    startFlags(),
  );
  process.stdout.write(
    `streamfit soak — ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n` +
      `server ${TASKSET ? 'pinned to core 0, client (this process, fetch) on core 1' : 'and client NOT pinned'}; ${CONNECTIONS} concurrent requests, ${DURATION_S} s (warm-up ${WARMUP_S} s)\n`,
  );
  // Eight keys of the bench's team (each may compile 30 new queries a minute); the rate limit is out of reach.
  const keys = server.keys ?? [server.key!];
  const started = Date.now();
  const warmupEnd = started + WARMUP_S * 1000;
  const end = started + DURATION_S * 1000;
  const reports: Array<{ at: number; loopMaxMs: number; rssMb: number; heapMb: number }> = [];
  let buffered = '';
  server.child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.includes('loopMaxMs')) reports.push({ at: Date.now(), ...JSON.parse(line) });
    }
  });
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let counter = 0;
  let failures = 0;
  const serverCpu0 = cpuSeconds(server.pid);
  const clientCpu0 = process.cpuUsage();
  const worker = async () => {
    while (Date.now() < end && counter < MAX_REQUESTS) {
      const n = counter++;
      const req = build(n, keys);
      const t0 = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}${req.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(req.auth ? { authorization: req.auth } : {}) },
          body: req.body,
        });
        await res.arrayBuffer();
        const tag = `${req.kind} ${res.status}`;
        statuses.set(tag, (statuses.get(tag) ?? 0) + 1);
      } catch {
        failures++;
      }
      if (Date.now() >= warmupEnd) latencies.push(performance.now() - t0);
    }
  };
  const progress = setInterval(() => {
    const last = reports.at(-1);
    process.stdout.write(
      `  t=${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  requests ${counter}  RSS ${rssMb(server.pid).toFixed(0)} MB  heap ${last?.heapMb.toFixed(0) ?? '?'} MB  stall max (last s) ${last?.loopMaxMs.toFixed(1) ?? '?'} ms\n`,
    );
  }, 30_000);
  const rssSamples: Array<{ at: number; mb: number }> = [];
  const sampler = setInterval(() => rssSamples.push({ at: Date.now(), mb: rssMb(server.pid) }), 500);
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  clearInterval(progress);
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;
  const serverCpu = (cpuSeconds(server.pid) - serverCpu0) / elapsed;
  const used = process.cpuUsage(clientCpu0);
  const clientCpu = (used.user + used.system) / 1e6 / elapsed;
  await stop(server);

  const warm = rssSamples.filter((s) => s.at <= warmupEnd).slice(-10);
  const rssAfterWarmup = warm.reduce((a, s) => a + s.mb, 0) / Math.max(1, warm.length);
  const after = rssSamples.filter((s) => s.at > warmupEnd);
  const peakAfterWarmup = Math.max(0, ...after.map((s) => s.mb));
  const peak = Math.max(0, ...rssSamples.map((s) => s.mb));
  const finalRss = after.at(-1)?.mb ?? 0;
  const stall = Math.max(0, ...reports.map((r) => r.loopMaxMs));
  const stallAfterWarmup = Math.max(0, ...reports.filter((r) => r.at > warmupEnd).map((r) => r.loopMaxMs));
  const sorted = Float64Array.from(latencies).sort();
  process.stdout.write(
    `\n  requests ${counter} in ${elapsed.toFixed(0)} s (${(counter / elapsed).toFixed(0)}/s), socket failures ${failures}\n`,
  );
  for (const [tag, count] of [...statuses].sort()) process.stdout.write(`    ${tag.padEnd(22)} ${count}\n`);
  process.stdout.write(
    `  latency after warm-up: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms\n` +
      `  RSS: after warm-up ${rssAfterWarmup.toFixed(0)} MB, peak after it ${peakAfterWarmup.toFixed(0)} MB, peak overall ${peak.toFixed(0)} MB, at the end ${finalRss.toFixed(0)} MB\n` +
      `  CPU: server ${(serverCpu * 100).toFixed(0)} % of its core, client ${(clientCpu * 100).toFixed(0)} % of its own\n`,
  );
  const checks = [
    [
      `longest event-loop stall ${stall.toFixed(1)} ms (after warm-up ${stallAfterWarmup.toFixed(1)} ms; target ≤ ${TARGETS.stallMs} ms)`,
      stall <= TARGETS.stallMs,
    ],
    [
      `RSS peak after warm-up ${peakAfterWarmup.toFixed(0)} MB within ${TARGETS.rssGrowth * 100} % of ${rssAfterWarmup.toFixed(0)} MB (≤ ${(rssAfterWarmup * (1 + TARGETS.rssGrowth)).toFixed(0)} MB)`,
      peakAfterWarmup <= rssAfterWarmup * (1 + TARGETS.rssGrowth),
    ],
    [
      `no socket failures (${failures}), no 5xx`,
      failures === 0 && ![...statuses.keys()].some((t) => / 5\d\d$/.test(t)),
    ],
    [
      `the client is not the bottleneck: client ${(clientCpu * 100).toFixed(0)} % of its core < server ${(serverCpu * 100).toFixed(0)} %`,
      clientCpu < serverCpu,
    ],
  ] as const;
  return checks;
}

runBench('streamfit_soak', bench, { label: 'soak' });
