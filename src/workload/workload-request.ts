/**
 * The typed requests that carry a workload and their one parse: envelope, workload and pricing together, so one
 * error lists every bad field. The parse RETURNS the request with its workload normalized (`Checked`): REST runs
 * it from `@Body({ schema })` (Standard Schema, see src/common/validation/standard-schema.ts), GraphQL resolvers
 * call it on their arguments, and the service takes what it returns. No state outside the returned value.
 */
import {
  type BreakEvenRequest,
  collect,
  type FieldError,
  isObject,
  type NormalizedWorkload,
  normalizeWorkload,
  type OptionCode,
  validateCurrentOption,
  type PricingInput,
  validatePricing,
  validateVolumeRange,
  ValidationError,
  type VolumeRange,
  type WorkloadInput,
} from '../domain';
import { meantName, unknownFieldMessage } from '../domain';
import { checkAsStandardSchema } from '../common/validation/standard-schema';

export interface EvaluationRequest extends PricingInput {
  workload: WorkloadInput;
  /** Multipliers of the expected volume for cost bands and robustness (default 0.8–1.25). */
  volumeRange?: Partial<VolumeRange>;
  /** POST /v1/evaluations: the option that runs today, to compare with the best fit. */
  currentOption?: OptionCode;
  /** With currentOption: what runs costs a month as measured (e.g. `current.monthlyCostUsd` of /v1/workloads/from-metrics). */
  currentMonthlyCostUsd?: number;
}

export interface BreakEvenBody extends Omit<EvaluationRequest, 'volumeRange'>, BreakEvenRequest {}

const PRICED_FIELDS = ['workload', 'discountPercent', 'rateOverrides'];
const EVALUATION_FIELDS = [...PRICED_FIELDS, 'volumeRange'];
/** POST /v1/evaluations and evaluateWorkload also take what runs today. */
const EVALUATE_FIELDS = [...EVALUATION_FIELDS, 'currentOption', 'currentMonthlyCostUsd'];
const BREAK_EVEN_ONLY = ['vary', 'from', 'to', 'steps'];
const BREAK_EVEN_FIELDS = [...PRICED_FIELDS, ...BREAK_EVEN_ONLY];

/** Where the workload sits in the caller's request: `workload` in a REST body, `input` in GraphQL. */
export interface RequestPaths {
  workload: string;
}

const REST: RequestPaths = { workload: 'workload' };

/**
 * A request that passed its parse: the body as sent (`request`, typed) and its
 * workload normalized once (`workload`, what the domain takes).
 */
export interface Checked<R extends { workload: WorkloadInput }> {
  request: R;
  workload: NormalizedWorkload;
}

function check(body: unknown, allowed: string[], paths: RequestPaths): NormalizedWorkload {
  if (!isObject(body))
    throw new ValidationError([{ field: '(body)', message: 'the request body must be a JSON object' }]);
  const errors: FieldError[] = [];
  const meant = new Set<string>();
  for (const key of Object.keys(body)) {
    if (allowed.includes(key)) continue;
    // A near miss (workloads → workload) is one error naming the field meant, not also that field missing.
    const suggestion = meantName(
      key,
      allowed.filter((name) => body[name] === undefined),
    );
    if (suggestion) meant.add(suggestion);
    errors.push({ field: key, message: unknownFieldMessage(key, 'field', suggestion) });
  }
  const path = paths.workload;
  let workload: NormalizedWorkload | undefined;
  if (body.workload === undefined) {
    if (!meant.has('workload')) errors.push({ field: path, message: `${path} is required` });
  } else collect(errors, () => (workload = normalizeWorkload(body.workload as WorkloadInput, { path })));
  collect(errors, () =>
    validatePricing({
      discountPercent: body.discountPercent as number | undefined,
      rateOverrides: body.rateOverrides as Record<string, number> | undefined,
    }),
  );
  if (allowed !== BREAK_EVEN_FIELDS) collect(errors, () => validateVolumeRange(body.volumeRange));
  if (allowed === EVALUATE_FIELDS)
    collect(errors, () => validateCurrentOption(body.currentOption, body.currentMonthlyCostUsd));
  if (allowed === BREAK_EVEN_FIELDS) {
    for (const key of BREAK_EVEN_ONLY)
      if (body[key] === undefined && !meant.has(key)) errors.push({ field: key, message: `${key} is required` });
  }
  if (errors.length) throw new ValidationError(errors);
  return workload!;
}

/** POST /v1/evaluations and /v1/estimates; GraphQL evaluateWorkload and estimateCosts. */
export function parseEvaluationRequest(body: unknown, paths: RequestPaths = REST): Checked<EvaluationRequest> {
  return { workload: check(body, EVALUATION_FIELDS, paths), request: body as EvaluationRequest };
}

/** POST /v1/evaluations and GraphQL evaluateWorkload: an evaluation request that may name what runs today (currentOption). */
export function parseEvaluateRequest(body: unknown, paths: RequestPaths = REST): Checked<EvaluationRequest> {
  return { workload: check(body, EVALUATE_FIELDS, paths), request: body as EvaluationRequest };
}

/** POST /v1/break-even and GraphQL breakEven. The ranges of vary/from/to/steps are the domain's (breakEven). */
export function parseBreakEvenRequest(body: unknown, paths: RequestPaths = REST): Checked<BreakEvenBody> {
  return { workload: check(body, BREAK_EVEN_FIELDS, paths), request: body as BreakEvenBody };
}

/** Standard Schema objects for `@Body({ schema })`. */
export const EvaluationRequestSchema = checkAsStandardSchema('streamfit', (body) => parseEvaluationRequest(body));
export const BreakEvenRequestSchema = checkAsStandardSchema('streamfit', (body) => parseBreakEvenRequest(body));

/** The pricing options of a request. */
export function pricingOf(request: EvaluationRequest): PricingInput {
  return { discountPercent: request.discountPercent, rateOverrides: request.rateOverrides };
}
