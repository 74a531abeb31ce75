import { Inject, Injectable } from '@nestjs/common';
import { keyJson } from '../common/json-input';
import type { Caller } from '../auth/api-key';
import {
  type BreakEvenResult,
  breakEvenYielding,
  compareWithCurrent,
  DECISION_RULES,
  type DecisionRule,
  type Estimate,
  estimateNormalized,
  type Evaluation,
  evaluateNormalized,
  type NormalizedWorkload,
  type PricingInput,
  type VolumeStudyInput,
  WORKLOAD_DEFAULTS,
} from '../domain';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { Metrics } from '../infrastructure/metrics/metrics';
import type { Rate } from '../domain';
import { RatesService, type ServedRateCard } from '../rates/rates.service';
import { type BreakEvenBody, type EvaluationRequest, normalizedWorkloadOf, pricingOf } from './evaluation-request';
import { objectBytes, ResultCache } from './result-cache';

type Compute<T> = (w: NormalizedWorkload, card: ServedRateCard, pricing: PricingInput, volume: VolumeStudyInput) => T;

/** What the volume study of a request needs (the caller's workload, scaled at each volume, and the range). */
const studyOf = (request: EvaluationRequest, study: boolean): VolumeStudyInput => ({
  input: request.workload,
  volumeRange: request.volumeRange,
  study,
});

export interface ResultOptions {
  /** Compute cost bands and robustness (default true). */
  volumeStudy?: boolean;
}

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Requests arrive checked (evaluation-request.ts).
 */
@Injectable()
export class EvaluationService {
  /**
   * Estimates (~19 KB of JSON each), kept from their second request within RESULT_CACHE_BYTES. Only estimates: on a
   * mix of new and repeated workloads the cache paid for them and not for evaluations (README "Benchmarks": REST and
   * GraphQL evaluations gained nothing measurable, estimates ≥ 10 %); break-even series are not kept either.
   */
  private readonly estimates: ResultCache<Estimate>;
  /** PERF_RESULT_CACHE=false: no estimate is looked up or kept (npm run bench measures the cache on and off). */
  private readonly cacheEstimates: boolean;

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.estimates = new ResultCache<Estimate>(config.RESULT_CACHE_BYTES, objectBytes);
    this.cacheEstimates = config.PERF_RESULT_CACHE;
  }

  /**
   * `volumeStudy: false` leaves out cost bands and robustness (a GraphQL query that selects neither).
   */
  async evaluate(_caller: Caller, request: EvaluationRequest, options: ResultOptions = {}): Promise<Evaluation> {
    const evaluation = await this.result(request, options, evaluateNormalized);
    if (!request.currentOption) return evaluation;
    return {
      ...evaluation,
      current: compareWithCurrent(evaluation, request.currentOption, request.currentMonthlyCostUsd),
    };
  }

  /**
   * An estimate, from the result cache when the identical request was answered against the same card version and
   * freshness (kept from its second sighting, see ResultCache.admit); the cached estimate is shared, never changed.
   */
  async estimate(_caller: Caller, request: EvaluationRequest, options: ResultOptions = {}): Promise<Estimate> {
    if (!this.cacheEstimates) return this.result(request, options, estimateNormalized);
    const { volumeStudy = true } = options;
    const card = await this.rates.current(normalizedWorkloadOf(request).region);
    const key = `${volumeStudy ? 'estimate' : 'estimate-lean'}|${card.id}|${card.stale}|${keyJson(request)}`;
    const hit = this.estimates.get(key);
    this.metrics.evaluationCache.inc({ operation: 'estimate', result: hit ? 'hit' : 'miss' });
    return hit ?? this.estimates.admit(key, this.compute(request, card, volumeStudy, estimateNormalized));
  }

  /** The rates (with their provenance) of the card version that priced a result; {} if it is no longer known. */
  async ratesOf(cardId: string): Promise<Readonly<Record<string, Rate>>> {
    return (await this.rates.version(cardId))?.rates ?? {};
  }

  async breakEven(_caller: Caller, request: BreakEvenBody): Promise<BreakEvenResult> {
    const card = await this.rates.current(request.workload.region ?? WORKLOAD_DEFAULTS.region);
    // Computed in slices with the event loop free in between (a long series must not stall other requests).
    return breakEvenYielding(request.workload, card, pricingOf(request), {
      vary: request.vary,
      from: request.from,
      to: request.to,
      steps: request.steps,
      crossovers: request.crossovers,
    });
  }

  /** An evaluation or estimate of a checked request against the rate card in force. */
  private async result<T extends Evaluation | Estimate>(
    request: EvaluationRequest,
    { volumeStudy = true }: ResultOptions,
    run: Compute<T>,
  ): Promise<T> {
    return this.compute(request, await this.rates.current(normalizedWorkloadOf(request).region), volumeStudy, run);
  }

  private compute<T>(request: EvaluationRequest, card: ServedRateCard, volumeStudy: boolean, run: Compute<T>): T {
    return run(normalizedWorkloadOf(request), card, pricingOf(request), studyOf(request, volumeStudy));
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }
}
