/**
 * Compare shows what changed in the inputs (issue 24): beside the cost deltas, each compared scenario lists the
 * workload fields that differ from the baseline's (field, left, right) and whether the recommendation changed,
 * over REST and GraphQL alike.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from './scenario-fixtures';

describe('scenarios: compare shows what changed in the inputs', () => {
  let app: NestFastifyApplication;
  let editor: string;
  let api: ReturnType<typeof rest>;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await bearer(app, uniqueTeam('compare-changes'), 'editor');
    api = rest(app, editor);
  });
  afterAll(async () => app.close());

  it('lists the differing fields (left = baseline, right = the scenario) and whether the recommendation changed', async () => {
    const base = await api.create({ name: 'base', workload: aWorkload().build() });
    const bigger = await api.create({
      name: 'bigger',
      workload: aWorkload().withIngestGbPerDay(250).withRetentionHours(48).build(),
    });
    // Kinesis keeps data 365 days at most: two years of retention cannot stay on it
    const longer = await api.create({ name: 'two years', workload: aWorkload().withRetentionHours(17520).build() });
    // the default region given explicitly, and a list field added: only the list counts as a change
    const same = await api.create({
      name: 'same, spelled out',
      workload: aWorkload()
        .withRegion('us-east-1')
        .with('deliverTo', [{ sink: 'S3' }])
        .build(),
    });
    for (const r of [base, bigger, longer, same]) expect(r.status).toBe(201);
    const ids = [base.body.id, bigger.body.id, longer.body.id, same.body.id];

    const res = await api.compare(ids);
    expect(res.status).toBe(200);
    const recommended = async (id: string) => (await api.get(id)).body.latest.recommendation.option as string;
    const baseRec = await recommended(base.body.id);
    const deltas = res.body.deltas as Array<Record<string, unknown>>;

    expect(deltas[0]).toMatchObject({
      scenarioId: bigger.body.id,
      workloadChanges: [
        { field: 'ingestGbPerDay', left: '100', right: '250' },
        { field: 'retentionHours', left: '24', right: '48' },
      ],
      baselineRecommendation: baseRec,
      recommendation: await recommended(bigger.body.id),
      recommendationChanged: baseRec !== (await recommended(bigger.body.id)),
    });
    const longerRec = await recommended(longer.body.id);
    expect(longerRec).not.toBe(baseRec);
    expect(deltas[1]).toMatchObject({
      scenarioId: longer.body.id,
      workloadChanges: [{ field: 'retentionHours', left: '24', right: '17520' }],
      baselineRecommendation: baseRec,
      recommendation: longerRec,
      recommendationChanged: true,
    });
    expect(deltas[2]).toMatchObject({
      workloadChanges: [{ field: 'deliverTo', left: null, right: '[{"sink":"S3"}]' }],
    });
    // the cost deltas are still there, beside the changes
    expect((deltas[1].options as unknown[]).length).toBe(6);

    const graph = await gql(
      app,
      editor,
      `query($ids: [ID!]!) { compareScenarios(ids: $ids) { deltas { scenarioId workloadChanges { field left right }
        baselineRecommendation recommendation recommendationChanged } } }`,
      { ids },
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.compareScenarios.deltas).toEqual(
      deltas.map((d) => ({
        scenarioId: d.scenarioId,
        workloadChanges: d.workloadChanges,
        baselineRecommendation: d.baselineRecommendation,
        recommendation: d.recommendation,
        recommendationChanged: d.recommendationChanged,
      })),
    );
  });
});
