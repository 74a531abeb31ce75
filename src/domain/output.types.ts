/**
 * The domain API's answers (evaluation, estimate and their parts), built from the model's pieces in model.types.ts.
 * Plain JSON-serializable data; scalar fields where GraphQL maps them.
 */
import type { CostBand, Issue, LineItem, OptionSizing, Risk, VolumeRange } from './model.types';
import type { OptionCode, ServiceCode } from './options';
import type { RateCardRef } from './pricing/rate-resolver';
import type { EvaluationBasis, NormalizedWorkload } from './workload.normalization';

/** Where the recommendation changes inside the volume range. */
export interface RecommendationChange {
  /** ABOVE: from `atMultiplier` up the recommendation is `to`; BELOW: at `atMultiplier` and below it is `to`. */
  direction: 'ABOVE' | 'BELOW';
  /** Multiplier of the expected volume (6 decimals, on the changed side). */
  atMultiplier: number;
  /** The volume there, GB/day and peak MB/s. */
  ingestGbPerDay: number;
  peakWriteMBps: number;
  from: OptionCode | null;
  to: OptionCode | null;
}

/** Does the recommendation hold across the volume range, and if not, where does it change and to what. */
export interface Robustness {
  volumeRange: VolumeRange;
  /** The same option is recommended at every volume of the range. */
  holds: boolean;
  /** The recommendation holds over (holdsFromMultiplier, holdsToMultiplier), both ends included when no change bounds them. */
  holdsFromMultiplier: number;
  holdsToMultiplier: number;
  changes: RecommendationChange[];
  summary: string;
}

export interface OptionResult {
  option: OptionCode;
  service: ServiceCode;
  label: string;
  eligible: boolean;
  /** 1 = recommended; then eligible priced by cost, eligible unpriced, ineligible. */
  rank: number;
  disqualifiedBy: Issue[];
  priced: boolean;
  missingRates: string[];
  monthlyCostUsd: number | null;
  lineItems: LineItem[];
  sizing: OptionSizing;
  assumptions: string[];
  /** Cost across the request's volumeRange; null when the option is unpriced. */
  monthlyCostBandUsd: CostBand | null;
  risks: Risk[];
}

export interface TraceEntry {
  ruleId: string;
  question: string;
  /** The workload's answer, in words and numbers. */
  answer: string;
  /** Whether the rule's condition held for this workload. */
  fired: boolean;
  outcome: string;
  source: string;
}

export interface Recommendation {
  option: OptionCode | null;
  service: ServiceCode | null;
  headline: string;
  reasons: string[];
  monthlyCostUsd: number | null;
  /** Null only when the caller did not ask for the volume study (a GraphQL selection without it). */
  robustness: Robustness | null;
}

export interface Evaluation {
  workload: NormalizedWorkload;
  /** The volume range the bands and the robustness check used (the request's, or the default). */
  volumeRange: VolumeRange;
  basis: EvaluationBasis;
  recommendation: Recommendation;
  decisionTrace: TraceEntry[];
  options: OptionResult[];
  rateCard: RateCardRef;
  warnings: Issue[];
  /** Present when the request names what runs today (`currentOption`): its cost, the best fit's, the saving, the risks of moving. */
  current?: CurrentComparison | null;
}

export interface OptionTotal {
  option: OptionCode;
  monthlyCostUsd: number | null;
}

export interface Estimate {
  volumeRange: VolumeRange;
  options: OptionResult[];
  rateCard: RateCardRef;
  totals: OptionTotal[];
  basis: EvaluationBasis;
  warnings: Issue[];
}

/** The option that runs today against the best fit (POST /v1/evaluations with currentOption). */
export interface CurrentComparison {
  option: OptionCode;
  label: string;
  eligible: boolean;
  /** What runs costs a month: the caller's measured cost when given, else streamfit's pricing of that option. */
  monthlyCostUsd: number | null;
  /** MEASURED (currentMonthlyCostUsd given, e.g. from /v1/workloads/from-metrics) or PRICED (this evaluation). */
  costBasis: 'MEASURED' | 'PRICED';
  bestOption: OptionCode | null;
  bestMonthlyCostUsd: number | null;
  /** Current − best, per month (negative: the best fit costs more). Null when either cost is unknown. */
  monthlySavingUsd: number | null;
  annualSavingUsd: number | null;
  savingPercent: number | null;
  /** What moving from the current option to the best fit involves and risks. */
  risksOfMoving: string[];
  summary: string;
}
