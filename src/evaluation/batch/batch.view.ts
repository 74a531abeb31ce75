import { Float, Int, ObjectType } from '@nestjs/graphql';
import { ViewProperty as P } from '../../common/view-property';
import { OptionCodeEnum } from '../../workload';

@ObjectType('BatchFieldError', { description: 'Why a row of a batch could not be priced: the field and what is wrong' })
export class BatchFieldErrorView {
  @P(String, { example: 'ingestGbPerDay' }) field: string;
  @P(String) message: string;
}

@ObjectType('OptionMonthlyCost', { description: 'An option’s monthly cost for one row; null where it is not eligible' })
export class OptionMonthlyCostView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Float, { nullable: true }) monthlyCostUsd: number | null;
}

@ObjectType('BatchEstimateRow', {
  description:
    'One workload of a batch: the recommendation, every option’s cost and the recommended option’s cost band, or the errors that kept it from being priced',
})
export class BatchEstimateRowView {
  @P(Int, { description: '1-based position in `inputs`' }) row: number;
  @P(String, { description: 'OK or ERROR', example: 'OK' }) status: string;
  @P(OptionCodeEnum, { enum: OptionCodeEnum, nullable: true }) recommendation: OptionCodeEnum | null;
  @P(Float, { nullable: true }) recommendedCostUsd: number | null;
  @P([OptionMonthlyCostView], { description: 'The six options in a fixed order (empty for a row in error)' })
  costs: OptionMonthlyCostView[];
  @P(Float, { nullable: true, description: 'The recommended option’s cost band, low end (volume 0.8×)' })
  bandLowUsd: number | null;
  @P(Float, { nullable: true, description: 'The recommended option’s cost band, high end (volume 1.25×)' })
  bandHighUsd: number | null;
  @P([BatchFieldErrorView]) errors: BatchFieldErrorView[];
}

@ObjectType('BatchOptionTotal', { description: 'An option’s monthly cost over the rows where it is eligible' })
export class BatchOptionTotalView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(Float) monthlyCostUsd: number;
  @P(Int, { description: 'Rows where the option is eligible and priced' }) rows: number;
}

@ObjectType('BatchSummary', { description: 'The inventory’s totals (summed in cents)' })
export class BatchSummaryView {
  @P(Int) rows: number;
  @P(Int) rowsPriced: number;
  @P(Int) rowsInError: number;
  @P([BatchOptionTotalView]) totals: BatchOptionTotalView[];
  @P(Float, { description: 'Every priced row on its recommended option' }) recommendedTotalUsd: number;
  @P(Int) rowsWithoutRecommendation: number;
  @P(Int) rowsWithCurrentOption: number;
  @P(Float) currentTotalUsd: number;
  @P(Float) savingUsd: number;
}

@ObjectType('BatchEstimate', { description: 'A batch of workloads priced: one row each and the summary' })
export class BatchEstimateView {
  @P([BatchEstimateRowView]) rows: BatchEstimateRowView[];
  @P(BatchSummaryView) summary: BatchSummaryView;
}
