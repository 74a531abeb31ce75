import { Args, Query, Resolver } from '@nestjs/graphql';
import { batchComplexity, Work } from '../../graphql-support/field-cost';
import { OPTION_CODES, ValidationError } from '../../domain';
import { toRequestBody, WorkloadInputGql } from '../../workload';
import { GRAPHQL_BATCH_MAX_ROWS, readRow } from './batch-input';
import type { BatchOutcome } from './batch-output';
import { BatchEstimateService } from './batch-estimate.service';
import { BatchEstimateView } from './batch.view';

/** A row of the GraphQL answer (the REST row's fields; no id or current option: WorkloadInput has neither). */
function rowView(outcome: BatchOutcome) {
  if (!outcome.ok)
    return {
      row: outcome.error.row,
      status: 'ERROR',
      recommendation: null,
      recommendedCostUsd: null,
      costs: [],
      bandLowUsd: null,
      bandHighUsd: null,
      errors: outcome.error.errors,
    };
  const r = outcome.result;
  return {
    row: r.row,
    status: 'OK',
    recommendation: r.recommendation,
    recommendedCostUsd: r.recommendedCostUsd,
    costs: OPTION_CODES.map((option) => ({ option, monthlyCostUsd: r.costs[option] })),
    bandLowUsd: r.band?.low ?? null,
    bandHighUsd: r.band?.high ?? null,
    errors: [],
  };
}

@Resolver()
export class BatchEstimateResolver {
  constructor(private readonly batch: BatchEstimateService) {}

  @Query(() => BatchEstimateView, {
    description:
      'Price up to 1,000 workloads at once: per row the recommendation, every option’s cost and the band, or its errors; and the totals. Costed by its size (README "Batch estimates").',
    complexity: batchComplexity,
  })
  @Work({ expensive: true, rows: 'inputs' })
  async estimateWorkloads(@Args('inputs', { type: () => [WorkloadInputGql] }) inputs: WorkloadInputGql[]) {
    if (inputs.length === 0) throw new ValidationError([{ field: 'inputs', message: 'inputs holds no workloads' }]);
    if (inputs.length > GRAPHQL_BATCH_MAX_ROWS)
      throw new ValidationError([
        {
          field: 'inputs',
          message: `inputs holds ${inputs.length} workloads; the limit is ${GRAPHQL_BATCH_MAX_ROWS} (POST /v1/estimates/batch takes 10,000)`,
        },
      ]);
    const rows = inputs.map((input, i) => readRow(i + 1, toRequestBody(input).workload));
    const { outcomes, summary } = await this.batch.collect(rows);
    return { rows: outcomes.map(rowView), summary };
  }
}
