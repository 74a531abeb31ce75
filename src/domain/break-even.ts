/**
 * Break-even: how each option's monthly cost moves as one variable grows, and where two options
 * swap places. Costs are piecewise linear with steps (shards, brokers, partitions, rounding), so a
 * crossover found between two samples is refined by bisection on the exact cost function: to 1e-7
 * (absolute; 1e-13 relative above 1e6) for ingest and retention, to the first integer for consumers. Sampled series use the
 * fast money path (same cents as decimal.js, see money.ts).
 */
import { runDecisionRules } from './decision';
import { type FieldError, ValidationError } from './errors';
import type { Issue } from './model.types';
import { buildOptionModels, type Choosable, pickWinner, sizingOf } from './evaluate';
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

/**
 * Which pairwise crossovers the answer lists: SWITCHES (default) only those where the cheapest eligible option
 * changes; ALL every pair's (the first BREAK_EVEN_MAX_CROSSOVERS along the axis).
 */
export const BREAK_EVEN_CROSSOVER_SETS = ['SWITCHES', 'ALL'] as const;
export type BreakEvenCrossoverSet = (typeof BREAK_EVEN_CROSSOVER_SETS)[number];

export interface BreakEvenRequest {
  vary: BreakEvenVariable;
  from: number;
  to: number;
  steps: number;
  /** SWITCHES when not given. */
  crossovers?: BreakEvenCrossoverSet;
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

/** A stretch of the swept range where one option stays the cheapest eligible one (or the recommended one). */
export interface BreakEvenSegment {
  /** Inclusive. */
  from: number;
  /** Exclusive, except the last segment's, which is the range's end. */
  to: number;
  /** null where no option is eligible and priced (cheapest) or none fits (recommended). */
  option: OptionCode | null;
}

export type SwitchKind = 'CHEAPEST' | 'RECOMMENDED';

/** Where the cheapest eligible option, or the recommended one, changes. */
export interface SwitchPoint {
  kind: SwitchKind;
  /** First value of the variable (6 decimals; integers for consumers) with the new option. */
  at: number;
  before: OptionCode | null;
  after: OptionCode | null;
  /** `before`'s monthly cost at `at` (null where it is ineligible or unpriced there). */
  beforeMonthlyCostUsd: number | null;
  /** `after`'s monthly cost at `at`. */
  afterMonthlyCostUsd: number | null;
  /** false past the cap (BREAK_EVEN_MAX_CROSSOVERS per kind): `at` is then the first sample with the new option. */
  exact: boolean;
}

export interface BreakEvenResult {
  vary: BreakEvenVariable;
  field: string;
  unit: string;
  from: number;
  to: number;
  steps: number;
  series: BreakEvenSeries[];
  /** The cheapest eligible option along the range, segment by segment. */
  segments: BreakEvenSegment[];
  /** The option the decision rules recommend along the range, segment by segment. */
  recommendedSegments: BreakEvenSegment[];
  /** Where the cheapest (CHEAPEST) or the recommended option (RECOMMENDED) changes, along the axis. */
  switchPoints: SwitchPoint[];
  /** Which crossovers `crossovers` lists. */
  crossoverSet: BreakEvenCrossoverSet;
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
  if (req?.crossovers !== undefined && !(BREAK_EVEN_CROSSOVER_SETS as readonly unknown[]).includes(req.crossovers))
    errors.push({
      field: 'crossovers',
      message: `crossovers must be one of ${BREAK_EVEN_CROSSOVER_SETS.join(', ')}`,
    });
  if (isNum(req?.from) && isNum(req?.to) && !(req.from < req.to))
    errors.push({ field: 'from', message: 'from must be less than to' });
  if (errors.length > 0) throw new ValidationError(errors, 'The break-even request is not valid');
}

/** Cents per option at one value of the variable (null = ineligible or unpriced). */
type CostVector = Record<OptionCode, number | null>;

/** One value of the variable priced: each option's cents and the option the decision rules recommend there. */
interface PricedPoint {
  cents: CostVector;
  recommended: OptionCode | null;
}

/** The cheapest eligible priced option (ties: the first in option-code order); null when none is. */
function cheapestOf(c: CostVector): OptionCode | null {
  let best: OptionCode | null = null;
  for (const code of OPTION_CODES) {
    const v = c[code];
    if (v !== null && (best === null || v < c[best]!)) best = code;
  }
  return best;
}

function makeCostFunction(
  input: WorkloadInput,
  rates: RateResolver,
  vary: BreakEvenVariable,
): (x: number) => PricedPoint {
  const base = normalizeWorkload(input);
  const peakFromInput = base.peakSource === 'INPUT';
  const ratio = base.peakFactor;
  const activeHours = base.activeHoursPerDay;
  return (x: number): PricedPoint => {
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
    const { disqualifiedBy, flow } = runDecisionRules(w, sizingOf(models), true);
    const out = {} as CostVector;
    const light: Choosable[] = [];
    for (const code of OPTION_CODES) {
      const eligible = disqualifiedBy[code].length === 0;
      const total = eligible ? priceTotalCents(models[code].drafts, rates) : null;
      out[code] = total;
      light.push({ option: code, eligible, monthlyCostUsd: total === null ? null : total / 100 });
    }
    return { cents: out, recommended: pickWinner(light, flow).choice?.option ?? null };
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

/** Smallest x in (lo, hi] where `flipped` holds, by bisection (`flipped(hi)` holds). Yields after every cost evaluation. */
function* bisect(flipped: (x: number) => boolean, lo: number, hi: number, integer: boolean): Generator<void, number> {
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

/** Where A and B swap places: the smallest x in (lo, hi] where sign(A − B) equals `target`. */
const pairFlip =
  (cost: (x: number) => PricedPoint, a: OptionCode, b: OptionCode, target: number) =>
  (x: number): boolean => {
    const c = cost(x).cents;
    return sign(c[a], c[b]) === target;
  };

/** The option a point has for `kind`: the cheapest eligible one, or the recommended one. */
const optionFor = (kind: SwitchKind, p: PricedPoint): OptionCode | null =>
  kind === 'CHEAPEST' ? cheapestOf(p.cents) : p.recommended;

/**
 * Leaves `option` for `kind`: the recommendation is another one, or (CHEAPEST) `option` is no longer priced or
 * another is strictly cheaper (a tie keeps it).
 */
function leaves(kind: SwitchKind, option: OptionCode | null, p: PricedPoint): boolean {
  if (kind === 'RECOMMENDED') return p.recommended !== option;
  if (option === null) return cheapestOf(p.cents) !== null;
  const own = p.cents[option];
  return own === null || OPTION_CODES.some((code) => p.cents[code] !== null && p.cents[code]! < own);
}

/**
 * The switch points of one kind along the samples: between two samples where the option changes, each change is
 * solved by bisection (the first `maxSolved` of them; later ones are given at the sample, `exact: false`), and
 * a bracket holding more than one change is walked change by change.
 */
function* switchesOf(
  kind: SwitchKind,
  cost: (x: number) => PricedPoint,
  xs: number[],
  points: PricedPoint[],
  integer: boolean,
  maxSolved: number,
): Generator<void, SwitchPoint[]> {
  const out: SwitchPoint[] = [];
  let current = optionFor(kind, points[0]);
  for (let k = 1; k < xs.length; k++) {
    if (!leaves(kind, current, points[k])) continue;
    const target = optionFor(kind, points[k]);
    let lo = xs[k - 1];
    // At most a few changes inside one bracket (each solved point moves `lo` past the last change).
    for (let guard = 0; guard < OPTION_CODES.length + 1 && current !== target; guard++) {
      const solve = out.length < maxSolved;
      const from = current;
      const at = solve ? yield* bisect((x) => leaves(kind, from, cost(x)), lo, xs[k], integer) : xs[k];
      const p = solve ? cost(at) : points[k];
      // Solved: `from` has left at `at` (bisect's answer always holds the change).
      const next = optionFor(kind, p);
      out.push({
        kind,
        at,
        before: from,
        after: next,
        beforeMonthlyCostUsd: from === null || p.cents[from] === null ? null : p.cents[from]! / 100,
        afterMonthlyCostUsd: next === null || p.cents[next] === null ? null : p.cents[next]! / 100,
        exact: solve,
      });
      current = next;
      lo = at;
      // A tie at xs[k] keeps the option reached (a tie keeps the cheapest): the next bracket starts from it.
      if (!solve || at >= xs[k] || !leaves(kind, current, points[k])) break;
    }
  }
  return out;
}

/** The segments between the switch points of one kind. */
function segmentsOf(from: number, to: number, first: OptionCode | null, switches: SwitchPoint[]): BreakEvenSegment[] {
  const segments: BreakEvenSegment[] = [];
  let start = from;
  let option = first;
  for (const s of switches) {
    if (s.at > start) segments.push({ from: start, to: s.at, option });
    start = s.at;
    option = s.after;
  }
  segments.push({ from: start, to, option });
  return segments;
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

/**
 * Every pair's crossovers: where each pair of options swaps places between two samples (cheap), then the exact
 * points of the first `maxCrossovers` of them along the axis (each a bisection): a caller cannot make the answer,
 * or its work, unbounded. `brackets` counts them all.
 */
function* pairwiseCrossovers(
  cost: (x: number) => PricedPoint,
  xs: number[],
  vectors: CostVector[],
  integer: boolean,
  maxCrossovers: number,
): Generator<void, { crossovers: Crossover[]; brackets: number }> {
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
    const at = yield* bisect(pairFlip(cost, a, b, s), lo, xs[k], integer);
    const c = cost(at).cents;
    crossovers.push({
      optionA: a,
      optionB: b,
      at,
      monthlyCostUsd: (c[a] ?? vectors[k][a]!) / 100,
      optionBMonthlyCostUsd: (c[b] ?? vectors[k][b]!) / 100,
      cheaperAfter: s < 0 ? a : b,
    });
  }
  return { crossovers: sortCrossovers(crossovers), brackets: brackets.length };
}

/**
 * The crossovers at the switches of the cheapest option: where the cheapest one is overtaken by another priced
 * option (not where it merely stops being eligible), solved switches only.
 */
function switchCrossovers(switches: SwitchPoint[]): Crossover[] {
  const out: Crossover[] = [];
  for (const p of switches) {
    if (!p.exact || p.before === null || p.after === null) continue;
    if (p.beforeMonthlyCostUsd === null || p.afterMonthlyCostUsd === null) continue;
    const beforeFirst = OPTION_CODES.indexOf(p.before) < OPTION_CODES.indexOf(p.after);
    out.push({
      optionA: beforeFirst ? p.before : p.after,
      optionB: beforeFirst ? p.after : p.before,
      at: p.at,
      monthlyCostUsd: beforeFirst ? p.beforeMonthlyCostUsd : p.afterMonthlyCostUsd,
      optionBMonthlyCostUsd: beforeFirst ? p.afterMonthlyCostUsd : p.beforeMonthlyCostUsd,
      cheaperAfter: p.after,
    });
  }
  return sortCrossovers(out);
}

const sortCrossovers = (crossovers: Crossover[]): Crossover[] =>
  crossovers.sort(
    (p, q) =>
      p.at - q.at ||
      OPTION_CODES.indexOf(p.optionA) - OPTION_CODES.indexOf(q.optionA) ||
      OPTION_CODES.indexOf(p.optionB) - OPTION_CODES.indexOf(q.optionB),
  );

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
  const points: PricedPoint[] = [];
  for (const x of xs) {
    points.push(cost(x));
    yield;
  }
  const vectors = points.map((p) => p.cents);

  const series: BreakEvenSeries[] = OPTION_CODES.map((option) => ({
    option,
    points: xs.map((x, i) => ({ x, monthlyCostUsd: vectors[i][option] === null ? null : vectors[i][option]! / 100 })),
  }));

  // When to switch: the cheapest eligible option and the recommended one along the range, each change solved
  // exactly (at most `maxCrossovers` per kind, like the crossovers).
  const cheapestSwitches = yield* switchesOf('CHEAPEST', cost, xs, points, axis.integer, maxCrossovers);
  const recommendedSwitches = yield* switchesOf('RECOMMENDED', cost, xs, points, axis.integer, maxCrossovers);
  const switchPoints = [...cheapestSwitches, ...recommendedSwitches].sort(
    (p, q) => p.at - q.at || (p.kind === q.kind ? 0 : p.kind === 'CHEAPEST' ? -1 : 1),
  );
  const crossoverSet = req.crossovers ?? 'SWITCHES';
  const { crossovers, brackets } =
    crossoverSet === 'ALL'
      ? yield* pairwiseCrossovers(cost, xs, vectors, axis.integer, maxCrossovers)
      : { crossovers: switchCrossovers(cheapestSwitches), brackets: 0 };

  const warnings: Issue[] = [];
  if (brackets > maxCrossovers)
    warnings.push({
      code: 'CROSSOVERS_CAPPED',
      message: `The options swap places ${brackets} times over this range: the first ${maxCrossovers} along it are listed. Narrow the range to see the others.`,
    });
  if (switchPoints.some((p) => !p.exact))
    warnings.push({
      code: 'SWITCHES_CAPPED',
      message: `The cheapest or recommended option changes more than ${maxCrossovers} times over this range: the first ${maxCrossovers} of each are solved exactly, the others are given at the first sample with the new option (exact: false). Narrow the range to solve them.`,
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
    segments: segmentsOf(req.from, req.to, optionFor('CHEAPEST', points[0]), cheapestSwitches),
    recommendedSegments: segmentsOf(req.from, req.to, points[0].recommended, recommendedSwitches),
    switchPoints,
    crossoverSet,
    crossovers,
    rateCard: rates.ref(),
    basis: EVALUATION_BASIS,
    warnings,
  };
}
