/**
 * Issue 13 over the wire: hourlyWriteMBps and volumeRange in, cost bands, risks and robustness out,
 * the same over REST (JSON and CSV) and GraphQL, documented in OpenAPI; bad input is a 400 naming the field.
 */
import request from 'supertest';
import { gql, OPTION_FIELDS, ROBUSTNESS_FIELDS } from '../support/graphql';
import { useViewerApp } from '../support/viewer-app';
import { CSV_COLUMNS } from '../../src/evaluation/csv';

const spikyDay = [...Array(16).fill(1), 40, 40, 40, 40, 1, 1, 1, 1];
const workload = { hourlyWriteMBps: spikyDay, avgRecordSizeKB: 25, sharedConsumers: 1 };

type Band = { low: number; expected: number; high: number };
type Option = {
  option: string;
  monthlyCostUsd: number;
  monthlyCostBandUsd: Band;
  risks: Array<{ code: string; threshold: number }>;
  sizing: { shards?: number };
};

describe('traffic shape, cost bands and robustness over REST and GraphQL', () => {
  const suite = useViewerApp('shape');
  const { post } = suite;

  it('POST /v1/evaluations: peak-hour sizing, a band per option, risks and robustness; GraphQL gives the same', async () => {
    const rest = await post('/v1/evaluations', { workload, volumeRange: { low: 0.5, high: 3 } });
    expect(rest.status).toBe(200);
    expect(rest.body.volumeRange).toEqual({ low: 0.5, high: 3 });
    expect(rest.body.workload).toMatchObject({
      hourlyWriteMBps: spikyDay,
      peakWriteMBps: 40,
      peakSource: 'HOURLY_PROFILE',
      trafficPatternSource: 'HOURLY_PROFILE',
    });
    const options = rest.body.options as Option[];
    expect(options.find((o) => o.option === 'KDS_PROVISIONED')!.sizing.shards).toBe(48);
    for (const o of options) {
      expect(o.monthlyCostBandUsd.expected).toBe(o.monthlyCostUsd);
      expect(o.monthlyCostBandUsd.low).toBeLessThanOrEqual(o.monthlyCostUsd);
      expect(o.monthlyCostBandUsd.high).toBeGreaterThanOrEqual(o.monthlyCostUsd);
      expect(o.risks.length).toBeGreaterThan(0);
    }
    const robustness = rest.body.recommendation.robustness;
    expect(robustness.volumeRange).toEqual({ low: 0.5, high: 3 });
    expect(typeof robustness.holds).toBe('boolean');
    expect(robustness.summary.length).toBeGreaterThan(20);

    const graph = await gql(
      suite.app,
      suite.viewer,
      `query($input: WorkloadInput!, $range: VolumeRangeInput) { evaluateWorkload(input: $input, volumeRange: $range) {
        volumeRange { low high } recommendation { option robustness { ${ROBUSTNESS_FIELDS} } } options { ${OPTION_FIELDS} } } }`,
      { input: workload, range: { low: 0.5, high: 3 } },
    );
    expect(graph.body.errors).toBeUndefined();
    const g = graph.body.data.evaluateWorkload;
    expect(g.volumeRange).toEqual(rest.body.volumeRange);
    expect(g.recommendation.robustness).toEqual(robustness);
    for (const o of g.options as Option[]) {
      const r = options.find((x) => x.option === o.option)!;
      expect(o.monthlyCostBandUsd).toEqual(r.monthlyCostBandUsd);
      expect(o.risks).toEqual(r.risks);
    }
  });

  it("the CSV carries each option's band on its TOTAL row, as the JSON estimate gives it", async () => {
    const body = { workload, volumeRange: { low: 0.25, high: 2 } };
    const json = await post('/v1/estimates', body);
    expect(json.status).toBe(200);
    const csv = await request(suite.app.getHttpServer())
      .post('/v1/estimates')
      .set('authorization', suite.viewer)
      .set('accept', 'text/csv')
      .send(body);
    expect(csv.status).toBe(200);
    // Only the description may hold a (quoted) comma: count the later columns from the end of the row.
    const rows = csv.text
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split(','));
    const header = rows[0];
    const fromEnd = (name: string) => header.length - header.indexOf(name);
    expect(header.slice(-8)).toEqual(CSV_COLUMNS.slice(-8));
    for (const o of json.body.options as Option[]) {
      const total = rows.find((r) => r[0] === o.option && r[1] === 'TOTAL')!;
      const cell = (name: string) => Number(total[total.length - fromEnd(name)]);
      expect(cell('monthlyCostUsd')).toBe(o.monthlyCostBandUsd.expected);
      expect(cell('bandLowUsd')).toBe(o.monthlyCostBandUsd.low);
      expect(cell('bandHighUsd')).toBe(o.monthlyCostBandUsd.high);
      expect(o.monthlyCostBandUsd.low).toBeLessThan(o.monthlyCostBandUsd.high);
    }
    const graph = await gql(
      suite.app,
      suite.viewer,
      '{ estimateCosts(input: { avgRecordSizeKB: 1, ingestGbPerDay: 100 }, volumeRange: { low: 0.5 }) { volumeRange { low high } options { option monthlyCostBandUsd { low expected high } } } }',
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.estimateCosts.volumeRange).toEqual({ low: 0.5, high: 1.25 });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a profile of the wrong length',
      { workload: { ...workload, hourlyWriteMBps: spikyDay.slice(1) } },
      ['workload.hourlyWriteMBps'],
    ],
    [
      'a negative hour',
      { workload: { ...workload, hourlyWriteMBps: [...spikyDay.slice(0, 3), -1, ...spikyDay.slice(4)] } },
      ['workload.hourlyWriteMBps[3]'],
    ],
    [
      'a non-numeric hour',
      { workload: { ...workload, hourlyWriteMBps: [...spikyDay.slice(0, 23), 'x'] } },
      ['workload.hourlyWriteMBps[23]'],
    ],
    ['a range with low > high', { workload, volumeRange: { low: 2, high: 1.5 } }, ['volumeRange.low']],
    ['a non-numeric range', { workload, volumeRange: { low: '0.5' } }, ['volumeRange.low']],
  ])('REST answers %s with a 400 naming the field', async (_name, body, fields) => {
    for (const path of ['/v1/evaluations', '/v1/estimates']) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(fields));
    }
  });

  it('GraphQL answers the same bad input with BAD_USER_INPUT naming the field', async () => {
    const range = await gql(
      suite.app,
      suite.viewer,
      '{ evaluateWorkload(input: { avgRecordSizeKB: 1, ingestGbPerDay: 5 }, volumeRange: { low: 2, high: 1.5 }) { recommendation { option } } }',
    );
    expect(range.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(range.body.errors[0].extensions.fields.map((f: { field: string }) => f.field)).toContain('volumeRange.low');
    const short = await gql(
      suite.app,
      suite.viewer,
      'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }',
      { i: { ...workload, hourlyWriteMBps: [1, 2, 3] } },
    );
    expect(short.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(short.body.errors[0].extensions.fields).toEqual([
      {
        field: 'input.hourlyWriteMBps',
        message: 'hourlyWriteMBps must hold exactly 24 hourly values (hour 0 = 00:00–01:00); got 3',
      },
    ]);
    const negative = await gql(
      suite.app,
      suite.viewer,
      'query($i: WorkloadInput!) { estimateCosts(input: $i) { totals { option } } }',
      { i: { ...workload, hourlyWriteMBps: [...spikyDay.slice(0, 23), -4] } },
    );
    expect(negative.body.errors[0].extensions.fields).toEqual([
      { field: 'input.hourlyWriteMBps[23]', message: 'hourlyWriteMBps[23] must be greater than or equal to 0' },
    ]);
  });

  it('OpenAPI documents the new request and response fields', async () => {
    const doc = (await request(suite.app.getHttpServer()).get('/docs-json')).body;
    const body = doc.paths['/v1/evaluations'].post.requestBody.content['application/json'].schema;
    expect(body.properties.volumeRange.properties).toMatchObject({ low: { type: 'number' }, high: { type: 'number' } });
    expect(body.properties.workload.properties.hourlyWriteMBps).toMatchObject({
      type: 'array',
      minItems: 24,
      maxItems: 24,
      items: { type: 'number', minimum: 0 },
    });
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.OptionResultView.properties)).toEqual(
      expect.arrayContaining(['monthlyCostBandUsd', 'risks']),
    );
    expect(Object.keys(schemas.RecommendationView.properties)).toContain('robustness');
    expect(Object.keys(schemas.RobustnessView.properties)).toEqual(
      expect.arrayContaining(['holds', 'changes', 'summary', 'holdsFromMultiplier', 'holdsToMultiplier']),
    );
  });
});
