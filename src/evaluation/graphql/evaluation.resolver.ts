import { Args, Float, Int, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { EvaluationService } from '../evaluation.service';
import { BreakEvenView, DecisionRuleView, EstimateView, EvaluationView } from '../evaluation.view';
import { BreakEvenVariableEnum, PricingInputGql, toRequestBody, VolumeRangeInputGql, WorkloadInputGql } from './workload.input';

@Resolver()
export class EvaluationResolver {
  constructor(private readonly evaluations: EvaluationService) {}

  @Query(() => EvaluationView, { description: 'Recommendation, reasons, decision trace and the cost of all six options' })
  evaluateWorkload(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing?: PricingInputGql,
    @Args('volumeRange', { type: () => VolumeRangeInputGql, nullable: true, description: 'Cost bands and robustness range (default 0.8 to 1.25)' }) volumeRange?: VolumeRangeInputGql,
  ) {
    return this.evaluations.evaluate(caller, toRequestBody(input, pricing, volumeRange), 'input');
  }

  @Query(() => EstimateView, { description: 'Cost estimate per option with line items and rate provenance' })
  estimateCosts(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing?: PricingInputGql,
    @Args('volumeRange', { type: () => VolumeRangeInputGql, nullable: true, description: 'Cost bands range (default 0.8 to 1.25)' }) volumeRange?: VolumeRangeInputGql,
  ) {
    return this.evaluations.estimate(caller, toRequestBody(input, pricing, volumeRange), 'input');
  }

  @Query(() => BreakEvenView, { description: 'Cost series per option as one variable grows, with the crossover points' })
  breakEven(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => WorkloadInputGql }) input: WorkloadInputGql,
    @Args('vary', { type: () => BreakEvenVariableEnum }) vary: BreakEvenVariableEnum,
    @Args('from', { type: () => Float }) from: number,
    @Args('to', { type: () => Float }) to: number,
    @Args('steps', { type: () => Int }) steps: number,
    @Args('pricing', { type: () => PricingInputGql, nullable: true }) pricing?: PricingInputGql,
  ) {
    return this.evaluations.breakEven(caller, { ...toRequestBody(input, pricing), vary, from, to, steps }, 'input');
  }

  @Query(() => [DecisionRuleView], { description: 'The rule set with thresholds and sources' })
  decisionRules() {
    return this.evaluations.decisionRules();
  }
}
