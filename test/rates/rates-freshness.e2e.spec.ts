import request from 'supertest';
import { bearer } from '../support/keys';
import { regionShapedDocuments, serveAll } from '../support/pricelist-fixtures';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp } from '../support/test-app';
import { until } from '../support/until';

describe('rate freshness and first use', () => {
  it('with live rates off, the bundled snapshot is the source chosen, not a failure: never stale, no warning, ready, said once', async () => {
    // A one-minute limit: the bundled snapshot (dated at its build) is far older than that.
    const app = await startTestApp({ RATES_LIVE: 'false', RATES_STALE_AFTER_MS: '60000' });
    try {
      const viewer = await bearer(app, 'finance', 'viewer');
      const server = app.getHttpServer();
      const card = await request(server).get('/v1/rate-cards/us-east-1').set('authorization', viewer);
      expect(card.body).toMatchObject({ source: 'BUNDLED_SNAPSHOT', stale: false });
      const day = (card.body.publicationDate as string).slice(0, 10);
      expect(card.body.sourceLabel).toBe(`bundled snapshot of ${day} (live rates off)`);
      const estimate = await request(server)
        .post('/v1/estimates')
        .set('authorization', viewer)
        .send({ workload: { ingestGbPerDay: 10, avgRecordSizeKB: 1 } });
      expect(estimate.body.rateCard).toMatchObject({ stale: false, sourceLabel: card.body.sourceLabel });
      expect(JSON.stringify(estimate.body)).not.toMatch(/RATE_CARD_STALE|could not be refreshed/);
      const gql = await request(server)
        .post('/graphql')
        .set('authorization', viewer)
        .send({ query: '{ rateCard(region: "us-east-1") { stale sourceLabel } }' });
      expect(gql.body.data.rateCard).toEqual({ stale: false, sourceLabel: card.body.sourceLabel });
      const ready = await request(server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ok');
      expect(ready.body.checks.rates.status).toBe('up');
    } finally {
      await app.close();
    }
  });

  it('with live rates on, a refresh that was tried and failed marks the bundled card stale past its age: card, estimate, health', async () => {
    // The Price List server knows no products: every refresh fails and stores nothing.
    const pricing = await new PriceListServer().start();
    const app = await startTestApp({
      RATES_LIVE: 'true',
      RATES_STALE_AFTER_MS: '60000',
      PRICING_ENDPOINT: pricing.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCAL',
      PRICING_SECRET_ACCESS_KEY: 'local',
      PRICING_MAX_ATTEMPTS: '1',
    });
    try {
      const viewer = await bearer(app, 'finance', 'viewer');
      const server = app.getHttpServer();
      const card = await until(
        async () => (await request(server).get('/v1/rate-cards/us-east-1').set('authorization', viewer)).body,
        (body) => body.stale === true,
      );
      expect(card).toMatchObject({ source: 'BUNDLED_SNAPSHOT', stale: true });
      expect(card.sourceLabel).toMatch(
        /^bundled snapshot of [\d-]{10} \(live rates on; the refresh from the AWS Price List failed\)$/,
      );
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
      await pricing.close();
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
