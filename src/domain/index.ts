/** Public API of the streamfit domain: pure functions of (workload, rate card, pricing) → results. */
export {
  evaluate,
  estimate,
  evaluateNormalized,
  estimateNormalized,
  estimateRow,
  type FromNormalized,
  type RowEstimate,
  type VolumeStudyInput,
} from './evaluate';
export {
  breakEven,
  breakEvenYielding,
  BREAK_EVEN_AXES,
  BREAK_EVEN_CROSSOVER_SETS,
  BREAK_EVEN_MAX_STEPS,
  BREAK_EVEN_MIN_STEPS,
  BREAK_EVEN_VARIABLES,
  type BreakEvenPoint,
  type BreakEvenRequest,
  type BreakEvenCrossoverSet,
  type BreakEvenResult,
  type BreakEvenSegment,
  type BreakEvenSeries,
  type SwitchKind,
  type SwitchPoint,
  type BreakEvenVariable,
  type Crossover,
} from './break-even';
export {
  DECISION_RULES,
  RULE_IDS,
  type DecisionRule,
  type RuleEffect,
  type RuleKind,
  type RuleThreshold,
} from './rules';
export {
  OPTION_CODES,
  OPTION_LABELS,
  OPTION_SERVICE,
  isOptionCode,
  type OptionCode,
  type ServiceCode,
} from './options';
export {
  WORKLOAD_JSON_SCHEMA,
  WORKLOAD_DEFAULTS,
  PEAK_FACTORS,
  TRAFFIC_PATTERNS,
  MSK_BROKER_FAMILIES,
  type MskBrokerFamily,
  type TrafficPattern,
  type WorkloadField,
  type WorkloadInput,
  type RecordSizeBucket,
} from './workload';
export {
  DEFAULT_VOLUME_RANGE,
  VOLUME_RANGE_JSON_SCHEMA,
  VOLUME_RANGE_LIMITS,
  VOLUME_SAMPLES_PER_SIDE,
  scaleVolume,
  validateVolumeRange,
} from './robustness';
export {
  HOURS_IN_PROFILE,
  PROFILE_STEADY_MAX_PEAK_RATIO,
  dailyWriteProfile,
  maxWindowGb,
  summarizeProfile,
} from './traffic-profile';
export {
  checkWorkload,
  checkWorkloadFields,
  type CheckedWorkload,
  type WorkloadCheckOptions,
} from './workload.validation';
export {
  normalizeWorkload,
  EVALUATION_BASIS,
  type EvaluationBasis,
  type NormalizedWorkload,
  type NormalizeOptions,
} from './workload.normalization';
export type { CostBand, Issue, LineItem, OptionSizing, Risk, VolumeRange } from './model.types';
export type {
  CurrentComparison,
  Estimate,
  Evaluation,
  OptionResult,
  OptionTotal,
  Recommendation,
  RecommendationChange,
  Robustness,
  TraceEntry,
} from './output.types';
export { KNOWN_RATE_KEYS, validatePricing, type PricingInput, type RateCardRef } from './pricing/rate-resolver';
export { BILLING_BASIS, HOURS_PER_MONTH, type BillingBasis } from './units';
export { KDS_LIMITS, MSK_LIMITS } from './limits';
export { SOURCES, type Confidence, type SourceRef } from './sources';
export { KDS_SHARD_HEADROOM } from './sizing/kds-sizing';
export { MSK_DEFAULT_MIN_PARTITIONS } from './sizing/msk-sizing';
export { STANDARD_BROKER_SPECS, EXPRESS_BROKER_SPECS, MSK_SIZING_FACTORS } from './sizing/broker-tables';
export { kdsRegionalQuotas, KDS_HIGH_QUOTA_REGIONS, KDS_QUOTA_TIERS, type KdsRegionalQuotas } from './limits';
export { ADVANTAGE_MINIMUM_MBPS, PUT_PAYLOAD_UNIT_KB } from './pricing/kds-cost';
export { CROSS_AZ_SHARE } from './pricing/msk-cost';
export * from './rate-card';
export * from './errors';
export { ARCHITECTURE_PRESETS, type ArchitecturePreset } from './pipeline/presets';
export {
  DELIVERY_SINKS,
  canonicalDeliverTo,
  type Delivery,
  type DeliveryInput,
  type DeliverySink,
} from './pipeline/delivery';
export { collect, isObject } from './field-checks';
export { meantName, unknownFieldMessage } from './near-miss';
export { AWS_REGIONS, NOT_OFFERED_IN_REGION, SNAPSHOT_REGIONS, type AwsRegion } from './regions';
export * from './pricelist';
export { compareWithCurrent, validateCurrentOption } from './current-option';
export {
  METRIC_DAYS,
  METRIC_QUERIES,
  METRIC_SOURCES,
  isMetricSource,
  metricIds,
  type MetricSource,
} from './metrics/metric-queries';
export { parseMetricData, type MetricData } from './metrics/metric-data';
export {
  deriveWorkload,
  type DerivedWorkload,
  type Observed,
  type ReadConfiguration,
  type StatedConfiguration,
} from './metrics/derive-workload';
export { currentCost, type CurrentCost, type RunningConfiguration } from './metrics/current-cost';
