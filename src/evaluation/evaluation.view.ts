import { Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ViewProperty as P } from '../common/view-property';
import { RateSourceEnum } from '../rates/rate-card.view';
import { BreakEvenVariableEnum, NormalizedWorkloadView, OptionCodeEnum } from '../workload';

export enum ServiceCodeEnum {
  KINESIS = 'KINESIS',
  MSK = 'MSK',
}
registerEnumType(ServiceCodeEnum, { name: 'ServiceCode' });

@ObjectType('Issue', { description: 'A coded message: a disqualification or a warning' })
export class IssueView {
  @P(String, { example: 'KDS_RECORD_TOO_LARGE' }) code: string;
  @P(String) message: string;
}

@ObjectType('LineItem', {
  description: 'One billed line: quantity × unit price, as finance reconciles it against a bill',
})
export class LineItemView {
  @P(String, { example: 'KDS_SHARD_HOURS' }) code: string;
  @P(String) description: string;
  @P(Float, { description: 'Billing quantity in `unit`, 6 decimals', example: 730 }) quantity: number;
  @P(String, { example: 'ShardHour' }) unit: string;
  @P(Float, { description: 'USD per unit after override and discount', example: 0.015 }) unitPriceUsd: number;
  @P(Float, { description: 'quantity × unitPriceUsd, rounded half-up to cents', example: 10.95 })
  monthlyCostUsd: number;
  @P(String, { example: 'Storage-ShardHour' }) usageType: string;
  @P(String, { example: 'kds.provisioned.shardHour' }) rateKey: string;
  @P(RateSourceEnum, { enum: RateSourceEnum }) rateSource: RateSourceEnum;
}

@ObjectType('OptionSizing', {
  description:
    'How the option was sized; `boundBy` names the constraint that set the size. Fields that do not apply are null.',
})
export class OptionSizingView {
  @P(String) boundBy: string;
  @P(Float, { nullable: true }) headroomFactor?: number;
  @P(Float, { nullable: true }) peakWriteMBps?: number;
  @P(Float, { nullable: true }) peakReadMBps?: number;
  @P(Int, { nullable: true }) shards?: number;
  @P(Int, { nullable: true }) shardsForWriteThroughput?: number;
  @P(Int, { nullable: true }) shardsForWriteRecords?: number;
  @P(Int, { nullable: true }) shardsForSharedRead?: number;
  @P(Float, { nullable: true }) onDemandWriteCapacityMBps?: number;
  @P(Float, { nullable: true }) onDemandMaxWriteMBps?: number;
  @P(Float, { nullable: true }) onDemandSharedReadMBps?: number;
  @P(Float, { nullable: true }) onDemandMaxReadMBps?: number;
  @P(Int, { nullable: true }) efoConsumers?: number;
  @P(String, { nullable: true }) brokerType?: string;
  @P(Int, { nullable: true }) brokers?: number;
  @P(Float, { nullable: true }) perBrokerIngressCapacityMBps?: number;
  @P(Float, { nullable: true }) perBrokerEgressCapacityMBps?: number;
  @P(Int, { nullable: true }) replicationFactor?: number;
  @P(Float, { nullable: true }) storageGbPerBroker?: number;
  @P(Float, { nullable: true }) totalStorageGb?: number;
  @P(Float, { nullable: true }) storageUtilizationTarget?: number;
  @P(Float, { nullable: true }) storedGb?: number;
  @P(Int, { nullable: true }) partitions?: number;
  @P(Float, { nullable: true }) partitionReplicasPerBroker?: number;
  @P(Int, { nullable: true }) partitionsRecommendedPerBroker?: number;
  @P(Float, { nullable: true, description: "MSK: fraction of broker capacity used at peak (AWS's sizing method)" })
  utilizationTarget?: number;
  @P(Float, { nullable: true, description: 'MSK Standard: EBS write I/O per unit of client ingress (one AZ down)' })
  storageIoFactor?: number;
  @P(Float, { nullable: true, description: 'MSK Standard: NIC traffic per unit of client ingress (one AZ down)' })
  networkIoFactor?: number;
  @P(Float, { nullable: true, description: 'MSK Express: egress capacity as a multiple of broker ingress' })
  expressEgressFactor?: number;
  @P(Boolean, { nullable: true, description: 'MSK Standard: tiered storage in use' }) tieredStorage?: boolean;
  @P(Float, { nullable: true, description: 'MSK Standard: hours kept on broker EBS' }) localRetentionHours?: number;
  @P(Float, { nullable: true, description: 'MSK Standard: GB (one copy) in tiered storage' }) tieredStorageGb?: number;
  @P(String, {
    nullable: true,
    description:
      "MSK Standard with tiered storage: broker type of the all-EBS cluster (no tiering, as AWS's sizing script and calculator size it)",
  })
  untieredBrokerType?: string;
  @P(Int, { nullable: true, description: 'MSK Standard with tiered storage: brokers of the all-EBS cluster' })
  untieredBrokers?: number;
  @P(Float, {
    nullable: true,
    description: 'MSK Standard with tiered storage: EBS GB per broker of the all-EBS cluster',
  })
  untieredStorageGbPerBroker?: number;
  @P(Float, { nullable: true, description: 'MSK Standard with tiered storage: total EBS GB of the all-EBS cluster' })
  untieredTotalStorageGb?: number;
  @P(Float, {
    nullable: true,
    description:
      'MSK Standard with tiered storage: monthly total of the all-EBS cluster (same legs, rates and discount), beside tieredMonthlyCostUsd',
  })
  untieredMonthlyCostUsd?: number | null;
  @P(Float, {
    nullable: true,
    description: "MSK Standard with tiered storage: monthly total of the tiered cluster (the option's monthlyCostUsd)",
  })
  tieredMonthlyCostUsd?: number | null;
  @P(Float, { nullable: true, description: 'MSK Standard: provisioned storage throughput per broker, MiB/s' })
  storageThroughputMBpsPerBroker?: number;
  @P(String, {
    nullable: true,
    description:
      "Kinesis: the region's default quota tier (HIGH in us-east-1, us-west-2, eu-west-1; STANDARD elsewhere)",
  })
  quotaTier?: string;
  @P(Int, { nullable: true, description: "Kinesis provisioned: the region's default shard quota per account" })
  shardQuota?: number;
  @P(String, {
    nullable: true,
    description: 'The pipeline this option implies (when deliverTo or cross-region replication is asked)',
    example: 'Amazon MSK → MSK Connect → S3',
  })
  pipeline?: string;
  @P(String, { nullable: true, description: 'FIREHOSE or MSK_CONNECT' }) deliveryVia?: string;
  @P(Int, { nullable: true }) deliverySinks?: number;
  @P(Int, { nullable: true }) mskConnectMcus?: number;
  @P(Int, { nullable: true }) mskConnectWorkers?: number;
  @P(String, { nullable: true, description: 'MSK_REPLICATOR, or CUSTOM_CONSUMER for Kinesis (an assumption)' })
  replicationVia?: string;
}

@ObjectType('CostBand', {
  description: 'Monthly cost across the volume range: lowest and highest priced across it; expected = monthlyCostUsd',
})
export class CostBandView {
  @P(Float, { example: 52.18 }) low: number;
  @P(Float, { description: "Equals the option's monthlyCostUsd", example: 66.55 }) expected: number;
  @P(Float, { example: 82.3 }) high: number;
}

@ObjectType('Risk', { description: 'A named risk of an option and the write rate at which it bites' })
export class RiskView {
  @P(String, { example: 'PROVISIONED_SHARDS_HOT_AT_PEAK' }) code: string;
  @P(String) message: string;
  @P(Float, { description: 'Write rate at which the risk materializes, in `unit`', example: 2 }) threshold: number;
  @P(String, { example: 'MB/s' }) unit: string;
  @P(Float, { description: "The workload's peak write rate as a percentage of the threshold", example: 70.3 })
  peakUtilizationPercent: number;
}

@ObjectType('VolumeRange', { description: 'Multipliers of the expected volume' })
export class VolumeRangeView {
  @P(Float, { example: 0.8 }) low: number;
  @P(Float, { example: 1.25 }) high: number;
}

@ObjectType('RecommendationChange', {
  description: 'Where the recommendation changes inside the volume range, solved by bisection',
})
export class RecommendationChangeView {
  @P(String, {
    description: 'ABOVE: from atMultiplier up the recommendation is `to`; BELOW: at atMultiplier and below it is `to`',
    example: 'ABOVE',
  })
  direction: string;
  @P(Float, { example: 1.6 }) atMultiplier: number;
  @P(Float, { description: 'Volume there, GB/day', example: 160 }) ingestGbPerDay: number;
  @P(Float, { description: 'Peak write there, MB/s', example: 2.22 }) peakWriteMBps: number;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) from: OptionCodeEnum | null;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) to: OptionCodeEnum | null;
}

@ObjectType('Robustness', {
  description: 'Does the recommendation hold across the volume range; if not, where it changes and to what',
})
export class RobustnessView {
  @P(VolumeRangeView) volumeRange: VolumeRangeView;
  @P(Boolean, { description: 'The same option is recommended at every volume of the range' }) holds: boolean;
  @P(Float, { example: 0.8 }) holdsFromMultiplier: number;
  @P(Float, { example: 1.25 }) holdsToMultiplier: number;
  @P([RecommendationChangeView]) changes: RecommendationChangeView[];
  @P(String, {
    example:
      'Kinesis Data Streams, provisioned shards stays the recommendation from 0.8× to 1.25× the expected volume.',
  })
  summary: string;
}

@ObjectType('OptionResult', { description: 'One option: fit, sizing, line items and monthly cost' })
export class OptionResultView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(ServiceCodeEnum, { enum: ServiceCodeEnum }) service: ServiceCodeEnum;
  @P(String) label: string;
  @P(Boolean) eligible: boolean;
  @P(Int, { description: '1 = recommended; then eligible priced by cost, eligible unpriced, ineligible' }) rank: number;
  @P([IssueView]) disqualifiedBy: IssueView[];
  @P(Boolean, { description: 'false when a rate the model needs is missing (see missingRates): never a silent zero' })
  priced: boolean;
  @P([String]) missingRates: string[];
  @P(Float, { nullable: true, description: 'Sum of the rounded line items; null when unpriced' }) monthlyCostUsd:
    number | null;
  @P([LineItemView]) lineItems: LineItemView[];
  @P(OptionSizingView) sizing: OptionSizingView;
  @P([String]) assumptions: string[];
  @P(CostBandView, { nullable: true, description: 'Cost across the volume range; null when unpriced' })
  monthlyCostBandUsd: CostBandView | null;
  @P([RiskView]) risks: RiskView[];
}

@ObjectType('TraceEntry', { description: 'One rule consulted, in order' })
export class TraceEntryView {
  @P(String) ruleId: string;
  @P(String) question: string;
  @P(String, { description: "The workload's answer" }) answer: string;
  @P(Boolean, { description: "Whether the rule's condition held" }) fired: boolean;
  @P(String) outcome: string;
  @P(String) source: string;
}

@ObjectType('Recommendation')
export class RecommendationView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) option: OptionCodeEnum | null;
  @P(ServiceCodeEnum, { enum: ServiceCodeEnum, nullable: true }) service: ServiceCodeEnum | null;
  @P(String) headline: string;
  @P([String]) reasons: string[];
  @P(Float, { nullable: true }) monthlyCostUsd: number | null;
  @P(RobustnessView, {
    nullable: true,
    description: 'Null only on scenario versions saved before robustness was computed',
  })
  robustness: RobustnessView | null;
}

@ObjectType('RateCardRef', { description: 'Which rates priced a result' })
export class RateCardRefView {
  @P(String) id: string;
  @P(String) region: string;
  @P(RateSourceEnum, { enum: RateSourceEnum, description: 'OVERRIDE when a discount or override applied' })
  source: RateSourceEnum;
  @P(String) priceListVersion: string;
  @P(String) publicationDate: string;
  @P(String) fetchedAt: string;
  @P(String) contentHash: string;
  @P(Boolean) stale: boolean;
  @P(String, {
    nullable: true,
    description:
      'Where the prices come from, in words, e.g. "bundled snapshot of 2026-11-25 (live rates off)"; null on results saved before it existed',
  })
  sourceLabel: string | null;
  @P(Float) discountPercent: number;
  @P([String]) overriddenRateKeys: string[];
}

@ObjectType('PeakFactors')
export class PeakFactorsView {
  @P(Float) STEADY: number;
  @P(Float) VARIABLE: number;
  @P(Float) UNPREDICTABLE: number;
}

@ObjectType('EvaluationBasis', { description: 'Units and rounding every number rests on' })
export class EvaluationBasisView {
  @P(String) currency: string;
  @P(Int) bytesPerKb: number;
  @P(Int) kbPerMb: number;
  @P(Int) mbPerGb: number;
  @P(Float) hoursPerMonth: number;
  @P(Float) daysPerMonth: number;
  @P(Int) quantityDecimals: number;
  @P(String) moneyRounding: string;
  @P(String) note: string;
  @P(PeakFactorsView) peakFactors: PeakFactorsView;
}

@ObjectType('CurrentComparison', {
  description: 'What runs today (currentOption) against the best fit: both costs, the saving and the risks of moving',
})
export class CurrentComparisonView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(String) label: string;
  @P(Boolean, { description: 'Whether what runs fits the workload (its disqualifications are in options[])' })
  eligible: boolean;
  @P(Float, { nullable: true, description: 'What runs costs a month' }) monthlyCostUsd: number | null;
  @P(String, {
    description: 'MEASURED: currentMonthlyCostUsd as given; PRICED: this evaluation’s price of the option',
    example: 'PRICED',
  })
  costBasis: string;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) bestOption: OptionCodeEnum | null;
  @P(Float, { nullable: true }) bestMonthlyCostUsd: number | null;
  @P(Float, { nullable: true, description: 'Current − best, USD per month (negative: the best fit costs more)' })
  monthlySavingUsd: number | null;
  @P(Float, { nullable: true }) annualSavingUsd: number | null;
  @P(Float, { nullable: true, description: 'Saving as a percentage of what runs costs' }) savingPercent: number | null;
  @P([String]) risksOfMoving: string[];
  @P(String) summary: string;
}

@ObjectType('Evaluation', { description: 'Recommendation, reasons, trace and the cost of every option' })
export class EvaluationView {
  @P(NormalizedWorkloadView) workload: NormalizedWorkloadView;
  @P(VolumeRangeView, { description: 'The volume range of the bands and the robustness check' })
  volumeRange: VolumeRangeView;
  @P(EvaluationBasisView) basis: EvaluationBasisView;
  @P(RecommendationView) recommendation: RecommendationView;
  @P([TraceEntryView]) decisionTrace: TraceEntryView[];
  @P([OptionResultView]) options: OptionResultView[];
  @P(RateCardRefView) rateCard: RateCardRefView;
  @P([IssueView]) warnings: IssueView[];
  @P(CurrentComparisonView, {
    nullable: true,
    description:
      'Only when the request names currentOption: what runs costs $X; the best fit is Y at $Z; the saving and the risks of moving',
  })
  current?: CurrentComparisonView | null;
}

@ObjectType('OptionTotal')
export class OptionTotalView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Float, { nullable: true }) monthlyCostUsd: number | null;
}

@ObjectType('Estimate', { description: 'The options, their line items and totals, and the rates that priced them' })
export class EstimateView {
  @P(VolumeRangeView, { description: 'The volume range of the bands' }) volumeRange: VolumeRangeView;
  @P([OptionResultView]) options: OptionResultView[];
  @P(RateCardRefView) rateCard: RateCardRefView;
  @P([OptionTotalView]) totals: OptionTotalView[];
  @P(EvaluationBasisView) basis: EvaluationBasisView;
  @P([IssueView]) warnings: IssueView[];
}

@ObjectType('BreakEvenPoint')
export class BreakEvenPointView {
  @P(Float) x: number;
  @P(Float, { nullable: true, description: 'null where the option is ineligible or unpriced' }) monthlyCostUsd:
    number | null;
}

@ObjectType('BreakEvenSeries')
export class BreakEvenSeriesView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P([BreakEvenPointView]) points: BreakEvenPointView[];
}

@ObjectType('Crossover', { description: 'Where two options swap places, solved exactly' })
export class CrossoverView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) optionA: OptionCodeEnum;
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) optionB: OptionCodeEnum;
  @P(Float) at: number;
  @P(Float) monthlyCostUsd: number;
  @P(Float) optionBMonthlyCostUsd: number;
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) cheaperAfter: OptionCodeEnum;
}

export enum SwitchKindEnum {
  CHEAPEST = 'CHEAPEST',
  RECOMMENDED = 'RECOMMENDED',
}
registerEnumType(SwitchKindEnum, {
  name: 'SwitchKind',
  description: 'CHEAPEST: the cheapest eligible option changes; RECOMMENDED: the recommended option changes',
});

export enum BreakEvenCrossoversEnum {
  SWITCHES = 'SWITCHES',
  ALL = 'ALL',
}
registerEnumType(BreakEvenCrossoversEnum, {
  name: 'BreakEvenCrossovers',
  description:
    'Which pairwise crossovers a break-even lists: SWITCHES (default) those where the cheapest eligible option changes, ALL every pair’s (at most 50, the first along the axis)',
});

@ObjectType('BreakEvenSegment', {
  description: 'A stretch of the range where one option stays the cheapest eligible one (or the recommended one)',
})
export class BreakEvenSegmentView {
  @P(Float, { description: 'Inclusive' }) from: number;
  @P(Float, { description: 'Exclusive, except for the last segment (the end of the range)' }) to: number;
  @P(OptionCodeEnum, {
    enum: OptionCodeEnum,
    nullable: true,
    description: 'null where no option is eligible and priced (or, recommended, none fits)',
  })
  option: OptionCodeEnum | null;
}

@ObjectType('SwitchPoint', { description: 'Where the cheapest eligible or the recommended option changes' })
export class SwitchPointView {
  @P(SwitchKindEnum, { enum: SwitchKindEnum }) kind: SwitchKindEnum;
  @P(Float, { description: 'First value of the variable with the new option (6 decimals; integers for consumers)' })
  at: number;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) before: OptionCodeEnum | null;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) after: OptionCodeEnum | null;
  @P(Float, { nullable: true, description: '`before`’s cost at `at` (null: ineligible or unpriced there)' })
  beforeMonthlyCostUsd: number | null;
  @P(Float, { nullable: true, description: '`after`’s cost at `at`' }) afterMonthlyCostUsd: number | null;
  @P(Boolean, {
    description: 'false past the cap (50 per kind): `at` is then the first sample with the new option',
  })
  exact: boolean;
}

@ObjectType('BreakEven', {
  description:
    'Cost series per option as one workload variable grows; the cheapest and the recommended option along the range as segments, the switch points, and the crossover points',
})
export class BreakEvenView {
  @P(BreakEvenVariableEnum, { enum: BreakEvenVariableEnum }) vary: BreakEvenVariableEnum;
  @P(String, { example: 'ingestGbPerDay' }) field: string;
  @P(String, { example: 'GB/day' }) unit: string;
  @P(Float) from: number;
  @P(Float) to: number;
  @P(Int) steps: number;
  @P([BreakEvenSeriesView]) series: BreakEvenSeriesView[];
  @P([BreakEvenSegmentView], { description: 'The cheapest eligible option along the range, segment by segment' })
  segments: BreakEvenSegmentView[];
  @P([BreakEvenSegmentView], { description: 'The recommended option along the range, segment by segment' })
  recommendedSegments: BreakEvenSegmentView[];
  @P([SwitchPointView], { description: 'Where the cheapest or the recommended option changes, along the axis' })
  switchPoints: SwitchPointView[];
  @P(BreakEvenCrossoversEnum, {
    enum: BreakEvenCrossoversEnum,
    description: 'Which crossovers `crossovers` lists: SWITCHES (default) or ALL (`?crossovers=all`)',
  })
  crossoverSet: BreakEvenCrossoversEnum;
  @P([CrossoverView], {
    description:
      'SWITCHES: the crossovers where the cheapest eligible option changes; ALL: every pair’s (at most 50, the first along the axis)',
  })
  crossovers: CrossoverView[];
  @P(RateCardRefView) rateCard: RateCardRefView;
  @P(EvaluationBasisView) basis: EvaluationBasisView;
  @P([IssueView]) warnings: IssueView[];
}

@ObjectType('RuleThreshold')
export class RuleThresholdView {
  @P(String) name: string;
  @P(Float) value: number;
  @P(String) unit: string;
}

@ObjectType('DecisionRule', { description: 'A rule of the decision engine, with thresholds and its public source' })
export class DecisionRuleView {
  @P(String) id: string;
  @P(String, { description: 'FLOWCHART, HARD_LIMIT or ADVISORY' }) kind: string;
  @P(String, { description: 'PREFER, DISQUALIFY, WARN, SIZE or INFO' }) effect: string;
  @P(String) question: string;
  @P([RuleThresholdView]) thresholds: RuleThresholdView[];
  @P(String) outcome: string;
  @P([OptionCodeEnum], { enum: OptionCodeEnum }) appliesTo: OptionCodeEnum[];
  @P(String) source: string;
  @P(String) sourceUrl: string;
  @P(String, { description: 'PL, AWS, 3P or ASSUMPTION' }) confidence: string;
}

/** REST only (`POST /v1/evaluations?view=totals`): the recommendation in brief. */
export class RecommendationSummaryView {
  @ApiProperty({ enum: OptionCodeEnum, nullable: true }) option: OptionCodeEnum | null;
  @ApiProperty({ enum: ServiceCodeEnum, nullable: true }) service: ServiceCodeEnum | null;
  @ApiProperty() headline: string;
  @ApiProperty({ type: Number, nullable: true }) monthlyCostUsd: number | null;
}

/** REST only: one option's total, as ranked in the full answer. */
export class EvaluationTotalView {
  @ApiProperty({ enum: OptionCodeEnum }) option: OptionCodeEnum;
  @ApiProperty() label: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: 'integer' }) rank: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when a rate is missing (the option is unpriced)' })
  monthlyCostUsd: number | null;
}

/**
 * REST only: the lean answer of `POST /v1/evaluations?view=totals`, for callers that want the recommendation and
 * the six totals (finance sweeps, dashboards). Same numbers as the full answer; no trace, line items, sizing,
 * bands or robustness (the volume study is not computed).
 */
export class EvaluationTotalsView {
  @ApiProperty({ type: RecommendationSummaryView }) recommendation: RecommendationSummaryView;
  @ApiProperty({ type: [EvaluationTotalView], description: 'Every option, in rank order' })
  totals: EvaluationTotalView[];
  @ApiProperty({ type: RateCardRefView }) rateCard: RateCardRefView;
  @ApiProperty({ type: [IssueView] }) warnings: IssueView[];
}
