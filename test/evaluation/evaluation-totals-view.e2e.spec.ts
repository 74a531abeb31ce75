/**
 * POST /v1/evaluations/totals (and `?view=totals`, the same answer kept for existing callers): the lean answer for
 * callers that want only totals — the same numbers as the full answer, its own operation in OpenAPI, cached apart
 * from it; an unknown view is a 400 naming `view`.
 */
import { useViewerApp } from '../support/viewer-app';

const workload = { ingestGbPerDay: 432.1, avgRecordSizeKB: 2, sharedConsumers: 2, retentionHours: 48 };

describe('POST /v1/evaluations?view=totals', () => {
  const suite = useViewerApp('totals');
  const { post } = suite;

  it('answers the recommendation in brief and every option total, equal to the full answer', async () => {
    const full = await post('/v1/evaluations', { workload });
    const lean = await post('/v1/evaluations?view=totals', { workload });
    expect(lean.status).toBe(200);
    expect(lean.headers['content-type']).toBe('application/json; charset=utf-8');
    const r = full.body.recommendation;
    expect(lean.body).toEqual({
      recommendation: { option: r.option, service: r.service, headline: r.headline, monthlyCostUsd: r.monthlyCostUsd },
      totals: full.body.options.map((o: Record<string, unknown>) => ({
        option: o.option,
        label: o.label,
        eligible: o.eligible,
        rank: o.rank,
        monthlyCostUsd: o.monthlyCostUsd,
      })),
      rateCard: full.body.rateCard,
      warnings: full.body.warnings,
    });
    expect(lean.text.length).toBeLessThan(full.text.length / 5);
    // Asked again, each view gets its own cached answer, not the other's.
    expect((await post('/v1/evaluations?view=totals', { workload })).text).toBe(lean.text);
    expect((await post('/v1/evaluations', { workload })).text).toBe(full.text);
    expect((await post('/v1/evaluations?view=full', { workload })).text).toBe(full.text);
    // Its own operation answers the same bytes, first time and cached.
    const own = await post('/v1/evaluations/totals', { workload: { ...workload, retentionHours: 49 } });
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(own.text).toBe(
      (await post('/v1/evaluations?view=totals', { workload: { ...workload, retentionHours: 49 } })).text,
    );
    expect((await post('/v1/evaluations/totals', { workload })).text).toBe(lean.text);
    const bad = await post('/v1/evaluations/totals', { workload: { ...workload, avgRecordSizeKB: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { field: 'workload.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' },
    ]);
  });

  it('refuses a view it does not know with a 400 naming view, even for a body answered before', async () => {
    await post('/v1/evaluations', { workload });
    for (const path of ['/v1/evaluations?view=bogus', '/v1/evaluations?view=totals&view=full']) {
      const res = await post(path, { workload });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([{ field: 'view', message: 'view must be one of full, totals' }]);
    }
    // With a bad body too: one 400 lists the body's fields, then view (the two are checked together).
    const both = await post('/v1/evaluations?view=bogus', {
      workload: { ...workload, avgRecordSizeKB: -1 },
      extra: 1,
    });
    expect(both.status).toBe(400);
    expect(both.body.fields).toEqual([
      { field: 'extra', message: 'extra is not a known field' },
      { field: 'workload.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' },
      { field: 'view', message: 'view must be one of full, totals' },
    ]);
  });

  it('is documented as its own operation answering EvaluationTotalsView', async () => {
    const doc = (await suite.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' })).json();
    const op = doc.paths['/v1/evaluations/totals'].post;
    expect(op.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/EvaluationTotalsView',
    });
    expect(Object.keys(doc.components.schemas.EvaluationTotalsView.properties)).toEqual([
      'recommendation',
      'totals',
      'rateCard',
      'warnings',
    ]);
  });
});
