/**
 * Cost bands and robustness over a volume range: every option is priced at volumes from
 * `low` × to `high` × the expected one, and the recommendation is re-run at each. Where the
 * recommended option changes between two samples, the volume of the change is solved by bisection
 * on the exact cost and decision functions, as break-even solves its crossovers.
 */
import { type FieldError, ValidationError } from './errors';
import type { CostBand, VolumeRange } from './model.types';
import type { RecommendationChange, Robustness } from './output.types';
import { OPTION_CODES, OPTION_LABELS, type OptionCode } from './options';
import type { WorkloadInput } from './workload';

/** Default volume range: 0.8× to 1.25× the expected volume (1.25 = 1 ÷ 0.8, symmetric on a log scale). ASSUMPTION. */
export const DEFAULT_VOLUME_RANGE: Readonly<VolumeRange> = Object.freeze({ low: 0.8, high: 1.25 });
/** Bounds of a volume range: low in [0, 1], high in [1, 100] — the range must contain the expected volume (1). */
export const VOLUME_RANGE_LIMITS = { lowMin: 0, highMax: 100 } as const;
/** Volumes sampled on each side of the expected one (evenly spaced, ends included) before bisection. */
export const VOLUME_SAMPLES_PER_SIDE = 3;
/**
 * Changes solved per side at most: past it (options tied to the cent trading places back and forth) the
 * scan stops and the summary says so.
 */
export const MAX_CHANGES_PER_SIDE = 6;

export const VOLUME_RANGE_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    low: {
      type: 'number',
      minimum: VOLUME_RANGE_LIMITS.lowMin,
      maximum: 1,
      default: DEFAULT_VOLUME_RANGE.low,
      description: 'Lowest volume as a multiple of the expected one (0..1).',
      examples: [0.5],
    },
    high: {
      type: 'number',
      minimum: 1,
      maximum: VOLUME_RANGE_LIMITS.highMax,
      default: DEFAULT_VOLUME_RANGE.high,
      description: 'Highest volume as a multiple of the expected one (1..100).',
      examples: [2],
    },
  },
  description:
    'How uncertain the volume forecast is: multipliers of the expected volume (every write rate and, with them, reads and storage). Prices every option across the range (monthlyCostBandUsd) and checks whether the recommendation holds (recommendation.robustness). Default { low: 0.8, high: 1.25 }.',
  examples: [{ low: 0.5, high: 2 }],
} as const;

/**
 * Checks a request's volumeRange (undefined/null → the default); every bad field listed. `endsAlone` checks
 * each end given on its own, without low ≤ high (a merge patch's values, before the saved range is known).
 */
export function validateVolumeRange(
  raw: unknown,
  field = 'volumeRange',
  options: { endsAlone?: boolean } = {},
): VolumeRange {
  if (raw === undefined || raw === null) return { ...DEFAULT_VOLUME_RANGE };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError([
      { field, message: 'volumeRange must be an object { low, high } of multipliers of the expected volume' },
    ]);
  }
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(r))
    if (key !== 'low' && key !== 'high')
      errors.push({ field: `${field}.${key}`, message: `${key} is not a known field of volumeRange` });
  const num = (key: 'low' | 'high'): number | null => {
    const v = r[key];
    if (v === undefined || v === null) return DEFAULT_VOLUME_RANGE[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      errors.push({ field: `${field}.${key}`, message: `volumeRange.${key} must be a finite number` });
      return null;
    }
    return v;
  };
  const low = num('low');
  const high = num('high');
  if (!options.endsAlone && low !== null && high !== null && low > high) {
    errors.push({
      field: `${field}.low`,
      message: `volumeRange.low (${low}) must be less than or equal to volumeRange.high (${high})`,
    });
  }
  if (low !== null && (low < VOLUME_RANGE_LIMITS.lowMin || low > 1)) {
    errors.push({
      field: `${field}.low`,
      message: 'volumeRange.low must be between 0 and 1: the range must contain the expected volume (1)',
    });
  }
  if (high !== null && (high < 1 || high > VOLUME_RANGE_LIMITS.highMax)) {
    errors.push({
      field: `${field}.high`,
      message: `volumeRange.high must be between 1 and ${VOLUME_RANGE_LIMITS.highMax}: the range must contain the expected volume (1)`,
    });
  }
  if (errors.length) throw new ValidationError(errors, 'The volume range is not valid');
  return { low: low!, high: high! };
}

/** The workload at `k` × its volume: every write-rate field scaled (a caller's peak too); everything else kept. */
export function scaleVolume(input: WorkloadInput, k: number): WorkloadInput {
  if (k === 1) return input;
  const out: WorkloadInput = { ...input };
  if (typeof input.ingestGbPerDay === 'number') out.ingestGbPerDay = input.ingestGbPerDay * k;
  if (typeof input.avgWriteMBps === 'number') out.avgWriteMBps = input.avgWriteMBps * k;
  if (Array.isArray(input.hourlyWriteMBps)) out.hourlyWriteMBps = input.hourlyWriteMBps.map((r) => r * k);
  if (typeof input.peakWriteMBps === 'number') out.peakWriteMBps = input.peakWriteMBps * k;
  return out;
}

/** What the model says at one volume: each option's total (cents, null = unpriced) and the recommended option. */
export interface VolumePoint {
  k: number;
  cents: Record<OptionCode, number | null>;
  winner: OptionCode | null;
  ingestGbPerDay: number;
  peakWriteMBps: number;
  /**
   * What decided among the options, apart from cost: which options are eligible and what the flowchart prefers
   * (equal strings = equal eligibility and preference).
   */
  decision: string;
  /** The eligible options the winner was chosen from by cost (the flowchart stage that chose it). */
  contenders: readonly OptionCode[];
  /**
   * Options whose monthly cost may fall as the volume grows from here (On-demand Advantage while its hourly
   * minimum bills a shortfall: usage up, shortfall down, each line rounded to the cent). Every other option's
   * cost never falls as the volume grows.
   */
  unsteady: readonly OptionCode[];
}

/**
 * Some options' totals at `k` × the volume (cents, null = unpriced), without pricing the rest, and which of
 * `among` (the eligible contenders) the recommendation would pick by cost there.
 */
export type PartialPointAt = (
  k: number,
  price: readonly OptionCode[],
  among: readonly OptionCode[],
) => {
  cents: Partial<Record<OptionCode, number | null>>;
  winner: OptionCode | null;
  ingestGbPerDay: number;
  peakWriteMBps: number;
  /** The priced options whose cost may fall as the volume grows from here (see VolumePoint.unsteady). */
  unsteady: readonly OptionCode[];
};

/** Some options' totals at one volume (cents, null = unpriced) and which of them are unsteady there. */
export interface CostsAt {
  cents: Partial<Record<OptionCode, number | null>>;
  unsteady: readonly OptionCode[];
}

export interface VolumeStudy {
  bands: Record<OptionCode, CostBand | null>;
  robustness: Robustness;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const times = (k: number): string => `${Number(k.toFixed(3))}×`;
const labelOf = (o: OptionCode | null): string => (o === null ? 'no option' : OPTION_LABELS[o]);

/**
 * Samples the range, solves the changes of recommendation exactly, and builds each option's band over the range's
 * grid (costBands): low ≤ expected ≤ high by construction.
 */
export function studyVolumeRange(
  range: VolumeRange,
  expected: VolumePoint,
  pointAt: (k: number) => VolumePoint,
  pricePartly?: PartialPointAt,
): VolumeStudy {
  // What every partial pricing found, by volume (the bands look there before pricing again).
  const priced = new Map<number, CostsAt>();
  const partialAt: PartialPointAt | undefined =
    pricePartly &&
    ((k, price, among) => {
      const q = pricePartly(k, price, among);
      const before = priced.get(k);
      priced.set(
        k,
        before ? { cents: { ...before.cents, ...q.cents }, unsteady: [...before.unsteady, ...q.unsteady] } : q,
      );
      return q;
    });
  // Every volume priced in full so far (priced once each).
  const known = new Map<number, VolumePoint>([[1, expected]]);
  const peek = (k: number): VolumePoint => {
    let p = known.get(k);
    if (p === undefined) known.set(k, (p = pointAt(k)));
    return p;
  };
  /**
   * How to price the volumes between two points while solving a change: when both agree on eligibility and
   * preference, only the contenders (and the options whose cost may fall with volume) decide the winner there, as
   * in holdsBetween; otherwise every option, in full.
   */
  const bracketProbe = (a: VolumePoint, b: VolumePoint): ((k: number) => VolumePoint) => {
    if (!partialAt || a.decision !== b.decision) return peek;
    const price = decidingOptions(a, a.k < b.k ? a : b);
    return (k) => {
      const known = knownPartial.get(k);
      if (known) return known;
      const p = partlyPricedPoint(a, k, partialAt(k, price, a.contenders));
      knownPartial.set(k, p);
      return p;
    };
  };
  const knownPartial = new Map<number, VolumePoint>();

  const changes: RecommendationChange[] = [];
  // Up: from 1 to high; down: from 1 to low. Each side walks its samples outward from the expected volume.
  for (const [end, direction] of [
    [range.high, 'ABOVE'],
    [range.low, 'BELOW'],
  ] as const) {
    if (end === 1) continue;
    const samples = sampleMultipliers(end);
    // The far end first: when the two ends prove that every sample in between finds the same winner, those
    // samples are not priced in full (see holdsBetween); the sampled study below would find no change there.
    // When they agree on eligibility and preference but not on the winner, the samples in between are still
    // priced for the contenders only (bracketProbe), and the change is found among them.
    let sampleAt = peek;
    if (partialAt) {
      const far = peek(end);
      const [lower, higher] = direction === 'ABOVE' ? [expected, far] : [far, expected];
      const between = holdsBetween(lower, higher, samples.slice(0, -1), partialAt);
      if (between) continue;
      const inner = bracketProbe(expected, far);
      if (inner !== peek) sampleAt = (k) => (k === end ? peek(k) : inner(k));
    }
    let prev = expected;
    let solved = 0;
    for (let i = 0; i < samples.length && solved < MAX_CHANGES_PER_SIDE; i++) {
      const next = sampleAt(samples[i]);
      // Several changes may fall between two samples: solve the first, then go on from it.
      let from = prev;
      while (next.winner !== from.winner && solved < MAX_CHANGES_PER_SIDE) {
        const change = solveChange(from, next, bracketProbe(from, next));
        solved++;
        changes.push({
          direction,
          atMultiplier: change.k,
          ingestGbPerDay: round6(change.ingestGbPerDay),
          peakWriteMBps: round6(change.peakWriteMBps),
          from: from.winner,
          to: change.winner,
        });
        if (change.k === next.k) break;
        from = change;
      }
      prev = next;
    }
  }

  const above = changes.filter((c) => c.direction === 'ABOVE');
  const below = changes.filter((c) => c.direction === 'BELOW');
  const holdsToMultiplier = above.length ? above[0].atMultiplier : range.high;
  const holdsFromMultiplier = below.length ? below[0].atMultiplier : range.low;
  const robustness: Robustness = {
    volumeRange: { ...range },
    holds: changes.length === 0,
    holdsFromMultiplier,
    holdsToMultiplier,
    changes,
    summary:
      summarize(range, expected, above, below) +
      (above.length >= MAX_CHANGES_PER_SIDE || below.length >= MAX_CHANGES_PER_SIDE
        ? ` The recommendation changes at least ${MAX_CHANGES_PER_SIDE} times on one side (options within cents of each other); only the first ${MAX_CHANGES_PER_SIDE} are listed.`
        : ''),
  };

  // The bands come from the range's grid (costBands), priced once: a volume the search priced is looked up.
  const pricedAt = (k: number, price: readonly OptionCode[]): CostsAt => {
    const full = known.get(k);
    if (full) return full;
    const partial = priced.get(k);
    const missing = partial ? price.filter((c) => !(c in partial.cents)) : price;
    if (missing.length === 0) return partial!;
    return partialAt ? partialAt(k, missing, []) : peek(k);
  };
  const bands = costBands(range, expected, OPTION_CODES, pricedAt);
  return { bands, robustness };
}

/**
 * Each option's cost band over the range: the least and greatest of its costs at the range's grid, which is the
 * expected volume, both ends and the evenly spaced samples between (VOLUME_SAMPLES_PER_SIDE a side), as the study
 * samples them. Volumes the robustness search bisects to are not grid points: an option's band does not depend on
 * where the recommendation changes, so an inventory row (bands only, no search) gets the same band as a full
 * evaluation.
 *
 * Pricing an option at both ends is enough for its band when its cost cannot fall as the volume grows over the
 * range (it is not `unsteady` at the low end, nor unpriced at an end): its costs at the samples lie between those
 * at the ends. The others are priced at every sample. `costsAt` prices the given options at one volume.
 */
export function costBands(
  range: VolumeRange,
  expected: Pick<VolumePoint, 'cents' | 'unsteady'>,
  codes: readonly OptionCode[],
  costsAt: (k: number, price: readonly OptionCode[]) => CostsAt,
): Record<OptionCode, CostBand | null> {
  const banded = codes.filter((c) => expected.cents[c] !== null);
  const points: CostsAt[] = [];
  const low = range.low === 1 ? null : costsAt(range.low, banded);
  const high = range.high === 1 ? null : costsAt(range.high, banded);
  for (const end of [low, high]) if (end) points.push(end);
  const unsteadyLow = low ? low.unsteady : expected.unsteady;
  const everywhere = banded.filter((c) => unsteadyLow.includes(c) || low?.cents[c] === null || high?.cents[c] === null);
  if (everywhere.length > 0) {
    for (const end of [range.low, range.high]) {
      if (end === 1) continue;
      for (const k of sampleMultipliers(end).slice(0, -1)) points.push(costsAt(k, everywhere));
    }
  }
  const bands = {} as Record<OptionCode, CostBand | null>;
  for (const code of codes) {
    const mid = expected.cents[code];
    if (mid === null || mid === undefined) {
      bands[code] = null;
      continue;
    }
    let lo = mid;
    let hi = mid;
    for (const p of points) {
      const c = p.cents[code];
      if (c === null || c === undefined) continue;
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
    bands[code] = { low: lo / 100, expected: mid / 100, high: hi / 100 };
  }
  return bands;
}

/** The sampled multipliers of one side, walking out from the expected volume; the last is `end`. */
function sampleMultipliers(end: number): number[] {
  const ks: number[] = [];
  for (let i = 1; i <= VOLUME_SAMPLES_PER_SIDE; i++)
    ks.push(i === VOLUME_SAMPLES_PER_SIDE ? end : 1 + ((end - 1) * i) / VOLUME_SAMPLES_PER_SIDE);
  return ks;
}

/**
 * Whether every sample strictly between `lower` and `higher` (lower.k < higher.k, both priced in full) finds the
 * ends' winner, pricing there only the options that can decide it. If so, returns those samples (partly priced,
 * for the bands); else null, and the caller prices every sample in full.
 *
 * Why pricing a few options is enough: every volume-dependent rule is a threshold on a quantity that grows with
 * the volume (write and read rates, shards, partitions, brokers against their quota), so eligibility and the
 * flowchart's preference, equal at both ends (`decision`), are the same at every sample between them; so is the
 * flowchart stage and with it the contenders, the eligible options the winner is picked from by cost. Pricing
 * the contenders at a sample then gives its winner. The band of an option is the least and greatest of its
 * sampled costs: an option not `unsteady` at the lower end has a cost that does not fall as the volume grows, so
 * its costs at the samples lie between its costs at the two ends; unsteady options are priced at every sample.
 * (test/domain/volume-study-shortcut.spec.ts compares the whole study with full sampling on random workloads.)
 */
export function holdsBetween(
  lower: VolumePoint,
  higher: VolumePoint,
  inner: readonly number[],
  partialAt: PartialPointAt,
): VolumePoint[] | null {
  const winner = lower.winner;
  if (higher.winner !== winner || lower.decision !== higher.decision) return null;
  for (const code of OPTION_CODES) {
    const lo = lower.cents[code];
    const hi = higher.cents[code];
    if ((lo === null) !== (hi === null)) return null;
    if (lo !== null && hi! < lo && !lower.unsteady.includes(code)) return null;
  }
  const price = decidingOptions(lower, lower);
  const points: VolumePoint[] = [];
  for (const k of inner) {
    const at = partialAt(k, price, lower.contenders);
    if (at.winner !== winner) return null;
    points.push(partlyPricedPoint(lower, k, at));
  }
  return points;
}

/**
 * The options priced between two points that agree on eligibility and preference: the contenders (`p`'s, the
 * same at both) and those whose cost may fall with volume (unsteady at the lower-volume point).
 */
function decidingOptions(p: VolumePoint, lowerVolume: VolumePoint): OptionCode[] {
  return OPTION_CODES.filter((c) => p.contenders.includes(c) || lowerVolume.unsteady.includes(c));
}

/** A volume priced for some options only (the others null), with what `base` says of eligibility and preference. */
function partlyPricedPoint(base: VolumePoint, k: number, q: ReturnType<PartialPointAt>): VolumePoint {
  const cents = {} as Record<OptionCode, number | null>;
  for (const code of OPTION_CODES) cents[code] = q.cents[code] ?? null;
  return { ...base, k, cents, winner: q.winner, ingestGbPerDay: q.ingestGbPerDay, peakWriteMBps: q.peakWriteMBps };
}

/**
 * The volume nearest to `from` (between `from` and `to`) where the winner is no longer `from`'s, by
 * bisection to 1e-6 in the multiplier; rounded to 6 decimals on the changed side when that stays changed.
 */
function solveChange(from: VolumePoint, to: VolumePoint, at: (k: number) => VolumePoint): VolumePoint {
  let inside = from.k; // winner = from.winner
  let outside = to.k; // winner ≠ from.winner
  let outsidePoint = to;
  for (let i = 0; i < 60 && Math.abs(outside - inside) > 1e-6; i++) {
    const mid = inside + (outside - inside) / 2;
    const p = at(mid);
    if (p.winner === from.winner) inside = mid;
    else {
      outside = mid;
      outsidePoint = p;
    }
  }
  const rounded = outside > inside ? Math.ceil(outside * 1e6 - 1e-6) / 1e6 : Math.floor(outside * 1e6 + 1e-6) / 1e6;
  const between = outside > inside ? rounded > inside && rounded <= to.k : rounded < inside && rounded >= to.k;
  if (rounded !== outside && between) {
    const p = at(rounded);
    if (p.winner === outsidePoint.winner) return p;
  }
  return outsidePoint;
}

function summarize(
  range: VolumeRange,
  expected: VolumePoint,
  above: RecommendationChange[],
  below: RecommendationChange[],
): string {
  const name = labelOf(expected.winner);
  const span = `${times(range.low)} to ${times(range.high)} the expected volume`;
  if (above.length === 0 && below.length === 0) {
    return expected.winner === null
      ? `No option fits anywhere from ${span}.`
      : `${name} stays the recommendation from ${span}.`;
  }
  const parts: string[] = [];
  const from = below.length ? below[0].atMultiplier : range.low;
  const to = above.length ? above[0].atMultiplier : range.high;
  parts.push(
    `${name} holds ${below.length ? 'above' : 'from'} ${times(from)} ${above.length ? 'up to' : 'to'} ${times(to)} the expected volume`,
  );
  for (const c of below)
    parts.push(
      `at ${times(c.atMultiplier)} (${round6(c.ingestGbPerDay)} GB/day) and below it changes to ${labelOf(c.to)}`,
    );
  for (const c of above)
    parts.push(`from ${times(c.atMultiplier)} (${round6(c.ingestGbPerDay)} GB/day) it flips to ${labelOf(c.to)}`);
  return `${parts.join('; ')}.`;
}
