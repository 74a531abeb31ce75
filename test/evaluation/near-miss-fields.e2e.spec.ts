/**
 * "Did you mean ingestGbPerDay?": an unknown workload field within a small edit distance of a known one is ONE error
 * that names the field meant — not an unknown-field error plus the meant field reported missing — on every REST
 * route that takes a workload and on GraphQL (whose own validation suggests the field, as one error).
 */
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { useViewerApp } from '../support/viewer-app';
import { meantName } from '../../src/domain/near-miss';

const near = (given: string, meant: string) => ({
  field: `workload.${given}`,
  message: `${given} is not a known workload field. Did you mean ${meant}?`,
});

describe('near-miss field names', () => {
  const suite = useViewerApp('near-miss');

  it('suggests the field meant, as the only error, on evaluations, estimates, break-even, totals and scenarios', async () => {
    const editor = await bearer(suite.app, 'near-miss', 'editor');
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['/v1/evaluations', { ingestGBPerDay: 100, avgRecordSizeKB: 1 }, 'ingestGBPerDay', 'ingestGbPerDay'],
      ['/v1/evaluations/totals', { ingestGbPerDay: 100, avgRecordSizeKb: 1 }, 'avgRecordSizeKb', 'avgRecordSizeKB'],
      ['/v1/estimates', { avgWriteMbps: 2, avgRecordSizeKB: 1 }, 'avgWriteMbps', 'avgWriteMBps'],
      [
        '/v1/evaluations',
        { ingestGbPerDay: 1, avgRecordSizeKB: 1, sharedConsumer: 2 },
        'sharedConsumer',
        'sharedConsumers',
      ],
      [
        '/v1/evaluations',
        { ingestGbPerDay: 1, avgRecordSizeKB: 1, retentionHour: 48 },
        'retentionHour',
        'retentionHours',
      ],
    ];
    for (const [path, workload, given, meant] of cases) {
      const res = await suite.post(path, { workload });
      expect({ path, status: res.status, fields: res.body.fields }).toEqual({
        path,
        status: 400,
        fields: [near(given, meant)],
      });
    }
    const breakEven = await suite.post('/v1/break-even', {
      workload: { ingestGbPerDay: 1, avgRecordSizeKb: 1 },
      vary: 'ingest',
      from: 1,
      to: 10,
      steps: 2,
    });
    expect(breakEven.body.fields).toEqual([near('avgRecordSizeKb', 'avgRecordSizeKB')]);
    const scenario = await suite.post(
      '/v1/scenarios',
      { name: 'n', workload: { ingestGBPerDay: 1, avgRecordSizeKB: 1 } },
      editor,
    );
    expect(scenario.status).toBe(400);
    expect(scenario.body.fields).toEqual([near('ingestGBPerDay', 'ingestGbPerDay')]);
    // The body's own fields too: `workloads` is the workload meant, not also "workload is required".
    const body = await suite.post('/v1/evaluations', { workloads: { ingestGbPerDay: 1, avgRecordSizeKB: 1 } });
    expect(body.body.fields).toEqual([
      { field: 'workloads', message: 'workloads is not a known field. Did you mean workload?' },
    ]);
  });

  it('says nothing more for a name that is nothing like a field, and does not suggest a field already given', async () => {
    const far = await suite.post('/v1/evaluations', {
      workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1, colour: 'red' },
    });
    expect(far.body.fields).toEqual([{ field: 'workload.colour', message: 'colour is not a known workload field' }]);
    // ingestGbPerDay is there: ingestGBPerDay is an unknown field beside it, and the only field unknown.
    const both = await suite.post('/v1/evaluations', {
      workload: { ingestGbPerDay: 1, ingestGBPerDay: 2, avgRecordSizeKB: 1 },
    });
    expect(both.body.fields).toEqual([
      { field: 'workload.ingestGBPerDay', message: 'ingestGBPerDay is not a known workload field' },
    ]);
    // Still every other bad field: a near miss hides only the missing-field error of the field it names.
    const more = await suite.post('/v1/evaluations', { workload: { ingestGBPerDay: 1, avgRecordSizeKB: -1 } });
    expect(more.body.fields).toEqual([
      near('ingestGBPerDay', 'ingestGbPerDay'),
      { field: 'workload.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' },
    ]);
    expect(meantName('partition', ['partitions', 'region'])).toBe('partitions');
    expect(meantName('lag', ['region', 'partitions'])).toBeUndefined();
  });

  it('is one error on GraphQL too, in a variable or a literal, naming the field meant', async () => {
    const variable = await gql(
      suite.app,
      suite.viewer,
      'query($w: WorkloadInput!) { evaluateWorkload(input: $w) { recommendation { option } } }',
      { w: { ingestGBPerDay: 100, avgRecordSizeKB: 1 } },
    );
    expect(variable.body.errors).toHaveLength(1);
    expect(variable.body.errors[0].message).toMatch(/"ingestGBPerDay".*Did you mean "ingestGbPerDay"/);
    const literal = await gql(
      suite.app,
      suite.viewer,
      '{ evaluateWorkload(input: { ingestGbPerDay: 100, avgRecordSizeKb: 1 }) { recommendation { option } } }',
    );
    expect(literal.body.errors).toHaveLength(1);
    expect(literal.body.errors[0].message).toMatch(/"avgRecordSizeKb".*Did you mean "avgRecordSizeKB"/);
  });
});
