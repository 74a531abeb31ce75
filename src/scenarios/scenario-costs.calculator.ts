/**
 * Pure arithmetic over saved evaluations: the per-option cost summary, the side-by-side deltas of a
 * comparison, and the split of a cost change into usage and price. Money in integer cents.
 */
import { type Evaluation, OPTION_CODES, type OptionCode, WORKLOAD_DEFAULTS, type WorkloadInput } from '../domain';
import type { EvaluationSummary, OptionCost } from './scenario.types';

const cents = (usd: number): number => Math.round(usd * 100);
const usd = (c: number): number => c / 100;

interface RawOption {
  option: OptionCode;
  eligible: boolean;
  monthlyCostUsd: number | null;
}

/** The options of an evaluation in the fixed option-code order, flagged with the recommended one. */
export function optionCosts(options: readonly RawOption[], recommended: OptionCode | null): OptionCost[] {
  return OPTION_CODES.map((code) => {
    const o = options.find((x) => x.option === code);
    return {
      option: code,
      eligible: o?.eligible ?? false,
      monthlyCostUsd: o?.monthlyCostUsd ?? null,
      recommended: code === recommended,
    };
  });
}

/** The summary a scenario carries of the evaluation its latest version was saved with. */
export function summarize(evaluation: Evaluation, rateCardId: string, evaluatedAt: string): EvaluationSummary {
  return {
    recommendation: evaluation.recommendation,
    options: optionCosts(evaluation.options, evaluation.recommendation.option),
    rateCardId,
    evaluatedAt,
  };
}

export interface OptionDelta {
  option: OptionCode;
  baselineUsd: number | null;
  scenarioUsd: number | null;
  absoluteUsd: number | null;
  /** (scenario − baseline) / baseline × 100, two decimals; null when either side is null or the baseline is 0. */
  percent: number | null;
}

export function optionDeltas(baseline: readonly OptionCost[], scenario: readonly OptionCost[]): OptionDelta[] {
  return OPTION_CODES.map((code) => {
    const b = baseline.find((o) => o.option === code)?.monthlyCostUsd ?? null;
    const s = scenario.find((o) => o.option === code)?.monthlyCostUsd ?? null;
    if (b === null || s === null)
      return { option: code, baselineUsd: b, scenarioUsd: s, absoluteUsd: null, percent: null };
    const diff = cents(s) - cents(b);
    const percent = cents(b) === 0 ? null : Math.round((diff / cents(b)) * 10000) / 100;
    return { option: code, baselineUsd: b, scenarioUsd: s, absoluteUsd: usd(diff), percent };
  });
}

export interface CostChange {
  option: OptionCode;
  /** cost(baseline workload, baseline's pinned card) */
  baselineUsd: number | null;
  /** cost(latest workload, chosen card) */
  repricedUsd: number | null;
  totalChangeUsd: number | null;
  /** cost(latest workload, baseline card) − baselineUsd */
  usageEffectUsd: number | null;
  /** repricedUsd − cost(latest workload, baseline card) */
  priceEffectUsd: number | null;
}

type Costs = Partial<Record<OptionCode, number | null>>;

/**
 * Splits each option's change into usage (new workload at the old rates) and price (new rates on the new
 * workload). The two add up to the total exactly, in cents. `atBaselineCard` is undefined when the latest
 * workload cannot be priced at the baseline card (another region): then only the total is given.
 */
export function costChanges(baseline: Costs, repriced: Costs, atBaselineCard: Costs | undefined): CostChange[] {
  return OPTION_CODES.map((option) => {
    const b = baseline[option] ?? null;
    const r = repriced[option] ?? null;
    const m = atBaselineCard ? (atBaselineCard[option] ?? null) : null;
    const total = b !== null && r !== null ? usd(cents(r) - cents(b)) : null;
    const split = b !== null && r !== null && m !== null;
    return {
      option,
      baselineUsd: b,
      repricedUsd: r,
      totalChangeUsd: total,
      usageEffectUsd: split ? usd(cents(m) - cents(b)) : null,
      priceEffectUsd: split ? usd(cents(r) - cents(m)) : null,
    };
  });
}

/** One workload field that differs between the baseline and a compared scenario. */
export interface WorkloadChange {
  field: string;
  /** The baseline's value as text (JSON for lists and objects); null when not given and without a default. */
  left: string | null;
  /** The compared scenario's value, the same way. */
  right: string | null;
}

/** A value as the comparison shows it: strings as they are, numbers and booleans as JSON, lists and objects as JSON. */
const shown = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The workload fields whose value differs (a field left out counts as its default where it has one, so leaving
 * out `region` and giving `us-east-1` is no change), in name order, plus `volumeRange` when the ranges differ.
 */
export function workloadChanges(
  left: { workload: WorkloadInput; volumeRange: unknown },
  right: { workload: WorkloadInput; volumeRange: unknown },
): WorkloadChange[] {
  const defaults = WORKLOAD_DEFAULTS as Readonly<Record<string, unknown>>;
  const a = left.workload as unknown as Record<string, unknown>;
  const b = right.workload as unknown as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes: WorkloadChange[] = [];
  for (const field of fields) {
    const l = shown(a[field] ?? defaults[field]);
    const r = shown(b[field] ?? defaults[field]);
    if (l !== r) changes.push({ field, left: l, right: r });
  }
  const lr = shown(left.volumeRange);
  const rr = shown(right.volumeRange);
  if (lr !== rr) changes.push({ field: 'volumeRange', left: lr, right: rr });
  return changes;
}
