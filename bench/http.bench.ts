/**
 * npm run bench — throughput of POST /v1/evaluations and GraphQL evaluateWorkload on workloads never sent
 * before (every request a new workload, built by a wrk Lua script), against a bare Fastify route that validates
 * the same bodies with the same JSON schema and returns the same response bytes, measured in ONE run (ratios,
 * not absolute numbers: these machines are noisy). Each server runs alone on core 0 (taskset), wrk (C, one
 * thread) on core 1; the bench reports the server's and wrk's CPU use, so a reader can see the bare route
 * saturates the server core, not the client. Targets (distinct workloads): REST ≥ 0.5× bare, GraphQL ≥ 0.3×
 * bare, p99 ≤ 25 ms at 50 connections, server RSS ≤ 300 MB; each performance piece gains ≥ 10 % against its absence
 * (measured on and off, interleaved). Nothing caches answers, so every request sends a workload never sent before.
 * Exits non-zero below any target.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONNECTIONS,
  type Kind,
  type Mode,
  requireWrk,
  type Run,
  type Server,
  startFlags,
  startServer,
  stop,
  TASKSET,
  wrk,
  type Checks,
} from './support/harness';
import { type BenchDatabase, runBench } from './run-bench';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);
const TARGETS = { restRatio: 0.5, graphqlRatio: 0.3, p99Ms: 25, rssMb: 300 };
/** The workload whose answer the bare route serves as its response bytes (bodies.lua, counter 0). */
const workload = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 1,
  retentionHours: 24,
  trafficPattern: 'STEADY',
};
async function measure(
  name: string,
  server: Server,
  path: string,
  kind: Kind,
  mode: Mode,
  auth?: string,
): Promise<Run> {
  await wrk(server, path, kind, mode, WARMUP_S, auth);
  const r = await wrk(server, path, kind, mode, DURATION_S, auth);
  const pct = (x: number) => `${(x * 100).toFixed(0).padStart(3)} %`;
  process.stdout.write(
    `  ${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(1).padStart(5)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  ` +
      `RSS ${r.maxRss.toFixed(0).padStart(3)} MB  CPU server ${pct(r.serverCpu)} (${r.cpuUsPerRequest.toFixed(0).padStart(4)} µs/req) wrk ${pct(r.clientCpu)}  ${(r.bytesPerResponse / 1024).toFixed(1)} KB/resp  errors ${r.errors}\n`,
  );
  return r;
}

/**
 * The performance pieces, each measured on and off in this same run (README "Benchmarks": kept only while it gains
 * ≥ 10 % in req/s or in server CPU per request). `mixed`: 1 request in 5 is one of 20 common workloads sent again and
 * again (the console's defaults, presets: the only place real callers repeat), 4 in 5 are new — the share where a
 * cache can legitimately hit; `distinct`: every request new. Each piece runs against its absence with every other
 * piece at its default.
 */
interface Piece {
  name: string;
  flag: string;
  path: string;
  kind: Kind;
  mode: Mode;
}
const PIECES: Piece[] = [
  { name: 'compiled JSON writer', flag: 'PERF_JSON_WRITER', path: '/v1/evaluations', kind: 'rest', mode: 'distinct' },
  { name: 'graphql-jit', flag: 'GRAPHQL_JIT', path: '/graphql', kind: 'graphql', mode: 'distinct' },
  { name: 'GraphQL document store', flag: 'PERF_DOCUMENT_STORE', path: '/graphql', kind: 'graphql', mode: 'distinct' },
];
const PIECE_GAIN = 0.1;
/** Rounds of ON then OFF per piece (interleaved, so a slow minute of the shared machine falls on both). */
const PIECE_ROUNDS = Number(process.env.BENCH_PIECE_ROUNDS ?? 3);

interface PieceResult {
  piece: Piece;
  on: Run[];
  off: Run[];
}
const mean = (runs: Run[], f: (r: Run) => number) => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
/** How far the runs of one setting differ (largest − smallest), as a share of their mean: the noise of the machine. */
const spread = (runs: Run[], f: (r: Run) => number) =>
  (Math.max(...runs.map(f)) - Math.min(...runs.map(f))) / mean(runs, f);
const rpsGain = (r: PieceResult) => mean(r.on, (x) => x.rps) / mean(r.off, (x) => x.rps) - 1;
const cpuGain = (r: PieceResult) => mean(r.off, (x) => x.cpuUsPerRequest) / mean(r.on, (x) => x.cpuUsPerRequest) - 1;

/** One piece on and off, two servers up at once (the idle one sleeps), runs interleaved ON OFF ON OFF …. */
async function measurePiece(piece: Piece, env: Record<string, string>): Promise<PieceResult> {
  process.stdout.write(`${piece.name} (${piece.flag}), ${piece.mode} workloads, ${piece.path}:\n`);
  const on = await startServer(
    'dist/bench/support/streamfit-server.js',
    { ...env, [piece.flag]: 'true' },
    startFlags(),
  );
  const off = await startServer(
    'dist/bench/support/streamfit-server.js',
    { ...env, [piece.flag]: 'false' },
    startFlags(),
  );
  const result: PieceResult = { piece, on: [], off: [] };
  try {
    for (let round = 1; round <= PIECE_ROUNDS; round++) {
      for (const [label, server, runs] of [
        ['on ', on, result.on],
        ['off', off, result.off],
      ] as const)
        runs.push(
          await measure(`  ${label} (${round})`, server, piece.path, piece.kind, piece.mode, `Bearer ${server.key}`),
        );
    }
  } finally {
    await stop(on);
    await stop(off);
  }
  return result;
}

function pieceLine(r: PieceResult): string {
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`;
  const noise = Math.max(
    spread(r.on, (x) => x.rps),
    spread(r.off, (x) => x.rps),
    spread(r.on, (x) => x.cpuUsPerRequest),
    spread(r.off, (x) => x.cpuUsPerRequest),
  );
  return (
    `${r.piece.name}: req/s ${mean(r.on, (x) => x.rps).toFixed(0)} on vs ${mean(r.off, (x) => x.rps).toFixed(0)} off (${pct(rpsGain(r))}), ` +
    `CPU ${mean(r.on, (x) => x.cpuUsPerRequest).toFixed(0)} vs ${mean(r.off, (x) => x.cpuUsPerRequest).toFixed(0)} µs/req (${pct(cpuGain(r))}); ` +
    `noise between runs of one setting ≤ ${(noise * 100).toFixed(0)} %`
  );
}

async function bench({ dbName, dbUrl }: BenchDatabase): Promise<Checks> {
  const env = {
    BENCH_DATABASE_URL: dbUrl,
    BENCH_REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    BENCH_CACHE_PREFIX: dbName,
  };
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  process.stdout.write(
    `streamfit HTTP benchmark — ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), node ${process.version}, load average ${load}\n`,
  );
  process.stdout.write(
    `server ${TASKSET ? 'pinned to core 0, wrk (1 thread) on core 1' : 'and wrk NOT pinned (no taskset or < 2 cores)'}; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per target\n\n`,
  );

  // The response bytes the bare route returns: streamfit's own answer for the base workload.
  const app = await startServer('dist/bench/support/streamfit-server.js', env, startFlags());
  const sample = await fetch(`http://127.0.0.1:${app.port}/v1/evaluations`, {
    method: 'POST',
    body: JSON.stringify({ workload }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.key}` },
  });
  if (sample.status !== 200) throw new Error(`streamfit answered ${sample.status}: ${await sample.text()}`);
  const responseDir = mkdtempSync(join(tmpdir(), 'streamfit-bench-'));
  const responseFile = join(responseDir, 'response.json');
  writeFileSync(responseFile, await sample.text());
  await stop(app);

  process.stdout.write('a workload never sent before on every request (wrk Lua script):\n');
  const bare = await startServer('dist/bench/support/bare-server.js', { BENCH_RESPONSE_FILE: responseFile });
  const b = await measure('bare Fastify + JSON schema (baseline)', bare, '/v1/evaluations', 'rest', 'distinct');
  await stop(bare);
  rmSync(responseDir, { recursive: true, force: true });

  const sf = await startServer('dist/bench/support/streamfit-server.js', env, startFlags());
  const auth = `Bearer ${sf.key}`;
  const rest = await measure('streamfit POST /v1/evaluations', sf, '/v1/evaluations', 'rest', 'distinct', auth);
  const graphql = await measure('streamfit GraphQL evaluateWorkload', sf, '/graphql', 'graphql', 'distinct', auth);
  // For information (no target): the opt-in lean REST answer, the same bodies.
  const totals = await measure(
    '  POST /v1/evaluations?view=totals',
    sf,
    '/v1/evaluations?view=totals',
    'rest',
    'distinct',
    auth,
  );
  await stop(sf);

  // Each performance piece against its absence, in this same run (README "Benchmarks").
  process.stdout.write('\neach performance piece on and off (interleaved: on, off, on, off):\n');
  const pieces: PieceResult[] = [];
  for (const piece of PIECES) pieces.push(await measurePiece(piece, env));
  for (const r of pieces) process.stdout.write(`  info  ${pieceLine(r)}\n`);
  const pieceRuns = pieces.flatMap((r) => [...r.on, ...r.off]);

  const ratio = (r: Run, base: Run) => r.rps / base.rps;
  const rss = Math.max(rest.maxRss, graphql.maxRss, totals.maxRss);
  const p99 = Math.max(rest.p99Ms, graphql.p99Ms);
  process.stdout.write(
    `\n  info  the client is not the bottleneck: during the baseline the server used ${(b.serverCpu * 100).toFixed(0)} % of its core, wrk ${(b.clientCpu * 100).toFixed(0)} % of its own\n`,
  );
  const cost = (r: Run, base: Run) => (base.cpuUsPerRequest / r.cpuUsPerRequest).toFixed(2);
  process.stdout.write(
    `  info  by server CPU time per request (steadier than req/s when other processes share the cores): REST ${cost(rest, b)}, GraphQL ${cost(graphql, b)} of the bare route\n`,
  );
  process.stdout.write(
    `  info  REST view=totals / bare = ${ratio(totals, b).toFixed(2)} (CPU ${cost(totals, b)}, p99 ${totals.p99Ms.toFixed(1)} ms), distinct workloads\n`,
  );
  const checks = [
    [
      `REST / bare = ${ratio(rest, b).toFixed(2)} (target ≥ ${TARGETS.restRatio}), distinct workloads`,
      ratio(rest, b) >= TARGETS.restRatio,
    ],
    [
      `GraphQL / bare = ${ratio(graphql, b).toFixed(2)} (target ≥ ${TARGETS.graphqlRatio}), distinct workloads`,
      ratio(graphql, b) >= TARGETS.graphqlRatio,
    ],
    [
      `p99 REST ${rest.p99Ms.toFixed(1)} ms, GraphQL ${graphql.p99Ms.toFixed(1)} ms (target ≤ ${TARGETS.p99Ms} ms), distinct workloads`,
      p99 <= TARGETS.p99Ms,
    ],
    ...pieces.map(
      (r) =>
        [
          `${r.piece.name} pays: ${(Math.max(rpsGain(r), cpuGain(r)) * 100).toFixed(0)} % (target ≥ ${PIECE_GAIN * 100} % in req/s or CPU per request, ${r.piece.mode} workloads)`,
          Math.max(rpsGain(r), cpuGain(r)) >= PIECE_GAIN,
        ] as const,
    ),
    [`server RSS ${rss.toFixed(0)} MB (target ≤ ${TARGETS.rssMb} MB)`, rss <= TARGETS.rssMb],
    [
      `no errors (non-2xx or socket errors: bare ${b.errors}, REST ${rest.errors + totals.errors}, GraphQL ${graphql.errors}, pieces ${pieceRuns.reduce((n, r) => n + r.errors, 0)})`,
      b.errors + rest.errors + totals.errors + graphql.errors + pieceRuns.reduce((n, r) => n + r.errors, 0) === 0,
    ],
    [
      `the bare route saturates the server core (${(b.serverCpu * 100).toFixed(0)} % ≥ 90 %), not wrk (${(b.clientCpu * 100).toFixed(0)} % of its core)`,
      b.serverCpu >= 0.9 && b.clientCpu < b.serverCpu,
    ],
  ] as const;
  return checks;
}

runBench('streamfit_bench', bench, { preflight: requireWrk });
