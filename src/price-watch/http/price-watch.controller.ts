import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { ApiKeyAuth, BAD_REQUEST_RESPONSE, ERROR_CONTENT } from '../../common/api-errors';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { ApiDtoBody } from '../../common/validation/api-dto-body';
import { PriceChangesRepository } from '../price-changes.repository';
import { PriceChangePageView, WebhookDeliveryView, WebhookView } from '../price-watch.view';
import { WebhooksService } from '../webhooks/webhooks.service';
import { CreateWebhookDto, ListPriceChangesQuery, priceChangeQueryOf } from './dto';

const badRequest = BAD_REQUEST_RESPONSE;
const notFound = { content: ERROR_CONTENT, description: 'No such webhook in your team' };

@ApiTags('price watch')
@ApiKeyAuth()
@Controller('v1/price-changes')
export class PriceChangesController {
  constructor(private readonly changes: PriceChangesRepository) {}

  @Get()
  @UsePipes(DtoValidationPipe)
  @ApiOperation({
    summary: "Your team's price changes, newest first: scenarios re-priced after a rate change in their region",
  })
  @ApiOkResponse({ type: PriceChangePageView })
  @ApiBadRequestResponse(badRequest)
  list(@CurrentCaller() caller: Caller, @Query() query: ListPriceChangesQuery): Promise<PriceChangePageView> {
    return this.changes.page(caller.team, priceChangeQueryOf(query));
  }
}

/** Admins manage their team's webhooks and see every delivery attempt. */
@ApiTags('price watch')
@ApiKeyAuth('Only admin keys manage webhooks')
@RequireRole('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @UsePipes(DtoValidationPipe)
  @ApiOperation({ summary: 'Add a webhook; the secret is never returned' })
  @ApiDtoBody(CreateWebhookDto, {
    url: 'https://hooks.example.com/streamfit',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    events: ['PRICE_CHANGED', 'RECOMMENDATION_CHANGED'],
    thresholdPercent: 5,
  })
  @ApiCreatedResponse({ type: WebhookView })
  @ApiBadRequestResponse(badRequest)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookDto): Promise<WebhookView> {
    return this.webhooks.create(caller, body) as Promise<WebhookView>;
  }

  @Get()
  @ApiOperation({ summary: "Your team's webhooks (never their secrets)" })
  @ApiOkResponse({ type: [WebhookView] })
  list(@CurrentCaller() caller: Caller): Promise<WebhookView[]> {
    return this.webhooks.list(caller) as Promise<WebhookView[]>;
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook; its pending deliveries are cancelled' })
  @ApiOkResponse({ type: WebhookView })
  @ApiNotFoundResponse(notFound)
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.remove(caller, id) as Promise<WebhookView>;
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A webhook's last 50 deliveries, newest first, with every attempt" })
  @ApiOkResponse({ type: [WebhookDeliveryView] })
  @ApiNotFoundResponse(notFound)
  deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(caller, id);
  }
}
