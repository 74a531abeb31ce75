import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { EvaluationResolver } from './graphql/evaluation.resolver';
import { EvaluationService } from './evaluation.service';
import { AnswerCacheInterceptor } from './http/answer-cache.interceptor';
import { EvaluationController } from './http/evaluation.controller';

@Module({
  imports: [RatesModule],
  controllers: [EvaluationController],
  providers: [EvaluationService, EvaluationResolver, AnswerCacheInterceptor],
  exports: [EvaluationService],
})
export class EvaluationModule {}
