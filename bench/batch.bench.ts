/**
 * npm run bench (second part) — batch estimates (POST /v1/estimates/batch), with the server pinned to core 0 and the
 * clients (this process) on core 1:
 *   - 10,000 distinct rows, CSV in and CSV out, end to end (request sent → last byte read): ≤ 2 s;
 *   - batch rows per second ≥ 50 % of the domain's own row-estimate rate on the same rows (estimateRow, measured in
 *     this run, in a process pinned to the server's core: bench:domain's kind of measurement; the full evaluation's
 *     rate is printed beside it) and ≥ 5× the single-request REST
 *     rate (wrk, 50 connections, distinct workloads, as bench/http.bench.ts measures it);
 *   - server RSS ≤ 300 MB while 100,000 rows stream through (ten requests of 10,000 distinct rows);
 *   - latency under realistic load: POST /v1/evaluations at half the measured single-request capacity from an
 *     open-loop constant-rate client (bench/support/open-loop.ts), p99 ≤ 10 ms, printed beside the saturation figures.
 * Exits non-zero below any target.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import {
  cpuSeconds,
  pinned,
  requireWrk,
  rssMb,
  type Server,
  startFlags,
  startServer,
  stop,
  TASKSET,
  wrk,
  type Checks,
} from './support/harness';
import { type BenchDatabase, runBench } from './run-bench';
import { inventoryCsv, inventoryWorkloads } from './support/inventory';
import { openLoop } from './support/open-loop';

const ROWS = 10_000;
const TARGETS = { seconds10k: 2, domainShare: 0.5, restMultiple: 5, rssMb: 300, openLoopP99Ms: 10 };
const SECONDS = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 3);

interface Rate {
  rowsPerSecond: number;
  usPerRow: number;
  cpuUsPerRow: number;
}

/** The domain's rates on `ROWS` rows of `seed` (its row estimate, and its full evaluation), in a child pinned to the server's core. */
async function domainRate(seed: number): Promise<{ row: Rate; evaluation: Rate }> {
  const [cmd, args] = pinned(0, process.execPath, ['-r', './scripts/ts-register.js', 'bench/support/domain-rate.ts']);
  const child = spawn(cmd, args, {
    env: { ...process.env, BENCH_SEED: String(seed), BENCH_ROWS: String(ROWS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`domain-rate exited with ${code}`)))),
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { row: Rate; evaluation: Rate };
}

interface BatchRun {
  seconds: number;
  /** Server CPU time over the request. */
  cpuSeconds: number;
  rows: number;
  inError: number;
  bytes: number;
}

/** One inventory through POST /v1/estimates/batch, CSV in and out, timed from sending to the last byte read. */
async function batchOnce(server: Server, authorization: string, seed: number): Promise<BatchRun> {
  const body = inventoryCsv(inventoryWorkloads(ROWS, seed));
  const port = server.port;
  const cpu0 = cpuSeconds(server.pid);
  const t0 = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${port}/v1/estimates/batch`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv', accept: 'text/csv', authorization },
  });
  if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const lines = text.trimEnd().split('\r\n');
  const summary = lines[lines.length - 1].split(',');
  if (summary[3] !== 'SUMMARY') throw new Error('the answer has no SUMMARY line');
  return { seconds, cpuSeconds: cpu, rows: Number(summary[0]), inError: Number(summary[17]), bytes: text.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench({ dbName, dbUrl }: BenchDatabase): Promise<Checks> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  process.stdout.write(
    `\nstreamfit batch benchmark — ${new Date().toISOString()} — ${cpus().length} cores, node ${process.version}, load average ${load}\n`,
  );
  process.stdout.write(
    `server ${TASKSET ? 'pinned to core 0; clients (wrk, this process) on core 1' : 'NOT pinned (no taskset or < 2 cores)'}\n\n`,
  );

  const rates = await domainRate(1_000_000);
  const domain = rates.row;
  process.stdout.write(
    `  domain row estimate (in process, core 0, ${ROWS} rows)   ${domain.rowsPerSecond.toFixed(0).padStart(7)} rows/s  (${domain.usPerRow.toFixed(1)} µs a row, ${domain.cpuUsPerRow.toFixed(1)} µs of CPU; estimateRow, band included)\n`,
  );
  process.stdout.write(
    `  domain full evaluation (info, same rows)          ${rates.evaluation.rowsPerSecond.toFixed(0).padStart(7)} rows/s  (${rates.evaluation.usPerRow.toFixed(1)} µs a row, ${rates.evaluation.cpuUsPerRow.toFixed(1)} µs of CPU; words, line items, volume study)\n`,
  );

  const server = await startServer(
    'dist/bench/support/streamfit-server.js',
    {
      BENCH_DATABASE_URL: dbUrl,
      BENCH_REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      BENCH_CACHE_PREFIX: dbName,
    },
    startFlags(),
  );
  const authorization = `Bearer ${server.key}`;

  // Single requests at saturation (wrk, 50 connections, distinct workloads), as bench/http.bench.ts measures them.
  await wrk(server, '/v1/evaluations', 'rest', 'distinct', WARMUP_S, authorization);
  const rest = await wrk(server, '/v1/evaluations', 'rest', 'distinct', SECONDS, authorization);
  process.stdout.write(
    `  single request, saturation (wrk, 50 connections)  ${rest.rps.toFixed(0).padStart(7)} req/s   p50 ${rest.p50Ms.toFixed(1)} ms  p99 ${rest.p99Ms.toFixed(1)} ms  server CPU ${(rest.serverCpu * 100).toFixed(0)} % (${rest.cpuUsPerRequest.toFixed(0)} µs a request)  wrk ${(rest.clientCpu * 100).toFixed(0)} %  errors ${rest.errors}\n`,
  );

  // The same route at half that capacity, open loop at a constant rate.
  const rate = Math.max(1, Math.round(rest.rps / 2));
  await openLoop({ port: server.port, authorization, rate, seconds: WARMUP_S, seed: 20_000_000 });
  const cpu0 = cpuSeconds(server.pid);
  const open = await openLoop({ port: server.port, authorization, rate, seconds: SECONDS, seed: 30_000_000 });
  const openServerCpu = (cpuSeconds(server.pid) - cpu0) / SECONDS;
  process.stdout.write(
    `  single request, half capacity (open loop ${rate}/s)  ${open.achievedRate.toFixed(0).padStart(7)} req/s   p50 ${open.p50Ms.toFixed(1)} ms  p99 ${open.p99Ms.toFixed(1)} ms  max ${open.maxMs.toFixed(1)} ms  server CPU ${(openServerCpu * 100).toFixed(0)} %  client CPU ${(open.clientCpu * 100).toFixed(0)} %, latest send ${open.maxSendLagMs.toFixed(1)} ms late  errors ${open.errors}\n`,
  );

  // 10,000 distinct rows, CSV in and CSV out: one warm-up, then three timed (other rows each time).
  await batchOnce(server, authorization, 2_000_000);
  const runs: BatchRun[] = [];
  for (let i = 0; i < 3; i++) runs.push(await batchOnce(server, authorization, 3_000_000 + i * ROWS));
  const seconds = median(runs.map((r) => r.seconds));
  const batchRate = ROWS / seconds;
  const batchCpuUsPerRow = (median(runs.map((r) => r.cpuSeconds)) * 1e6) / ROWS;
  process.stdout.write(
    `  batch, ${ROWS} rows CSV in → CSV out (3 runs)       ${batchRate.toFixed(0).padStart(7)} rows/s  end to end ${runs.map((r) => `${r.seconds.toFixed(2)} s`).join(', ')} (median ${seconds.toFixed(2)} s), server CPU ${batchCpuUsPerRow.toFixed(0)} µs a row, ${(runs[0].bytes / 1024).toFixed(0)} KB answered, rows in error ${runs.map((r) => r.inError).join('/')}\n`,
  );

  // 100,000 rows through ten requests; the server's RSS sampled every 100 ms.
  let maxRss = rssMb(server.pid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(server.pid))), 100);
  const streamCpu0 = cpuSeconds(server.pid);
  const t0 = process.hrtime.bigint();
  let streamed = 0;
  for (let i = 0; i < 10; i++) streamed += (await batchOnce(server, authorization, 5_000_000 + i * ROWS)).rows;
  const streamSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const streamCpu = cpuSeconds(server.pid) - streamCpu0;
  clearInterval(sampler);
  maxRss = Math.max(maxRss, rssMb(server.pid));
  process.stdout.write(
    `  batch, ${streamed} rows in 10 requests               ${(streamed / streamSeconds).toFixed(0).padStart(7)} rows/s  peak server RSS ${maxRss.toFixed(0)} MB, server CPU ${((streamCpu * 1e6) / streamed).toFixed(0)} µs a row\n`,
  );
  await stop(server);

  // Other processes share these cores: CPU time per row or request moves much less with their load than req/s.
  process.stdout.write(
    `\n  info  by CPU time (steadier on a shared machine): a batch row costs the server ${batchCpuUsPerRow.toFixed(0)} µs, the domain's row estimate ${domain.cpuUsPerRow.toFixed(0)} µs (${((domain.cpuUsPerRow / batchCpuUsPerRow) * 100).toFixed(0)} %), a single REST request ${rest.cpuUsPerRequest.toFixed(0)} µs (${(rest.cpuUsPerRequest / batchCpuUsPerRow).toFixed(1)}×); 10,000 rows ≈ ${((batchCpuUsPerRow * ROWS) / 1e6).toFixed(2)} s of server CPU\n`,
  );
  const checks = [
    [
      `10,000 rows CSV → CSV in ${seconds.toFixed(2)} s (target ≤ ${TARGETS.seconds10k} s)`,
      seconds <= TARGETS.seconds10k,
    ],
    [
      `batch ${batchRate.toFixed(0)} rows/s = ${((batchRate / domain.rowsPerSecond) * 100).toFixed(0)} % of the domain's row estimate ${domain.rowsPerSecond.toFixed(0)} rows/s (target ≥ ${TARGETS.domainShare * 100} %)`,
      batchRate >= TARGETS.domainShare * domain.rowsPerSecond,
    ],
    [
      `batch ${batchRate.toFixed(0)} rows/s = ${(batchRate / rest.rps).toFixed(1)}× the single-request ${rest.rps.toFixed(0)} req/s (target ≥ ${TARGETS.restMultiple}×)`,
      batchRate >= TARGETS.restMultiple * rest.rps,
    ],
    [
      `server RSS ${maxRss.toFixed(0)} MB while 100,000 rows streamed (target ≤ ${TARGETS.rssMb} MB)`,
      maxRss <= TARGETS.rssMb,
    ],
    [
      `REST p99 ${open.p99Ms.toFixed(1)} ms at half capacity (${rate} req/s, open loop; target ≤ ${TARGETS.openLoopP99Ms} ms); at saturation p99 ${rest.p99Ms.toFixed(1)} ms`,
      open.p99Ms <= TARGETS.openLoopP99Ms,
    ],
    [
      `the open-loop client kept its schedule (${open.achievedRate.toFixed(0)} of ${rate} req/s, latest send ${open.maxSendLagMs.toFixed(1)} ms late, ${(open.clientCpu * 100).toFixed(0)} % of its core) and no errors (${open.errors + rest.errors})`,
      open.achievedRate >= 0.95 * rate && open.clientCpu < 0.8 && open.errors + rest.errors === 0,
    ],
    [
      `every batch row priced (${runs.reduce((s, r) => s + r.inError, 0)} in error)`,
      runs.every((r) => r.inError === 0 && r.rows === ROWS),
    ],
  ] as const;
  return checks;
}

runBench('streamfit_bench_batch', bench, { preflight: requireWrk });
