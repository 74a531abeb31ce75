/**
 * Top-level API: evaluate (recommendation + trace + six priced options) and estimate (options and totals).
 */
import { runDecisionRules, type DecisionOutcome, type FlowPreference } from './decision';
import { DomainError, ValidationError } from './errors';
import { isObject } from './field-checks';
import type { CostBand, Issue, OptionSizing, VolumeRange } from './model.types';
import type { Estimate, Evaluation, OptionResult, Recommendation, Robustness } from './output.types';
import { OPTION_CODES, OPTION_LABELS, OPTION_SERVICE, type OptionCode } from './options';
import { MSK_SIZING_FACTORS } from './sizing/broker-tables';
import { kdsAdvantageModel, kdsOnDemandModel, kdsProvisionedModel, type OptionModel } from './pricing/kds-cost';
import { type PricedLines, priceLines, priceTotalCents } from './pricing/line-draft';
import { mskExpressModel, mskProvisionedModel, mskServerlessModel } from './pricing/msk-cost';
import { withConsumers } from './pricing/consumer-cost';
import { withPipeline } from './pricing/pipeline-cost';
import { type PricingInput, RateResolver } from './pricing/rate-resolver';
import type { RateCard } from './rate-card';
import { optionRisks } from './risks';
import { RULE_IDS } from './rules';
import {
  costBands,
  DEFAULT_VOLUME_RANGE,
  type PartialPointAt,
  scaleVolume,
  studyVolumeRange,
  validateVolumeRange,
  type VolumePoint,
} from './robustness';
import type { WorkloadInput } from './workload';
import { EVALUATION_BASIS, type NormalizedWorkload, normalizeWorkload } from './workload.normalization';
import { count, usd as formatUsd } from './words';

export type OptionModels = Record<OptionCode, OptionModel>;

const BASE_MODELS: Record<
  OptionCode,
  (w: NormalizedWorkload, price: (key: string) => number | undefined) => OptionModel
> = {
  KDS_ON_DEMAND: kdsOnDemandModel,
  KDS_ON_DEMAND_ADVANTAGE: kdsAdvantageModel,
  KDS_PROVISIONED: kdsProvisionedModel,
  MSK_PROVISIONED: mskProvisionedModel,
  MSK_EXPRESS: mskExpressModel,
  MSK_SERVERLESS: mskServerlessModel,
};

/** Sizing, line drafts and assumptions of the six options (or of `only` those; the others are left out). */
export function buildOptionModels(
  w: NormalizedWorkload,
  rates: RateResolver,
  only: readonly OptionCode[] = OPTION_CODES,
): OptionModels {
  const price = (key: string): number | undefined => rates.priceOf(key);
  const pipeline = w.deliverTo.length > 0 || w.needsCrossRegionReplication;
  const consumers = w.kclConsumers || w.lambdaEventPollers !== null || w.mskPrivateConnectivityVpcs !== null;
  const models = {} as OptionModels;
  const legs = (code: OptionCode, base: OptionModel): OptionModel => {
    let model = base;
    // Pipeline legs (delivery, replication) are separate line-item builders fed by the workload's volumes.
    if (pipeline) model = withPipeline(code, w, model, price);
    // Consumers that cost (KCL lease tables, Lambda provisioned pollers, MSK private connectivity), when asked.
    if (consumers) model = withConsumers(code, w, model);
    return model;
  };
  for (const code of only) {
    const base = BASE_MODELS[code](w, price);
    const model = legs(code, base);
    // The all-EBS alternative of a tiered MSK cluster carries the same legs, so that its total compares.
    models[code] = base.untiered ? { ...model, untiered: legs(code, base.untiered) } : model;
  }
  return models;
}

export const sizingOf = (models: OptionModels): Record<OptionCode, OptionSizing> => ({
  KDS_ON_DEMAND: models.KDS_ON_DEMAND.sizing,
  KDS_ON_DEMAND_ADVANTAGE: models.KDS_ON_DEMAND_ADVANTAGE.sizing,
  KDS_PROVISIONED: models.KDS_PROVISIONED.sizing,
  MSK_PROVISIONED: models.MSK_PROVISIONED.sizing,
  MSK_EXPRESS: models.MSK_EXPRESS.sizing,
  MSK_SERVERLESS: models.MSK_SERVERLESS.sizing,
});

interface Assessed {
  workload: NormalizedWorkload;
  volumeRange: VolumeRange;
  rates: RateResolver;
  decision: DecisionOutcome;
  options: OptionResult[];
  recommendation: Recommendation;
  warnings: Issue[];
}

/** Orders options: the recommended one first, then eligible priced by cost, eligible unpriced, ineligible. */
function rankOptions(options: OptionResult[], recommended: OptionCode | null): OptionResult[] {
  const tier = (o: OptionResult): number => (o.option === recommended ? 0 : !o.eligible ? 3 : o.priced ? 1 : 2);
  const order = (o: OptionResult): number => OPTION_CODES.indexOf(o.option);
  const sorted = [...options].sort((a, b) => {
    const t = tier(a) - tier(b);
    if (t !== 0) return t;
    const ca = a.monthlyCostUsd ?? Number.POSITIVE_INFINITY;
    const cb = b.monthlyCostUsd ?? Number.POSITIVE_INFINITY;
    if (ca !== cb) return ca < cb ? -1 : 1;
    return order(a) - order(b);
  });
  sorted.forEach((o, i) => (o.rank = i + 1));
  return sorted;
}

/** What choosing an option needs to know of it. */
export type Choosable = Pick<OptionResult, 'option' | 'eligible' | 'monthlyCostUsd'>;

/** Cheapest eligible option among `candidates` (priced before unpriced, then code order). */
function cheapest<T extends Choosable>(options: T[], candidates: readonly OptionCode[]): T | null {
  let best: T | null = null;
  for (const o of options) {
    if (!o.eligible || !candidates.includes(o.option)) continue;
    if (!best) best = o;
    else if (o.monthlyCostUsd !== null && (best.monthlyCostUsd === null || o.monthlyCostUsd < best.monthlyCostUsd))
      best = o;
  }
  return best;
}

const money = (usd: number | null): string =>
  usd === null ? 'cost unknown (missing rates)' : `${formatUsd(usd)}/month`;

function sizingSummary(o: OptionResult): string {
  const s = o.sizing;
  if (s.shards !== undefined) return `${count(s.shards, 'shard')}`;
  if (s.brokers !== undefined) return `${s.brokers} × ${s.brokerType}`;
  if (o.option === 'MSK_SERVERLESS') return `${s.partitions} partitions`;
  return `peak ${s.peakWriteMBps} MB/s`;
}

/**
 * The recommended option: the cheapest eligible one the flowchart prefers, else the cheapest eligible of
 * the flowchart's service, else the cheapest eligible overall. `stage` says which.
 */
export function pickWinner<T extends Choosable>(
  options: T[],
  flow: FlowPreference,
): { choice: T | null; stage: 'PREFERRED' | 'SERVICE' | 'ANY' | null } {
  if (flow.preferred) {
    const choice = cheapest(options, flow.preferred);
    if (choice) return { choice, stage: 'PREFERRED' };
  }
  if (flow.service) {
    const service = flow.service;
    const choice = cheapest(
      options,
      OPTION_CODES.filter((c) => OPTION_SERVICE[c] === service),
    );
    if (choice) return { choice, stage: 'SERVICE' };
  }
  const choice = cheapest(options, OPTION_CODES);
  return { choice, stage: choice ? 'ANY' : null };
}

/** The eligible options that `stage` chose among by cost. */
function contendersOf(
  options: readonly Choosable[],
  flow: FlowPreference,
  stage: 'PREFERRED' | 'SERVICE' | 'ANY' | null,
): OptionCode[] {
  const pool: readonly OptionCode[] | null =
    stage === 'PREFERRED'
      ? flow.preferred
      : stage === 'SERVICE'
        ? OPTION_CODES.filter((c) => OPTION_SERVICE[c] === flow.service)
        : stage === 'ANY'
          ? OPTION_CODES
          : null;
  return pool === null ? [] : options.filter((o) => o.eligible && pool.includes(o.option)).map((o) => o.option);
}

/**
 * Eligibility, the flowchart's preference and whether the MSK clusters fit the broker quota (which decides
 * how MSK sizing picks a broker type), as one comparable string (see VolumePoint.decision).
 */
function decisionSignature(options: readonly Choosable[], flow: FlowPreference, models: OptionModels): string {
  let s = `${flow.service ?? '-'}|${flow.preferred?.join(',') ?? '-'}|`;
  for (const o of options) s += o.eligible ? '1' : '0';
  const quota = MSK_SIZING_FACTORS.brokerQuotaPerCluster;
  s += (models.MSK_PROVISIONED.sizing.brokers ?? 0) > quota ? '|over' : '|within';
  s += (models.MSK_EXPRESS.sizing.brokers ?? 0) > quota ? '|over' : '|within';
  return s;
}

/** Line items of On-demand Advantage that shrink as the volume grows (the hourly minimums' shortfall). */
const SHRINKING_LINES: ReadonlySet<string> = new Set([
  'KDS_ADV_INGEST_MINIMUM_SHORTFALL',
  'KDS_ADV_RETRIEVAL_MINIMUM_SHORTFALL',
]);

/** Options whose cost may fall as the volume grows from this workload (VolumePoint.unsteady). */
function unsteadyOptions(models: OptionModels, among: readonly OptionCode[] = OPTION_CODES): OptionCode[] {
  return among.filter((code) => models[code].drafts.some((d) => SHRINKING_LINES.has(d.code)));
}

/** A total in cents, or null when a rate is missing or the amount is not exact (see assertFiniteCosts). */
function totalCentsOf(model: OptionModel, rates: RateResolver): number | null {
  const priced = priceTotalCents(model.drafts, rates);
  return priced !== null && Number.isFinite(priced) && Math.abs(priced) <= MAX_COST_CENTS ? priced : null;
}

/** The volume-study point of the expected volume, from the full evaluation's options and decision. */
function expectedPoint(
  options: OptionResult[],
  decision: DecisionOutcome,
  w: NormalizedWorkload,
  models: OptionModels,
): VolumePoint {
  const { choice, stage } = pickWinner(options, decision.flow);
  return {
    k: 1,
    cents: Object.fromEntries(
      options.map((o) => [o.option, o.monthlyCostUsd === null ? null : Math.round(o.monthlyCostUsd * 100)]),
    ) as Record<OptionCode, number | null>,
    winner: choice?.option ?? null,
    ingestGbPerDay: w.ingestGbPerDay,
    peakWriteMBps: w.peakWriteMBps,
    decision: decisionSignature(options, decision.flow, models),
    contenders: contendersOf(options, decision.flow, stage),
    unsteady: unsteadyOptions(models),
  };
}

/**
 * Why the pick won among the flowchart's options: it costs less than the next cheapest eligible one (named with its
 * cost); the options a limit excludes are named with the rules that exclude them.
 */
function whyCheapest(options: OptionResult[], preferred: readonly OptionCode[], choice: OptionResult): string {
  const others = options.filter((o) => o.option !== choice.option && preferred.includes(o.option));
  const runnerUp = cheapest(
    others.filter((o) => o.monthlyCostUsd !== null),
    preferred,
  );
  let text = `${choice.label} is the cheapest eligible of ${preferred.join(', ')}`;
  if (runnerUp && choice.monthlyCostUsd !== null) {
    const cmp = choice.monthlyCostUsd < runnerUp.monthlyCostUsd! ? 'it costs less than' : 'it costs the same as';
    text += `: ${cmp} ${runnerUp.label} (${money(runnerUp.monthlyCostUsd)})`;
  }
  const excluded = others.filter((o) => !o.eligible);
  if (excluded.length > 0)
    text += `; not eligible: ${excluded.map((o) => `${o.option} (${o.disqualifiedBy.map((d) => d.code).join(', ')})`).join('; ')}`;
  return `${text}.`;
}

function recommend(options: OptionResult[], decision: DecisionOutcome): Omit<Recommendation, 'robustness'> {
  const { flow } = decision;
  const reasons = [...flow.reasons];
  const { choice, stage } = pickWinner(options, flow);
  if (flow.preferred && stage !== 'PREFERRED') {
    const blocked = flow.preferred
      .map((code) => options.find((o) => o.option === code)!)
      .map((o) => `${o.option} (${o.disqualifiedBy.map((d) => d.code).join(', ')})`);
    reasons.push(`The flowchart's choice is disqualified: ${blocked.join('; ')}.`);
  }
  if (stage === 'SERVICE')
    reasons.push(`Cheapest eligible ${flow.service === 'MSK' ? 'Amazon MSK' : 'Kinesis'} option instead.`);
  if (stage === 'ANY') reasons.push('Cheapest eligible option overall instead.');
  if (!choice) {
    return {
      option: null,
      service: null,
      headline: 'No option fits this workload: every option is disqualified by a hard limit.',
      reasons: [...reasons, ...options.flatMap((o) => o.disqualifiedBy.map((d) => `${o.option}: ${d.message}`))],
      monthlyCostUsd: null,
    };
  }
  if (flow.preferred && flow.preferred.length > 1 && flow.preferred.includes(choice.option)) {
    reasons.push(whyCheapest(options, flow.preferred, choice));
  }
  reasons.push(`${choice.label}: ${sizingSummary(choice)}, ${money(choice.monthlyCostUsd)}.`);
  const cheaper = options.filter(
    (o) =>
      o.eligible &&
      o.monthlyCostUsd !== null &&
      choice.monthlyCostUsd !== null &&
      o.monthlyCostUsd < choice.monthlyCostUsd,
  );
  if (cheaper.length > 0) {
    const c = cheaper.reduce((a, b) => (b.monthlyCostUsd! < a.monthlyCostUsd! ? b : a));
    reasons.push(
      `${c.label} would cost less (${money(c.monthlyCostUsd)}) but the decision rules favour ${choice.label}.`,
    );
  }
  return {
    option: choice.option,
    service: OPTION_SERVICE[choice.option],
    headline: `${choice.label} (${sizingSummary(choice)}) at ${money(choice.monthlyCostUsd)}`,
    reasons,
    monthlyCostUsd: choice.monthlyCostUsd,
  };
}

function toOptionResult(
  code: OptionCode,
  model: OptionModel,
  priced: PricedLines,
  disqualifiedBy: Issue[],
  w: NormalizedWorkload,
  rates: RateResolver,
): OptionResult {
  const monthlyCostUsd = priced.totalCents === null ? null : priced.totalCents / 100;
  let sizing = model.sizing;
  if (model.untiered) {
    // Side by side: the tiered total (this option's) and the all-EBS cluster's, priced by the same rates.
    const untieredCents = priceLines(model.untiered.drafts, rates).totalCents;
    sizing = {
      ...sizing,
      untieredMonthlyCostUsd: untieredCents === null ? null : untieredCents / 100,
      tieredMonthlyCostUsd: monthlyCostUsd,
    };
  }
  // An option AWS does not offer in the region is not offered there: it lacks no rate (its rates do not exist).
  const notOffered = disqualifiedBy.some((d) => d.code === RULE_IDS.notOfferedInRegion);
  return {
    option: code,
    service: OPTION_SERVICE[code],
    label: OPTION_LABELS[code],
    eligible: disqualifiedBy.length === 0,
    rank: 0,
    disqualifiedBy,
    priced: priced.totalCents !== null,
    missingRates: notOffered ? [] : priced.missingRates,
    monthlyCostUsd,
    lineItems: priced.lineItems,
    sizing,
    assumptions: model.explain(),
    monthlyCostBandUsd: null,
    risks: optionRisks(code, w, model.sizing),
  };
}

/** The workload at `k` × its volume, normalized; a volume past the workload's bounds is the range's fault. */
function scaledWorkload(input: WorkloadInput, k: number, high: number): NormalizedWorkload {
  try {
    // Only the volume fields differ from the input, which passed its check before the study began.
    return normalizeWorkload(scaleVolume(input, k), { volumeOnly: true });
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'VALIDATION_FAILED')) throw e;
    const why = (e.details.fields ?? []).map((f) => f.message).join('; ');
    throw new ValidationError(
      [
        {
          field: 'volumeRange.high',
          message: `volumeRange.high takes the workload past its bounds at ${high}× the expected volume: ${why}`,
        },
      ],
      'The volume range is not valid',
    );
  }
}

const highGiven = (range: unknown): boolean => isObject(range) && range.high !== undefined && range.high !== null;

/** Whether the workload at `k` × its volume stays within the workload's bounds. */
function withinBounds(input: WorkloadInput, k: number): boolean {
  try {
    normalizeWorkload(scaleVolume(input, k), { volumeOnly: true });
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') return false;
    throw e;
  }
}

/**
 * A range end the caller did not give (the default high) must not refuse a valid workload near its bounds: null
 * when `high` × the volume is within them, else the largest multiplier (to 3 decimals, at least 1) that is.
 */
function clipHigh(input: WorkloadInput, high: number): number | null {
  if (withinBounds(input, high)) return null;
  let lo = 1;
  let hi = high;
  for (let i = 0; i < 30 && hi - lo > 1e-4; i++) {
    const mid = (lo + hi) / 2;
    if (withinBounds(input, mid)) lo = mid;
    else hi = mid;
  }
  const rounded = Math.floor(lo * 1000) / 1000;
  return rounded >= 1 && withinBounds(input, rounded) ? rounded : 1;
}

/** The model at `k` × the workload's volume: each option's total and what would be recommended there. */
function volumePoint(input: WorkloadInput, rates: RateResolver, k: number, high: number): VolumePoint {
  const w = scaledWorkload(input, k, high);
  const models = buildOptionModels(w, rates);
  const decision = runDecisionRules(w, sizingOf(models), true);
  const cents = {} as Record<OptionCode, number | null>;
  const light = OPTION_CODES.map((code) => {
    // A volume whose cost is not an exact amount (see assertFiniteCosts) leaves the option unpriced there.
    const total = totalCentsOf(models[code], rates);
    cents[code] = total;
    return {
      option: code,
      eligible: decision.disqualifiedBy[code].length === 0,
      monthlyCostUsd: total === null ? null : total / 100,
    };
  });
  const { choice, stage } = pickWinner(light, decision.flow);
  return {
    k,
    cents,
    winner: choice?.option ?? null,
    ingestGbPerDay: w.ingestGbPerDay,
    peakWriteMBps: w.peakWriteMBps,
    decision: decisionSignature(light, decision.flow, models),
    contenders: contendersOf(light, decision.flow, stage),
    unsteady: unsteadyOptions(models),
  };
}

/**
 * Some options' totals at `k` × the workload's volume, as volumePoint prices them, and the cheapest of `among`
 * there as pickWinner's stage would choose it (`among`: the eligible options of that stage).
 */
function partialPoint(
  input: WorkloadInput,
  rates: RateResolver,
  k: number,
  high: number,
  price: readonly OptionCode[],
  among: readonly OptionCode[],
): ReturnType<PartialPointAt> {
  const w = scaledWorkload(input, k, high);
  const models = buildOptionModels(w, rates, price);
  const cents: Partial<Record<OptionCode, number | null>> = {};
  const light: Choosable[] = [];
  for (const code of price) {
    const total = totalCentsOf(models[code], rates);
    cents[code] = total;
    if (among.includes(code))
      light.push({ option: code, eligible: true, monthlyCostUsd: total === null ? null : total / 100 });
  }
  return {
    cents,
    winner: cheapest(light, among)?.option ?? null,
    ingestGbPerDay: w.ingestGbPerDay,
    peakWriteMBps: w.peakWriteMBps,
    unsteady: unsteadyOptions(models, price),
  };
}

/** Largest monthly cost, in cents, that money arithmetic keeps exact (beyond it, or not finite, nothing is priced). */
const MAX_COST_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Refuses inputs whose cost is not a finite, exactly representable amount (a rate override near 1e308, a record size
 * of 5e-324 KB…): such an answer would recommend "$Infinity/month". The error names the override that priced the
 * line when there is one, else the workload.
 */
function assertFiniteCosts(options: OptionResult[], rates: RateResolver): void {
  const fields = new Map<string, string>();
  for (const o of options) {
    const bad = o.lineItems.filter(
      (l) =>
        !Number.isFinite(l.quantity) ||
        !Number.isFinite(l.monthlyCostUsd) ||
        Math.abs(l.monthlyCostUsd * 100) > MAX_COST_CENTS,
    );
    const totalBad =
      o.monthlyCostUsd !== null &&
      (!Number.isFinite(o.monthlyCostUsd) || Math.abs(o.monthlyCostUsd * 100) > MAX_COST_CENTS);
    if (bad.length === 0 && !totalBad) continue;
    for (const l of bad.length > 0 ? bad : o.lineItems) {
      const field = Object.hasOwn(rates.overrides, l.rateKey) ? `rateOverrides.${l.rateKey}` : 'workload';
      if (!fields.has(field))
        fields.set(
          field,
          `the monthly cost of ${o.option} (${l.code}) is too large to price: lower the ${field === 'workload' ? 'workload (a tiny avgRecordSizeKB multiplies records)' : 'override'}`,
        );
      if (bad.length === 0) break;
    }
  }
  if (fields.size > 0)
    throw new ValidationError(
      [...fields].map(([field, message]) => ({ field, message })),
      'The cost of this input is not a finite amount',
    );
}

/** What the volume study needs beyond the normalized workload: the caller's input (scaled and normalized again at each volume) and the range. */
export interface VolumeStudyInput {
  /** The caller's input, already checked: the workload evaluated is its normalization. */
  input: WorkloadInput;
  volumeRange?: unknown;
  /** Price every sample in full, without the shortcut of holdsBetween (tests compare the two). */
  exhaustive?: boolean;
  /**
   * False: skip the volume study (bands null, robustness null), for a caller that selected neither — a GraphQL
   * query without `monthlyCostBandUsd` or `robustness`. The range is still checked. Default true.
   */
  study?: boolean;
}

function assess(
  workload: NormalizedWorkload,
  card: RateCard,
  pricing: PricingInput | undefined,
  volume: VolumeStudyInput,
): Assessed {
  const input = volume.input;
  const given = validateVolumeRange(volume.volumeRange);
  const clipped = volume.study === false || highGiven(volume.volumeRange) ? null : clipHigh(input, given.high);
  const volumeRange = clipped === null ? given : { low: given.low, high: clipped };
  if (workload.region !== card.region) {
    throw new ValidationError([
      {
        field: 'workload.region',
        message: `region ${workload.region} does not match the rate card's region ${card.region}`,
      },
    ]);
  }
  const rates = new RateResolver(card, pricing);
  const models = buildOptionModels(workload, rates);
  const decision = runDecisionRules(workload, sizingOf(models));
  const unranked = OPTION_CODES.map((code) =>
    toOptionResult(
      code,
      models[code],
      priceLines(models[code].drafts, rates),
      decision.disqualifiedBy[code],
      workload,
      rates,
    ),
  );
  assertFiniteCosts(unranked, rates);
  const chosen = recommend(unranked, decision);
  let robustness: Robustness | null = null;
  if (volume.study !== false) {
    const study = studyVolumeRange(
      volumeRange,
      expectedPoint(unranked, decision, workload, models),
      (k) => volumePoint(input, rates, k, volumeRange.high),
      volume.exhaustive
        ? undefined
        : (k, price, among) => partialPoint(input, rates, k, volumeRange.high, price, among),
    );
    for (const o of unranked) o.monthlyCostBandUsd = study.bands[o.option] as CostBand | null;
    robustness = study.robustness;
  }
  const recommendation: Recommendation = { ...chosen, robustness };
  const options = rankOptions(unranked, recommendation.option);
  const warnings: Issue[] = [...decision.warnings];
  if (clipped !== null)
    warnings.push({
      code: 'VOLUME_RANGE_CLIPPED',
      message: `The volume study stops at ${clipped}× the expected volume instead of the default ${given.high}×: beyond it the workload would pass its documented bounds.`,
    });
  if (card.stale) {
    warnings.push({
      code: 'RATE_CARD_STALE',
      message: `The ${card.region} rate card (fetched ${card.fetchedAt}) is older than its maximum age and could not be refreshed: prices may be out of date.`,
    });
  }
  for (const o of options) {
    if (!o.priced && o.missingRates.length > 0)
      warnings.push({
        code: 'RATES_MISSING',
        message:
          `${o.option} is not priced: the ${card.region} rate card lacks ${o.missingRates.join(', ')}. ` +
          `To price it, pass those keys in pricing.rateOverrides (USD per unit), or give the service AWS access ` +
          `so it fetches live AWS Price List rates for ${card.region}.`,
      });
  }
  return { workload, volumeRange, rates, decision, options, recommendation, warnings };
}

/** What a row of an inventory needs of its workload (POST /v1/estimates/batch). */
export interface RowEstimate {
  /** Each option's monthly cost in USD where it is eligible and priced, else null. */
  costs: Record<OptionCode, number | null>;
  recommendation: OptionCode | null;
  /** The recommended option's cost band over the default volume range (as the full evaluation gives it). */
  band: CostBand | null;
}

/**
 * An inventory row's answer without the full evaluation's words, line items, trace and robustness search: the six
 * totals, eligibility and the recommendation as `evaluate` decides them (the same models, rules and pickWinner), and
 * the recommended option's band over the default range from costBands, as `evaluate` builds it. Null when an
 * option's total is not a finite, exact amount: the full evaluation says why (assertFiniteCosts).
 */
export function estimateRow(workload: NormalizedWorkload, card: RateCard, input: WorkloadInput): RowEstimate | null {
  if (workload.region !== card.region) return null;
  const clipped = clipHigh(input, DEFAULT_VOLUME_RANGE.high);
  const range: VolumeRange = { low: DEFAULT_VOLUME_RANGE.low, high: clipped ?? DEFAULT_VOLUME_RANGE.high };
  const rates = new RateResolver(card, undefined);
  const models = buildOptionModels(workload, rates);
  const decision = runDecisionRules(workload, sizingOf(models), true);
  const cents = {} as Record<OptionCode, number | null>;
  const light: Choosable[] = [];
  for (const code of OPTION_CODES) {
    const total = totalCentsOf(models[code], rates);
    // Every rate there and still no total: not a finite amount.
    if (total === null && models[code].drafts.every((d) => rates.get(d.rateKey))) return null;
    cents[code] = total;
    const eligible = decision.disqualifiedBy[code].length === 0;
    light.push({ option: code, eligible, monthlyCostUsd: total === null ? null : total / 100 });
  }
  const winner = pickWinner(light, decision.flow).choice?.option ?? null;
  const costs = {} as Record<OptionCode, number | null>;
  for (const o of light) costs[o.option] = o.eligible ? o.monthlyCostUsd : null;
  let band: CostBand | null = null;
  if (winner !== null) {
    const expected = { cents, unsteady: unsteadyOptions(models, [winner]) };
    band = costBands(range, expected, [winner], (k, price) => partialPoint(input, rates, k, range.high, price, []))[
      winner
    ];
  }
  return { costs, recommendation: winner, band };
}

/** Evaluates a workload: normalized workload, recommendation, decision trace, six ranked priced options, rate provenance, warnings. */
export function evaluate(
  input: WorkloadInput,
  card: RateCard,
  pricing?: PricingInput,
  volumeRange?: unknown,
): Evaluation {
  return evaluateNormalized(normalizeWorkload(input), card, pricing, { input, volumeRange });
}

/** An answer computed from a workload already normalized (and so validated) once, e.g. by the request's parse. */
export type FromNormalized<T> = (
  workload: NormalizedWorkload,
  card: RateCard,
  pricing: PricingInput | undefined,
  volume: VolumeStudyInput,
) => T;

/** evaluate() for a workload already normalized once. */
export const evaluateNormalized: FromNormalized<Evaluation> = (workload, card, pricing, volume) => {
  const a = assess(workload, card, pricing, volume);
  return {
    workload: a.workload,
    volumeRange: a.volumeRange,
    basis: EVALUATION_BASIS,
    recommendation: a.recommendation,
    decisionTrace: a.decision.trace,
    options: a.options,
    rateCard: a.rates.ref(),
    warnings: a.warnings,
  };
};

/** Prices the six options: options (ranked, with eligibility), totals, rate provenance, basis, warnings. */
export function estimate(
  input: WorkloadInput,
  card: RateCard,
  pricing?: PricingInput,
  volumeRange?: unknown,
): Estimate {
  return estimateNormalized(normalizeWorkload(input), card, pricing, { input, volumeRange });
}

/** estimate() for a workload already normalized once. */
export const estimateNormalized: FromNormalized<Estimate> = (workload, card, pricing, volume) => {
  const a = assess(workload, card, pricing, volume);
  return {
    volumeRange: a.volumeRange,
    options: a.options,
    rateCard: a.rates.ref(),
    totals: OPTION_CODES.map((option) => ({
      option,
      monthlyCostUsd: a.options.find((o) => o.option === option)!.monthlyCostUsd,
    })),
    basis: EVALUATION_BASIS,
    warnings: a.warnings,
  };
};
