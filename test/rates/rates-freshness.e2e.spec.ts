import request from 'supertest';
import { bearer } from '../support/keys';
import { regionShapedDocuments, serveAll } from '../support/pricelist-fixtures';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp } from '../support/test-app';
import { until } from '../support/until';

describe('rate freshness and first use', () => {
  it('marks a card stale past RATES_STALE_AFTER_MS without a successful refresh: in the card, in every estimate and in /health/ready', async () => {
    // Live rates off and a one-minute limit: the bundled snapshot (dated at its build) is older than that.
    const app = await startTestApp({ RATES_LIVE: 'false', RATES_STALE_AFTER_MS: '60000' });
    try {
      const viewer = await bearer(app, 'finance', 'viewer');
      const server = app.getHttpServer();
      const card = await request(server).get('/v1/rate-cards/us-east-1').set('authorization', viewer);
      expect(card.body).toMatchObject({ source: 'BUNDLED_SNAPSHOT', stale: true });
      const estimate = await request(server)
        .post('/v1/estimates')
        .set('authorization', viewer)
        .send({ workload: { ingestGbPerDay: 10, avgRecordSizeKB: 1 } });
      expect(estimate.body.rateCard.stale).toBe(true);
      expect(estimate.body.warnings.map((w: { code: string }) => w.code)).toContain('RATE_CARD_STALE');
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.checks.rates).toMatchObject({ status: 'degraded', staleRegions: ['us-east-1'] });
    } finally {
      await app.close();
    }
  });

  it('is fresh while younger than the age limit', async () => {
    const app = await startTestApp({ RATES_LIVE: 'false', RATES_STALE_AFTER_MS: String(365 * 24 * 3600 * 1000) });
    try {
      const viewer = await bearer(app, 'finance', 'viewer');
      const card = await request(app.getHttpServer()).get('/v1/rate-cards/us-east-1').set('authorization', viewer);
      expect(card.body.stale).toBe(false);
      expect((await request(app.getHttpServer()).get('/health/ready')).body.checks.rates.status).toBe('up');
    } finally {
      await app.close();
    }
  });

  it('waits for the first refresh of a region that has no rates at all, then serves it', async () => {
    // A region no other suite stores rates for (suites share the run's database).
    const server = await new PriceListServer().start();
    const docs = regionShapedDocuments('eu-west-3');
    serveAll(server, docs);
    const app = await startTestApp({
      RATES_LIVE: 'true',
      PRICING_ENDPOINT: server.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCAL',
      PRICING_SECRET_ACCESS_KEY: 'local',
    });
    try {
      const viewer = await bearer(app, 'finance', 'viewer');
      const res = await request(app.getHttpServer())
        .post('/v1/evaluations')
        .set('authorization', viewer)
        .send({ workload: { region: 'eu-west-3', ingestGbPerDay: 10, avgRecordSizeKB: 1 } });
      expect(res.status).toBe(200);
      expect(res.body.rateCard).toMatchObject({ region: 'eu-west-3', source: 'AWS_PRICE_LIST' });
      expect(server.requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    } finally {
      await app.close();
      await server.close();
    }
  });

  it('refreshes on a schedule, with no request asking for it', async () => {
    // The server knows no products: each scheduled refresh fails and stores nothing (suites share the database),
    // but its GetProducts calls show the schedule at work.
    const server = await new PriceListServer().start();
    const app = await startTestApp({
      RATES_LIVE: 'true',
      RATES_REFRESH_INTERVAL_MS: '300',
      PRICING_ENDPOINT: server.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCAL',
      PRICING_SECRET_ACCESS_KEY: 'local',
      PRICING_MAX_ATTEMPTS: '1',
    });
    try {
      // The schedule walks every known region (the snapshot's twelve and any stored), so count calls for any region.
      const calls = await until(
        async () => server.requests.filter((r) => r.filters?.some((f) => f.Field === 'regionCode')).length,
        (n) => n >= 4,
      );
      // Two services per refresh, at least two refreshes.
      expect(calls).toBeGreaterThanOrEqual(4);
    } finally {
      await app.close();
      await server.close();
    }
  });
});
