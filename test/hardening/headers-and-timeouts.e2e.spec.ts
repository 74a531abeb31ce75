import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

describe('security headers, framework errors, no-store on key secrets', () => {
  let app: NestFastifyApplication;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await bearer(app, `headers-${Date.now().toString(36)}`, 'admin');
  });
  afterAll(async () => app.close());

  it.each(['/docs', '/graphql', '/health/live', '/v1/decision-rules'])('%s: nosniff and no framing', async (path) => {
    const res = await request(app.getHttpServer()).get(path).set('accept', 'text/html');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it("the GraphiQL page has no inline script (the CSP allows only this origin's scripts)", async () => {
    const page = await request(app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    expect([...page.text.matchAll(/<script\b[^>]*>/g)].every((m) => /src="\//.test(m[0]))).toBe(true);
  });

  it('answers carrying a key secret are never stored (REST and GraphQL); other answers are not marked', async () => {
    const rest = await request(app.getHttpServer())
      .post('/v1/api-keys')
      .set('authorization', admin)
      .send({ role: 'viewer' });
    expect(rest.status).toBe(201);
    expect(rest.headers['cache-control']).toBe('no-store');
    const g = await gql(app, admin, 'mutation { createApiKey(role: VIEWER) { key } }');
    expect(g.body.data?.createApiKey?.key).toMatch(/^sf_/);
    expect(g.headers['cache-control']).toBe('no-store');
    const list = await request(app.getHttpServer()).get('/v1/api-keys').set('authorization', admin);
    expect(list.headers['cache-control']).toBeUndefined();
  });

  it.each([
    ['bad percent-encoding', '/v1/scenarios/%E0%A4%A', 400, 'BAD_REQUEST'],
    ['bad escape on an unknown path', '/secret-path/%zz', 400, 'BAD_REQUEST'],
    ['a 300-character path segment', `/v1/scenarios/${'x'.repeat(300)}`, 414, 'URI_TOO_LONG'],
  ])(
    'framework error (%s): documented shape with a request id, the path not echoed',
    async (_label, url, status, code) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      const body = res.json();
      expect(body).toEqual({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) });
      expect(res.headers['x-request-id']).toBe(body.requestId);
      expect(res.body).not.toContain('secret-path');
      expect(res.body).not.toContain('xxxxxxxx');
      expect(res.body).not.toContain('%E0');
    },
  );
});

describe('slow clients are cut off (request and headers timeouts)', () => {
  let app: NestFastifyApplication;
  let port: number;
  beforeAll(async () => {
    app = await startTestApp({ REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' }, { listen: true });
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => app.close());

  /** Opens a socket, writes `head`, then one byte of body every `everyMs`; resolves with what came back and when. */
  function trickle(head: string, everyMs: number): Promise<{ answer: string; closedAfterMs: number }> {
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(head);
        timer = setInterval(() => socket.write('{'), everyMs);
      });
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: Date.now() - started });
      });
    });
  }

  it('a body trickled one byte at a time (no key) is answered 408 and closed within REQUEST_TIMEOUT_MS', async () => {
    const { answer, closedAfterMs } = await trickle(
      'POST /v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
      200,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // REQUEST_TIMEOUT_MS 1.5 s, checked every second: closed well before the 200 s the trickle would last.
    expect(closedAfterMs).toBeLessThan(5000);
  });

  it('headers trickled one line at a time are cut off after HEADERS_TIMEOUT_MS', async () => {
    const started = Date.now();
    const result = await new Promise<{ answer: string }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let n = 0;
      let timer: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
        timer = setInterval(() => socket.write(`X-Slow-${n++}: 1\r\n`), 200);
      });
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer });
      });
    });
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
