import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../paths';

/**
 * Whether `prisma migrate deploy` has anything to do: true unless every committed migration is recorded in
 * `_prisma_migrations` as finished, not rolled back, with the checksum Prisma records (the SHA-256 of its
 * migration.sql). A restart with nothing new then skips the ~5 s the Prisma CLI takes to start; anything else
 * (a new, changed or failed migration, no table yet) goes to Prisma, which applies it or reports it.
 */
export async function migrationsPending(
  databaseUrl: string,
  migrationsDir = join(projectRoot(), 'prisma', 'migrations'),
): Promise<boolean> {
  const committed = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({
      name: e.name,
      checksum: createHash('sha256')
        .update(readFileSync(join(migrationsDir, e.name, 'migration.sql')))
        .digest('hex'),
    }));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
    if (!table.rows[0]?.t) return true;
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return committed.some((m) => applied.get(m.name) !== m.checksum);
  } finally {
    await client.end();
  }
}

/** Apply the committed migrations, skipping Prisma when every one of them is already applied. */
export async function migrateIfPending(databaseUrl: string): Promise<'applied' | 'up to date'> {
  if (!(await migrationsPending(databaseUrl))) return 'up to date';
  await migrateDeploy(databaseUrl);
  return 'applied';
}

/**
 * Apply every committed migration with Prisma's own `prisma migrate deploy`
 * (WASM schema engine via prisma.config.ts: no engine download).
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const root = projectRoot();
  const cli = require.resolve('prisma/build/index.js', { paths: [root] });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}
