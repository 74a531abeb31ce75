/**
 * RatesController on its own (controllerApp, with the app's AuthGuard; RatesService and RatesRefresher as test
 * doubles): routing, roles, the view and the error mapping. Which regions are known, what a refresh stores and how a
 * card goes stale are test/rates/*.e2e.spec.ts, with PostgreSQL, Redis and a Price List server.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Caller } from '../../src/auth/api-key';
import { DomainError } from '../../src/domain/errors';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { RatesController } from '../../src/rates/http/rates.controller';
import { RatesRefresher } from '../../src/rates/rates.refresher';
import { RatesService, type ServedRateCard } from '../../src/rates/rates.service';
import { controllerApp } from '../support/controller-app';

describe('RatesController', () => {
  let app: NestFastifyApplication;
  let caller: Caller = { keyId: 'k', team: 't', role: 'viewer' };
  const rates = { current: jest.fn<Promise<ServedRateCard>, [string]>() };
  const refresher = { refresh: jest.fn() };
  beforeAll(async () => {
    app = await controllerApp(
      RatesController,
      [
        { provide: RatesService, useValue: rates },
        { provide: RatesRefresher, useValue: refresher },
      ],
      { caller: () => caller },
    );
  });
  afterAll(async () => app.close());
  beforeEach(() => {
    jest.resetAllMocks();
    caller = { keyId: 'k', team: 't', role: 'viewer' };
  });

  it('GET /v1/rate-cards/:region answers the card in force for that region, with its freshness', async () => {
    const card = bundledRateCard('us-east-1')!;
    rates.current.mockResolvedValue({ ...card, stale: false, refresh: {}, liveRates: false });
    const res = await app.inject({ method: 'GET', url: '/v1/rate-cards/us-east-1' });
    expect(res.statusCode).toBe(200);
    expect(rates.current).toHaveBeenCalledWith('us-east-1');
    expect(res.json()).toMatchObject({ region: 'us-east-1', id: card.id, stale: false });
    expect(res.headers['x-ratelimit-remaining']).toBe('599');
  });

  it('an unknown region is a 404 UNKNOWN_REGION carrying the known ones, in the one error shape', async () => {
    rates.current.mockRejectedValue(
      new DomainError('UNKNOWN_REGION', 'No rates are known for region "xx-nowhere-9"', {
        region: 'xx-nowhere-9',
        knownRegions: ['us-east-1'],
      }),
    );
    const res = await app.inject({ method: 'GET', url: '/v1/rate-cards/xx-nowhere-9' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      statusCode: 404,
      code: 'UNKNOWN_REGION',
      details: { knownRegions: ['us-east-1'] },
    });
  });

  it('POST /v1/rate-cards/:region/refresh is for admins (403 otherwise, nothing refreshed) and answers 200', async () => {
    const refused = await app.inject({ method: 'POST', url: '/v1/rate-cards/us-east-1/refresh' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
    expect(refresher.refresh).not.toHaveBeenCalled();

    caller = { ...caller, role: 'admin' };
    const result = { region: 'us-east-1', outcome: 'UNCHANGED', cardId: 'c', products: 1, pages: 1, skipped: 0 };
    refresher.refresh.mockResolvedValue(result);
    const res = await app.inject({ method: 'POST', url: '/v1/rate-cards/us-east-1/refresh' });
    expect(res.statusCode).toBe(200);
    expect(refresher.refresh).toHaveBeenCalledWith('us-east-1', 'admin');
    expect(res.json()).toEqual(result);
  });

  it('a Price List failure during a refresh is a 503 RATES_UNAVAILABLE', async () => {
    caller = { ...caller, role: 'admin' };
    refresher.refresh.mockRejectedValue(
      new DomainError('RATES_UNAVAILABLE', 'The AWS Price List could not be reached'),
    );
    const res = await app.inject({ method: 'POST', url: '/v1/rate-cards/us-east-1/refresh' });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('RATES_UNAVAILABLE');
  });
});
