import type { OptionCode, Recommendation, VolumeRange, WorkloadInput } from '../domain';

/** One option's place in a saved evaluation: eligibility and monthly cost, nothing else. */
export interface OptionCost {
  option: OptionCode;
  eligible: boolean;
  monthlyCostUsd: number | null;
  recommended: boolean;
}

/** What a scenario's latest evaluation said, without the line items. */
export interface EvaluationSummary {
  recommendation: Recommendation;
  options: OptionCost[];
  rateCardId: string;
  evaluatedAt: string;
}

/** A scenario as it stands at its latest version: its content, who made it and its latest evaluation. */
export interface Scenario extends ScenarioContent {
  id: string;
  version: number;
  team: string;
  createdByKeyId: string;
  updatedByKeyId: string;
  createdAt: string;
  updatedAt: string;
  latest: EvaluationSummary;
}

export interface ScenarioPage {
  items: Scenario[];
  nextCursor: string | null;
}

/** One immutable entry of a scenario's edit history. */
export interface ScenarioVersionEntry extends ScenarioContent {
  version: number;
  rateCardId: string;
  recommendation: OptionCode | null;
  recommendedMonthlyCostUsd: number | null;
  options: OptionCost[];
  createdAt: string;
  createdByKeyId: string;
}

/** The writable fields of a scenario, validated (the volume range: what it is priced with, for bands and robustness). */
export interface ScenarioContent {
  name: string;
  description: string | null;
  tags: string[];
  workload: WorkloadInput;
  volumeRange: VolumeRange;
}

export interface ListQuery {
  limit: number;
  after?: { createdAt: string; id: string };
  tag?: string;
  search?: string;
}

/** A page of a scenario's edit history: its size (default VERSIONS_PAGE_DEFAULT), versions older than `before`. */
export interface HistoryPage {
  limit?: number;
  before?: number;
}

export type RepriceRates = 'pinned' | 'current';
