import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Caller } from '../api-key';
import { ApiKeyView, CreatedApiKeyView } from '../api-key.view';
import { RequireRole } from '../auth.guard';
import { AuthService } from '../auth.service';
import { CurrentCaller } from '../current-caller.decorator';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { ApiDtoBody } from '../../common/validation/api-dto-body';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { ApiKeyAuth, ERROR_CONTENT } from '../../common/api-errors';

/** Admins manage their own team's API keys (the CLI `npm run keys` does the same for any team). */
@ApiTags('api keys')
@ApiKeyAuth('Only admin keys manage keys')
@RequireRole('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store') // the answer carries the key's secret
  @ApiOperation({ summary: 'Create a key in your team; the key is in this answer only' })
  @ApiDtoBody(CreateApiKeyDto, { role: 'viewer', name: 'portal backend' })
  @UsePipes(DtoValidationPipe)
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiBadRequestResponse({ content: ERROR_CONTENT, description: 'Invalid input: `fields` lists every bad field' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const created = await this.auth.createTeamKey(caller, body);
    return { ...ApiKeyView.from(created), key: created.key };
  }

  @Get()
  @ApiOperation({ summary: "Your team's keys, oldest first (never their secrets)" })
  @ApiOkResponse({ type: [ApiKeyView] })
  async list(@CurrentCaller() caller: Caller): Promise<ApiKeyView[]> {
    return (await this.auth.listTeamKeys(caller)).map(ApiKeyView.from);
  }

  @Delete(':prefix')
  @ApiOperation({ summary: 'Revoke a key of your team; it answers 401 from then on' })
  @ApiParam({ name: 'prefix', example: '4df41f5e2d' })
  @ApiOkResponse({ type: ApiKeyView, description: 'The key, now with revokedAt' })
  @ApiNotFoundResponse({ content: ERROR_CONTENT, description: 'No such key in your team' })
  async revoke(@CurrentCaller() caller: Caller, @Param('prefix') prefix: string): Promise<ApiKeyView> {
    return ApiKeyView.from(await this.auth.revokeTeamKey(caller, prefix));
  }
}
