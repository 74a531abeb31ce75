import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import {
  type BreakEvenRequest,
  type BreakEvenResult,
  breakEven,
  DECISION_RULES,
  type DecisionRule,
  type Estimate,
  estimateNormalized,
  type Evaluation,
  evaluateNormalized,
  type NormalizedWorkload,
  normalizeWorkload,
  type PricingInput,
  validatePricing,
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
}

export interface BreakEvenBody extends EvaluationRequest, BreakEvenRequest {}

const EVALUATION_FIELDS = ['workload', 'discountPercent', 'rateOverrides'];
const BREAK_EVEN_FIELDS = [...EVALUATION_FIELDS, 'vary', 'from', 'to', 'steps'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Runs a check and turns its ValidationError into field errors, so every bad field is reported at once. */
function collect<T>(errors: FieldError[], check: () => T): T | undefined {
  try {
    return check();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') errors.push(...(e.details.fields ?? []));
    else throw e;
  }
  return undefined;
}

/** A request that passed validation, with its workload normalized once (the domain takes it as it is). */
interface ValidRequest {
  request: EvaluationRequest;
  workload: NormalizedWorkload;
}

/** The bytes (or, from a fallback serializer, the text) of a JSON answer. */
export type Json = string | Buffer;

/**
 * The one application service behind POST /v1/evaluations, /v1/estimates, /v1/break-even and the
 * GraphQL evaluateWorkload / estimateCosts / breakEven. Validation is the domain's, from the workload schema.
 */
@Injectable()
export class EvaluationService {
  /**
   * Evaluations and estimates (a few tens of KB each), kept from their second request; break-even series are
   * larger and rarely repeated, so they are not kept.
   */
  private readonly results = new ResultCache<Evaluation | Estimate>(100);
  /** REST evaluation answers as the JSON bytes sent (kept at once: a Buffer costs the garbage collector nothing to keep). */
  private readonly answers = new ResultCache<Json>(100);

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
  ) {}

  async evaluate(_caller: Caller, body: unknown, path = 'workload'): Promise<Evaluation> {
    const { key, valid, card } = await this.prepare('evaluate', body, EVALUATION_FIELDS, path);
    const hit = this.results.get(key) as Evaluation | undefined;
    this.metrics.evaluationCache.inc({ operation: 'evaluate', result: hit ? 'hit' : 'miss' });
    return hit ?? (this.results.admit(key, evaluateNormalized(valid.workload, card, pricingOf(valid.request))) as Evaluation);
  }

  /**
   * The evaluation as JSON, written by `write` (REST: the route's serializer) — or the bytes written for the
   * identical request against the same rates before, sent again as they are.
   */
  async evaluateJson(_caller: Caller, body: unknown, write: (evaluation: Evaluation) => Json): Promise<Json> {
    const { key, valid, card } = await this.prepare('evaluate', body, EVALUATION_FIELDS, 'workload');
    const hit = this.answers.get(key);
    this.metrics.evaluationCache.inc({ operation: 'evaluate', result: hit ? 'hit' : 'miss' });
    return hit ?? this.answers.set(key, write(evaluateNormalized(valid.workload, card, pricingOf(valid.request))));
  }

  async estimate(_caller: Caller, body: unknown, path = 'workload'): Promise<Estimate> {
    const { key, valid, card } = await this.prepare('estimate', body, EVALUATION_FIELDS, path);
    const hit = this.results.get(key) as Estimate | undefined;
    this.metrics.evaluationCache.inc({ operation: 'estimate', result: hit ? 'hit' : 'miss' });
    return hit ?? (this.results.admit(key, estimateNormalized(valid.workload, card, pricingOf(valid.request))) as Estimate);
  }

  async breakEven(_caller: Caller, body: unknown, path = 'workload'): Promise<BreakEvenResult> {
    const request = this.validate(body, BREAK_EVEN_FIELDS, path).request as BreakEvenBody;
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    return breakEven(request.workload, card, pricingOf(request), { vary: request.vary, from: request.from, to: request.to, steps: request.steps });
  }

  /**
   * Validate (normalizing the workload once), find the rate card, and name the result: the identical request
   * against the same card version and freshness has the same key (ResultCache). Invalid requests never reach a cache.
   */
  private async prepare(operation: string, body: unknown, allowed: string[], path: string): Promise<{ key: string; valid: ValidRequest; card: ServedRateCard }> {
    const valid = this.validate(body, allowed, path);
    const card = await this.rates.current(valid.workload.region);
    return { key: `${operation}|${card.id}|${card.stale}|${JSON.stringify(body)}`, valid, card };
  }

  decisionRules(): readonly DecisionRule[] {
    return DECISION_RULES;
  }

  /** Envelope, workload and pricing checked together: one error listing every bad field. */
  private validate(body: unknown, allowed: string[], path: string): ValidRequest {
    if (!isObject(body)) throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
    const errors: FieldError[] = [];
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) errors.push({ field: key, message: `${key} is not a known field` });
    }
    let workload: NormalizedWorkload | undefined;
    if (body.workload === undefined) errors.push({ field: path, message: `${path} is required` });
    else workload = collect(errors, () => normalizeWorkload(body.workload as WorkloadInput, { path }));
    collect(errors, () => validatePricing({ discountPercent: body.discountPercent as number | undefined, rateOverrides: body.rateOverrides as Record<string, number> | undefined }));
    if (allowed.includes('vary')) {
      for (const key of ['vary', 'from', 'to', 'steps']) if (body[key] === undefined) errors.push({ field: key, message: `${key} is required` });
    }
    if (errors.length || !workload) throw new ValidationError(errors);
    return { request: body as unknown as EvaluationRequest, workload };
  }
}

function pricingOf(request: EvaluationRequest): PricingInput {
  return { discountPercent: request.discountPercent, rateOverrides: request.rateOverrides };
}
