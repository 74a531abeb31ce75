import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegionView } from '../region.view';
import { RegionsService } from '../regions.service';

@ApiTags('rates')
@ApiBearerAuth()
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
