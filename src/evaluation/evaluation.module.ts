import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { EvaluationResolver } from './graphql/evaluation.resolver';
import { EvaluationService } from './evaluation.service';
import { EvaluationController } from './http/evaluation.controller';
import { BatchEstimateController } from './batch/batch-estimate.controller';
import { BatchEstimateService } from './batch/batch-estimate.service';
import { BatchEstimateResolver } from './batch/batch-estimate.resolver';

@Module({
  imports: [RatesModule],
  controllers: [EvaluationController, BatchEstimateController],
  providers: [EvaluationService, EvaluationResolver, BatchEstimateService, BatchEstimateResolver],
  exports: [EvaluationService],
})
export class EvaluationModule {}
