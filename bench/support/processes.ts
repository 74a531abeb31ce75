/**
 * The benchmarks' server processes (npm run bench, npm run bench:soak): started pinned to a core when taskset is
 * there, with the flags of `npm start`, and read from /proc (RSS, CPU time).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const CLOCK_TICKS = 100;

export interface Server {
  child: ChildProcess;
  port: number;
  key?: string;
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

/** The node flags `npm start` runs the service with (package.json), so the benchmark measures the service as deployed. */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(/\s+/).filter((part) => part.startsWith('--'));
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

export async function stop(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}
