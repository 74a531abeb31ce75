import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/infrastructure/paths';

/**
 * The console the browser tests serve, built from the tree at `root` (codegen from schema.gql + vite, ~3 s) into a
 * folder of this run's own: never dist/web, which a running `npm start` serves (it routes the files it found at start,
 * so a rebuilt dist/web would leave its page asking for assets it has no route for). Remove the folder when done.
 */
export function buildTestConsole(root = projectRoot()): string {
  const out = mkdtempSync(join(tmpdir(), 'streamfit-console-'));
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), `--web-out=${out}`], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (e) {
    const failed = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `the console build failed (vite, preact and @graphql-codegen are devDependencies: npm install?)\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    );
  }
  return out;
}
