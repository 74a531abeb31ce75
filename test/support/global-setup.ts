import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDeploy } from '../../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from './database';

/** One database per test run, migrated once with Prisma's own `migrate deploy`. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  // The SDK's notice that releases after January 2027 need Node 22 (README, stack-notes): known, not test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const name = uniqueName('streamfit_test');
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  await migrateDeploy(url);
  process.env.STREAMFIT_TEST_DB = name;
  process.env.STREAMFIT_TEST_DATABASE_URL = url;
  process.env.STREAMFIT_TEST_RUN = name;
  writeFileSync(join(__dirname, '..', '..', 'node_modules', '.streamfit-test-db'), name);
}
