import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotAcceptableResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { DtoValidationPipe } from '../../common/validation/dto-validation.pipe';
import { ApiDtoBody } from '../../common/validation/api-dto-body';
import {
  CompareScenariosDto,
  historyPageOf,
  HistoryPageQuery,
  listQueryOf,
  ListScenariosQuery,
  RepriceQuery,
} from './dto/scenario-queries.dto';
import {
  CreateScenarioDto,
  ScenarioContentSchema,
  ScenarioPatchDto,
  ScenarioPatchSchema,
} from './dto/scenario-content.dto';
import { schemaValidationPipe } from '../../common/validation/schema-validation.pipe';
import type { ScenarioContent } from '../scenario.types';
import type { ScenarioPatch } from '../scenario-patch';
import { IfMatchVersion } from './if-match.decorator';
import { EVALUATION_REQUEST_SCHEMA } from '../../workload';
import { csvAsked, csvReply, Produces } from '../../common/http/content-negotiation';
import {
  COMPARE_CSV_COLUMNS,
  comparisonToCsv,
  CSV_COLUMNS,
  estimateToCsv,
  estimateToFocusCsv,
} from '../../evaluation/csv';
import { RatesService } from '../../rates/rates.service';
import { ScenariosService } from '../scenarios.service';
import { VERSIONS_PAGE_DEFAULT, VERSIONS_PAGE_MAX } from '../scenario.limits';
import {
  DeletedScenarioView,
  ScenarioComparisonView,
  ScenarioPageView,
  ScenarioRepriceView,
  ScenarioVersionView,
  ScenarioView,
} from '../scenario.view';
import { ApiKeyAuth, BAD_REQUEST_RESPONSE, NOT_ACCEPTABLE_RESPONSE, ERROR_CONTENT } from '../../common/api-errors';

const badRequest = BAD_REQUEST_RESPONSE;
const notAcceptable = NOT_ACCEPTABLE_RESPONSE;
const notFound = {
  content: ERROR_CONTENT,
  description: "No such scenario for your team (another team's scenario answers the same)",
};
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  required,
  description: 'The version you read: 3, "3" or W/"3"',
  example: '"1"',
});

const CREATE_EXAMPLE = {
  name: 'Clickstream 2027',
  description: 'Web and app clickstream at next year’s volume',
  tags: ['clickstream', 'team:web'],
  workload: EVALUATION_REQUEST_SCHEMA.examples[0].workload,
};
const PATCH_EXAMPLE = {
  name: 'Clickstream 2027 (peak season)',
  workload: { ingestGbPerDay: 250, retentionHours: null },
};

/** Saved scenarios over REST: thin, every method is one call of ScenariosService. */
@ApiTags('scenarios')
@ApiExtraModels(ScenarioComparisonView, ScenarioRepriceView)
@ApiKeyAuth()
@Controller('v1/scenarios')
export class ScenariosController {
  constructor(
    private readonly scenarios: ScenariosService,
    private readonly rates: RatesService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({
    summary: 'Save a workload as a named scenario (version 1), evaluated at the current rates and pinned to them',
  })
  @ApiDtoBody(CreateScenarioDto, CREATE_EXAMPLE)
  @ApiCreatedResponse({ type: ScenarioView, description: 'Created; ETag carries the version, Location the address' })
  @ApiBadRequestResponse(badRequest)
  @UsePipes(schemaValidationPipe)
  async create(
    @CurrentCaller() caller: Caller,
    @Body({ schema: ScenarioContentSchema }) content: ScenarioContent,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scenario = await this.scenarios.create(caller, content);
    void reply.header('etag', `"${scenario.version}"`).header('location', `/v1/scenarios/${scenario.id}`);
    return scenario;
  }

  @Get()
  @ApiOperation({ summary: "Your team's scenarios, newest first, by cursor; filter by tag, search the name" })
  @ApiOkResponse({ type: ScenarioPageView })
  @ApiBadRequestResponse(badRequest)
  @UsePipes(DtoValidationPipe)
  list(@CurrentCaller() caller: Caller, @Query() query: ListScenariosQuery) {
    return this.scenarios.list(caller, listQueryOf(query));
  }

  @Post('compare')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Two to ten scenarios side by side: recommendation, monthly cost per option, deltas against the first',
  })
  @ApiDtoBody(CompareScenariosDto, {
    ids: ['0b6f3c1e-5d4a-4f7e-9a51-2c8d7e6f1a90', '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'ScenarioComparisonView, or CSV (one line per scenario and option, deltas against the first) with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ScenarioComparisonView) } },
      'text/csv': { schema: { type: 'string', example: `${COMPARE_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  @ApiNotAcceptableResponse(notAcceptable)
  @Produces('application/json', 'text/csv')
  @UsePipes(DtoValidationPipe)
  async compare(
    @CurrentCaller() caller: Caller,
    @Body() body: CompareScenariosDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const comparison = await this.scenarios.compare(caller, body.ids);
    if (!csvAsked(undefined, accept, false)) return comparison;
    csvReply(reply, 'streamfit-scenario-compare.csv');
    return comparisonToCsv(comparison);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One scenario with its latest evaluation summary; ETag carries the version' })
  @ApiOkResponse({ type: ScenarioView })
  @ApiNotFoundResponse(notFound)
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const scenario = await this.scenarios.get(caller, id);
    void reply.header('etag', `"${scenario.version}"`);
    return scenario;
  }

  @Patch(':id')
  @RequireRole('editor')
  @ApiOperation({
    summary:
      'Edit a scenario: a new version, re-evaluated at the current rates. Needs If-Match with the version you read',
  })
  @ApiHeader(ifMatch(true))
  @ApiDtoBody(ScenarioPatchDto, PATCH_EXAMPLE)
  @ApiOkResponse({ type: ScenarioView })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  @ApiPreconditionFailedResponse({
    content: ERROR_CONTENT,
    description: 'Someone saved it since you read it: details.currentVersion says which version it is at',
  })
  @ApiResponse({ status: 428, content: ERROR_CONTENT, description: 'If-Match is missing' })
  @UsePipes(schemaValidationPipe)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @IfMatchVersion({ required: true }) expected: number,
    @Body({ schema: ScenarioPatchSchema }) patch: ScenarioPatch,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const scenario = await this.scenarios.update(caller, id, expected, patch);
    void reply.header('etag', `"${scenario.version}"`);
    return scenario;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('editor')
  @ApiOperation({
    summary:
      'Delete a scenario (soft: its history is kept). If-Match is honoured when sent; `Prefer: return=representation` answers 200 with what was deleted',
  })
  @ApiHeader(ifMatch(false))
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: 'return=representation for a 200 with the deleted scenario instead of 204',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOkResponse({ type: DeletedScenarioView, description: 'Deleted (with Prefer: return=representation)' })
  @ApiNotFoundResponse(notFound)
  @ApiPreconditionFailedResponse({
    content: ERROR_CONTENT,
    description: 'If-Match names another version than the current one',
  })
  async remove(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @IfMatchVersion({ required: false }) expected: number | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const deleted = await this.scenarios.remove(caller, id, expected);
    if (!/(^|[\s,;])return=representation\b/i.test(prefer ?? '')) return undefined;
    void reply.status(200).header('preference-applied', 'return=representation');
    return deleted;
  }

  @Get(':id/versions')
  @ApiOperation({
    summary: `Edit history, newest first: each version with its workload, rate card and costs. In pages of \`limit\` (1..${VERSIONS_PAGE_MAX}, default ${VERSIONS_PAGE_DEFAULT}); when there are more, \`X-Next-Cursor\` and \`Link: <…>; rel="next"\` give the next page's cursor`,
  })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `Versions per page, 1..${VERSIONS_PAGE_MAX}` })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'X-Next-Cursor of the previous page' })
  @ApiOkResponse({ type: [ScenarioVersionView] })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  @UsePipes(DtoValidationPipe)
  async versions(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query() query: HistoryPageQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.scenarios.versions(caller, id, historyPageOf(query));
    if (page.nextCursor) {
      const next = `/v1/scenarios/${id.toLowerCase()}/versions?limit=${query.limit ?? VERSIONS_PAGE_DEFAULT}&cursor=${page.nextCursor}`;
      void reply.header('x-next-cursor', page.nextCursor).header('link', `<${next}>; rel="next"`);
    }
    return page.items;
  }

  @Get(':id/estimate')
  @ApiOperation({
    summary:
      "Re-price the latest version at its pinned rates or today's, and split the change against a baseline version into usage and price",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'ScenarioRepriceView, or the estimate CSV of the re-priced version (scenario and version filled in) with Accept: text/csv; FOCUS 1.x columns with ?format=focus',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ScenarioRepriceView) } },
      'text/csv': { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  @ApiNotAcceptableResponse(notAcceptable)
  @Produces('application/json', 'text/csv')
  @UsePipes(DtoValidationPipe)
  async reprice(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query() query: RepriceQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = csvAsked(query.format ?? undefined, accept, true);
    const repriced = await this.scenarios.reprice(caller, id, {
      rates: query.rates ?? 'pinned',
      baseline: query.baseline ?? 1,
    });
    if (!csv) return repriced;
    csvReply(
      reply,
      `streamfit-scenario-${repriced.scenarioId}-v${repriced.version}${csv === 'focus' ? '-focus' : ''}.csv`,
    );
    const rates = (await this.rates.version(repriced.rateCard.id))?.rates ?? {};
    const ctx = { scenario: repriced.scenarioId, version: repriced.version };
    return csv === 'focus' ? estimateToFocusCsv(repriced, rates, ctx) : estimateToCsv(repriced, rates, ctx);
  }
}
