import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { breakEven, type WorkloadInput } from '../../src/domain';
import { BREAK_EVEN_MAX_CROSSOVERS } from '../../src/domain/break-even';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

/**
 * Lists whose length the caller controls are capped with their cost counted: break-even crossovers (the first
 * BREAK_EVEN_MAX_CROSSOVERS along the axis, the rest counted in a warning) and break-even REST units by steps.
 */
const card = usEast1RateCard();
const W: WorkloadInput = { ingestGbPerDay: 100, avgRecordSizeKB: 1 };

describe('break-even crossovers are capped', () => {
  const cases: [string, WorkloadInput, 'ingest' | 'consumers' | 'retention', number, number][] = [
    ['consumers 0..1000', W, 'consumers', 0, 1000],
    ['ingest 1..1,000,000', W, 'ingest', 1, 1_000_000],
    ['consumers on a larger workload', { ...W, ingestGbPerDay: 5000, sharedConsumers: 3 }, 'consumers', 0, 1000],
  ];

  it.each(cases)(
    '%s: a cap below the count keeps the first ones along the axis and says how many',
    (_l, w, vary, from, to) => {
      const all = breakEven(w, card, undefined, { vary, from, to, steps: 400, crossovers: 'ALL' });
      expect(all.crossovers.length).toBeGreaterThanOrEqual(2);
      expect(all.crossovers.length).toBeLessThanOrEqual(BREAK_EVEN_MAX_CROSSOVERS);
      expect(all.warnings.map((x) => x.code)).not.toContain('CROSSOVERS_CAPPED');
      for (const cap of [...new Set([1, 2, all.crossovers.length - 1])].filter((c) => c < all.crossovers.length)) {
        const capped = breakEven(w, card, undefined, { vary, from, to, steps: 400, crossovers: 'ALL' }, cap);
        // The first along the axis (by the sample interval they were found in), each as solved without the cap.
        expect(capped.crossovers).toHaveLength(cap);
        for (const c of capped.crossovers) expect(all.crossovers).toContainEqual(c);
        const last = Math.max(...capped.crossovers.map((c) => c.at));
        const left = all.crossovers.filter(
          (c) =>
            !capped.crossovers.includes(c) &&
            !capped.crossovers.some((k) => k.at === c.at && k.optionA === c.optionA && k.optionB === c.optionB),
        );
        const step = (to - from) / 399;
        for (const c of left) expect(c.at).toBeGreaterThan(last - step);
        const warning = capped.warnings.find((x) => x.code === 'CROSSOVERS_CAPPED');
        expect(warning?.message).toContain(`${all.crossovers.length} times`);
        expect(warning?.message).toContain(`first ${cap}`);
        // The series are whole either way.
        expect(capped.series).toEqual(all.series);
      }
    },
  );

  it(`the default cap is ${BREAK_EVEN_MAX_CROSSOVERS}, and every crossover an answer lists is solved`, () => {
    expect(BREAK_EVEN_MAX_CROSSOVERS).toBe(50);
    const r = breakEven(W, card, undefined, { vary: 'consumers', from: 0, to: 1000, steps: 1000, crossovers: 'ALL' });
    for (const c of r.crossovers) expect(Number.isFinite(c.at)).toBe(true);
  });
});

describe('break-even costs rate-limit units by its length (REST)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000', TEAM_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
  });

  it.each([
    [2, 2],
    [99, 2],
    [100, 3],
    [250, 4],
    [1000, 12],
  ])('steps %i cost %i units', async (steps, units) => {
    const key = await bearer(app, `be-units-${steps}`, 'viewer');
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/v1/break-even',
        headers: { authorization: key, 'content-type': 'application/json' },
        payload: JSON.stringify({ workload: W, vary: 'consumers', from: 0, to: 10, steps }),
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const second = await send();
    expect(Number(first.headers['x-ratelimit-remaining']) - Number(second.headers['x-ratelimit-remaining'])).toBe(
      units,
    );
    expect(Number(first.headers['x-ratelimit-remaining'])).toBe(1000 - units);
  });
});
