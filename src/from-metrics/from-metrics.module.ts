import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { FromMetricsController } from './http/from-metrics.controller';
import { FromMetricsService } from './from-metrics.service';

/** POST /v1/workloads/from-metrics: a workload derived from CloudWatch metrics, exported or read live. */
@Module({
  imports: [RatesModule],
  controllers: [FromMetricsController],
  providers: [FromMetricsService],
})
export class FromMetricsModule {}
