/**
 * Break-even: how each option's monthly cost moves as one variable grows, and where two options
 * swap places. Costs are piecewise linear with steps (shards, brokers, partitions, rounding), so a
 * crossover found between two samples is refined by bisection on the exact cost function: to 1e-7
 * (absolute; 1e-13 relative above 1e6) for ingest and retention, to the first integer for consumers. Sampled series use the
 * fast money path (same cents as decimal.js, see money.ts).
 */
import { runDecisionRules } from './decision';
import { type FieldError, ValidationError } from './errors';
import type { Issue } from './evaluation.types';
import { buildOptionModels, sizingOf } from './evaluate';
import { OPTION_CODES, type OptionCode } from './options';
import { priceTotalCents } from './pricing/line-draft';
import { scaleVolume } from './robustness';
import { type PricingInput, type RateCardRef, RateResolver } from './pricing/rate-resolver';
import type { RateCard } from './rate-card';
import { MB_PER_GB, SECONDS_PER_HOUR } from './units';
import type { WorkloadInput } from './workload';
import { EVALUATION_BASIS, type EvaluationBasis, normalizeWorkload } from './workload.normalization';

export const BREAK_EVEN_VARIABLES = ['ingest', 'consumers', 'retention'] as const;
export type BreakEvenVariable = (typeof BREAK_EVEN_VARIABLES)[number];

/** What each variable changes in the workload, its unit and bounds (the workload schema's bounds). */
export const BREAK_EVEN_AXES: Readonly<
  Record<
    BreakEvenVariable,
    {
      field: 'ingestGbPerDay' | 'sharedConsumers' | 'retentionHours';
      unit: string;
      min: number;
      max: number;
      integer: boolean;
    }
  >
> = {
  ingest: { field: 'ingestGbPerDay', unit: 'GB/day', min: 0, max: 1000000, integer: false },
  consumers: { field: 'sharedConsumers', unit: 'consumers', min: 0, max: 1000, integer: true },
  retention: { field: 'retentionHours', unit: 'h', min: 1, max: 87600, integer: false },
};

export const BREAK_EVEN_MIN_STEPS = 2;
export const BREAK_EVEN_MAX_STEPS = 1000;
/** Crossover points solved and listed per answer at most (the first along the axis); more are counted in a warning. */
export const BREAK_EVEN_MAX_CROSSOVERS = 50;

export interface BreakEvenRequest {
  vary: BreakEvenVariable;
  from: number;
  to: number;
  steps: number;
}

export interface BreakEvenPoint {
  x: number;
  /** null when the option is ineligible or unpriced at x. */
  monthlyCostUsd: number | null;
}

export interface BreakEvenSeries {
  option: OptionCode;
  points: BreakEvenPoint[];
}

export interface Crossover {
  optionA: OptionCode;
  optionB: OptionCode;
  /** First value of the variable (6 decimals, rounded up; integers for consumers) where the order of A and B has flipped. */
  at: number;
  /** optionA's monthly cost at `at`. */
  monthlyCostUsd: number;
  optionBMonthlyCostUsd: number;
  /** The option that is cheaper from `at` on. */
  cheaperAfter: OptionCode;
}

export interface BreakEvenResult {
  vary: BreakEvenVariable;
  field: string;
  unit: string;
  from: number;
  to: number;
  steps: number;
  series: BreakEvenSeries[];
  crossovers: Crossover[];
  rateCard: RateCardRef;
  basis: EvaluationBasis;
  warnings: Issue[];
}

function validateRequest(req: BreakEvenRequest): void {
  const errors: FieldError[] = [];
  const axes = BREAK_EVEN_AXES as Record<string, (typeof BREAK_EVEN_AXES)[BreakEvenVariable] | undefined>;
  const axis = typeof req?.vary === 'string' && Object.hasOwn(axes, req.vary) ? axes[req.vary] : undefined;
  if (!axis) errors.push({ field: 'vary', message: `vary must be one of ${BREAK_EVEN_VARIABLES.join(', ')}` });
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (
    !isNum(req?.steps) ||
    !Number.isInteger(req.steps) ||
    req.steps < BREAK_EVEN_MIN_STEPS ||
    req.steps > BREAK_EVEN_MAX_STEPS
  )
    errors.push({
      field: 'steps',
      message: `steps must be an integer between ${BREAK_EVEN_MIN_STEPS} and ${BREAK_EVEN_MAX_STEPS}`,
    });
  for (const key of ['from', 'to'] as const) {
    const v = req?.[key];
    if (!isNum(v)) errors.push({ field: key, message: `${key} must be a finite number` });
    else if (axis && (v < axis.min || v > axis.max))
      errors.push({ field: key, message: `${key} must be between ${axis.min} and ${axis.max} for vary=${req.vary}` });
    else if (axis?.integer && !Number.isInteger(v))
      errors.push({ field: key, message: `${key} must be an integer for vary=${req.vary}` });
  }
  if (isNum(req?.from) && isNum(req?.to) && !(req.from < req.to))
    errors.push({ field: 'from', message: 'from must be less than to' });
  if (errors.length > 0) throw new ValidationError(errors, 'The break-even request is not valid');
}

/** Cents per option at one value of the variable (null = ineligible or unpriced). */
type CostVector = Record<OptionCode, number | null>;

function makeCostFunction(
  input: WorkloadInput,
  rates: RateResolver,
  vary: BreakEvenVariable,
): (x: number) => CostVector {
  const base = normalizeWorkload(input);
  const peakFromInput = base.peakSource === 'INPUT';
  const ratio = base.peakFactor;
  const activeHours = base.activeHoursPerDay;
  return (x: number): CostVector => {
    let variant: WorkloadInput;
    if (vary === 'ingest' && base.hourlyWriteMBps && base.ingestGbPerDay > 0) {
      // A daily profile keeps its shape: every hour (and a given peak) scaled to x GB/day.
      variant = scaleVolume(input, x / base.ingestGbPerDay);
    } else if (vary === 'ingest') {
      variant = {
        ...input,
        ingestGbPerDay: x,
        avgWriteMBps: undefined,
        hourlyWriteMBps: undefined,
        peakWriteMBps: undefined,
      };
      if (peakFromInput) {
        const avg = (x * MB_PER_GB) / (activeHours * SECONDS_PER_HOUR);
        variant.peakWriteMBps = Math.max(avg, avg * ratio);
      }
    } else if (vary === 'consumers') {
      variant = { ...input, sharedConsumers: x };
    } else {
      variant = { ...input, retentionHours: x };
    }
    const w = normalizeWorkload(variant);
    const models = buildOptionModels(w, rates);
    const { disqualifiedBy } = runDecisionRules(w, sizingOf(models), true);
    const out = {} as CostVector;
    for (const code of OPTION_CODES) {
      out[code] = disqualifiedBy[code].length > 0 ? null : priceTotalCents(models[code].drafts, rates);
    }
    return out;
  };
}

function samplePoints(req: BreakEvenRequest): number[] {
  const xs: number[] = [];
  const integer = BREAK_EVEN_AXES[req.vary].integer;
  for (let i = 0; i < req.steps; i++) {
    let x = i === req.steps - 1 ? req.to : req.from + ((req.to - req.from) * i) / (req.steps - 1);
    if (integer) x = Math.round(x);
    if (xs.length === 0 || xs[xs.length - 1] !== x) xs.push(x);
  }
  return xs;
}

const sign = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.sign(a - b);

/** Smallest x in (lo, hi] where sign(A − B) equals `target`, by bisection. Yields after every cost evaluation. */
function* bisect(
  cost: (x: number) => CostVector,
  a: OptionCode,
  b: OptionCode,
  lo: number,
  hi: number,
  target: number,
  integer: boolean,
): Generator<void, number> {
  const flipped = (x: number): boolean => {
    const c = cost(x);
    return sign(c[a], c[b]) === target;
  };
  if (integer) {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (flipped(mid)) hi = mid;
      else lo = mid;
      yield;
    }
    return hi;
  }
  for (let i = 0; i < 200 && hi - lo > Math.max(1e-7, Math.abs(hi) * 1e-13); i++) {
    const mid = lo + (hi - lo) / 2;
    if (flipped(mid)) hi = mid;
    else lo = mid;
    yield;
  }
  // Round up to 6 decimals, staying on the flipped side unless that passes the end of the bracket.
  const up = Math.ceil(hi * 1e6 - 1e-6) / 1e6;
  return flipped(up) ? up : hi;
}

/**
 * Cost series for every option over `from..to` (`steps` points) and the exact crossover points.
 * vary: ingest → ingestGbPerDay (peak keeps its ratio to the average; a daily profile keeps its shape); consumers → sharedConsumers; retention → retentionHours.
 */
export function breakEven(
  input: WorkloadInput,
  card: RateCard,
  pricing: PricingInput | undefined,
  req: BreakEvenRequest,
  maxCrossovers = BREAK_EVEN_MAX_CROSSOVERS,
): BreakEvenResult {
  const steps = breakEvenSteps(input, card, pricing, req, maxCrossovers);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same result as `breakEven`, computed in slices of at most `sliceMs` of CPU with the event loop free in
 * between (a 1,000-step series takes hundreds of ms; health checks and other requests must not wait for it).
 */
export async function breakEvenYielding(
  input: WorkloadInput,
  card: RateCard,
  pricing: PricingInput | undefined,
  req: BreakEvenRequest,
  sliceMs = 10,
): Promise<BreakEvenResult> {
  const steps = breakEvenSteps(input, card, pricing, req);
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** Break-even as a generator that yields after every cost evaluation (one workload priced six ways). */
function* breakEvenSteps(
  input: WorkloadInput,
  card: RateCard,
  pricing: PricingInput | undefined,
  req: BreakEvenRequest,
  maxCrossovers = BREAK_EVEN_MAX_CROSSOVERS,
): Generator<void, BreakEvenResult> {
  validateRequest(req);
  const base = normalizeWorkload(input);
  if (base.region !== card.region) {
    throw new ValidationError([
      {
        field: 'workload.region',
        message: `region ${base.region} does not match the rate card's region ${card.region}`,
      },
    ]);
  }
  const rates = new RateResolver(card, pricing);
  const axis = BREAK_EVEN_AXES[req.vary];
  const cost = makeCostFunction(input, rates, req.vary);
  const xs = samplePoints(req);
  const vectors: CostVector[] = [];
  for (const x of xs) {
    vectors.push(cost(x));
    yield;
  }

  const series: BreakEvenSeries[] = OPTION_CODES.map((option) => ({
    option,
    points: xs.map((x, i) => ({ x, monthlyCostUsd: vectors[i][option] === null ? null : vectors[i][option]! / 100 })),
  }));

  // Where each pair of options swaps places between two samples (cheap), then the exact points of the first
  // `maxCrossovers` of them along the axis (each a bisection): a caller cannot make the answer, or its work, unbounded.
  const brackets: { a: OptionCode; b: OptionCode; lo: number; k: number; s: number }[] = [];
  for (let i = 0; i < OPTION_CODES.length; i++) {
    for (let j = i + 1; j < OPTION_CODES.length; j++) {
      const a = OPTION_CODES[i];
      const b = OPTION_CODES[j];
      let prevSign = 0;
      let prevX = 0;
      for (let k = 0; k < xs.length; k++) {
        const s = sign(vectors[k][a], vectors[k][b]);
        if (s === null) {
          prevSign = 0;
          continue;
        }
        if (s === 0) continue;
        if (prevSign !== 0 && s !== prevSign) brackets.push({ a, b, lo: prevX, k, s });
        prevSign = s;
        prevX = xs[k];
      }
    }
  }
  brackets.sort((p, q) => p.lo - q.lo);
  const crossovers: Crossover[] = [];
  for (const { a, b, lo, k, s } of brackets.slice(0, maxCrossovers)) {
    const at = yield* bisect(cost, a, b, lo, xs[k], s, axis.integer);
    const c = cost(at);
    crossovers.push({
      optionA: a,
      optionB: b,
      at,
      monthlyCostUsd: (c[a] ?? vectors[k][a]!) / 100,
      optionBMonthlyCostUsd: (c[b] ?? vectors[k][b]!) / 100,
      cheaperAfter: s < 0 ? a : b,
    });
  }
  crossovers.sort(
    (p, q) =>
      p.at - q.at ||
      OPTION_CODES.indexOf(p.optionA) - OPTION_CODES.indexOf(q.optionA) ||
      OPTION_CODES.indexOf(p.optionB) - OPTION_CODES.indexOf(q.optionB),
  );

  const warnings: Issue[] = [];
  if (brackets.length > maxCrossovers)
    warnings.push({
      code: 'CROSSOVERS_CAPPED',
      message: `The options swap places ${brackets.length} times over this range: the first ${maxCrossovers} along it are listed. Narrow the range to see the others.`,
    });
  if (card.stale)
    warnings.push({
      code: 'RATE_CARD_STALE',
      message: `The ${card.region} rate card (fetched ${card.fetchedAt}) is stale: prices may be out of date.`,
    });
  for (const s of series) {
    if (s.points.every((p) => p.monthlyCostUsd === null))
      warnings.push({
        code: 'OPTION_NEVER_AVAILABLE',
        message: `${s.option} is ineligible or unpriced over the whole range.`,
      });
  }
  return {
    vary: req.vary,
    field: axis.field,
    unit: axis.unit,
    from: req.from,
    to: req.to,
    steps: req.steps,
    series,
    crossovers,
    rateCard: rates.ref(),
    basis: EVALUATION_BASIS,
    warnings,
  };
}
