/**
 * Issue 20: a client that asks for large answers and never reads them cannot pin them in memory: its socket is
 * closed SEND_TIMEOUT_MS after an answer is sent and not read (before: only CONNECTION_TIMEOUT_MS of complete
 * inactivity, 60 s by default, and not at all while the client kept sending).
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/test-app';

const SEND_TIMEOUT_MS = 1500;

describe('slow readers are cut off (issue 20)', () => {
  let app: NestFastifyApplication;
  const closedAt = new Map<number, number>();
  beforeAll(async () => {
    app = await startTestApp({ SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS) }, { listen: true });
    app.getHttpServer().on('connection', (socket: Socket) => {
      const port = socket.remotePort!;
      socket.once('close', () => closedAt.set(port, Date.now()));
    });
  });
  afterAll(async () => app.close());

  it.each([
    ['the OpenAPI document, pipelined 400 times', '/docs-json', 400],
    ['the GraphQL IDE assets, pipelined 40 times', '/graphql-ide/graphiql.js', 40],
  ])('%s, never read: the server closes the socket within the bound', async (_name, path, count) => {
    const one = await request(app.getHttpServer()).get(path);
    expect(one.status).toBe(200);
    const size = Number(one.headers['content-length'] ?? (one.text ?? '').length);
    // Far more than loopback's socket buffers can hold (a few MB), so the server is left holding answers.
    expect(size * count).toBeGreaterThan(20 * 1024 * 1024);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const socket = connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause(); // never read
    const local = socket.localPort!;
    const sent = Date.now();
    socket.write(`GET ${path} HTTP/1.1\r\nhost: localhost\r\n\r\n`.repeat(count));
    const deadline = sent + SEND_TIMEOUT_MS + 5000;
    while (!closedAt.has(local) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const closed = closedAt.get(local);
    socket.destroy();
    expect(closed).toBeDefined();
    expect(closed! - sent).toBeLessThan(SEND_TIMEOUT_MS + 2500);
    expect(closed! - sent).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 100);
  });

  it('a client that reads gets its whole answer, however long it is', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const socket = connect({ port, host: '127.0.0.1' });
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const length = Number((await request(app.getHttpServer()).get('/docs-json')).headers['content-length']);
    socket.write('GET /docs-json HTTP/1.1\r\nhost: localhost\r\n\r\n'.repeat(10));
    const deadline = Date.now() + 10_000;
    while (bytes < length * 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    expect(bytes).toBeGreaterThan(length * 10);
  });
});
