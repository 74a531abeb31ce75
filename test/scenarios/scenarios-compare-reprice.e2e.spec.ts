import { PRICE_LIST_SERVICE_CODES } from '../../src/domain/pricelist/price-list-document';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { regionShapedDocuments, withPriceChange } from '../support/pricelist-fixtures';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp } from '../support/test-app';
import { aWorkload, fieldsOf, rest, uniqueTeam } from './scenario-fixtures';

/** A region of this suite's own, so the rate card it publishes never reaches other suites sharing the database. */
const REGION = 'ap-northeast-2';

type OptionCost = { option: string; eligible: boolean; monthlyCostUsd: number | null; recommended: boolean };
type Change = {
  option: string;
  baselineUsd: number | null;
  repricedUsd: number | null;
  totalChangeUsd: number;
  usageEffectUsd: number;
  priceEffectUsd: number;
};
const cents = (usd: number) => Math.round(usd * 100);

function serve(server: PriceListServer, shardHourUsd?: string): void {
  const docs = regionShapedDocuments(REGION);
  server.setDocuments(
    'AmazonKinesis',
    shardHourUsd
      ? withPriceChange(docs.AmazonKinesis, {
          usageTypeSuffix: 'Storage-ShardHour',
          operation: 'shardHourStorage',
          usd: shardHourUsd,
        })
      : docs.AmazonKinesis,
  );
  server.setDocuments('AmazonMSK', docs.AmazonMSK);
  for (const code of PRICE_LIST_SERVICE_CODES.filter((c) => c !== 'AmazonKinesis' && c !== 'AmazonMSK'))
    server.setDocuments(code, docs[code]);
}

describe('scenarios: compare side by side, and re-price at pinned or current rates', () => {
  let server: PriceListServer;
  let app: NestFastifyApplication;
  let editor: string;
  let admin: string;
  let api: ReturnType<typeof rest>;

  beforeAll(async () => {
    server = await new PriceListServer().start();
    serve(server);
    app = await startTestApp({
      RATES_LIVE: 'true',
      PRICING_ENDPOINT: server.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCALTEST',
      PRICING_SECRET_ACCESS_KEY: 'local-secret',
    });
    const team = uniqueTeam('compare');
    editor = await bearer(app, team, 'editor');
    admin = await bearer(app, uniqueTeam('rates-admin'), 'admin');
    api = rest(app, editor);
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('compares 2..10 scenarios: costs per option and deltas against the first, by hand', async () => {
    const made = [];
    for (const ingest of [100, 250, 40])
      made.push(
        (await api.create({ name: `ingest ${ingest}`, workload: aWorkload().withIngestGbPerDay(ingest).build() })).body,
      );
    const res = await api.compare(made.map((s) => s.id));
    expect(res.status).toBe(200);
    expect(res.body.baselineId).toBe(made[0].id);
    expect(res.body.scenarios).toEqual(
      made.map((s) => ({
        id: s.id,
        name: s.name,
        version: 1,
        recommendation: s.latest.recommendation,
        options: s.latest.options,
        rateCardId: s.latest.rateCardId,
      })),
    );
    expect(res.body.deltas.map((d: { scenarioId: string }) => d.scenarioId)).toEqual([made[1].id, made[2].id]);
    for (const [k, delta] of res.body.deltas.entries()) {
      const scenario = made[k + 1];
      for (const d of delta.options) {
        const b = made[0].latest.options.find((o: OptionCost) => o.option === d.option).monthlyCostUsd;
        const s = scenario.latest.options.find((o: OptionCost) => o.option === d.option).monthlyCostUsd;
        const diff = cents(s) - cents(b);
        expect(d).toEqual({
          option: d.option,
          baselineUsd: b,
          scenarioUsd: s,
          absoluteUsd: diff / 100,
          percent: Math.round((diff / cents(b)) * 10000) / 100,
        });
      }
    }
    // More ingest costs more on every option of the provisioned Kinesis kind.
    expect(
      res.body.deltas[0].options.find((d: { option: string }) => d.option === 'KDS_PROVISIONED').absoluteUsd,
    ).toBeGreaterThan(0);
    expect(
      res.body.deltas[1].options.find((d: { option: string }) => d.option === 'KDS_PROVISIONED').percent,
    ).toBeLessThan(0);

    const g = await gql(
      app,
      editor,
      'query($ids: [ID!]!) { compareScenarios(ids: $ids) { baselineId scenarios { id version options { option monthlyCostUsd recommended } } deltas { scenarioId options { option baselineUsd scenarioUsd absoluteUsd percent } workloadChanges { field left right } baselineRecommendation recommendation recommendationChanged } } }',
      { ids: made.map((s) => s.id) },
    );
    expect(g.body.errors).toBeUndefined();
    expect(g.body.data.compareScenarios.deltas).toEqual(res.body.deltas);
  });

  it('refuses fewer than 2, more than 10, duplicates or a bad body with 400; unknown ids with 404', async () => {
    const a = (await api.create({ name: 'c1', workload: aWorkload().build() })).body;
    expect(fieldsOf((await api.compare([a.id])).body)).toEqual({ ids: 'ids must hold 2 to 10 scenario ids; got 1' });
    expect((await api.compare(Array.from({ length: 11 }, () => a.id))).status).toBe(400);
    expect(fieldsOf((await api.compare([a.id, a.id])).body)).toEqual({
      ids: `ids must be unique; ${a.id} is given twice`,
    });
    expect((await api.compare('nope')).status).toBe(400);
    const unknown = await api.compare([a.id, '0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d']);
    expect(unknown.status).toBe(404);
    expect(unknown.body.details.ids).toEqual(['0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d']);
    const g = await gql(app, editor, 'query($ids: [ID!]!) { compareScenarios(ids: $ids) { baselineId } }', {
      ids: [a.id],
    });
    expect(g.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('re-prices at the pinned card and at today’s after a price change; usage + price = total change, to the cent', async () => {
    const first = await app.inject({
      method: 'POST',
      url: `/v1/rate-cards/${REGION}/refresh`,
      headers: { authorization: admin },
    });
    expect(first.statusCode).toBe(200);
    const oldCardId = first.json().cardId as string;

    const s = (
      await api.create({ name: 'grows', workload: aWorkload().withRegion(REGION).withIngestGbPerDay(100).build() })
    ).body;
    expect(s.latest.rateCardId).toBe(oldCardId);
    const v2 = (await api.patch(s.id, { workload: { ingestGbPerDay: 300 } }, 1)).body;
    expect(v2.latest.rateCardId).toBe(oldCardId);

    // The price list publishes a higher shard-hour price; the refresh makes it today's card.
    serve(server, '0.0450');
    const second = await app.inject({
      method: 'POST',
      url: `/v1/rate-cards/${REGION}/refresh`,
      headers: { authorization: admin },
    });
    expect(second.json()).toMatchObject({ outcome: 'UPDATED' });
    const newCardId = second.json().cardId as string;
    expect(newCardId).not.toBe(oldCardId);

    const pinned = await api.estimate(s.id);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({
      scenarioId: s.id,
      version: 2,
      rates: 'pinned',
      baselineVersion: 1,
      pinnedRateCardId: oldCardId,
      baselineRateCardId: oldCardId,
      rateCard: { id: oldCardId, region: REGION },
      changeNote: null,
    });
    // Reproduced exactly: the pinned re-price is what the version was saved with.
    for (const t of pinned.body.totals)
      expect(t.monthlyCostUsd).toBe(v2.latest.options.find((o: OptionCost) => o.option === t.option).monthlyCostUsd);
    expect(pinned.body.options[0].lineItems.length).toBeGreaterThan(0);

    const current = await api.estimate(s.id, { rates: 'current' });
    expect(current.body).toMatchObject({ rates: 'current', rateCard: { id: newCardId }, pinnedRateCardId: oldCardId });
    const versions = (await api.versions(s.id)).body;
    const v1Cost = (option: string) => versions[1].options.find((o: OptionCost) => o.option === option).monthlyCostUsd;
    const pinnedCost = (option: string) =>
      pinned.body.totals.find((t: { option: string }) => t.option === option).monthlyCostUsd;
    let split = 0;
    for (const c of current.body.change as Change[]) {
      const repriced = current.body.totals.find((t: { option: string }) => t.option === c.option).monthlyCostUsd;
      const [b, r, m] = [v1Cost(c.option), repriced, pinnedCost(c.option)];
      if (b === null || r === null || m === null) {
        // An unpriced option (a rate this region's card lacks) has no change to split.
        expect(c).toMatchObject({
          totalChangeUsd: r === null || b === null ? null : expect.any(Number),
          usageEffectUsd: null,
          priceEffectUsd: null,
        });
        continue;
      }
      split += 1;
      expect(c).toEqual({
        option: c.option,
        baselineUsd: b,
        repricedUsd: r,
        totalChangeUsd: (cents(r) - cents(b)) / 100,
        usageEffectUsd: (cents(m) - cents(b)) / 100,
        priceEffectUsd: (cents(r) - cents(m)) / 100,
      });
      expect(cents(c.usageEffectUsd) + cents(c.priceEffectUsd)).toBe(cents(c.totalChangeUsd));
    }
    expect(split).toBeGreaterThanOrEqual(4);
    const kds = (current.body.change as Change[]).find((c) => c.option === 'KDS_PROVISIONED')!;
    expect(kds.priceEffectUsd).toBeGreaterThan(0);
    expect(kds.usageEffectUsd).toBeGreaterThan(0);
    expect((current.body.change as Change[]).find((c) => c.option === 'MSK_SERVERLESS')!.priceEffectUsd).toBe(0);
    // At the pinned card nothing is price.
    for (const c of pinned.body.change as Change[]) if (c.repricedUsd !== null) expect(c.priceEffectUsd).toBe(0);

    // Against version 2 as the baseline, nothing is usage.
    const sinceV2 = await api.estimate(s.id, { rates: 'current', baseline: 2 });
    for (const c of sinceV2.body.change as Change[]) if (c.repricedUsd !== null) expect(c.usageEffectUsd).toBe(0);

    const g = await gql(
      app,
      editor,
      'query($id: ID!) { repriceScenario(id: $id, rates: CURRENT, baseline: 1) { rates rateCard { id } totals { option monthlyCostUsd } change { option baselineUsd repricedUsd totalChangeUsd usageEffectUsd priceEffectUsd } } }',
      { id: s.id },
    );
    expect(g.body.errors).toBeUndefined();
    expect(g.body.data.repriceScenario).toEqual({
      rates: 'CURRENT',
      rateCard: { id: newCardId },
      totals: current.body.totals,
      change: current.body.change,
    });
    const gPinned = await gql(app, editor, 'query($id: ID!) { repriceScenario(id: $id) { rates rateCard { id } } }', {
      id: s.id,
    });
    expect(gPinned.body.data.repriceScenario).toEqual({ rates: 'PINNED', rateCard: { id: oldCardId } });

    // A new save is priced at today's card.
    const v3 = (await api.patch(s.id, { name: 'grows (repriced)' }, 2)).body;
    expect(v3.latest.rateCardId).toBe(newCardId);
    expect((await api.versions(s.id)).body.map((v: { rateCardId: string }) => v.rateCardId)).toEqual([
      newCardId,
      oldCardId,
      oldCardId,
    ]);
  });

  it('rejects a bad rates or baseline query', async () => {
    const s = (await api.create({ name: 'q', workload: aWorkload().build() })).body;
    expect(fieldsOf((await api.estimate(s.id, { rates: 'yesterday' })).body)).toEqual({
      rates: 'rates must be pinned or current',
    });
    expect(fieldsOf((await api.estimate(s.id, { baseline: 2 })).body)).toEqual({
      baseline: 'baseline must be a version of this scenario, 1 to 1',
    });
    expect((await api.estimate(s.id, { baseline: 'first' })).status).toBe(400);
  });
});
