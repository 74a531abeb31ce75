import { ArgsType, Field } from '@nestjs/graphql';
import { PricingInputGql, WorkloadInputGql } from './workload.input';

/** The arguments every GraphQL operation on one workload takes: the workload (`input`) and its pricing. */
@ArgsType()
export class WorkloadArgs {
  @Field(() => WorkloadInputGql) input: WorkloadInputGql;
  @Field(() => PricingInputGql, { nullable: true }) pricing?: PricingInputGql | null;
}
