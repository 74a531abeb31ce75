import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import { type BreakEvenResult, breakEvenYielding, DECISION_RULES, type DecisionRule, estimate, type Estimate, evaluate, type Evaluation } from '../domain';
import { Metrics } from '../infrastructure/metrics/metrics';
import { RatesService, type ServedRateCard } from '../rates/rates.service';
import { type BreakEvenBody, type EvaluationRequest, pricingOf } from './evaluation-request';
import { ResultCache } from './result-cache';

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Requests arrive checked (evaluation-request.ts).
 */
@Injectable()
export class EvaluationService {
  /** Evaluations and estimates (a few tens of KB each); break-even series are larger and rarely repeated, so they are not kept. */
  private readonly results = new ResultCache<Evaluation | Estimate>(100);

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
  ) {}

  async evaluate(caller: Caller, request: EvaluationRequest): Promise<Evaluation> {
    return (await this.evaluateEntry(caller, request)).value;
  }

  /** The evaluation and, once written, its JSON text: REST sends the text as it is. */
  evaluateEntry(_caller: Caller, request: EvaluationRequest) {
    return this.memo('evaluate', request, (card) => evaluate(request.workload, card, pricingOf(request))) as Promise<{ value: Evaluation; json?: string }>;
  }

  async estimate(_caller: Caller, request: EvaluationRequest): Promise<Estimate> {
    const entry = await this.memo('estimate', request, (card) => estimate(request.workload, card, pricingOf(request)));
    return entry.value as Estimate;
  }

  async breakEven(_caller: Caller, request: BreakEvenBody): Promise<BreakEvenResult> {
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    // Computed in slices with the event loop free in between (a long series must not stall other requests).
    return breakEvenYielding(request.workload, card, pricingOf(request), { vary: request.vary, from: request.from, to: request.to, steps: request.steps });
  }

  /**
   * Find the rate card and compute — or reuse the result of the identical request against the
   * same card version and freshness (ResultCache).
   */
  private async memo(operation: string, request: EvaluationRequest, compute: (card: ServedRateCard) => Evaluation | Estimate) {
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    const key = `${operation}|${card.id}|${card.stale}|${JSON.stringify(request)}`;
    const hit = this.results.get(key);
    this.metrics.evaluationCache.inc({ operation, result: hit ? 'hit' : 'miss' });
    return hit ?? this.results.set(key, compute(card));
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }
}
