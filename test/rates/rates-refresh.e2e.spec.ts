import { PRICE_LIST_SERVICE_CODES } from '../../src/domain/pricelist/price-list-document';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Client } from 'pg';
import { RatesRefresher } from '../../src/rates/rates.refresher';
import { RatesService } from '../../src/rates/rates.service';
import { bearer } from '../support/keys';
import { allRaw, regionShapedDocuments, withPriceChange } from '../support/pricelist-fixtures';
import { PriceListServer } from '../support/pricelist-server';
import { OwnRedis } from '../support/redis-server';
import { startTestApp, testDatabaseUrl } from '../support/test-app';

/**
 * A region of its own (not the bundled us-east-1), so the versions this suite stores never reach other
 * suites sharing the run's database. Usage types carry the region prefix, as AWS's do outside us-east-1.
 */
const REGION = 'eu-north-1';

/** Documents as a publication would serve them: both services, with an optional price change. */
function serve(server: PriceListServer, shardHourUsd?: string): void {
  const docs = regionShapedDocuments(REGION);
  const kinesis = shardHourUsd
    ? withPriceChange(docs.AmazonKinesis, {
        usageTypeSuffix: 'Storage-ShardHour',
        operation: 'shardHourStorage',
        usd: shardHourUsd,
        version: '20261201000000',
        publicationDate: '2026-12-01T00:00:00Z',
      })
    : docs.AmazonKinesis;
  server.setDocuments('AmazonKinesis', kinesis);
  server.setDocuments('AmazonMSK', docs.AmazonMSK);
  for (const code of PRICE_LIST_SERVICE_CODES.filter((c) => c !== 'AmazonKinesis' && c !== 'AmazonMSK'))
    server.setDocuments(code, docs[code]);
}

async function storedVersions(region: string): Promise<Array<{ id: string; shard: string }>> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  const { rows } = await client.query<{ id: string; shard: string }>(
    "select id, rates->'kds.provisioned.shardHour'->>'usdPerUnit' as shard from rate_card_versions where region = $1 and source = 'AWS_PRICE_LIST' order by created_at",
    [region],
  );
  await client.end();
  return rows;
}

describe('live rates from the AWS Price List API (local server, real SDK)', () => {
  let server: PriceListServer;
  let redis: OwnRedis;
  let app: NestFastifyApplication;
  let admin: string;
  let viewer: string;
  const prefix = `rates-e2e-${process.pid}-${Date.now()}`;
  const env = () => ({
    PRICING_ENDPOINT: server.endpoint,
    PRICING_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    PRICING_SECRET_ACCESS_KEY: 'local-secret',
    PRICING_MAX_ATTEMPTS: '4',
    CACHE_PREFIX: prefix,
    REDIS_URL: redis.url,
  });

  beforeAll(async () => {
    server = await new PriceListServer().start();
    redis = await OwnRedis.create();
    await redis.start();
    serve(server);
    app = await startTestApp(env());
    admin = await bearer(app, 'finance', 'admin');
    viewer = await bearer(app, 'finance', 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await server.close();
    await redis.stop();
  });

  it('refreshes a region through every page and serves it with provenance', async () => {
    server.reset();
    serve(server);
    const res = await request(app.getHttpServer()).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin);
    expect(res.status).toBe(200);
    const docs = regionShapedDocuments(REGION);
    expect(res.body.products).toBe(allRaw(docs).length);
    const calls = server.requests.filter((r) => r.status === 200);
    expect(res.body.pages).toBe(calls.length);
    expect(
      calls.every((r) =>
        r.filters?.some((f) => (f.Field === 'regionCode' || f.Field === 'fromRegionCode') && f.Value === REGION),
      ),
    ).toBe(true);

    const card = await request(app.getHttpServer()).get(`/v1/rate-cards/${REGION}`).set('authorization', viewer);
    expect(card.status).toBe(200);
    expect(card.body.source).toBe('AWS_PRICE_LIST');
    expect(card.body.id).toBe(res.body.cardId);
    const shard = card.body.rates.find((r: { key: string }) => r.key === 'kds.provisioned.shardHour');
    expect(shard).toMatchObject({
      usdPerUnit: '0.0150000000',
      usageType: 'EUN1-Storage-ShardHour',
      operation: 'shardHourStorage',
      source: 'AWS_PRICE_LIST',
    });
    expect(shard.sku).toMatch(/^[A-Z0-9]{8,}$/);
    expect(shard.rateCode.startsWith(shard.sku)).toBe(true);
  });

  it('only admins may refresh', async () => {
    const res = await request(app.getHttpServer())
      .post(`/v1/rate-cards/${REGION}/refresh`)
      .set('authorization', viewer);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('a price change between two refreshes makes a new version and keeps the old one', async () => {
    serve(server);
    await app.get(RatesRefresher).refresh(REGION, 'admin');
    serve(server, '0.016');
    const changed = await app.get(RatesRefresher).refresh(REGION, 'admin');
    expect(changed.outcome).toBe('UPDATED');
    const versions = await storedVersions(REGION);
    expect(versions.map((v) => Number(v.shard))).toEqual(expect.arrayContaining([0.015, 0.016]));
    const current = await app.get(RatesService).current(REGION);
    expect(current.rates['kds.provisioned.shardHour'].usdPerUnit).toBe('0.0160000000');
    expect(current.id).toBe(changed.cardId);
    const old = versions.find((v) => Number(v.shard) === 0.015)!;
    expect((await app.get(RatesService).version(old.id))?.rates['kds.provisioned.shardHour'].usdPerUnit).toBe(
      '0.0150000000',
    );
    serve(server);
    await app.get(RatesRefresher).refresh(REGION, 'admin');
  });

  it('throttling then success: the SDK retries with backoff and the refresh succeeds', async () => {
    server.reset();
    serve(server);
    server.throttleNext(2);
    const result = await app.get(RatesRefresher).refresh(REGION, 'admin');
    expect(['UPDATED', 'UNCHANGED']).toContain(result.outcome);
    expect(server.requests.filter((r) => r.errorType === 'ThrottlingException')).toHaveLength(2);
  });

  it('a failing Price List API keeps the last good card and says why (503 to the admin)', async () => {
    const before = await app.get(RatesService).current(REGION);
    server.failNext(100, 500);
    const res = await request(app.getHttpServer()).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('RATES_UNAVAILABLE');
    expect(res.body.message).toContain('last good rate card stays in force');
    server.failNext(0);
    server.reset();
    serve(server);
    const after = await app.get(RatesService).current(REGION);
    expect(after.id).toBe(before.id);
    expect(after.refresh.lastError).toBeTruthy();
  });

  it('two app instances refreshing at once fetch once (Redis lock)', async () => {
    const other = await startTestApp(env());
    try {
      server.reset();
      serve(server);
      server.delayMs = 250;
      const [a, b] = await Promise.all([
        app.get(RatesRefresher).refresh(REGION, 'admin'),
        other.get(RatesRefresher).refresh(REGION, 'admin'),
      ]);
      server.delayMs = 0;
      const outcomes = [a.outcome, b.outcome].sort();
      expect(outcomes.filter((o) => o === 'IN_PROGRESS')).toHaveLength(1);
      const fetcher = a.outcome === 'IN_PROGRESS' ? b : a;
      expect(server.requests.filter((r) => r.status === 200)).toHaveLength(fetcher.pages);
    } finally {
      await other.close();
    }
  });

  it('Redis stopped during a refresh: the refresh completes, the card is served and stored', async () => {
    server.reset();
    serve(server, '0.017');
    server.delayMs = 300;
    const refreshing = app.get(RatesRefresher).refresh(REGION, 'admin');
    await new Promise((r) => setTimeout(r, 100));
    await redis.stop();
    const result = await refreshing;
    server.delayMs = 0;
    expect(result.outcome).toBe('UPDATED');
    const served = await app.get(RatesService).current(REGION);
    expect(served.rates['kds.provisioned.shardHour'].usdPerUnit).toBe('0.0170000000');
    expect((await storedVersions(REGION)).some((v) => Number(v.shard) === 0.017)).toBe(true);
    await redis.start();
  });

  it('an unknown region answers 404 with the known ones', async () => {
    server.reset();
    for (const code of PRICE_LIST_SERVICE_CODES) server.setDocuments(code, []);
    const res = await request(app.getHttpServer()).get('/v1/rate-cards/xx-nowhere-9').set('authorization', viewer);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('UNKNOWN_REGION');
    expect(res.body.details.knownRegions).toEqual(expect.arrayContaining(['us-east-1', REGION]));
    const malformed = await request(app.getHttpServer())
      .get('/v1/rate-cards/NOT_A_REGION')
      .set('authorization', viewer);
    expect(malformed.status).toBe(404);
  });
});
