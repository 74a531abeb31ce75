import { spawn } from 'node:child_process';
import { projectRoot } from '../paths';

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
