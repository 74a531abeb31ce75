/**
 * The embedded PostgreSQL as root (as in most containers): PostgreSQL runs as the OS user `postgres`, so
 * it starts when that user can reach the data folder, and otherwise stops with one sentence naming the
 * cause and the fix, never a stack trace. (The relocation of a closed checkout's binaries and default data
 * folder to /var/lib/streamfit is exercised by `npm start` from a `mktemp -d` clone; README.)
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';

const asRoot = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('embedded PostgreSQL started by root', () => {
  const folders: string[] = [];
  const folder = (mode: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'streamfit-embedded-'));
    chmodSync(dir, mode);
    folders.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('runs as the postgres user in a folder that user can reach, and answers queries', async () => {
    if (!asRoot) return; // the root path only exists for root
    const port = await freePort();
    const db = await startEmbeddedPostgres(join(folder(0o755), 'pg'), port, () => undefined);
    try {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ user: string; owner: string }>(
        `SELECT current_user AS user, pg_catalog.pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'streamfit'`,
      );
      await client.end();
      expect(rows).toEqual([{ user: 'streamfit', owner: 'streamfit' }]);
      // The data folder belongs to the unprivileged user the server runs as, not to root.
      expect(statSync(db.dataDir).uid).not.toBe(0);
    } finally {
      await db.stop();
    }
  });

  it('a data folder inside a 0700 folder: one sentence naming the cause and both ways out', async () => {
    if (!asRoot) return;
    const closed = folder(0o700);
    const error = await startEmbeddedPostgres(join(closed, 'pg'), await freePort(), () => undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const message = (error as Error).message;
    expect(message).toContain(`cannot enter ${closed}`);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/EMBEDDED_PG_DIR/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('a port already taken: the sentence names EMBEDDED_PG_PORT', async () => {
    if (!asRoot) return;
    const port = await freePort();
    const blocker: Server = await new Promise((resolve) => {
      const s = createServer().listen(port, '127.0.0.1', () => resolve(s));
    });
    try {
      const error = await startEmbeddedPostgres(join(folder(0o755), 'pg'), port, () => undefined).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EmbeddedPostgresError);
      expect((error as Error).message).toContain(`port ${port} (EMBEDDED_PG_PORT) is already in use`);
    } finally {
      blocker.close();
    }
  });
});
