import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { ScenariosResolver } from './graphql/scenarios.resolver';
import { ScenariosController } from './http/scenarios.controller';
import { ScenarioRepository } from './scenario.repository';
import { ScenariosService } from './scenarios.service';

@Module({
  imports: [RatesModule],
  controllers: [ScenariosController],
  providers: [ScenarioRepository, ScenariosService, ScenariosResolver],
  exports: [ScenariosService],
})
export class ScenariosModule {}
