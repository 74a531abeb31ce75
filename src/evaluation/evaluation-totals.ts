import { type Evaluation, ValidationError } from '../domain';
import { checkAsStandardSchema } from '../common/validation/standard-schema';

/** The answers POST /v1/evaluations gives: the full evaluation (default) or its totals (`view=totals`). */
export const EVALUATION_VIEWS = ['full', 'totals'] as const;
export type EvaluationViewName = (typeof EVALUATION_VIEWS)[number];

/** `?view=` as a Standard Schema for `@Query('view', { schema })`: absent or empty means full. */
export const EvaluationViewSchema = checkAsStandardSchema('streamfit', (raw): EvaluationViewName => {
  if (raw === undefined || raw === '') return 'full';
  if (typeof raw === 'string' && (EVALUATION_VIEWS as readonly string[]).includes(raw))
    return raw as EvaluationViewName;
  throw new ValidationError([{ field: 'view', message: `view must be one of ${EVALUATION_VIEWS.join(', ')}` }]);
});

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
