import { Injectable } from '@nestjs/common';
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
  type FromNormalized,
  evaluateNormalized,
  type VolumeStudyInput,
} from '../domain';
import type { Rate } from '../domain';
import { RatesService } from '../rates/rates.service';
import { type BreakEvenBody, type Checked, type EvaluationRequest, pricingOf } from '../workload';

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

/** The bytes (or, from a fallback serializer, the text) of a JSON answer. */
export type Json = string | Buffer;

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Requests arrive as the workload parse returns them
 * (src/workload/workload-request.ts): the body as sent and its normalized workload.
 */
@Injectable()
export class EvaluationService {
  // No result cache: measured in npm run bench (README "Benchmarks"), a repeated request gained under 10 %, since a
  // kept result saves the domain's work but not the writing of its answer, which costs more.
  constructor(private readonly rates: RatesService) {}

  /**
   * `volumeStudy: false` leaves out cost bands and robustness (a GraphQL query that selects neither).
   */
  async evaluate(
    _caller: Caller,
    checked: Checked<EvaluationRequest>,
    options: ResultOptions = {},
  ): Promise<Evaluation> {
    const evaluation = await this.result(checked, options, evaluateNormalized);
    const { request } = checked;
    if (!request.currentOption) return evaluation;
    return {
      ...evaluation,
      current: compareWithCurrent(evaluation, request.currentOption, request.currentMonthlyCostUsd),
    };
  }

  estimate(_caller: Caller, checked: Checked<EvaluationRequest>, options: ResultOptions = {}): Promise<Estimate> {
    return this.result(checked, options, estimateNormalized);
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

  /** An evaluation or estimate of a checked request against the rate card in force. */
  private async result<T extends Evaluation | Estimate>(
    { request, workload }: Checked<EvaluationRequest>,
    { volumeStudy = true }: ResultOptions,
    compute: FromNormalized<T>,
  ): Promise<T> {
    const card = await this.rates.current(workload.region);
    return compute(workload, card, pricingOf(request), studyOf(request, volumeStudy));
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }
}
