import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../auth/api-key';
import { RequireRole } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { COMPARE_SCENARIOS_SCHEMA, CREATE_SCENARIO_SCHEMA, PATCH_SCENARIO_SCHEMA } from '../scenario-request.schemas';
import { ScenariosService } from '../scenarios.service';
import { DeletedScenarioView, RepriceRatesEnum, ScenarioComparisonView, ScenarioPageView, ScenarioRepriceView, ScenarioVersionView, ScenarioView } from '../scenario.view';

const badRequest = { description: 'Invalid input: `fields` lists every bad field with a message' };
const notFound = { description: "No such scenario for your team (another team's scenario answers the same)" };
const ifMatch = (required: boolean) => ({ name: 'If-Match', required, description: 'The version you read: 3, "3" or W/"3"', example: '"1"' });

/** Saved scenarios over REST: thin, every method is one call of ScenariosService. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('v1/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Save a workload as a named scenario (version 1), evaluated at the current rates and pinned to them' })
  @ApiBody({ schema: CREATE_SCENARIO_SCHEMA })
  @ApiCreatedResponse({ type: ScenarioView, description: 'Created; ETag carries the version, Location the address' })
  @ApiBadRequestResponse(badRequest)
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const scenario = await this.scenarios.create(caller, body);
    void reply.header('etag', `"${scenario.version}"`).header('location', `/v1/scenarios/${scenario.id}`);
    return scenario;
  }

  @Get()
  @ApiOperation({ summary: "Your team's scenarios, newest first, by cursor; filter by tag, search the name" })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'Page size, 1..100 (default 20)' })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'tag', required: false, type: String, description: 'Only scenarios carrying this tag' })
  @ApiQuery({ name: 'search', required: false, type: String, description: 'Case-insensitive part of the name' })
  @ApiOkResponse({ type: ScenarioPageView })
  @ApiBadRequestResponse(badRequest)
  list(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    return this.scenarios.list(caller, query);
  }

  @Post('compare')
  @HttpCode(200)
  @ApiOperation({ summary: 'Two to ten scenarios side by side: recommendation, monthly cost per option, deltas against the first' })
  @ApiBody({ schema: COMPARE_SCENARIOS_SCHEMA })
  @ApiOkResponse({ type: ScenarioComparisonView })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  compare(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.scenarios.compare(caller, body);
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
  @ApiOperation({ summary: 'Edit a scenario: a new version, re-evaluated at the current rates. Needs If-Match with the version you read' })
  @ApiHeader(ifMatch(true))
  @ApiBody({ schema: PATCH_SCENARIO_SCHEMA })
  @ApiOkResponse({ type: ScenarioView })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  @ApiPreconditionFailedResponse({ description: 'Someone saved it since you read it: details.currentVersion says which version it is at' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Headers('if-match') version: string | undefined, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const scenario = await this.scenarios.update(caller, id, version, body);
    void reply.header('etag', `"${scenario.version}"`);
    return scenario;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Delete a scenario (soft: its history is kept). If-Match is honoured when sent; `Prefer: return=representation` answers 200 with what was deleted' })
  @ApiHeader(ifMatch(false))
  @ApiHeader({ name: 'Prefer', required: false, description: 'return=representation for a 200 with the deleted scenario instead of 204' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOkResponse({ type: DeletedScenarioView, description: 'Deleted (with Prefer: return=representation)' })
  @ApiNotFoundResponse(notFound)
  @ApiPreconditionFailedResponse({ description: 'If-Match names another version than the current one' })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string, @Headers('if-match') version: string | undefined, @Headers('prefer') prefer: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const deleted = await this.scenarios.remove(caller, id, version);
    if (!/(^|[\s,;])return=representation\b/i.test(prefer ?? '')) return undefined;
    void reply.status(200).header('preference-applied', 'return=representation');
    return deleted;
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Edit history, newest first: each version with its workload, rate card and costs' })
  @ApiOkResponse({ type: [ScenarioVersionView] })
  @ApiNotFoundResponse(notFound)
  versions(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.scenarios.versions(caller, id);
  }

  @Get(':id/estimate')
  @ApiOperation({ summary: "Re-price the latest version at its pinned rates or today's, and split the change against a baseline version into usage and price" })
  @ApiQuery({ name: 'rates', required: false, enum: RepriceRatesEnum, description: 'pinned (default) or current' })
  @ApiQuery({ name: 'baseline', required: false, type: Number, description: 'Version to measure the change from (default 1)' })
  @ApiOkResponse({ type: ScenarioRepriceView })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse(notFound)
  reprice(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('rates') rates: unknown, @Query('baseline') baseline: unknown) {
    return this.scenarios.reprice(caller, id, rates, baseline);
  }
}
