import { Args, Float, Info, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { breakEvenComplexity, Work } from '../../graphql-support/field-cost';
import { selectsAnyField } from '../../graphql-support/selection';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { EvaluationService } from '../evaluation.service';
import {
  BreakEvenCrossoversEnum,
  BreakEvenView,
  DecisionRuleView,
  EstimateView,
  EvaluationView,
} from '../evaluation.view';
import { parseBreakEvenRequest, parseEvaluateRequest, parseEvaluationRequest } from '../evaluation-request';
import { OptionCodeEnum } from '../evaluation.view';
import {
  BreakEvenVariableEnum,
  PricingInputGql,
  toRequestBody,
  VolumeRangeInputGql,
  WorkloadInputGql,
} from './workload.input';

/** The workload is the `input` argument: its field errors are named input.<field>. */
const GRAPHQL = { workload: 'input' };

/**
 * The fields the volume study computes: a query selecting neither is answered without it (it costs several
 * evaluations; README "Performance").
 */
const VOLUME_STUDY_FIELDS: ReadonlySet<string> = new Set(['monthlyCostBandUsd', 'robustness']);
const volumeStudyOf = (info: GraphQLResolveInfo) => ({ volumeStudy: selectsAnyField(info, VOLUME_STUDY_FIELDS) });

@Resolver()
export class EvaluationResolver {
  constructor(private readonly evaluations: EvaluationService) {}

  @Query(() => EvaluationView, {
    description: 'Recommendation, reasons, decision trace and the cost of all six options',
  })
  @Work({ expensive: true })
  evaluateWorkload(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing: PricingInputGql | undefined,
    @Args('volumeRange', {
      type: () => VolumeRangeInputGql,
      nullable: true,
      description: 'Cost bands and robustness range (default 0.8 to 1.25)',
    })
    volumeRange: VolumeRangeInputGql | undefined,
    @Info() info: GraphQLResolveInfo,
    @Args('currentOption', {
      type: () => OptionCodeEnum,
      nullable: true,
      description: 'The option that runs today: the answer compares it with the best fit (`current`)',
    })
    currentOption: OptionCodeEnum | undefined,
    @Args('currentMonthlyCostUsd', {
      type: () => Float,
      nullable: true,
      description: 'With currentOption: what runs costs a month as measured (from workloadFromMetrics `current`)',
    })
    currentMonthlyCostUsd: number | undefined,
  ) {
    const body = {
      ...toRequestBody(input, pricing, volumeRange),
      ...(currentOption != null ? { currentOption } : {}),
      ...(currentMonthlyCostUsd != null ? { currentMonthlyCostUsd } : {}),
    };
    return this.evaluations.evaluate(caller, parseEvaluateRequest(body, GRAPHQL), volumeStudyOf(info));
  }

  @Query(() => EstimateView, { description: 'Cost estimate per option with line items and rate provenance' })
  @Work({ expensive: true })
  estimateCosts(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing: PricingInputGql | undefined,
    @Args('volumeRange', {
      type: () => VolumeRangeInputGql,
      nullable: true,
      description: 'Cost bands range (default 0.8 to 1.25)',
    })
    volumeRange: VolumeRangeInputGql | undefined,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.evaluations.estimate(
      caller,
      parseEvaluationRequest(toRequestBody(input, pricing, volumeRange), GRAPHQL),
      volumeStudyOf(info),
    );
  }

  @Query(() => BreakEvenView, {
    description: 'Cost series per option as one variable grows, with the crossover points',
    complexity: breakEvenComplexity,
  })
  @Work({ expensive: true })
  breakEven(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('vary', { type: () => BreakEvenVariableEnum }) vary: BreakEvenVariableEnum,
    @Args('from', { type: () => Float }) from: number,
    @Args('to', { type: () => Float }) to: number,
    @Args('steps', { type: () => Int }) steps: number,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing: PricingInputGql | undefined,
    @Args('crossovers', {
      type: () => BreakEvenCrossoversEnum,
      nullable: true,
      defaultValue: BreakEvenCrossoversEnum.SWITCHES,
      description: 'SWITCHES (default): only the crossovers where the cheapest option changes; ALL: every pair’s',
    })
    crossovers: BreakEvenCrossoversEnum | null,
  ) {
    return this.evaluations.breakEven(caller, {
      ...parseBreakEvenRequest({ ...toRequestBody(input, pricing), vary, from, to, steps }, GRAPHQL),
      crossovers: crossovers ?? undefined,
    });
  }

  @Query(() => [DecisionRuleView], { description: 'The rule set with thresholds and sources' })
  decisionRules() {
    return this.evaluations.decisionRules();
  }
}
