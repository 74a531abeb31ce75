/**
 * How a benchmark runs as a process (bench/*.bench.ts): its own database, dropped with its Redis keys, and its
 * targets printed PASS or FAIL. Not in bench/support, which the service's build compiles (the bench servers) and
 * which must not reach into test/.
 */
import { execFileSync } from 'node:child_process';
import { migrateDeploy } from '../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../test/support/database';
import { dropRedisKeys } from '../test/support/redis-keys';
import { type Checks, reportChecks, TASKSET } from './support/harness';

/** The database a benchmark runs against: its own, named `dbName` (also the Redis key prefix), migrated. */
export interface BenchDatabase {
  dbName: string;
  dbUrl: string;
}

/**
 * Runs one benchmark as a process: `preflight` first (e.g. wrk installed?), pinned to core 1 (TASKSET), in a
 * database of its own (`<prefix>_<unique>`, migrated) that is dropped with its Redis keys at the end; `bench`
 * returns the targets, printed PASS or FAIL, and the process exits 0 only when every one passed (1 on a crash).
 */
export function runBench(
  prefix: string,
  bench: (db: BenchDatabase) => Promise<Checks>,
  { preflight, label = 'bench' }: { preflight?: () => void; label?: string } = {},
): void {
  const main = async (): Promise<void> => {
    preflight?.();
    if (TASKSET) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
    const dbName = uniqueName(prefix);
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    let exitCode = 1;
    try {
      const dbUrl = databaseUrl(dbName);
      await migrateDeploy(dbUrl);
      exitCode = reportChecks(await bench({ dbName, dbUrl }));
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await dropRedisKeys(dbName);
    }
    process.exit(exitCode);
  };
  main().catch((e: unknown) => {
    process.stderr.write(`${label} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
