import { Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import {
  EvaluationBasisView,
  IssueView,
  OptionResultView,
  OptionTotalView,
  RateCardRefView,
  RecommendationView,
  VolumeRangeView,
} from '../evaluation/evaluation.view';
import { OptionCodeEnum, ScenarioWorkloadView } from '../workload';

export enum RepriceRatesEnum {
  PINNED = 'pinned',
  CURRENT = 'current',
}
registerEnumType(RepriceRatesEnum, {
  name: 'RepriceRates',
  description: 'PINNED: the rate card the version was saved with; CURRENT: the rates in force today',
});

@ObjectType('ScenarioOptionCost', { description: "One option in a scenario's evaluation: fit and monthly cost" })
export class ScenarioOptionCostView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Boolean) eligible: boolean;
  @P(Float, { nullable: true, description: 'null when unpriced' }) monthlyCostUsd: number | null;
  @P(Boolean) recommended: boolean;
}

@ObjectType('ScenarioEvaluationSummary', {
  description: 'What the latest version was evaluated to, at the rate card it pins',
})
export class ScenarioEvaluationSummaryView {
  @P(RecommendationView) recommendation: RecommendationView;
  @P([ScenarioOptionCostView], { description: 'All six options, in option-code order' })
  options: ScenarioOptionCostView[];
  @P(String, { example: 'us-east-1:3f2a9c1b7d4e' }) rateCardId: string;
  @P(String) evaluatedAt: string;
}

@ObjectType('Scenario', { description: 'A saved, named workload with its latest evaluation' })
export class ScenarioView {
  @P(ID, { example: '0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90' }) id: string;
  @P(Int, { description: 'Starts at 1; +1 on every save. Send it back as If-Match / expectedVersion', example: 1 })
  version: number;
  @P(String, { example: 'Clickstream 2027' }) name: string;
  @P(String, { nullable: true }) description: string | null;
  @P([String], { example: ['clickstream', 'team:web'] }) tags: string[];
  @P(ScenarioWorkloadView) workload: ScenarioWorkloadView;
  @P(VolumeRangeView, { description: 'Volume range of the cost bands and robustness (default 0.8 to 1.25)' })
  volumeRange: VolumeRangeView;
  @P(String) team: string;
  @P(String) createdByKeyId: string;
  @P(String) updatedByKeyId: string;
  @P(String) createdAt: string;
  @P(String) updatedAt: string;
  @P(ScenarioEvaluationSummaryView) latest: ScenarioEvaluationSummaryView;
}

@ObjectType('DeletedScenario', { description: 'A scenario just deleted (soft: its versions are kept)' })
export class DeletedScenarioView {
  @P(ID) id: string;
  @P(Int, { description: 'The version it had when deleted' }) version: number;
  @P(String) deletedAt: string;
}

@ObjectType('ScenarioPage', { description: 'A page of scenarios, newest first' })
export class ScenarioPageView {
  @P([ScenarioView]) items: ScenarioView[];
  @P(String, {
    nullable: true,
    description: 'Pass as cursor (REST) / after (GraphQL) for the next page; null at the end',
  })
  nextCursor: string | null;
}

@ObjectType('ScenarioVersion', { description: 'One immutable entry of the edit history' })
export class ScenarioVersionView {
  @P(Int) version: number;
  @P(String) name: string;
  @P(String, { nullable: true }) description: string | null;
  @P([String]) tags: string[];
  @P(ScenarioWorkloadView) workload: ScenarioWorkloadView;
  @P(VolumeRangeView) volumeRange: VolumeRangeView;
  @P(String, { description: 'The rate card this version was priced with' }) rateCardId: string;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true, description: 'The recommended option' })
  recommendation: OptionCodeEnum | null;
  @P(Float, { nullable: true }) recommendedMonthlyCostUsd: number | null;
  @P([ScenarioOptionCostView]) options: ScenarioOptionCostView[];
  @P(String) createdAt: string;
  @P(String) createdByKeyId: string;
}

@ObjectType('ScenarioVersionPage', { description: 'A page of the edit history, newest first' })
export class ScenarioVersionPageView {
  @P([ScenarioVersionView]) items: ScenarioVersionView[];
  @P(String, { nullable: true, description: 'Pass as after for the next (older) page; null at the end' })
  nextCursor: string | null;
}

@ObjectType('ComparedScenario')
export class ComparedScenarioView {
  @P(ID) id: string;
  @P(String) name: string;
  @P(Int) version: number;
  @P(RecommendationView) recommendation: RecommendationView;
  @P([ScenarioOptionCostView]) options: ScenarioOptionCostView[];
  @P(String) rateCardId: string;
}

@ObjectType('ScenarioOptionDelta', { description: 'One option of a scenario against the same option of the baseline' })
export class ScenarioOptionDeltaView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Float, { nullable: true }) baselineUsd: number | null;
  @P(Float, { nullable: true }) scenarioUsd: number | null;
  @P(Float, { nullable: true, description: 'scenario − baseline, USD; null when either is unpriced' }) absoluteUsd:
    number | null;
  @P(Float, {
    nullable: true,
    description: 'Percent of the baseline, two decimals; null when either is unpriced or the baseline is 0',
  })
  percent: number | null;
}

@ObjectType('WorkloadChange', { description: 'A workload field whose value differs from the baseline’s' })
export class WorkloadChangeView {
  @P(String, { example: 'ingestGbPerDay' }) field: string;
  @P(String, {
    nullable: true,
    description: 'The baseline’s value as text (JSON for lists and objects; a field left out shows its default)',
    example: '100',
  })
  left: string | null;
  @P(String, { nullable: true, description: 'This scenario’s value, the same way', example: '250' })
  right: string | null;
}

@ObjectType('ScenarioDelta')
export class ScenarioDeltaView {
  @P(ID) scenarioId: string;
  @P([ScenarioOptionDeltaView]) options: ScenarioOptionDeltaView[];
  @P([WorkloadChangeView], { description: 'What changed in the inputs against the baseline, in field-name order' })
  workloadChanges: WorkloadChangeView[];
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) baselineRecommendation: OptionCodeEnum | null;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) recommendation: OptionCodeEnum | null;
  @P(Boolean, { description: 'Whether the recommended option differs from the baseline’s' })
  recommendationChanged: boolean;
}

@ObjectType('ScenarioComparison', {
  description: 'Scenarios side by side; deltas are against the first (the baseline)',
})
export class ScenarioComparisonView {
  @P(ID) baselineId: string;
  @P([ComparedScenarioView]) scenarios: ComparedScenarioView[];
  @P([ScenarioDeltaView], { description: 'One entry per scenario after the baseline, in the order asked' })
  deltas: ScenarioDeltaView[];
}

@ObjectType('ScenarioCostChange', {
  description: 'baseline → repriced, split so that usageEffectUsd + priceEffectUsd = totalChangeUsd exactly',
})
export class ScenarioCostChangeView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Float, { nullable: true, description: "Baseline version's workload at its pinned card" }) baselineUsd:
    number | null;
  @P(Float, { nullable: true, description: 'Latest workload at the chosen card' }) repricedUsd: number | null;
  @P(Float, { nullable: true }) totalChangeUsd: number | null;
  @P(Float, { nullable: true, description: "Latest workload at the baseline's card − baselineUsd" }) usageEffectUsd:
    number | null;
  @P(Float, { nullable: true, description: "repricedUsd − latest workload at the baseline's card" }) priceEffectUsd:
    number | null;
}

@ObjectType('ScenarioReprice', {
  description: 'The latest version re-priced, like an estimate, with the change against a baseline version',
})
export class ScenarioRepriceView {
  @P(ID) scenarioId: string;
  @P(Int) version: number;
  @P(RepriceRatesEnum, { enum: RepriceRatesEnum }) rates: RepriceRatesEnum;
  @P(Int) baselineVersion: number;
  @P(String) pinnedRateCardId: string;
  @P(String) baselineRateCardId: string;
  @P(VolumeRangeView, { description: "The latest version's volume range, which priced the bands" })
  volumeRange: VolumeRangeView;
  @P([OptionResultView]) options: OptionResultView[];
  @P([OptionTotalView]) totals: OptionTotalView[];
  @P(RateCardRefView) rateCard: RateCardRefView;
  @P(EvaluationBasisView) basis: EvaluationBasisView;
  @P([IssueView]) warnings: IssueView[];
  @P([ScenarioCostChangeView]) change: ScenarioCostChangeView[];
  @P(String, { nullable: true }) changeNote: string | null;
}
