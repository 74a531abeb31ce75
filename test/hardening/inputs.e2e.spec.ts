import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/** Findings of the independent attack (issue 15) on inputs: each answered 500/INTERNAL or was accepted before. */
describe('inputs that used to reach a 500, INTERNAL or storage', () => {
  let app: NestFastifyApplication;
  let auth: string;
  const W = { ingestGbPerDay: 100, avgRecordSizeKB: 1 };
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    auth = await bearer(app, 'hardening-inputs', 'editor');
  });
  afterAll(async () => app.close());

  const send = (method: 'POST' | 'PATCH' | 'GET', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      payload: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
    });
  const fieldsOf = (res: { json: () => { fields?: { field: string }[] } }) =>
    (res.json().fields ?? []).map((f) => f.field);

  it.each(['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'isPrototypeOf', '__defineGetter__'])(
    'inherited name %s is not a workload field',
    async (name) => {
      const res = await send('POST', '/v1/scenarios', {
        name: 'x',
        workload: { ...W, [name]: { junk: 'x'.repeat(100) } },
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain(`workload.${name}`);
      const ev = await send('POST', '/v1/evaluations', { workload: { ...W, [name]: 1 } });
      // Refused, or (Nest's body handling drops a `constructor` key before validation) never used as a field.
      if (ev.statusCode !== 400) expect(Object.hasOwn(ev.json().workload as object, name)).toBe(false);
      else expect(fieldsOf(ev)).toContain(`workload.${name}`);
    },
  );

  it('break-even refuses vary: toString', async () => {
    const res = await send('POST', '/v1/break-even', { workload: W, vary: 'toString', from: 1, to: 10, steps: 5 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('vary');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['lone surrogate', 'a\ud800b'],
    ['ESC', 'red\u001b[31m'],
    ['BEL', 'bell\u0007'],
    ['CR/LF', 'line\r\nInjected: yes', false],
    ['bidi override', 'abc\u202edcba'],
  ] as [string, string, boolean?][])(
    'a name with %s is refused with 400 naming the field',
    async (_label, bad, refusedInDescription = true) => {
      const res = await send('POST', '/v1/scenarios', { name: bad, workload: W });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain('name');
      const d = await send('POST', '/v1/scenarios', { name: 'ok', description: bad, workload: W });
      // Descriptions are multi-line text: line breaks are allowed there, other controls are not.
      expect(d.statusCode).toBe(refusedInDescription ? 400 : 201);
      if (refusedInDescription) expect(fieldsOf(d)).toContain('description');
      const key = await send('POST', '/v1/api-keys', { role: 'viewer', name: bad });
      expect([400, 403]).toContain(key.statusCode);
      const g = await gql(app, auth, 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }', {
        i: { name: bad, workload: W },
      });
      expect(g.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    },
  );

  it('search with NUL or a lone surrogate is a 400 naming search', async () => {
    for (const bad of ['a%00', '%1B%5B2J']) {
      const res = await send('GET', `/v1/scenarios?search=${bad}`);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain('search');
    }
    for (const s of ['x\u0000', '\udc00x']) {
      const g = await gql(app, auth, 'query($s: String) { scenarios(search: $s) { items { id } } }', { s });
      expect(g.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('a forged cursor with an out-of-range date is a 400 naming cursor', async () => {
    for (const date of [
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '99999-01-01',
      '0000-01-01T00:00:00Z',
    ]) {
      const cursor = Buffer.from(JSON.stringify([date, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      const res = await send('GET', `/v1/scenarios?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain('cursor');
    }
  });

  it('baseline beyond int32 is a 400 naming baseline', async () => {
    const created = await send('POST', '/v1/scenarios', { name: 'reprice', workload: W });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (const b of ['2147483648', '99999999999999999999']) {
      const res = await send('GET', `/v1/scenarios/${id}/estimate?baseline=${b}`);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain('baseline');
    }
  });

  it('costs that overflow are refused or unpriced, never Infinity', async () => {
    const huge = await send('POST', '/v1/estimates', {
      workload: W,
      rateOverrides: { 'kds.onDemand.streamHour': 1e308, 'kds.provisioned.shardHour': 1e308 },
    });
    expect(huge.statusCode).toBe(400);
    expect(fieldsOf(huge)).toEqual(
      expect.arrayContaining(['rateOverrides.kds.onDemand.streamHour', 'rateOverrides.kds.provisioned.shardHour']),
    );
    const tiny = await send('POST', '/v1/evaluations', { workload: { ingestGbPerDay: 100, avgRecordSizeKB: 5e-324 } });
    expect(tiny.statusCode).toBe(400);
    expect(fieldsOf(tiny)).toContain('workload.avgRecordSizeKB');
    const csv = await send(
      'POST',
      '/v1/estimates',
      { workload: { ingestGbPerDay: 100, avgRecordSizeKB: 5e-324 } },
      { accept: 'text/csv' },
    );
    expect(csv.statusCode).toBe(400);
    // A priced CSV: every number in plain decimals (tiny unit prices included), never Infinity.
    const plain = await send(
      'POST',
      '/v1/estimates',
      { workload: W, rateOverrides: { 'kds.onDemand.dataInGb': 1e-9 } },
      { accept: 'text/csv' },
    );
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toMatch(/Infinity|NaN/);
    expect(plain.body).not.toMatch(/(^|,)-?\d+(\.\d+)?e[+-]?\d+(,|\r)/m);
    const g = await gql(
      app,
      auth,
      '{ evaluateWorkload(input: {ingestGbPerDay: 100, avgRecordSizeKB: 5e-324}) { recommendation { option } } }',
    );
    expect(g.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(g.body)).not.toMatch(/INTERNAL|Infinity/);
    const be = await send('POST', '/v1/break-even', {
      workload: W,
      rateOverrides: { 'kds.provisioned.shardHour': 1e308 },
      vary: 'ingest',
      from: 1,
      to: 1000,
      steps: 5,
    });
    expect(be.statusCode).toBeLessThan(500);
    expect(be.body).not.toMatch(/Infinity|NaN/);
  });

  it('compare refuses the same id in two letter cases', async () => {
    const created = await send('POST', '/v1/scenarios', { name: 'cmp', workload: W });
    const id = created.json().id as string;
    const res = await send('POST', '/v1/scenarios/compare', { ids: [id, id.toUpperCase()] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('ids');
  });

  it('PATCH accepts application/merge-patch+json', async () => {
    const created = await send('POST', '/v1/scenarios', { name: 'mp', workload: W });
    const id = created.json().id as string;
    const res = await send(
      'PATCH',
      `/v1/scenarios/${id}`,
      { name: 'mp2' },
      { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('mp2');
    // A merge-patch body is for PATCH only; If-Match: * would skip the concurrency check, so it is refused.
    const post = await send(
      'POST',
      '/v1/scenarios',
      { name: 'x', workload: W },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(post.statusCode).toBe(415);
    const star = await send('PATCH', `/v1/scenarios/${id}`, { name: 'mp3' }, { 'if-match': '*' });
    expect(star.statusCode).toBe(400);
    expect(fieldsOf(star)).toContain('If-Match');
    expect(star.json().fields[0].message).toMatch(/\*/);
  });
});
