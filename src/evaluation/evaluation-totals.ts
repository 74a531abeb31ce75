import type { Evaluation } from '../domain';

/** The answers POST /v1/evaluations gives: the full evaluation (default) or its totals (`view=totals`). */
export const EVALUATION_VIEWS = ['full', 'totals'] as const;
export type EvaluationViewName = (typeof EVALUATION_VIEWS)[number];

/** The `view=totals` answer (EvaluationTotalsView) of an evaluation: the same numbers, fewer of them. */
export function totalsOf(e: Evaluation) {
  const r = e.recommendation;
  return {
    recommendation: { option: r.option, service: r.service, headline: r.headline, monthlyCostUsd: r.monthlyCostUsd },
    totals: e.options.map((o) => ({
      option: o.option,
      label: o.label,
      eligible: o.eligible,
      rank: o.rank,
      monthlyCostUsd: o.monthlyCostUsd,
    })),
    rateCard: e.rateCard,
    warnings: e.warnings,
  };
}
