import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Evaluation, type FieldError, ValidationError } from '../domain';
import { collect } from '../domain';
import { checkAsStandardSchema } from '../common/validation/standard-schema';
import { type Checked, type EvaluationRequest, parseEvaluateRequest } from '../workload';

/** The answers POST /v1/evaluations gives: the full evaluation (default) or its totals (`view=totals`). */
export const EVALUATION_VIEWS = ['full', 'totals'] as const;
export type EvaluationViewName = (typeof EVALUATION_VIEWS)[number];

/** The view `?view=` names (absent or empty means full), or null for one the route does not know. */
export function viewNamed(raw: unknown): EvaluationViewName | null {
  if (raw === undefined || raw === '') return 'full';
  return typeof raw === 'string' && (EVALUATION_VIEWS as readonly string[]).includes(raw)
    ? (raw as EvaluationViewName)
    : null;
}

/** `?view=` checked: a view the route does not know is a ValidationError naming `view`. */
export function parseEvaluationView(raw: unknown): EvaluationViewName {
  const view = viewNamed(raw);
  if (view === null)
    throw new ValidationError([{ field: 'view', message: `view must be one of ${EVALUATION_VIEWS.join(', ')}` }]);
  return view;
}

/** What POST /v1/evaluations asks: the checked request and the view of the answer. */
export interface EvaluationAsk {
  request: Checked<EvaluationRequest>;
  view: EvaluationViewName;
}

/**
 * POST /v1/evaluations's body and `?view=` as one route parameter, so that one check sees both and one 400 lists
 * every bad field of the body and `view` together (as two parameters, each pipe reported only its own).
 */
export const EvaluationBodyAndView = createParamDecorator(
  (_data: unknown, context: ExecutionContext): { body: unknown; view: unknown } => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { body: request.body, view: (request.query as { view?: unknown } | undefined)?.view };
  },
);

/** POST /v1/evaluations/totals's body, with the view the route answers (any `?view=` there is not read). */
export const EvaluationTotalsBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): { body: unknown; view: EvaluationViewName } => ({
    body: context.switchToHttp().getRequest<FastifyRequest>().body,
    view: 'totals',
  }),
);

/** The Standard Schema of EvaluationBodyAndView: the body's fields first, then `view`. */
export const EvaluationAskSchema = checkAsStandardSchema('streamfit', (raw): EvaluationAsk => {
  const { body, view } = raw as { body: unknown; view: unknown };
  const fields: FieldError[] = [];
  const request = collect(fields, () => parseEvaluateRequest(body));
  const parsedView = collect(fields, () => parseEvaluationView(view));
  if (fields.length > 0) throw new ValidationError(fields);
  return { request: request!, view: parsedView! };
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
