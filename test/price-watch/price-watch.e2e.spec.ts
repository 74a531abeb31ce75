import { createHmac, randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { bearer } from '../support/keys';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp, testDatabaseUrl } from '../support/test-app';
import { until } from '../support/until';
import { aWorkload } from '../scenarios/scenario-fixtures';
import { serveRegion, watchEnv, WebhookReceiver } from './receiver';

/** A region no other suite refreshes, so the changes here are this suite's only. */
const REGION = 'ca-central-1';

const serve = (server: PriceListServer, shardHourUsd?: string) => serveRegion(server, REGION, shardHourUsd);

/** The Standard Webhooks check, written here from the specification with node:crypto only. */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return String(headers['webhook-signature'])
    .split(' ')
    .some((s) => s === `v1,${expected}`);
}

describe('price watch: a rate change re-prices saved scenarios and calls the webhooks (local Price List, real Postgres)', () => {
  let server: PriceListServer;
  let receiver: WebhookReceiver;
  let app: NestFastifyApplication;
  const team = `watch-${process.pid}-${Date.now().toString(36)}`;
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let admin: string;
  let editor: string;
  let viewer: string;
  const cards = { first: '', second: '' };
  const env = () => watchEnv(server);

  beforeAll(async () => {
    server = await new PriceListServer().start();
    receiver = await new WebhookReceiver().start();
    serve(server);
    app = await startTestApp(env());
    admin = await bearer(app, team, 'admin');
    editor = await bearer(app, team, 'editor');
    viewer = await bearer(app, team, 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await server.close();
  });

  it('records a price change per scenario and delivers signed webhooks, retrying a failed attempt', async () => {
    const http = app.getHttpServer();
    const first = await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin);
    expect(first.status).toBe(200);
    const ids: string[] = [];
    for (const gb of [50, 400]) {
      const res = await request(http)
        .post('/v1/scenarios')
        .set('authorization', editor)
        .send({ name: `watch ${gb}`, workload: aWorkload().withRegion(REGION).withIngestGbPerDay(gb).build() });
      expect(res.status).toBe(201);
      expect(res.body.latest.rateCardId).toBe(first.body.cardId);
      ids.push(res.body.id);
    }
    const hook = await request(http)
      .post('/v1/webhooks')
      .set('authorization', admin)
      .send({ url: receiver.url, secret, events: ['PRICE_CHANGED', 'RECOMMENDATION_CHANGED'] });
    expect(hook.status).toBe(201);
    expect(hook.body.secretHint).toBe(`whsec_…${secret.slice(-4)}`);
    expect(JSON.stringify(hook.body)).not.toContain(secret.slice(6));

    receiver.answers = [503]; // the first attempt fails; its retry a second later succeeds
    serve(server, '0.0300000000');
    const second = await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin);
    expect(second.body.outcome).toBe('UPDATED');
    cards.first = first.body.cardId;
    cards.second = second.body.cardId;

    const page = await until(
      async () =>
        (await request(http).get(`/v1/price-changes?region=${REGION}`).set('authorization', viewer)).body as {
          items: Array<Record<string, unknown> & { options: Array<Record<string, number | string | null>> }>;
        },
      (b) => b.items?.length === 2,
      20000,
    );
    expect(page.items.map((i) => i.scenarioId).sort()).toEqual([...ids].sort());
    for (const change of page.items) {
      expect(change).toMatchObject({
        region: REGION,
        fromRateCardId: first.body.cardId,
        toRateCardId: second.body.cardId,
        scenarioVersion: 1,
      });
      expect(change.rates).toEqual([{ key: 'kds.provisioned.shardHour', old: '0.0150000000', new: '0.0300000000' }]);
      const kds = change.options.find((o) => o.option === 'KDS_PROVISIONED')!;
      expect(Number(kds.afterUsd)).toBeGreaterThan(Number(kds.beforeUsd));
      expect(kds.changeUsd).toBeCloseTo(Number(kds.afterUsd) - Number(kds.beforeUsd), 2);
      // MSK's prices did not move.
      expect(change.options.find((o) => o.option === 'MSK_PROVISIONED')!.changeUsd).toBe(0);
    }
    // The scenario's own list.
    const one = await request(http).get(`/v1/price-changes?scenarioId=${ids[0]}`).set('authorization', viewer);
    expect(one.body.items.map((i: { scenarioId: string }) => i.scenarioId)).toEqual([ids[0]]);

    const expectedMessages = page.items.length + page.items.filter((i) => i.recommendationChanged).length;
    await until(
      async () => new Set(receiver.received.filter((r) => r.headers['webhook-id']).map((r) => r.headers['webhook-id'])),
      (s) => s.size === expectedMessages && receiver.received.length === expectedMessages + 1,
      20000,
    );
    expect(receiver.received).toHaveLength(expectedMessages + 1);
    for (const r of receiver.received) {
      expect(verify(secret, r.headers, r.body)).toBe(true);
      expect(verify(`whsec_${randomBytes(32).toString('base64')}`, r.headers, r.body)).toBe(false);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      const message = JSON.parse(r.body);
      expect(['PRICE_CHANGED', 'RECOMMENDATION_CHANGED']).toContain(message.type);
      expect(ids).toContain(message.data.scenarioId);
      expect(message.data.rates[0].key).toBe('kds.provisioned.shardHour');
    }
    // The failed first attempt was retried with the same id and body.
    const [failed] = receiver.received;
    const retried = receiver.received.filter((r) => r.headers['webhook-id'] === failed.headers['webhook-id']);
    expect(retried).toHaveLength(2);
    expect(retried[1].body).toBe(retried[0].body);

    const deliveries = await request(http).get(`/v1/webhooks/${hook.body.id}/deliveries`).set('authorization', admin);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body).toHaveLength(expectedMessages);
    expect(deliveries.body.every((d: { status: string }) => d.status === 'DELIVERED')).toBe(true);
    const twice = deliveries.body.find((d: { id: string }) => d.id === failed.headers['webhook-id']);
    expect(twice.attempts.map((a: { statusCode: number; outcome: string }) => [a.statusCode, a.outcome])).toEqual([
      [503, 'HTTP_ERROR'],
      [204, 'DELIVERED'],
    ]);

    // The same over GraphQL.
    const gql = await request(http)
      .post('/graphql')
      .set('authorization', viewer)
      .send({
        query: `{ priceChanges(region: "${REGION}") { items { scenarioId recommendationChanged rates { key old new } } } }`,
      });
    expect(gql.body.data.priceChanges.items).toHaveLength(2);
  });

  it('re-prices again when an earlier card is back in force, and a replica starting plans a change none queued', async () => {
    const http = app.getHttpServer();
    type Item = { fromRateCardId: string; toRateCardId: string; scenarioId: string; createdAt: string };
    const changes = async () =>
      ((await request(http).get(`/v1/price-changes?region=${REGION}`).set('authorization', viewer)).body.items ??
        []) as Item[];
    serve(server); // the first prices again
    const back = await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin);
    expect(back.body.cardId).toBe(cards.first);
    const reverted = await until(changes, (items) => items.length === 4, 20000);
    expect(reverted.slice(0, 2).map((c) => [c.fromRateCardId, c.toRateCardId])).toEqual([
      [cards.second, cards.first],
      [cards.second, cards.first],
    ]);

    // A card stored by a replica that died before it queued the plan: the next replica to start plans it.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    const lostId = `${REGION}-lost-${Date.now().toString(36)}`;
    await db.query(
      `INSERT INTO rate_card_versions (id, region, source, price_list_version, publication_date, fetched_at, content_hash, rates)
       SELECT $1, region, source, price_list_version, publication_date, now(), $1,
              jsonb_set(rates, '{kds.provisioned.shardHour,usdPerUnit}', '"0.0400000000"')
         FROM rate_card_versions WHERE id = $2`,
      [lostId, cards.first],
    );
    const other = await startTestApp(env());
    try {
      const lost = await until(changes, (items) => items.filter((c) => c.toRateCardId === lostId).length === 2, 20000);
      const planned = lost.filter((c) => c.toRateCardId === lostId);
      expect(planned.map((c) => c.fromRateCardId)).toEqual([cards.first, cards.first]);
    } finally {
      await other.close();
      await db.end();
    }
  });

  it('refuses bad webhook input with 400 and non-admins with 403, and never returns the secret', async () => {
    const http = app.getHttpServer();
    const good = { url: receiver.url, secret, events: ['PRICE_CHANGED'] };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...good, url: 'ftp://example.com/x' }, 'url'],
      [{ ...good, url: 'http://user:pw@127.0.0.1/x' }, 'url'],
      // Internal addresses outside WEBHOOK_ALLOWED_HOSTS (127.0.0.1 here), IPv4-mapped too.
      [{ ...good, url: 'http://169.254.169.254/latest/meta-data/' }, 'url'],
      [{ ...good, url: 'http://[::ffff:10.0.0.1]/hook' }, 'url'],
      [{ ...good, url: 'http://127.0.0.2:9/hook' }, 'url'],
      [{ ...good, secret: 'not-a-secret' }, 'secret'],
      [{ ...good, secret: `whsec_${randomBytes(8).toString('base64')}` }, 'secret'],
      [{ ...good, events: [] }, 'events'],
      [{ ...good, events: ['PRICE_CHANGED', 'PRICE_CHANGED'] }, 'events'],
      [{ ...good, events: ['SOMETHING'] }, 'events'],
      [{ ...good, thresholdPercent: -1 }, 'thresholdPercent'],
      [{ ...good, thresholdUsd: 'ten' }, 'thresholdUsd'],
      [{ ...good, thresholdPercent: 5, thresholdUsd: 10 }, 'thresholdPercent'],
    ];
    for (const [body, field] of bad) {
      const res = await request(http).post('/v1/webhooks').set('authorization', admin).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    for (const key of [viewer, editor]) {
      expect((await request(http).post('/v1/webhooks').set('authorization', key).send(good)).status).toBe(403);
      expect((await request(http).get('/v1/webhooks').set('authorization', key)).status).toBe(403);
    }
    const list = await request(http).get('/v1/webhooks').set('authorization', admin);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(6));
    const id = list.body[0].id as string;
    expect((await request(http).delete(`/v1/webhooks/${id}`).set('authorization', viewer)).status).toBe(403);
    const deleted = await request(http).delete(`/v1/webhooks/${id}`).set('authorization', admin);
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(id);
    expect((await request(http).delete(`/v1/webhooks/${id}`).set('authorization', admin)).status).toBe(404);
    expect((await request(http).delete('/v1/webhooks/not-an-id').set('authorization', admin)).status).toBe(404);
    const after = await request(http).get('/v1/webhooks').set('authorization', admin);
    expect(after.body.map((w: { id: string }) => w.id)).not.toContain(id);
    const badGql = await request(http)
      .post('/graphql')
      .set('authorization', admin)
      .send({
        query: `mutation { createWebhook(url: "http://10.1.1.1/x", secret: "${secret}", events: [PRICE_CHANGED]) { id } }`,
      });
    expect(badGql.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const gql = await request(http)
      .post('/graphql')
      .set('authorization', viewer)
      .send({ query: '{ webhooks { id } }' });
    expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
