/* eslint-disable no-control-regex -- finding control and invisible characters is the point */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { escapeForTerminal } from '../../src/common/text-input';
import { bearer } from '../support/keys';
import { startTestApp, testDatabaseUrl } from '../support/test-app';

/**
 * The edges: error answers' headers, 404s that do not echo, the CLI's output. /metrics protected and throttled is
 * test/health/health.controller.unit.spec.ts (the controller alone: no app is booted for it).
 */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-request-id',
];

describe('error answers and 404s', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  beforeAll(async () => {
    app = await startTestApp({ ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '12' });
    viewer = await bearer(app, 'edges', 'viewer');
  });
  afterAll(async () => app.close());

  type Inject = Parameters<NestFastifyApplication['inject']>[0];
  /** A JSON body sent to `url` with the viewer's key. */
  const postJson = (url: string, payload: string): Inject => ({
    method: 'POST',
    url,
    headers: { authorization: viewer, 'content-type': 'application/json' },
    payload,
  });
  const errorCases = (): [string, number, Inject][] => [
    ['bad JSON', 400, postJson('/v1/evaluations', '{bad')],
    ['too deep', 400, postJson('/v1/evaluations', '['.repeat(40) + ']'.repeat(40))],
    ['validation', 400, postJson('/v1/evaluations', '{}')],
    ['malformed URL', 400, { method: 'GET', url: '/v1/scenarios/%zz' }],
    ['no key', 401, { method: 'GET', url: '/v1/decision-rules' }],
    ['role', 403, postJson('/v1/scenarios', '{}')],
    ['unknown route', 404, { method: 'GET', url: '/nothing/here' }],
    [
      'unknown scenario',
      404,
      { method: 'GET', url: '/v1/scenarios/00000000-0000-4000-8000-000000000000', headers: { authorization: viewer } },
    ],
    ['too large', 413, postJson('/v1/evaluations', `{"x":"${'a'.repeat(70000)}"}`)],
    [
      'media type',
      415,
      {
        method: 'POST',
        url: '/v1/evaluations',
        headers: { authorization: viewer, 'content-type': 'text/plain' },
        payload: 'x',
      },
    ],
    ['GraphQL error', 400, postJson('/graphql', '{"query":"{ nope }"}')],
  ];

  it('every error answer carries the security headers of a success', async () => {
    const ok = await app.inject({ method: 'GET', url: '/v1/decision-rules', headers: { authorization: viewer } });
    expect(ok.statusCode).toBe(200);
    for (const h of SECURITY_HEADERS) expect(ok.headers[h]).toBeDefined();
    for (const [label, status, req] of errorCases()) {
      const res = await app.inject(req);
      expect({ label, status: res.statusCode }).toEqual({ label, status });
      for (const h of SECURITY_HEADERS.filter((x) => x !== 'x-request-id'))
        expect({ label, h, value: res.headers[h] }).toEqual({ label, h, value: ok.headers[h] });
      expect(res.headers['x-request-id']).toBeDefined();
    }
    // Over the rate limit too.
    let limited;
    for (let i = 0; i < 14; i++)
      limited = await app.inject({ method: 'GET', url: '/v1/decision-rules', headers: { authorization: viewer } });
    expect(limited!.statusCode).toBe(429);
    for (const h of SECURITY_HEADERS.filter((x) => x !== 'x-request-id'))
      expect(limited!.headers[h]).toBe(ok.headers[h]);
  });

  it.each([
    ['GET', '/<script>alert(1)</script>'],
    ['GET', '/v1/%3Cimg%20src=x%3E/secret-token-abc'],
    ['POST', '/v1/nope/private-name'],
    ['DELETE', '/v1/decision-rules/private-name'],
    ['PUT', '/v1/scenarios'],
    ['GET', '/assets/private-name.js?q=<b>'],
    ['GET', '/v2/private-name'],
  ])('%s %s: a 404 that does not echo the path', async (method, url) => {
    const res = await app.inject({ method: method as 'GET', url, headers: { authorization: viewer } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toMatch(/private-name|script|img|secret-token|v2|nope/i);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('the keys CLI escapes what it prints', () => {
  const root = join(__dirname, '..', '..');
  const keys = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['-r', './scripts/ts-register.js', 'src/cli/keys.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: testDatabaseUrl(), ...env },
      encoding: 'utf8',
      timeout: 60000,
    });
  const team = `cli-esc-${Date.now().toString(36)}`;
  const names = [
    'zero\u200bwidth',
    'bom\ufeffname',
    'soft\u00adhyphen',
    'join\u200dme\u2060now',
    'tag\u{e0041}\u{e007f}chars',
    'sep\u2028line',
    'clear\u001b[2Jscreen',
    'bell\u0007',
    'c1\u009bcsi',
    'rtl\u202eevil',
    'filler\u3164x',
  ];
  /** Anything a terminal would not show as itself. */
  const INVISIBLE =
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff]|\udb40[\udc00-\udc7f]|[\ud800-\udfff]/u;

  beforeAll(async () => {
    // Rows as an older version (or a direct write) could have stored them.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    for (const [i, name] of names.entries())
      await db.query(
        `INSERT INTO api_keys (id, team, role, name, prefix, secret_hash) VALUES (gen_random_uuid(), $1, 'viewer', $2, $3, $4)`,
        [
          team,
          name,
          `esc${Date.now().toString(36).slice(-5)}${i.toString(36).padStart(2, '0')}`.slice(0, 10),
          'f'.repeat(64),
        ],
      );
    await db.end();
  });

  it('list prints every name with its invisible and control characters escaped', () => {
    const listed = keys(['list', '--team', team]);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(names.length);
    for (const line of lines) expect(line.split('\t').pop()).not.toMatch(INVISIBLE);
    for (const name of names) expect(listed.stdout).toContain(escapeForTerminal(name));
    expect(listed.stdout).toContain('zero\\u200bwidth');
    expect(listed.stdout).toContain('tag\\u{e0041}\\u{e007f}chars');
    expect(escapeForTerminal('peak 🚀 café, 東京')).toBe('peak 🚀 café, 東京');
  });

  it('error messages with what was typed or configured are escaped too', () => {
    const bad = keys(['list'], { TRUST_PROXY: 'x\u001b[2J\u200b' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('TRUST_PROXY');
    expect(bad.stderr).not.toMatch(INVISIBLE);
    const revoke = keys(['revoke', '--prefix', 'zz\u001b]0;pwned\u0007\u200b']);
    expect(revoke.stdout + revoke.stderr).not.toMatch(INVISIBLE);
  });
});
