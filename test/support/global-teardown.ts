import { adminQuery } from './database';
import { dropRedisKeys } from './redis-keys';

/** Drops the run's database and every Redis key of the run (each app's CACHE_PREFIX starts with the run's name). */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.STREAMFIT_TEST_DB;
  if (name) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const run = process.env.STREAMFIT_TEST_RUN;
  if (run)
    await dropRedisKeys(`${run}-`).catch((e: unknown) =>
      process.stderr.write(
        `teardown: Redis keys of ${run} not deleted (${e instanceof Error ? e.message : String(e)})\n`,
      ),
    );
}
