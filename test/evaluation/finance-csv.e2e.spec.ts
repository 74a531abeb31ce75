/**
 * Finance-grade CSV (issue 24): every CSV answer starts with a UTF-8 BOM and closes each row with rowType, region,
 * scenario, version and currency; `Accept: text/csv` is honoured on estimates, break-even, compare, re-price and
 * batch, and answered 406 in the error shape by every other /v1 route; `?format=focus` gives FOCUS 1.x columns.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { csvRecords } from '../../src/evaluation/batch/batch-input';
import { GUIDE_WORKLOAD } from '../support/guide-workload';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from '../scenarios/scenario-fixtures';

const BOM = [0xef, 0xbb, 0xbf];
const guide = GUIDE_WORKLOAD;
const cents = (usd: number | string) => Math.round(Number(usd) * 100);

/** The raw bytes of an answer (supertest would decode them), to see the BOM as bytes. */
const bytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The CSV's records, as objects keyed by the header, after checking the BOM is there, once. */
function table(raw: Buffer): Record<string, string>[] {
  expect([...raw.subarray(0, 3)]).toEqual(BOM);
  const text = raw.subarray(3).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(false);
  const [header, ...rows] = [...csvRecords(text)];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('finance-grade CSV', () => {
  let app: NestFastifyApplication;
  let editor: string;
  let viewer: string;
  let admin: string;
  let api: ReturnType<typeof rest>;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5000', TEAM_RATE_LIMIT_PER_MINUTE: '20000' });
    const team = uniqueTeam('finance-csv');
    editor = await bearer(app, team, 'editor');
    viewer = await bearer(app, team, 'viewer');
    admin = await bearer(app, team, 'admin');
    api = rest(app, editor);
  });
  afterAll(async () => app.close());

  const post = (path: string, body: unknown, accept?: string) => {
    const req = request(app.getHttpServer()).post(path).set('authorization', viewer);
    if (accept) req.set('accept', accept);
    return req.send(body as object);
  };

  it('estimate CSV: a BOM, "×" readable, LINE rows that add up to their TOTAL, region and currency on every row', async () => {
    const json = await post('/v1/estimates', { workload: guide });
    const res = await bytes(post('/v1/estimates', { workload: guide }, 'text/csv'));
    expect(res.status).toBe(200);
    const rows = table(res.body as Buffer);
    // a multiplication sign survives the round trip (MSK sizing descriptions carry "3 × kafka…")
    expect(rows.some((r) => r.description.includes('×'))).toBe(true);
    expect(new Set(rows.map((r) => r.rowType))).toEqual(new Set(['LINE', 'TOTAL']));
    expect(rows.every((r) => r.region === 'us-east-1' && r.currency === 'USD')).toBe(true);
    expect(rows.every((r) => r.scenario === '' && r.version === '')).toBe(true);
    for (const total of json.body.totals as { option: string; monthlyCostUsd: number | null }[]) {
      if (total.monthlyCostUsd === null) continue;
      const lines = rows.filter((r) => r.option === total.option && r.rowType === 'LINE');
      const totalRow = rows.find((r) => r.option === total.option && r.rowType === 'TOTAL')!;
      expect(cents(totalRow.monthlyCostUsd)).toBe(cents(total.monthlyCostUsd));
      // each line is rounded to the cent: their sum is the TOTAL within a cent a line
      const sum = lines.reduce((s, r) => s + cents(r.monthlyCostUsd), 0);
      expect(Math.abs(sum - cents(total.monthlyCostUsd))).toBeLessThanOrEqual(lines.length);
    }
    // summing the whole column over LINE rows does not count the totals a second time
    const all = rows.filter((r) => r.rowType === 'LINE').reduce((s, r) => s + cents(r.monthlyCostUsd), 0);
    const withTotals = rows.reduce((s, r) => s + cents(r.monthlyCostUsd || 0), 0);
    expect(withTotals).toBeGreaterThan(all * 1.9);
  });

  it('?format=focus: FOCUS 1.x columns, one row per line item, costs that reconcile with the JSON estimate', async () => {
    const body = { workload: guide, discountPercent: 10 };
    const json = await post('/v1/estimates', body);
    const res = await bytes(post('/v1/estimates?format=focus', body));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = table(res.body as Buffer);
    for (const column of [
      'BilledCost',
      'EffectiveCost',
      'ListCost',
      'ListUnitPrice',
      'ContractedCost',
      'ContractedUnitPrice',
      'PricingQuantity',
      'PricingUnit',
      'ConsumedQuantity',
      'ConsumedUnit',
      'BillingCurrency',
      'BillingPeriodStart',
      'BillingPeriodEnd',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ChargeCategory',
      'ChargeClass',
      'ChargeDescription',
      'ChargeFrequency',
      'ProviderName',
      'PublisherName',
      'InvoiceIssuerName',
      'RegionId',
      'RegionName',
      'ServiceName',
      'ServiceCategory',
      'SkuId',
      'SkuPriceId',
    ])
      expect(Object.keys(rows[0])).toContain(column);
    const lineCount = (json.body.options as { lineItems: unknown[] }[]).reduce((n, o) => n + o.lineItems.length, 0);
    expect(rows).toHaveLength(lineCount);
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00Z`;
    for (const r of rows) {
      expect(r).toMatchObject({
        BillingCurrency: 'USD',
        ChargeCategory: 'Usage',
        ChargeClass: '',
        RegionId: 'us-east-1',
        RegionName: 'US East (N. Virginia)',
        BillingPeriodStart: month,
        ChargePeriodStart: month,
        ProviderName: 'Amazon Web Services',
      });
      expect(r.BilledCost).toBe(r.EffectiveCost);
      // the 10 % discount is in the billed cost, not in the list cost
      expect(Number(r.ListUnitPrice)).toBeGreaterThan(Number(r.ContractedUnitPrice));
      expect(
        Math.abs(cents(Number(r.ListUnitPrice) * Number(r.PricingQuantity)) - cents(r.ListCost)),
      ).toBeLessThanOrEqual(1);
      expect(['Analytics', 'Networking', 'Databases', 'Compute']).toContain(r.ServiceCategory);
    }
    for (const total of json.body.totals as { option: string; monthlyCostUsd: number | null }[]) {
      if (total.monthlyCostUsd === null) continue;
      const billed = rows.filter((r) => r.x_Option === total.option).reduce((s, r) => s + cents(r.BilledCost), 0);
      expect(Math.abs(billed - cents(total.monthlyCostUsd))).toBeLessThanOrEqual(10);
    }
    const kds = rows.find((r) => r.x_Option === 'KDS_PROVISIONED')!;
    expect(kds.ServiceName).toBe('Amazon Kinesis Data Streams');
    expect(kds.SkuId).not.toBe('');
    expect(rows.find((r) => r.x_Option === 'MSK_PROVISIONED')!.ServiceName).toBe(
      'Amazon Managed Streaming for Apache Kafka',
    );

    const bad = await post('/v1/estimates?format=xlsx', body);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'format', message: expect.stringContaining('focus') }]);
    const notHere = await post('/v1/break-even?format=focus', {
      workload: guide,
      vary: 'ingest',
      from: 10,
      to: 20,
      steps: 2,
    });
    expect(notHere.status).toBe(400);
    expect(notHere.body.fields[0].field).toBe('format');
  });

  it('break-even CSV: a LINE per sample with every option’s cost, the cheapest and recommended option, a SWITCH row per switch point', async () => {
    const body = { workload: guide, vary: 'retention', from: 24, to: 17520, steps: 20 };
    const json = await post('/v1/break-even', body);
    const res = await bytes(post('/v1/break-even', body, 'text/csv'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('streamfit-break-even.csv');
    const rows = table(res.body as Buffer);
    const lines = rows.filter((r) => r.rowType === 'LINE');
    expect(lines).toHaveLength(20);
    for (const s of json.body.series as { option: string; points: { x: number; monthlyCostUsd: number | null }[] }[])
      s.points.forEach((p, i) => {
        expect(Number(lines[i].x)).toBe(p.x);
        expect(lines[i][s.option]).toBe(p.monthlyCostUsd === null ? '' : String(p.monthlyCostUsd));
      });
    const switches = rows.filter((r) => r.rowType === 'SWITCH');
    expect(switches.map((r) => [r.switchKind, Number(r.x), r.switchBefore, r.switchAfter])).toEqual(
      (json.body.switchPoints as { kind: string; at: number; before: string; after: string }[]).map((p) => [
        p.kind,
        p.at,
        p.before,
        p.after,
      ]),
    );
    expect(switches.length).toBeGreaterThan(0);
    expect(lines[0].cheapestOption).toBe('KDS_PROVISIONED');
    expect(lines[lines.length - 1].cheapestOption).toBe('MSK_PROVISIONED');
    expect(rows.every((r) => r.region === 'us-east-1' && r.currency === 'USD')).toBe(true);
  });

  it('compare and re-price CSV: scenario and version filled in, the same numbers as the JSON', async () => {
    const a = await api.create({ name: 'guide', workload: aWorkload().build() });
    const b = await api.create({ name: 'bigger, longer', workload: aWorkload().withIngestGbPerDay(300).build() });
    expect([a.status, b.status]).toEqual([201, 201]);
    const compareJson = await api.compare([a.body.id, b.body.id]);
    const compareCsv = await bytes(
      request(app.getHttpServer())
        .post('/v1/scenarios/compare')
        .set('authorization', viewer)
        .set('accept', 'text/csv')
        .send({ ids: [a.body.id, b.body.id] }),
    );
    expect(compareCsv.status).toBe(200);
    const rows = table(compareCsv.body as Buffer);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.rowType === 'LINE' && r.currency === 'USD' && r.region === 'us-east-1')).toBe(true);
    const ofB = rows.filter((r) => r.scenario === b.body.id);
    expect(ofB.every((r) => r.version === '1' && r.scenarioName === 'bigger, longer')).toBe(true);
    for (const d of compareJson.body.deltas[0].options as { option: string; absoluteUsd: number | null }[]) {
      const row = ofB.find((r) => r.option === d.option)!;
      expect(row.deltaUsd).toBe(d.absoluteUsd === null ? '' : String(d.absoluteUsd));
    }
    expect(ofB[0].changedFields).toBe('ingestGbPerDay');

    const repriceJson = await api.estimate(b.body.id);
    const repriceCsv = await bytes(
      request(app.getHttpServer())
        .get(`/v1/scenarios/${b.body.id}/estimate`)
        .set('authorization', viewer)
        .set('accept', 'text/csv'),
    );
    expect(repriceCsv.status).toBe(200);
    const priced = table(repriceCsv.body as Buffer);
    expect(priced.every((r) => r.scenario === b.body.id && r.version === '1')).toBe(true);
    for (const t of repriceJson.body.totals as { option: string; monthlyCostUsd: number | null }[]) {
      if (t.monthlyCostUsd === null) continue;
      const row = priced.find((r) => r.option === t.option && r.rowType === 'TOTAL')!;
      expect(Number(row.monthlyCostUsd)).toBe(t.monthlyCostUsd);
    }
    const focus = await bytes(
      request(app.getHttpServer()).get(`/v1/scenarios/${b.body.id}/estimate?format=focus`).set('authorization', viewer),
    );
    expect(focus.status).toBe(200);
    const focusRows = table(focus.body as Buffer);
    expect(focusRows.every((r) => r.x_Scenario === b.body.id && r.x_Version === '1')).toBe(true);
  });

  it('batch CSV: a BOM, rowType LINE for rows, TOTAL for the summary, region per row', async () => {
    const res = await bytes(
      request(app.getHttpServer())
        .post('/v1/estimates/batch')
        .set('authorization', viewer)
        .set('accept', 'text/csv')
        .send([
          { id: 'a', ...guide },
          { id: 'b', ...guide, region: 'eu-west-1' },
        ]),
    );
    expect(res.status).toBe(200);
    const rows = table(res.body as Buffer);
    expect(rows.map((r) => [r.id, r.status, r.rowType, r.region, r.currency])).toEqual([
      ['a', 'OK', 'LINE', 'us-east-1', 'USD'],
      ['b', 'OK', 'LINE', 'eu-west-1', 'USD'],
      ['', 'SUMMARY', 'TOTAL', '', 'USD'],
    ]);
    const lineSum = rows.filter((r) => r.rowType === 'LINE').reduce((s, r) => s + cents(r.recommendedCostUsd), 0);
    expect(cents(rows[2].recommendedCostUsd)).toBe(lineSum);
  });

  it('every other /v1 route answers Accept: text/csv with a 406 in the error shape, and changes nothing', async () => {
    const server = app.getHttpServer();
    const s = await api.create({ name: 'kept', workload: aWorkload().build() });
    const before = await api.list();
    const keysBefore = await request(server).get('/v1/api-keys').set('authorization', admin);
    const calls: [string, () => request.Test][] = [
      ['POST /v1/evaluations', () => request(server).post('/v1/evaluations').send({ workload: guide })],
      ['GET /v1/decision-rules', () => request(server).get('/v1/decision-rules')],
      ['GET /v1/presets', () => request(server).get('/v1/presets')],
      ['GET /v1/regions', () => request(server).get('/v1/regions')],
      ['GET /v1/rate-cards/us-east-1', () => request(server).get('/v1/rate-cards/us-east-1')],
      ['GET /v1/scenarios', () => request(server).get('/v1/scenarios')],
      ['POST /v1/scenarios', () => request(server).post('/v1/scenarios').send({ name: 'x', workload: guide })],
      ['GET /v1/scenarios/:id', () => request(server).get(`/v1/scenarios/${s.body.id}`)],
      [
        'PATCH /v1/scenarios/:id',
        () => request(server).patch(`/v1/scenarios/${s.body.id}`).set('if-match', '1').send({ name: 'changed' }),
      ],
      ['DELETE /v1/scenarios/:id', () => request(server).delete(`/v1/scenarios/${s.body.id}`)],
      ['GET /v1/scenarios/:id/versions', () => request(server).get(`/v1/scenarios/${s.body.id}/versions`)],
      [
        'GET /v1/workloads/from-metrics/capabilities',
        () => request(server).get('/v1/workloads/from-metrics/capabilities'),
      ],
      ['POST /v1/workloads/from-metrics', () => request(server).post('/v1/workloads/from-metrics').send({})],
      ['GET /v1/api-keys', () => request(server).get('/v1/api-keys')],
      ['POST /v1/api-keys', () => request(server).post('/v1/api-keys').send({ role: 'viewer', name: 'x' })],
    ];
    for (const [name, call] of calls) {
      const key = name.includes('api-keys') ? admin : editor;
      const res = await call().set('authorization', key).set('accept', 'text/csv');
      expect({ name, status: res.status }).toEqual({ name, status: 406 });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({
        statusCode: 406,
        code: 'NOT_ACCEPTABLE',
        message: expect.stringContaining('application/json'),
        requestId: expect.any(String),
      });
    }
    // the edits above were refused before they ran
    const after = await api.list();
    expect(after.body).toEqual(before.body);
    expect((await api.get(s.body.id)).body).toMatchObject({ name: 'kept', version: 1 });
    expect((await request(server).get('/v1/api-keys').set('authorization', admin)).body).toEqual(keysBefore.body);
    // JSON stays available to a caller that accepts it among others
    const mixed = await request(server)
      .get('/v1/decision-rules')
      .set('authorization', viewer)
      .set('accept', 'text/csv, application/json;q=0.5');
    expect(mixed.status).toBe(200);
    // a CSV route gives CSV to text/* and JSON to */* (curl's default)
    const textAny = await post('/v1/estimates', { workload: guide }, 'text/*');
    expect(textAny.headers['content-type']).toBe('text/csv; charset=utf-8');
    const anyType = await post('/v1/estimates', { workload: guide }, '*/*');
    expect(anyType.headers['content-type']).toMatch(/^application\/json/);
    // a CSV route refuses a type it cannot give
    const xml = await post('/v1/estimates', { workload: guide }, 'application/xml');
    expect(xml.status).toBe(406);
    expect(xml.body.code).toBe('NOT_ACCEPTABLE');
  });
});
