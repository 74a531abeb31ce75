import { Query, Resolver } from '@nestjs/graphql';
import { ARCHITECTURE_PRESETS } from '../../domain';
import { ArchitecturePresetView } from '../presets.view';

@Resolver()
export class PresetsResolver {
  @Query(() => [ArchitecturePresetView], {
    description: "The decision guide's architecture patterns as presets: pass a preset's workload to evaluateWorkload",
  })
  architecturePresets() {
    return ARCHITECTURE_PRESETS;
  }
}
