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
  type WorkloadInput,
} from '../domain';
import { DomainError, type FieldError, ValidationError } from '../domain/errors';
import { RatesService } from '../rates/rates.service';

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
  constructor(private readonly rates: RatesService) {}

  async evaluate(_caller: Caller, body: unknown, path = 'workload'): Promise<Evaluation> {
    const request = this.validate(body, EVALUATION_FIELDS, path);
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    return evaluate(request.workload, card, pricingOf(request));
  }

  async estimate(_caller: Caller, body: unknown, path = 'workload'): Promise<Estimate> {
    const request = this.validate(body, EVALUATION_FIELDS, path);
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    return estimate(request.workload, card, pricingOf(request));
  }

  async breakEven(_caller: Caller, body: unknown, path = 'workload'): Promise<BreakEvenResult> {
    const request = this.validate(body, BREAK_EVEN_FIELDS, path) as BreakEvenBody;
    const card = await this.rates.current(request.workload.region ?? 'us-east-1');
    return breakEven(request.workload, card, pricingOf(request), { vary: request.vary, from: request.from, to: request.to, steps: request.steps });
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
