/**
 * GraphQL computes the volume study (cost bands, robustness) only when the query selects it — directly, through
 * a named fragment or an inline fragment — and a query without it never gets (or leaves behind) an answer that
 * lacks what another query selects.
 */
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { EvaluationService } from '../../src/evaluation/evaluation.service';
import { parseEvaluationRequest } from '../../src/workload';
import { selectsAnyField } from '../../src/graphql-support/selection';
import { gql, ROBUSTNESS_FIELDS } from '../support/graphql';
import { useViewerApp } from '../support/viewer-app';

const STUDY = new Set(['monthlyCostBandUsd', 'robustness']);

/** The resolve info of the operation's first root field. */
function infoOf(document: string) {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((f) => [f.name.value, f]),
  );
  const field = operation.selectionSet.selections[0];
  if (field.kind !== 'Field') throw new Error('first selection is not a field');
  return { fieldNodes: [field], fragments };
}

describe('GraphQL volume study on demand', () => {
  it('finds the study fields directly, in nested selections, named fragments (even cyclic) and inline fragments', () => {
    expect(selectsAnyField(infoOf('{ e { recommendation { option } options { option } } }'), STUDY)).toBe(false);
    expect(selectsAnyField(infoOf('{ e { recommendation { robustness { holds } } } }'), STUDY)).toBe(true);
    expect(selectsAnyField(infoOf('{ e { options { monthlyCostBandUsd { low } } } }'), STUDY)).toBe(true);
    expect(
      selectsAnyField(
        infoOf('{ e { ...F } } fragment F on E { options { ...G } } fragment G on O { monthlyCostBandUsd { low } }'),
        STUDY,
      ),
    ).toBe(true);
    expect(selectsAnyField(infoOf('{ e { ... on E { recommendation { robustness { holds } } } } }'), STUDY)).toBe(true);
    expect(selectsAnyField(infoOf('{ e { ...F } } fragment F on E { options { option ...F } }'), STUDY)).toBe(false);
    // Directives are not applied: a skipped study field still counts (the answer errs towards computing more).
    expect(
      selectsAnyField(
        infoOf('query($s: Boolean!) { e { recommendation { robustness @include(if: $s) { holds } } } }'),
        STUDY,
      ),
    ).toBe(true);
  });

  describe('over the wire', () => {
    const suite = useViewerApp('study');

    const input = { ingestGbPerDay: 321.5, avgRecordSizeKB: 1, sharedConsumers: 2 };

    it('a lean query and then a full one for the same workload: the full one has bands and robustness', async () => {
      const leanQuery =
        'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } options { option monthlyCostUsd } } }';
      const lean = await gql(suite.app, suite.viewer, leanQuery, { i: input });
      expect(lean.body.errors).toBeUndefined();
      // Twice: whatever a lean answer leaves behind (compiled query, parsed document) must not serve the full one.
      await gql(suite.app, suite.viewer, leanQuery, { i: input });
      const full = await gql(
        suite.app,
        suite.viewer,
        `query($i: WorkloadInput!) { evaluateWorkload(input: $i) { ...R options { option monthlyCostBandUsd { low expected high } } } }
         fragment R on Evaluation { recommendation { option robustness { ${ROBUSTNESS_FIELDS} } } }`,
        { i: input },
      );
      expect(full.body.errors).toBeUndefined();
      const e = full.body.data.evaluateWorkload;
      expect(e.recommendation.robustness.summary).toEqual(expect.any(String));
      for (const o of e.options) expect(o.monthlyCostBandUsd.expected).toEqual(expect.any(Number));
      expect(e.recommendation.option).toBe(lean.body.data.evaluateWorkload.recommendation.option);
      // The same answer over REST (which always carries the study).
      const rest = await suite.app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        headers: { authorization: suite.viewer, 'content-type': 'application/json' },
        payload: { workload: input },
      });
      expect(rest.json().recommendation.robustness).toEqual(e.recommendation.robustness);
    });

    it('the service answers without the study only when asked, and keeps the two answers apart', async () => {
      const service = suite.app.get(EvaluationService);
      const caller = { keyId: 'k', team: 'study', role: 'viewer' } as never;
      const body = { workload: { ingestGbPerDay: 77.25, avgRecordSizeKB: 2 } };
      const lean = await service.evaluate(caller, parseEvaluationRequest(structuredClone(body)), {
        volumeStudy: false,
      });
      expect(lean.recommendation.robustness).toBeNull();
      expect(lean.options.every((o) => o.monthlyCostBandUsd === null)).toBe(true);
      await service.evaluate(caller, parseEvaluationRequest(structuredClone(body)), { volumeStudy: false });
      const full = await service.evaluate(caller, parseEvaluationRequest(structuredClone(body)));
      expect(full.recommendation.robustness).not.toBeNull();
      expect(full.options.every((o) => o.monthlyCostBandUsd !== null)).toBe(true);
      const estimate = await service.estimate(caller, parseEvaluationRequest(structuredClone(body)), {
        volumeStudy: false,
      });
      expect(estimate.options.every((o) => o.monthlyCostBandUsd === null)).toBe(true);
    });
  });
});
