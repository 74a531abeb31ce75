import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import {
  type BreakEvenRequest,
  type BreakEvenResult,
  breakEven,
  DECISION_RULES,
  type DecisionRule,
  estimate,
  type Estimate,
  evaluate,
  type Evaluation,
  normalizeWorkload,
  type PricingInput,
  validatePricing,
  validateVolumeRange,
  type WorkloadInput,
} from '../domain';
import { DomainError, type FieldError, ValidationError } from '../domain/errors';
import { Metrics } from '../infrastructure/metrics/metrics';
import { RatesService, type ServedRateCard } from '../rates/rates.service';
import { ResultCache } from './result-cache';

export interface EvaluationRequest {
  workload: WorkloadInput;
  discountPercent?: number;
  rateOverrides?: Record<string, number>;
  volumeRange?: unknown;
}

export interface BreakEvenBody extends EvaluationRequest, BreakEvenRequest {}

const PRICING_FIELDS = ['workload', 'discountPercent', 'rateOverrides'];
const EVALUATION_FIELDS = [...PRICING_FIELDS, 'volumeRange'];
const BREAK_EVEN_FIELDS = [...PRICING_FIELDS, 'vary', 'from', 'to', 'steps'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Runs a check and turns its ValidationError into field errors, so every bad field is reported at once. */
function collect(errors: FieldError[], check: () => unknown): void {
  try {
    check();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') errors.push(...(e.details.fields ?? []));
    else throw e;
  }
}

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Validation is the domain's, from the workload schema.
 */
@Injectable()
export class EvaluationService {
  /** Evaluations and estimates (a few tens of KB each); break-even series are larger and rarely repeated, so they are not kept. */
  private readonly results = new ResultCache<Evaluation | Estimate>(100);

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
  ) {}

  async evaluate(caller: Caller, body: unknown, path = 'workload'): Promise<Evaluation> {
    return (await this.evaluateEntry(caller, body, path)).value;
  }

  /** The evaluation and, once written, its JSON text: REST sends the text as it is. */
  evaluateEntry(_caller: Caller, body: unknown, path = 'workload') {
    return this.memo('evaluate', body, EVALUATION_FIELDS, path, (request, card) => evaluate(request.workload, card, pricingOf(request), request.volumeRange)) as Promise<{ value: Evaluation; json?: string }>;
  }

  async estimate(_caller: Caller, body: unknown, path = 'workload'): Promise<Estimate> {
    const entry = await this.memo('estimate', body, EVALUATION_FIELDS, path, (request, card) => estimate(request.workload, card, pricingOf(request), request.volumeRange));
    return entry.value as Estimate;
  }

  async breakEven(_caller: Caller, body: unknown, path = 'workload'): Promise<BreakEvenResult> {
    const request = this.validate(body, BREAK_EVEN_FIELDS, path) as BreakEvenBody;
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    return breakEven(request.workload, card, pricingOf(request), { vary: request.vary, from: request.from, to: request.to, steps: request.steps });
  }

  /**
   * Validate, find the rate card, and compute — or reuse the result of the identical request against the
   * same card version and freshness (ResultCache). Invalid requests never reach the cache.
   */
  private async memo(
    operation: string,
    body: unknown,
    allowed: string[],
    path: string,
    compute: (request: EvaluationRequest, card: ServedRateCard) => Evaluation | Estimate,
  ) {
    const request = this.validate(body, allowed, path);
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    const key = `${operation}|${card.id}|${card.stale}|${JSON.stringify(body)}`;
    const hit = this.results.get(key);
    this.metrics.evaluationCache.inc({ operation, result: hit ? 'hit' : 'miss' });
    return hit ?? this.results.set(key, compute(request, card));
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }

  /** Envelope, workload and pricing checked together: one error listing every bad field. */
  private validate(body: unknown, allowed: string[], path: string): EvaluationRequest {
    if (!isObject(body)) throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
    const errors: FieldError[] = [];
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) errors.push({ field: key, message: `${key} is not a known field` });
    }
    if (body.workload === undefined) errors.push({ field: path, message: `${path} is required` });
    else collect(errors, () => normalizeWorkload(body.workload as WorkloadInput, { path }));
    collect(errors, () => validatePricing({ discountPercent: body.discountPercent as number | undefined, rateOverrides: body.rateOverrides as Record<string, number> | undefined }));
    if (allowed.includes('volumeRange')) collect(errors, () => validateVolumeRange(body.volumeRange));
    if (allowed.includes('vary')) {
      for (const key of ['vary', 'from', 'to', 'steps']) if (body[key] === undefined) errors.push({ field: key, message: `${key} is required` });
    }
    if (errors.length) throw new ValidationError(errors);
    return body as unknown as EvaluationRequest;
  }
}

function pricingOf(request: EvaluationRequest): PricingInput {
  return { discountPercent: request.discountPercent, rateOverrides: request.rateOverrides };
}
