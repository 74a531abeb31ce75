import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegionView } from '../region.view';
import { RegionsService } from '../regions.service';
import { ApiKeyAuth } from '../../common/api-errors';

@ApiTags('rates')
@ApiKeyAuth()
@Controller('v1/regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Every region streamfit knows, with the options priced there offline (bundled snapshot) and live (AWS Price List)',
  })
  @ApiOkResponse({ type: [RegionView] })
  async list(): Promise<RegionView[]> {
    return (await this.regions.list()).map((entry) => RegionView.from(entry));
  }
}
