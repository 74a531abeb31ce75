import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole } from '../../auth/auth.guard';
import { RateCardView, RefreshResultView } from '../rate-card.view';
import { RatesRefresher } from '../rates.refresher';
import { RatesService } from '../rates.service';
import { ApiKeyAuth, ERROR_CONTENT } from '../../common/api-errors';

@ApiTags('rates')
@ApiKeyAuth()
@Controller('v1/rate-cards')
export class RatesController {
  constructor(
    private readonly rates: RatesService,
    private readonly refresher: RatesRefresher,
  ) {}

  @Get(':region')
  @ApiOperation({ summary: 'The rates in force for a region, every rate key with its provenance' })
  @ApiParam({ name: 'region', example: 'us-east-1' })
  @ApiOkResponse({ type: RateCardView })
  @ApiNotFoundResponse({
    content: ERROR_CONTENT,
    description: 'Unknown region; the body lists the known ones (details.knownRegions)',
  })
  async get(@Param('region') region: string): Promise<RateCardView> {
    return RateCardView.from(await this.rates.current(region));
  }

  @Post(':region/refresh')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Admin: refresh a region from the AWS Price List API now' })
  @ApiParam({ name: 'region', example: 'us-east-1' })
  @ApiOkResponse({ type: RefreshResultView })
  @ApiServiceUnavailableResponse({
    content: ERROR_CONTENT,
    description: 'The Price List API failed; the last good card stays in force',
  })
  refresh(@Param('region') region: string): Promise<RefreshResultView> {
    return this.refresher.refresh(region, 'admin');
  }
}
