import { Module } from '@nestjs/common';
import { PresetsResolver } from './graphql/presets.resolver';
import { PresetsController } from './http/presets.controller';

/** Architecture presets (static domain data, GET /v1/presets and GraphQL architecturePresets). */
@Module({
  controllers: [PresetsController],
  providers: [PresetsResolver],
})
export class PresetsModule {}
