/**
 * `npm test` beside a running `npm start` does not blank the console. The running service routes the files of
 * dist/web it found at start (one route per file, see src/web-console); were the tests to rebuild dist/web, the page
 * it serves would name assets it has no route for. Here, in a scratch copy of the tree: build the console as
 * `npm start` does, serve it, change the console's sources, run the tests' console build, and load every asset again.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import { projectRoot } from '../../src/infrastructure/paths';
import { registerWebConsole, webConsoleDir } from '../../src/web-console/web-console';
import { buildTestConsole } from '../support/console-build';

jest.setTimeout(180000);

describe('the tests build their own console, never the dist/web a running service serves', () => {
  let scratch = '';
  let testBuild = '';
  let server: FastifyInstance | undefined;

  afterAll(async () => {
    await server?.close();
    for (const dir of [scratch, testBuild]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a service started on dist/web still loads its page and every asset after the tests built the console', async () => {
    const root = projectRoot();
    scratch = mkdtempSync(join(tmpdir(), 'streamfit-tree-'));
    // The console's inputs (it imports shared rules from src/), without generated code.
    for (const part of ['web', 'src', 'scripts', 'schema.gql', 'package.json', 'package-lock.json'])
      cpSync(join(root, part), join(scratch, part), {
        recursive: true,
        filter: (src) => !src.endsWith(join('src', 'generated')),
      });
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');

    // `npm start`: its build writes dist/web, then the service serves it.
    execFileSync(process.execPath, [join(scratch, 'scripts', 'build.mjs'), '--only=web'], {
      cwd: scratch,
      stdio: 'pipe',
    });
    const served = webConsoleDir(scratch);
    const indexBefore = readFileSync(join(served, 'index.html'), 'utf8');
    server = fastify();
    registerWebConsole(server, served);
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // Someone edits the console, then runs the tests beside the running service.
    appendFileSync(join(scratch, 'web', 'src', 'styles.css'), `\n.edited-${process.pid} { color: red; }\n`);
    testBuild = buildTestConsole(scratch);
    expect(readFileSync(join(testBuild, 'index.html'), 'utf8')).not.toBe(indexBefore);

    // The running service's page and each asset it names still load.
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    const statuses = await Promise.all(assets.map(async (a) => `${a} ${(await fetch(`${base}${a}`)).status}`));
    expect(statuses).toEqual(assets.map((a) => `${a} 200`));
    expect(readFileSync(join(served, 'index.html'), 'utf8')).toBe(indexBefore);
  });
});
