/**
 * The read path (RatesService) as the evaluation hot path uses it: a card already in memory is served as the
 * same object (the cost model caches parsed rates per card object) without PostgreSQL or the refresher.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RateCardRepository } from '../../src/rates/rate-card.repository';
import { RateCardStore } from '../../src/rates/rate-card.store';
import { RatesRefresher } from '../../src/rates/rates.refresher';
import { RatesService } from '../../src/rates/rates.service';
import { startTestApp } from '../support/test-app';

describe('rates read path', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({ RATES_LIVE: 'false' });
  });
  afterAll(async () => app.close());
  afterEach(() => jest.restoreAllMocks());

  it('serves one object while the card and its freshness stay the same, a new one when the refresh status changes', async () => {
    const rates = app.get(RatesService);
    const first = await rates.current('us-east-1');
    expect(await rates.current('us-east-1')).toBe(first);

    await app.get(RateCardStore).setStatus('us-east-1', {
      lastAttemptAt: '2026-12-01T00:00:00.000Z',
      lastError: 'the Price List API could not be reached',
    });
    const failed = await rates.current('us-east-1');
    expect(failed).not.toBe(first);
    expect(failed).toMatchObject({ id: first.id, refresh: { lastError: 'the Price List API could not be reached' } });
    expect(failed.rates).toBe(first.rates);
    expect(await rates.current('us-east-1')).toBe(failed);
  });

  it('answers a card in memory without PostgreSQL and without starting a refresh', async () => {
    const rates = app.get(RatesService);
    await rates.current('us-east-1');
    const latest = jest.spyOn(app.get(RateCardRepository), 'latest');
    const refresh = jest.spyOn(app.get(RatesRefresher), 'refresh');
    for (let i = 0; i < 3; i++) expect((await rates.current('us-east-1')).region).toBe('us-east-1');
    expect(latest).not.toHaveBeenCalled();
    expect(refresh).not.toHaveBeenCalled();
  });
});
