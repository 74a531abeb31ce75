/**
 * Pieces the HTTP benchmarks share (bench/http.bench.ts, bench/batch.bench.ts): servers pinned to core 0, the load
 * generator on core 1, a process's RSS and CPU time from /proc, and wrk runs with the bodies of bench/wrk/bodies.lua.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const LUA = join(__dirname, '..', 'wrk', 'bodies.lua');
export const CONNECTIONS = 50;
const CLOCK_TICKS = 100;

export interface Server {
  child: ChildProcess;
  port: number;
  key?: string;
  /** More keys of the bench team (BENCH_KEYS): the soak spreads its distinct queries over them. */
  keys?: string[];
  pid: number;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return cpus().length >= 2;
  } catch {
    return false;
  }
}
export const TASKSET = hasTaskset();
export const pinned = (core: number, cmd: string, args: string[]): [string, string[]] =>
  TASKSET ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];

export function requireWrk(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'wrk is not installed: `apt-get install -y wrk` (Debian package) — the benchmark needs a load generator that is not the bottleneck',
    );
  }
}

/** The node flags `npm start` runs the service with (package.json), so the benchmark measures the service as deployed. */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  // BENCH_SERVER_FLAGS: more Node flags for the server under test (e.g. --cpu-prof to find where a stall comes from).
  const extra = (process.env.BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return [...start.split(/\s+/).filter((part) => part.startsWith('--')), ...extra];
}

export async function startServer(script: string, env: Record<string, string>, flags: string[] = []): Promise<Server> {
  const [cmd, args] = pinned(0, process.execPath, [...flags, script]);
  const child = spawn(cmd, args, {
    env: { ...process.env, NODE_ENV: 'production', ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { port: number; key?: string; keys?: string[]; pid: number }) };
}

export function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** User + system CPU seconds a process has used so far (/proc/PID/stat, fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

interface WrkResult {
  requests: number;
  durationUs: number;
  bytes: number;
  non2xx: number;
  socketErrors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface Run {
  rps: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  maxRss: number;
  serverCpu: number;
  clientCpu: number;
  bytesPerResponse: number;
  /** Server CPU time per answered request: on a shared machine, the figure least disturbed by other load. */
  cpuUsPerRequest: number;
}

export type Kind = 'rest' | 'graphql';
export type Mode = 'distinct' | 'repeated' | 'mixed';
let seed = 0;

export async function wrk(
  server: Server,
  path: string,
  kind: Kind,
  mode: Mode,
  seconds: number,
  auth?: string,
): Promise<Run> {
  // Each invocation starts its counter 150,000 further on: 10 s at 15,000 req/s never reaches the next run's workloads.
  seed += 150_000;
  const [cmd, args] = pinned(1, requireWrk(), [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '-s',
    LUA,
    `http://127.0.0.1:${server.port}${path}`,
  ]);
  const env = {
    ...process.env,
    BENCH_PATH: path,
    BENCH_KIND: kind,
    BENCH_MODE: mode,
    BENCH_SEED: String(seed),
    BENCH_AUTH: auth ?? '',
  };
  const serverCpu0 = cpuSeconds(server.pid);
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let maxRss = rssMb(server.pid);
  let clientCpu = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(server.pid));
    clientCpu = Math.max(clientCpu, cpuSeconds(child.pid!));
  }, 200);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrk exited with ${code}: ${out}`)))),
  );
  clearInterval(sampler);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const serverCpuSeconds = cpuSeconds(server.pid) - serverCpu0;
  const serverCpu = serverCpuSeconds / elapsed;
  const line = out.trim().split('\n').pop()!;
  const r = JSON.parse(line) as WrkResult;
  return {
    rps: r.requests / (r.durationUs / 1e6),
    p99Ms: r.p99 / 1000,
    p50Ms: r.p50 / 1000,
    errors: r.non2xx + r.socketErrors,
    maxRss,
    serverCpu,
    clientCpu: clientCpu / (r.durationUs / 1e6),
    bytesPerResponse: r.bytes / Math.max(1, r.requests),
    cpuUsPerRequest: (serverCpuSeconds * 1e6) / Math.max(1, r.requests),
  };
}

export async function stop(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

/** A benchmark's targets: what each says, and whether it was met. */
export type Checks = readonly (readonly [string, boolean])[];

/** Prints each target as PASS or FAIL; the benchmark's exit code: 0 when every target passed. */
export function reportChecks(checks: Checks): number {
  for (const [text, ok] of checks) process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${text}\n`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}
