import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
import { BreakEvenVariableEnum, OptionCodeEnum, VolumeRangeInputGql, WorkloadArgs } from '../../workload';
import { BreakEvenCrossoversEnum } from '../evaluation.view';

/** estimateCosts(input, pricing, volumeRange). */
@ArgsType()
export class EstimateArgs extends WorkloadArgs {
  @Field(() => VolumeRangeInputGql, { nullable: true, description: 'Cost bands range (default 0.8 to 1.25)' })
  volumeRange?: VolumeRangeInputGql | null;
}

/** evaluateWorkload(input, pricing, volumeRange, currentOption, currentMonthlyCostUsd). */
@ArgsType()
export class EvaluateArgs extends WorkloadArgs {
  @Field(() => VolumeRangeInputGql, {
    nullable: true,
    description: 'Cost bands and robustness range (default 0.8 to 1.25)',
  })
  volumeRange?: VolumeRangeInputGql | null;
  @Field(() => OptionCodeEnum, {
    nullable: true,
    description: 'The option that runs today: the answer compares it with the best fit (`current`)',
  })
  currentOption?: OptionCodeEnum | null;
  @Field(() => Float, {
    nullable: true,
    description: 'With currentOption: what runs costs a month as measured (from workloadFromMetrics `current`)',
  })
  currentMonthlyCostUsd?: number | null;
}

/** breakEven(input, vary, from, to, steps, pricing, crossovers). */
@ArgsType()
export class BreakEvenArgs extends WorkloadArgs {
  @Field(() => BreakEvenVariableEnum) vary: BreakEvenVariableEnum;
  @Field(() => Float) from: number;
  @Field(() => Float) to: number;
  @Field(() => Int) steps: number;
  @Field(() => BreakEvenCrossoversEnum, {
    nullable: true,
    defaultValue: BreakEvenCrossoversEnum.SWITCHES,
    description: 'SWITCHES (default): only the crossovers where the cheapest option changes; ALL: every pair’s',
  })
  crossovers?: BreakEvenCrossoversEnum | null;
}
