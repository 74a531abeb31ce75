import request from 'supertest';
import { EvaluationController } from '../../src/evaluation/http/evaluation.controller';
import { breakEven, DECISION_RULES, estimate, evaluate, OPTION_CODES } from '../../src/domain';
import { RatesService } from '../../src/rates/rates.service';
import { gql, OPTION_FIELDS, RATE_CARD_REF_FIELDS, ROBUSTNESS_FIELDS } from '../support/graphql';
import { useViewerApp } from '../support/viewer-app';
import { parseCsv } from '../../web/src/inventory';

const guideExample = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
  retentionHours: 24,
  trafficPattern: 'STEADY' as const,
};

describe('evaluations and estimates over REST and GraphQL', () => {
  const suite = useViewerApp('portal');
  const { post } = suite;

  it('POST /v1/evaluations returns recommendation, reasons, the full trace and six priced options', async () => {
    const res = await post('/v1/evaluations', { workload: guideExample });
    expect(res.status).toBe(200);
    expect(res.body.recommendation.option).toBe(res.body.options.find((o: { rank: number }) => o.rank === 1).option);
    expect(res.body.recommendation.reasons.length).toBeGreaterThan(0);
    expect(res.body.options.map((o: { option: string }) => o.option).sort()).toEqual([...OPTION_CODES].sort());
    const traced = res.body.decisionTrace.map((t: { ruleId: string }) => t.ruleId);
    expect(traced.slice(0, 5)).toEqual(DECISION_RULES.slice(0, 5).map((r) => r.id));
    for (const option of res.body.options) {
      const sum =
        option.lineItems.reduce(
          (s: number, li: { monthlyCostUsd: number }) => s + Math.round(li.monthlyCostUsd * 100),
          0,
        ) / 100;
      expect(option.monthlyCostUsd).toBeCloseTo(sum, 10);
      for (const li of option.lineItems)
        expect(li.monthlyCostUsd).toBeCloseTo(Math.round(li.quantity * li.unitPriceUsd * 100 + 1e-9) / 100, 2);
    }
    expect(res.body.rateCard).toMatchObject({ region: 'us-east-1', source: 'BUNDLED_SNAPSHOT', discountPercent: 0 });
    expect(res.body.basis.hoursPerMonth).toBe(730);
  });

  it('writes the JSON answers (fast-json-stringify from the response views) without losing or changing anything', async () => {
    const card = await suite.app.get(RatesService).current('us-east-1');
    const body = { workload: { ...guideExample, dedicatedConsumers: 1, latencyTargetMs: 100 }, discountPercent: 5 };
    const evaluation = await post('/v1/evaluations', body);
    expect(evaluation.body).toEqual(JSON.parse(JSON.stringify(evaluate(body.workload, card, { discountPercent: 5 }))));
    const est = await post('/v1/estimates', body);
    expect(est.body).toEqual(JSON.parse(JSON.stringify(estimate(body.workload, card, { discountPercent: 5 }))));
    const be = await post('/v1/break-even', { ...body, vary: 'retention', from: 24, to: 2000, steps: 10 });
    expect(be.body).toEqual(
      JSON.parse(
        JSON.stringify(
          breakEven(body.workload, card, { discountPercent: 5 }, { vary: 'retention', from: 24, to: 2000, steps: 10 }),
        ),
      ),
    );
  });

  it('answers an identical request with the same bytes each time, and a new rate card version with a new computation', async () => {
    const body = { workload: { ...guideExample, sharedConsumers: 7 } };
    const first = await post('/v1/evaluations', body);
    const second = await post('/v1/evaluations', body);
    const third = await post('/v1/evaluations', body);
    expect(first.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(third.text).toBe(first.text);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(third.headers['content-type']).toBe('application/json; charset=utf-8');
    // Same workload, another card (an override makes another request): computed again, priced differently.
    const other = await post('/v1/evaluations', { ...body, rateOverrides: { 'kds.provisioned.shardHour': 0.03 } });
    expect(other.body.rateCard.source).toBe('OVERRIDE');
    expect(other.body.options.find((o: { option: string }) => o.option === 'KDS_PROVISIONED').monthlyCostUsd).not.toBe(
      first.body.options.find((o: { option: string }) => o.option === 'KDS_PROVISIONED').monthlyCostUsd,
    );
  });

  it('answers an identical estimate with the same bytes each time', async () => {
    const body = { workload: { ...guideExample, sharedConsumers: 6 } };
    const answers = [await post('/v1/estimates', body), await post('/v1/estimates', body)];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1].text).toBe(answers[0].text);
  });

  it('refuses the same bad body the same way every time (nothing runs before the check)', async () => {
    const interceptors = (Reflect.getMetadata('__interceptors__', EvaluationController.prototype.evaluate) ??
      []) as unknown[];
    expect(interceptors).toEqual([]);
    const bad = { workload: { ...guideExample, avgRecordSizeKB: -1 } };
    const refused = [await post('/v1/evaluations', bad), await post('/v1/evaluations', bad)];
    expect(refused.map((r) => r.status)).toEqual([400, 400]);
    expect(refused[1].body).toEqual({ ...refused[0].body, requestId: refused[1].body.requestId });
  });

  it('gives the same numbers over GraphQL as over REST, with and without pricing options', async () => {
    const cases = [
      { workload: guideExample },
      {
        workload: {
          avgWriteMBps: 40,
          avgRecordSizeKB: 8,
          sharedConsumers: 1,
          dedicatedConsumers: 3,
          retentionHours: 168,
          trafficPattern: 'UNPREDICTABLE',
        },
        discountPercent: 12.5,
      },
      {
        workload: { ingestGbPerDay: 2000, avgRecordSizeKB: 2, existingKafkaClients: true, retentionHours: 72 },
        rateOverrides: { 'msk.storage.gbMonth': 0.08, 'kds.provisioned.shardHour': 0.012 },
      },
    ];
    for (const body of cases) {
      const rest = await post('/v1/evaluations', body);
      expect(rest.status).toBe(200);
      const pricing = {
        discountPercent: body.discountPercent,
        rateOverrides:
          body.rateOverrides && Object.entries(body.rateOverrides).map(([key, usdPerUnit]) => ({ key, usdPerUnit })),
      };
      const graph = await gql(
        suite.app,
        suite.viewer,
        `query($input: WorkloadInput!, $pricing: PricingInput) { evaluateWorkload(input: $input, pricing: $pricing) {
          recommendation { option service headline reasons monthlyCostUsd robustness { ${ROBUSTNESS_FIELDS} } } options { ${OPTION_FIELDS} } rateCard { ${RATE_CARD_REF_FIELDS} } warnings { code message }
          decisionTrace { ruleId question answer fired outcome source } } }`,
        { input: body.workload, pricing },
      );
      expect(graph.body.errors).toBeUndefined();
      const g = graph.body.data.evaluateWorkload;
      expect(g.recommendation).toEqual(rest.body.recommendation);
      expect(g.rateCard).toEqual(rest.body.rateCard);
      expect(g.warnings).toEqual(rest.body.warnings);
      expect(g.decisionTrace).toEqual(rest.body.decisionTrace);
      for (const [i, option] of g.options.entries()) {
        const r = rest.body.options[i];
        expect(option.option).toBe(r.option);
        expect(option.monthlyCostUsd).toBe(r.monthlyCostUsd);
        expect(option.lineItems).toEqual(r.lineItems);
        expect(option.disqualifiedBy).toEqual(r.disqualifiedBy);
      }
    }
  });

  it('echoes overrides and discounts in rateCard (source OVERRIDE) and applies them to the line items', async () => {
    const plain = await post('/v1/estimates', { workload: guideExample });
    const cheaper = await post('/v1/estimates', {
      workload: guideExample,
      rateOverrides: { 'kds.provisioned.shardHour': 0.01 },
    });
    expect(cheaper.body.rateCard).toMatchObject({
      source: 'OVERRIDE',
      overriddenRateKeys: ['kds.provisioned.shardHour'],
    });
    const line = (b: {
      options: { option: string; lineItems: { rateKey: string; unitPriceUsd: number; rateSource: string }[] }[];
    }) =>
      b.options
        .find((o) => o.option === 'KDS_PROVISIONED')!
        .lineItems.find((l) => l.rateKey === 'kds.provisioned.shardHour')!;
    expect(line(plain.body).unitPriceUsd).toBe(0.015);
    expect(line(cheaper.body)).toMatchObject({ unitPriceUsd: 0.01, rateSource: 'OVERRIDE' });
    const discounted = await post('/v1/estimates', { workload: guideExample, discountPercent: 10 });
    expect(line(discounted.body).unitPriceUsd).toBeCloseTo(0.0135, 12);
  });

  it('POST /v1/estimates returns options, rate card and totals; text/csv returns one RFC 4180 row per line item', async () => {
    const json = await post('/v1/estimates', { workload: guideExample });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body).sort()).toEqual([
      'basis',
      'options',
      'rateCard',
      'totals',
      'volumeRange',
      'warnings',
    ]);
    const csv = await request(suite.app.getHttpServer())
      .post('/v1/estimates')
      .set('authorization', suite.viewer)
      .set('accept', 'text/csv')
      .send({ workload: guideExample });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows[0].join(',')).toBe(
      'option,lineCode,description,quantity,unit,unitPriceUsd,monthlyCostUsd,usageType,rateKey,rateSource,rateCardId,rateCardDate,bandLowUsd,bandHighUsd,rateProvenance,rowType,region,scenario,version,currency',
    );
    const items = rows.slice(1).filter((r) => r[1] !== 'TOTAL' && r[1] !== 'UNPRICED');
    const expectedItems = json.body.options.flatMap(
      (o: {
        option: string;
        lineItems: {
          code: string;
          quantity: number;
          unitPriceUsd: number;
          monthlyCostUsd: number;
          usageType: string;
        }[];
      }) => o.lineItems.map((l) => ({ ...l, option: o.option })),
    );
    expect(items).toHaveLength(expectedItems.length);
    items.forEach((r, i) => {
      expect(r[0]).toBe(expectedItems[i].option);
      expect(r[1]).toBe(expectedItems[i].code);
      expect(Number(r[3])).toBe(expectedItems[i].quantity);
      expect(Number(r[5])).toBe(expectedItems[i].unitPriceUsd);
      expect(r[5]).not.toMatch(/e/i);
      expect(Number(r[6])).toBe(expectedItems[i].monthlyCostUsd);
      expect(r[10]).toBe(json.body.rateCard.id);
      // Where the rate comes from: us-east-1's snapshot documents and static rates all cite their source.
      expect(r[14]).toMatch(/^(?:AWS_DOCUMENT|CITED_SOURCE) [A-Za-z0-9?-]+: ./);
    });
    for (const total of json.body.totals) {
      const row = rows.find((r) => r[0] === total.option && r[1] === 'TOTAL');
      expect(Number(row![6])).toBe(total.monthlyCostUsd);
    }
    // A description holding a comma is quoted, so every row has all twenty columns.
    expect(csv.text).toMatch(/"[^"]*,[^"]*"/);
    expect(rows.every((r) => r.length === 20)).toBe(true);
  });

  it('without AWS access: the region list says live rates cannot be had, and a region without a snapshot is a 404 naming the known ones', async () => {
    const regions = await request(suite.app.getHttpServer()).get('/v1/regions').set('authorization', suite.viewer);
    expect(regions.status).toBe(200);
    const euWest1 = (regions.body as Array<{ region: string; live: { available: boolean; card: unknown } }>).find(
      (r) => r.region === 'eu-west-1',
    )!;
    expect(euWest1.live).toMatchObject({ available: false, card: null });
    const elsewhere = await post('/v1/evaluations', {
      workload: { region: 'eu-south-2', ingestGbPerDay: 10, avgRecordSizeKB: 1 },
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('UNKNOWN_REGION');
    expect(elsewhere.body.message).toContain('eu-west-1');
  });

  it('POST /v1/break-even and GraphQL breakEven agree and report crossovers', async () => {
    const body = { workload: { ...guideExample }, vary: 'ingest', from: 10, to: 20000, steps: 40 };
    const rest = await post('/v1/break-even?crossovers=all', body);
    expect(rest.status).toBe(200);
    expect(rest.body.series).toHaveLength(6);
    expect(rest.body.series[0].points).toHaveLength(40);
    const graph = await gql(
      suite.app,
      suite.viewer,
      `query($input: WorkloadInput!) { breakEven(input: $input, vary: INGEST, from: 10, to: 20000, steps: 40, crossovers: ALL) {
      vary field unit series { option points { x monthlyCostUsd } } crossovers { optionA optionB at monthlyCostUsd optionBMonthlyCostUsd cheaperAfter } } }`,
      { input: body.workload },
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.breakEven.series).toEqual(rest.body.series);
    expect(graph.body.data.breakEven.crossovers).toEqual(rest.body.crossovers);
    expect(rest.body.crossovers.length).toBeGreaterThan(0);
  });

  it('GET /v1/decision-rules is the rule table, the same over GraphQL', async () => {
    const rest = await request(suite.app.getHttpServer()).get('/v1/decision-rules').set('authorization', suite.viewer);
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(JSON.parse(JSON.stringify(DECISION_RULES)));
    // region-aware quotas are data: one threshold per region with the high defaults, one for every other region
    const onDemandWrite = rest.body.find((r: { id: string }) => r.id === 'LIMIT_KDS_ON_DEMAND_WRITE');
    expect(onDemandWrite.thresholds).toContainEqual({ name: 'peakWriteMBps.us-east-1', value: 10240, unit: 'MB/s' });
    expect(onDemandWrite.thresholds).toContainEqual({ name: 'peakWriteMBps.otherRegions', value: 200, unit: 'MB/s' });
    const graph = await gql(
      suite.app,
      suite.viewer,
      '{ decisionRules { id kind effect question outcome source sourceUrl confidence appliesTo thresholds { name value unit } } }',
    );
    expect(graph.body.data.decisionRules).toEqual(rest.body);
  });
});
