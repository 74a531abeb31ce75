import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ARCHITECTURE_PRESETS } from '../../domain';
import { ArchitecturePresetView } from '../presets.view';
import { ApiKeyAuth } from '../../common/api-errors';

@ApiTags('evaluation')
@ApiKeyAuth()
@Controller('v1')
export class PresetsController {
  @Get('presets')
  @ApiOperation({
    summary:
      "The decision guide's architecture patterns as presets: each an example workload that asks for its pipeline",
  })
  @ApiOkResponse({ type: [ArchitecturePresetView] })
  presets() {
    return ARCHITECTURE_PRESETS;
  }
}
