import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateDeploy, migrateIfPending, migrationsPending } from '../../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../support/database';

const root = join(__dirname, '..', '..');

function migrateDiff(schemaPath: string, url: string): { status: number | null; output: string } {
  const cli = require.resolve('prisma/build/index.js', { paths: [root] });
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'migrate',
      'diff',
      '--from-migrations',
      'prisma/migrations',
      '--to-schema-datamodel',
      schemaPath,
      '--exit-code',
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
      timeout: 60000,
    },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('prisma migrations', () => {
  const name = uniqueName('streamfit_migrations');
  const url = databaseUrl(name);
  beforeAll(async () => adminQuery(`CREATE DATABASE "${name}"`));
  afterAll(async () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('apply every migration to an empty database with prisma migrate deploy', async () => {
    await migrateDeploy(url);
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    const applied = await client.query<{ n: string }>(
      'select count(*)::text as n from _prisma_migrations where finished_at is not null',
    );
    await client.end();
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['api_keys', 'rate_card_versions', 'scenario_versions', 'scenarios']),
    );
    const migrationDirs = readFileSync(join(root, 'prisma', 'migrations', 'migration_lock.toml'), 'utf8');
    expect(migrationDirs).toContain('postgresql');
    expect(Number(applied.rows[0].n)).toBeGreaterThanOrEqual(1);
  });

  it('a restart skips Prisma when every migration is applied with its checksum, and not otherwise', async () => {
    // The database above has every migration (the test before applied them).
    expect(await migrationsPending(url)).toBe(false);
    expect(await migrateIfPending(url)).toBe('up to date');
    // A migration folder the database has not seen, or one whose SQL changed, is pending.
    const dir = mkdtempSync(join(tmpdir(), 'streamfit-migrations-'));
    const committed = join(root, 'prisma', 'migrations');
    cpSync(committed, dir, { recursive: true });
    mkdirSync(join(dir, '29990101000000_next'));
    writeFileSync(join(dir, '29990101000000_next', 'migration.sql'), 'SELECT 1;\n');
    expect(await migrationsPending(url, dir)).toBe(true);
    rmSync(join(dir, '29990101000000_next'), { recursive: true });
    const [first] = readdirSync(committed).filter((n) => !n.endsWith('.toml'));
    writeFileSync(join(dir, first, 'migration.sql'), '-- edited\n', { flag: 'a' });
    expect(await migrationsPending(url, dir)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    // A database with no migrations table at all is pending too.
    const empty = uniqueName('streamfit_nomigrations');
    await adminQuery(`CREATE DATABASE "${empty}"`);
    try {
      expect(await migrationsPending(databaseUrl(empty))).toBe(true);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${empty}" WITH (FORCE)`);
    }
  });

  it('match prisma/schema.prisma exactly (no drift)', () => {
    const result = migrateDiff('prisma/schema.prisma', url);
    expect(result.output).toContain('No difference detected');
    expect(result.status).toBe(0);
  });

  it('drift is detected when the schema changes without a migration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamfit-drift-'));
    const drifted = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8').replace(
      '  description    String?\n  tags           String[]\n  workload       Json\n  version',
      '  description    String?\n  driftColumn    Int?\n  tags           String[]\n  workload       Json\n  version',
    );
    const path = join(dir, 'schema.prisma');
    writeFileSync(
      path,
      drifted.replace('output              = "../src/generated/prisma"', `output = "${join(dir, 'client')}"`),
    );
    const result = migrateDiff(path, url);
    rmSync(dir, { recursive: true, force: true });
    expect(result.status).toBe(2);
  });
});
