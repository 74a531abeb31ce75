import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import {
  type BreakEvenResult,
  breakEvenYielding,
  DECISION_RULES,
  type DecisionRule,
  type Estimate,
  estimateNormalized,
  type Evaluation,
  evaluateNormalized,
  type VolumeStudyInput,
  WORKLOAD_DEFAULTS,
} from '../domain';
import { Metrics } from '../infrastructure/metrics/metrics';
import { RatesService, type ServedRateCard } from '../rates/rates.service';
import { type BreakEvenBody, type EvaluationRequest, normalizedWorkloadOf, pricingOf } from './evaluation-request';
import { ResultCache } from './result-cache';

const resultKey = (operation: string, card: ServedRateCard, request: unknown): string =>
  `${operation}|${card.id}|${card.stale}|${JSON.stringify(request)}`;

/** What the volume study of a request needs (the caller's workload, scaled at each volume, and the range). */
const studyOf = (request: EvaluationRequest, study: boolean): VolumeStudyInput => ({
  input: request.workload,
  volumeRange: request.volumeRange,
  study,
});

/** The bytes (or, from a fallback serializer, the text) of a JSON answer. */
export type Json = string | Buffer;

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Requests arrive checked (evaluation-request.ts).
 */
@Injectable()
export class EvaluationService {
  /**
   * Evaluations and estimates (a few tens of KB each), kept from their second request; break-even series are
   * larger and rarely repeated, so they are not kept.
   */
  private readonly results = new ResultCache<Evaluation | Estimate>(100);

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * `volumeStudy: false` leaves out cost bands and robustness (a GraphQL query that selects neither); the
   * answer is kept apart from the full one.
   */
  async evaluate(_caller: Caller, request: EvaluationRequest, { volumeStudy = true } = {}): Promise<Evaluation> {
    const { key, card } = await this.prepare(volumeStudy ? 'evaluate' : 'evaluate-lean', request);
    const hit = this.results.get(key) as Evaluation | undefined;
    this.metrics.evaluationCache.inc({ operation: 'evaluate', result: hit ? 'hit' : 'miss' });
    return (
      hit ??
      (this.results.admit(
        key,
        evaluateNormalized(normalizedWorkloadOf(request), card, pricingOf(request), studyOf(request, volumeStudy)),
      ) as Evaluation)
    );
  }

  async estimate(_caller: Caller, request: EvaluationRequest, { volumeStudy = true } = {}): Promise<Estimate> {
    const { key, card } = await this.prepare(volumeStudy ? 'estimate' : 'estimate-lean', request);
    const hit = this.results.get(key) as Estimate | undefined;
    this.metrics.evaluationCache.inc({ operation: 'estimate', result: hit ? 'hit' : 'miss' });
    return (
      hit ??
      (this.results.admit(
        key,
        estimateNormalized(normalizedWorkloadOf(request), card, pricingOf(request), studyOf(request, volumeStudy)),
      ) as Estimate)
    );
  }

  async breakEven(_caller: Caller, request: BreakEvenBody): Promise<BreakEvenResult> {
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    // Computed in slices with the event loop free in between (a long series must not stall other requests).
    return breakEvenYielding(request.workload, card, pricingOf(request), {
      vary: request.vary,
      from: request.from,
      to: request.to,
      steps: request.steps,
    });
  }

  /** The rate card in force and the result's name: the identical request against the same card version and freshness has the same key. */
  private async prepare(operation: string, request: EvaluationRequest): Promise<{ key: string; card: ServedRateCard }> {
    const card = await this.rates.current(normalizedWorkloadOf(request).region);
    return { key: resultKey(operation, card, request), card };
  }

  /**
   * The result's name for a request body not yet checked (the REST answer cache looks it up before the check):
   * the same as `prepare` gives once it is checked, or null when the body names no usable region.
   */
  async answerKey(operation: string, body: unknown): Promise<string | null> {
    const workload = (body as { workload?: { region?: unknown } } | null)?.workload;
    const region = workload?.region ?? WORKLOAD_DEFAULTS.region;
    if (typeof region !== 'string') return null;
    try {
      return resultKey(operation, await this.rates.current(region), body);
    } catch {
      return null;
    }
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }
}
