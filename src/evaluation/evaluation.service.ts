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
import type { Rate } from '../domain/rate-card';
import { RatesService, type ServedRateCard } from '../rates/rates.service';
import { type BreakEvenBody, type Checked, type EvaluationRequest, pricingOf } from '../workload';
import { objectBytes, ResultCache } from './result-cache';

const resultKey = (operation: string, card: ServedRateCard, request: unknown): string =>
  `${operation}|${card.id}|${card.stale}|${keyJson(request)}`;

/** What the volume study of a request needs (the caller's workload, scaled at each volume, and the range). */
const studyOf = (request: EvaluationRequest, study: boolean): VolumeStudyInput => ({
  input: request.workload,
  volumeRange: request.volumeRange,
  study,
});

export interface ResultOptions {
  /** Compute cost bands and robustness (default true). */
  volumeStudy?: boolean;
  /** Look the result up in, and keep it in, the result cache (default true). */
  cache?: boolean;
}

/** The bytes (or, from a fallback serializer, the text) of a JSON answer. */
export type Json = string | Buffer;

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Requests arrive as the workload parse returns them
 * (src/workload/workload-request.ts): the body as sent and its normalized workload.
 */
@Injectable()
export class EvaluationService {
  /**
   * Evaluations and estimates (a few tens of KB each), kept from their second request within RESULT_CACHE_BYTES
   * (4 MB: ~140 full evaluations); break-even series are larger and rarely repeated, so they are not kept.
   */
  private readonly results: ResultCache<Evaluation | Estimate>;

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.results = new ResultCache<Evaluation | Estimate>(config.RESULT_CACHE_BYTES, objectBytes);
  }

  /**
   * `volumeStudy: false` leaves out cost bands and robustness (a GraphQL query that selects neither); the
   * answer is kept apart from the full one. `cache: false` neither looks up nor keeps the result: for a caller
   * that caches the answer itself (the REST answer cache keeps its bytes).
   */
  async evaluate(
    _caller: Caller,
    checked: Checked<EvaluationRequest>,
    options: ResultOptions = {},
  ): Promise<Evaluation> {
    const evaluation = await this.result('evaluate', checked, options, evaluateNormalized);
    const { request } = checked;
    if (!request.currentOption) return evaluation;
    // A new object: the cached evaluation is shared and stays as computed.
    return {
      ...evaluation,
      current: compareWithCurrent(evaluation, request.currentOption, request.currentMonthlyCostUsd),
    };
  }

  estimate(_caller: Caller, checked: Checked<EvaluationRequest>, options: ResultOptions = {}): Promise<Estimate> {
    return this.result('estimate', checked, options, estimateNormalized);
  }

  /** The rates (with their provenance) of the card version that priced a result; {} if it is no longer known. */
  async ratesOf(cardId: string): Promise<Readonly<Record<string, Rate>>> {
    return (await this.rates.version(cardId))?.rates ?? {};
  }

  async breakEven(
    _caller: Caller,
    { request, workload }: Checked<BreakEvenBody>,
    crossovers?: BreakEvenBody['crossovers'],
  ): Promise<BreakEvenResult> {
    const card = await this.rates.current(workload.region);
    // Computed in slices with the event loop free in between (a long series must not stall other requests).
    return breakEvenYielding(request.workload, card, pricingOf(request), {
      vary: request.vary,
      from: request.from,
      to: request.to,
      steps: request.steps,
      crossovers,
    });
  }

  /**
   * An evaluation or estimate of a checked request against the rate card in force, from the result cache when
   * the identical request was answered against the same card version and freshness (kept from its second
   * sighting, see ResultCache.admit).
   */
  private async result<T extends Evaluation | Estimate>(
    operation: 'evaluate' | 'estimate',
    { request, workload }: Checked<EvaluationRequest>,
    { volumeStudy = true, cache = true }: ResultOptions,
    compute: (w: NormalizedWorkload, card: ServedRateCard, pricing: PricingInput, volume: VolumeStudyInput) => T,
  ): Promise<T> {
    const card = await this.rates.current(workload.region);
    const run = () => compute(workload, card, pricingOf(request), studyOf(request, volumeStudy));
    if (!cache) return run();
    const key = resultKey(volumeStudy ? operation : `${operation}-lean`, card, request);
    const hit = this.results.get(key) as T | undefined;
    this.metrics.evaluationCache.inc({ operation, result: hit ? 'hit' : 'miss' });
    return hit ?? (this.results.admit(key, run()) as T);
  }

  /**
   * The result's name for a request body not yet checked (the REST answer cache looks it up before the check):
   * the key `result` uses for the same body once it is checked, or null when the body names no usable region.
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
