import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/**
 * A key over its own limit is refused before its team's budget is charged: however hard one key floods, the rest
 * of its team (the admin above all) keeps the team budget minus what the flooding key was allowed to spend.
 */
const KEY_LIMIT = 6;
const TEAM_LIMIT = 14;

describe('rate limits charge the right budget', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({
      RATE_LIMIT_PER_MINUTE: String(KEY_LIMIT),
      TEAM_RATE_LIMIT_PER_MINUTE: String(TEAM_LIMIT),
    });
  });
  afterAll(async () => app.close());

  // The windows are fixed minutes: start each case early in one, so the flood and the check share it.
  beforeEach(async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
  });

  const W = { ingestGbPerDay: 10, avgRecordSizeKB: 1 };
  /** Ways of spending units: [label, units per call, call]. */
  const spenders: [string, number, (auth: string) => ReturnType<NestFastifyApplication['inject']>][] = [
    [
      'REST GET (1 unit)',
      1,
      (auth) => app.inject({ method: 'GET', url: '/v1/decision-rules', headers: { authorization: auth } }),
    ],
    [
      'REST evaluation (2 units)',
      2,
      (auth) =>
        app.inject({
          method: 'POST',
          url: '/v1/evaluations',
          headers: { authorization: auth, 'content-type': 'application/json' },
          payload: JSON.stringify({ workload: W }),
        }),
    ],
    [
      'GraphQL query',
      1,
      (auth) =>
        app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: auth, 'content-type': 'application/json' },
          payload: JSON.stringify({ query: '{ decisionRules { id } }' }),
        }),
    ],
  ];

  it.each(spenders)('a key flooding with %s leaves its team admin working', async (label, units, spend) => {
    const team = `budget-${label.replace(/\W+/g, '-').toLowerCase()}-${Date.now().toString(36)}`;
    const flooder = await bearer(app, team, 'viewer');
    const admin = await bearer(app, team, 'admin');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await spend(flooder)).statusCode);
    const allowed = Math.floor(KEY_LIMIT / units);
    expect(statuses.slice(0, allowed).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true);
    // The team spent only what the flooding key was allowed: the admin has the rest of the team budget.
    const first = await app.inject({ method: 'GET', url: '/v1/api-keys', headers: { authorization: admin } });
    expect(first.statusCode).toBe(200);
    expect(Number(first.headers['x-ratelimit-remaining'])).toBe(
      Math.min(KEY_LIMIT - 1, TEAM_LIMIT - allowed * units - 1),
    );
    for (let i = 1; i < KEY_LIMIT; i++)
      expect(
        (await app.inject({ method: 'GET', url: '/v1/api-keys', headers: { authorization: admin } })).statusCode,
      ).toBe(200);
  });

  it('keys of a team together still stop at the team budget', async () => {
    const team = `budget-team-${Date.now().toString(36)}`;
    const keys = await Promise.all([0, 1, 2, 3, 4].map(() => bearer(app, team, 'viewer')));
    const statuses: number[] = [];
    for (const key of keys.slice(0, 4))
      for (let i = 0; i < KEY_LIMIT; i++)
        statuses.push(
          (await app.inject({ method: 'GET', url: '/v1/decision-rules', headers: { authorization: key } })).statusCode,
        );
    expect(statuses.filter((s) => s === 200)).toHaveLength(TEAM_LIMIT);
    const refused = await app.inject({ method: 'GET', url: '/v1/decision-rules', headers: { authorization: keys[4] } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/team/);
  });
});
