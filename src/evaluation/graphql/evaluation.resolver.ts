import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { breakEvenComplexity, Work } from '../../graphql-support/field-cost';
import { selectsAnyField } from '../../graphql-support/selection';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { EvaluationService } from '../evaluation.service';
import { BreakEvenView, DecisionRuleView, EstimateView, EvaluationView } from '../evaluation.view';
import { parseBreakEvenRequest, parseEvaluateRequest, parseEvaluationRequest, toRequestBody } from '../../workload';
import { BreakEvenArgs, EstimateArgs, EvaluateArgs } from './evaluation.args';

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
    @Args() { input, pricing, volumeRange, currentOption, currentMonthlyCostUsd }: EvaluateArgs,
    @Info() info: GraphQLResolveInfo,
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
    @Args() { input, pricing, volumeRange }: EstimateArgs,
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
    @Args() { input, pricing, vary, from, to, steps, crossovers }: BreakEvenArgs,
  ) {
    const body = { ...toRequestBody(input, pricing), vary, from, to, steps };
    return this.evaluations.breakEven(caller, parseBreakEvenRequest(body, GRAPHQL), crossovers ?? undefined);
  }

  @Query(() => [DecisionRuleView], { description: 'The rule set with thresholds and sources' })
  decisionRules() {
    return this.evaluations.decisionRules();
  }
}
