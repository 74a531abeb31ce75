import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateDeploy } from '../../src/infrastructure/database/migrate';
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
    expect(result.status).toBe(2);
  });
});
