/**
 * Real AWS price data end to end: a refresh from AWS's verbatim ap-southeast-1 documents served by the local Price
 * List server prices every MSK rate live; offline, the snapshot regions answer with AWS's prices, the region list
 * says what is priced where, and an evaluation in eu-west-1 prices MSK and names every missing rate.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import { PRICE_LIST_SERVICE_CODES, parsePriceListElement } from '../../src/domain/pricelist/price-list-document';
import { SNAPSHOT_REGIONS } from '../../src/domain/regions';
import { mskGetProductsApS1 } from '../../scripts/msk-feed';
import { migrateDeploy } from '../../src/infrastructure/database/migrate';
import { adminQuery, databaseUrl, uniqueName } from '../support/database';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { PriceListServer } from '../support/pricelist-server';
import { OwnRedis } from '../support/redis-server';
import { startTestApp } from '../support/test-app';

const MSK_KEYS = expectedRateKeys().filter((key) => key.startsWith('msk.'));

interface RateBody {
  key: string;
  usdPerUnit: string;
  sku: string;
  source: string;
  provenance: { kind: string; label: string; citation: string; publicationDate?: string } | null;
}

describe('real AWS price data through the service', () => {
  // Its own database: "offline" means no live card of a snapshot region is stored, and other suites (the price
  // watch's) store live cards of snapshot regions in the shared test database.
  const dbName = uniqueName('streamfit_regional');
  let server: PriceListServer;
  let redis: OwnRedis;
  let app: NestFastifyApplication;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    await migrateDeploy(databaseUrl(dbName));
    server = await new PriceListServer().start();
    redis = await OwnRedis.create();
    await redis.start();
    // AWS's own GetProducts response for AmazonMSK in ap-southeast-1, each PriceList string served as AWS sent it.
    server.setDocuments('AmazonMSK', mskGetProductsApS1());
    // No verbatim documents of the other services exist for that region: the server answers them with none.
    for (const code of PRICE_LIST_SERVICE_CODES.filter((c) => c !== 'AmazonMSK')) server.setDocuments(code, []);
    app = await startTestApp({
      PRICING_ENDPOINT: server.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCALTEST',
      PRICING_SECRET_ACCESS_KEY: 'local-secret',
      CACHE_PREFIX: `regional-rates-${process.pid}-${Date.now()}`,
      REDIS_URL: redis.url,
      DATABASE_URL: databaseUrl(dbName),
    });
    admin = await bearer(app, 'finance', 'admin');
    viewer = await bearer(app, 'finance', 'viewer');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await server.close();
    await redis.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it('offline, the rate card of every snapshot region answers with AWS prices and their provenance (eu-central-1: m5.16xlarge $8.059)', async () => {
    for (const region of SNAPSHOT_REGIONS.filter((r) => r !== 'ap-southeast-1')) {
      const res = await request(app.getHttpServer()).get(`/v1/rate-cards/${region}`).set('authorization', viewer);
      expect({ region, status: res.status }).toEqual({ region, status: 200 });
      const rates = res.body.rates as RateBody[];
      const broker = rates.find((r) => r.key === 'msk.brokerHour.kafka.m7g.large')!;
      expect(broker.provenance).toMatchObject({ kind: 'AWS_DOCUMENT', label: 'V-feed' });
      expect(rates.filter((r) => !r.provenance)).toEqual([]);
    }
    const card = await request(app.getHttpServer()).get('/v1/rate-cards/eu-central-1').set('authorization', viewer);
    expect(card.body.source).toBe('BUNDLED_SNAPSHOT');
    expect((card.body.rates as RateBody[]).find((r) => r.key === 'msk.brokerHour.kafka.m5.16xlarge')).toMatchObject({
      usdPerUnit: '8.0590000000',
      sku: 'PE6G6JQPMSF6PJFH',
      provenance: { kind: 'AWS_DOCUMENT', publicationDate: '2025-04-04T19:05:32Z' },
    });
  });

  it('an evaluation in eu-west-1 answers 200: MSK priced at AWS prices, every unpriced option names its missing rates', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', viewer)
      .send({ workload: { region: 'eu-west-1', ingestGbPerDay: 100, avgRecordSizeKB: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.rateCard).toMatchObject({ region: 'eu-west-1', source: 'BUNDLED_SNAPSHOT' });
    const options = res.body.options as Array<{
      option: string;
      eligible: boolean;
      priced: boolean;
      missingRates: string[];
      lineItems: Array<{ rateKey: string; usageType: string }>;
    }>;
    const msk = options.find((o) => o.option === 'MSK_PROVISIONED')!;
    expect(msk.priced).toBe(true);
    expect(msk.lineItems.find((l) => l.rateKey.startsWith('msk.brokerHour.'))!.usageType).toMatch(/^EU-Kafka\./);
    const unpriced = options.filter((o) => !o.priced);
    expect(unpriced.map((o) => o.option).sort()).toEqual([
      'KDS_ON_DEMAND',
      'KDS_ON_DEMAND_ADVANTAGE',
      'KDS_PROVISIONED',
    ]);
    for (const o of unpriced) {
      expect(o.eligible).toBe(true);
      expect(o.missingRates.length).toBeGreaterThan(0);
      const warning = (res.body.warnings as Array<{ code: string; message: string }>).find(
        (w) => w.code === 'RATES_MISSING' && w.message.startsWith(o.option),
      )!;
      expect(warning.message).toContain(o.missingRates.join(', '));
      expect(warning.message).toContain('rateOverrides');
    }
  });

  it('the estimate CSV names where each line price comes from', async () => {
    const csv = await request(app.getHttpServer())
      .post('/v1/estimates')
      .set('authorization', viewer)
      .set('accept', 'text/csv')
      .send({ workload: { region: 'eu-west-1', ingestGbPerDay: 100, avgRecordSizeKB: 1 } });
    expect(csv.status).toBe(200);
    const broker = csv.text.split('\r\n').find((line) => line.includes('EU-Kafka.'))!;
    expect(broker).toContain('AWS_DOCUMENT V-feed: AWS MSK pricing feed');
    expect(broker).toContain('(published 2025-04-04T19:05:32Z)');
  });

  it('GET /v1/regions and GraphQL regions list each region with what is priced offline and live, and what is not offered', async () => {
    const res = await request(app.getHttpServer()).get('/v1/regions').set('authorization', viewer);
    expect(res.status).toBe(200);
    const regions = res.body as Array<{
      region: string;
      location: string | null;
      notOffered: Array<{ option: string; reason: string }>;
      offline: { pricedOptions: string[]; unpricedOptions: Array<{ option: string; missingRates: string[] }> } | null;
      live: { available: boolean; card: { pricedOptions: string[] } | null };
    }>;
    expect(regions.map((r) => r.region)).toEqual(expect.arrayContaining([...SNAPSHOT_REGIONS]));
    const euWest1 = regions.find((r) => r.region === 'eu-west-1')!;
    expect(euWest1.location).toBe('EU (Ireland)');
    expect(euWest1.offline!.pricedOptions).toEqual(['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS']);
    expect(euWest1.offline!.unpricedOptions.map((u) => u.option)).toEqual([
      'KDS_ON_DEMAND',
      'KDS_ON_DEMAND_ADVANTAGE',
      'KDS_PROVISIONED',
    ]);
    expect(euWest1.offline!.unpricedOptions.every((u) => u.missingRates.length > 0)).toBe(true);
    expect(euWest1.live.available).toBe(true);
    const usEast1 = regions.find((r) => r.region === 'us-east-1')!;
    expect(usEast1.offline!.pricedOptions).toHaveLength(6);
    const saoPaulo = regions.find((r) => r.region === 'sa-east-1')!;
    expect(saoPaulo.notOffered).toEqual([
      { option: 'MSK_SERVERLESS', reason: expect.stringContaining('no MSK Serverless rate') },
    ]);
    expect(saoPaulo.offline!.pricedOptions).not.toContain('MSK_SERVERLESS');
    expect(saoPaulo.offline!.unpricedOptions.map((u) => u.option)).not.toContain('MSK_SERVERLESS');

    const viaGraphql = await gql(
      app,
      viewer,
      '{ regions { region location notOffered { option } offline { pricedOptions unpricedOptions { option missingRates } } live { available } } }',
    );
    expect(viaGraphql.body.errors).toBeUndefined();
    expect(viaGraphql.body.data.regions.find((r: { region: string }) => r.region === 'eu-west-1')).toMatchObject({
      location: 'EU (Ireland)',
      offline: { pricedOptions: euWest1.offline!.pricedOptions },
    });
  });

  it('a refresh from the verbatim ap-southeast-1 documents prices every MSK rate at the documents prices, labelled live', async () => {
    const refresh = await request(app.getHttpServer())
      .post('/v1/rate-cards/ap-southeast-1/refresh')
      .set('authorization', admin);
    expect(refresh.status).toBe(200);
    expect(refresh.body.products).toBe(42);
    const res = await request(app.getHttpServer()).get('/v1/rate-cards/ap-southeast-1').set('authorization', viewer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'AWS_PRICE_LIST',
      id: refresh.body.cardId,
      publicationDate: '2026-07-29T21:14:08Z',
    });
    const rates = new Map((res.body.rates as RateBody[]).map((r) => [r.key, r]));
    expect(MSK_KEYS.filter((key) => !rates.has(key))).toEqual([]);
    const priceBySku = new Map(
      mskGetProductsApS1().map((raw) => {
        const parsed = parsePriceListElement(raw);
        if (!parsed.ok) throw new Error(parsed.reason);
        return [parsed.product.sku, parsed.product.price.usd];
      }),
    );
    for (const key of MSK_KEYS) {
      const rate = rates.get(key)!;
      expect({ key, usd: rate.usdPerUnit }).toEqual({ key, usd: priceBySku.get(rate.sku) });
      expect(rate.source).toBe('AWS_PRICE_LIST');
      expect(rate.provenance).toMatchObject({ kind: 'LIVE_PRICE_LIST', publicationDate: '2026-07-29T21:14:08Z' });
      expect(rate.provenance!.citation).toContain(rate.sku);
    }
    expect(rates.get('msk.express.dataWrittenGb')!.usdPerUnit).toBe('0.0125000000');
    expect(rates.get('msk.connect.mcuHour')!.usdPerUnit).toBe('0.1380000000');

    const regions = await request(app.getHttpServer()).get('/v1/regions').set('authorization', viewer);
    const singapore = (
      regions.body as Array<{ region: string; live: { card: { pricedOptions: string[] } | null } }>
    ).find((r) => r.region === 'ap-southeast-1')!;
    expect(singapore.live.card!.pricedOptions).toEqual(['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS']);
  });
});
