import { Body, Controller, Get, Header, Headers, HttpCode, Post, Query, Res, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotAcceptableResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import {
  BREAK_EVEN_CSV_COLUMNS,
  breakEvenToCsv,
  CSV_COLUMNS,
  estimateToCsv,
  estimateToFocusCsv,
  FOCUS_COLUMNS,
} from '../csv';
import { csvAsked, csvReply, Produces } from '../../common/http/content-negotiation';
import { ValidationError } from '../../domain';
import { EvaluationService } from '../evaluation.service';
import {
  BreakEvenView,
  DecisionRuleView,
  EstimateView,
  EvaluationTotalsView,
  EvaluationView,
} from '../evaluation.view';
import type { Evaluation } from '../../domain';
import {
  type EvaluationAsk,
  EvaluationAskSchema,
  EvaluationBodyAndView,
  EvaluationTotalsBody,
  totalsOf,
} from '../evaluation-totals';
import { SerializeWith } from '../../common/response-schemas';
import { schemaValidationPipe } from '../../common/validation/schema-validation.pipe';
import {
  type BreakEvenBody,
  BREAK_EVEN_REQUEST_SCHEMA,
  BreakEvenRequestSchema,
  type Checked,
  EVALUATE_REQUEST_SCHEMA,
  EVALUATION_REQUEST_SCHEMA,
  type EvaluationRequest,
  EvaluationRequestSchema,
  toOpenApi30,
} from '../../workload';
import { ApiKeyAuth, BAD_REQUEST_RESPONSE, NOT_ACCEPTABLE_RESPONSE } from '../../common/api-errors';

const evaluationBody = { schema: toOpenApi30(EVALUATION_REQUEST_SCHEMA) as object };
const evaluateBody = { schema: toOpenApi30(EVALUATE_REQUEST_SCHEMA) as object };
const badRequest = BAD_REQUEST_RESPONSE;
const notAcceptable = NOT_ACCEPTABLE_RESPONSE;
/** Both evaluation routes say JSON up front: the totals view is a string, which Fastify would otherwise send as text. */
const JSON_TYPE = 'application/json; charset=utf-8';
const FOCUS_QUERY = {
  name: 'format',
  required: false,
  schema: { type: 'string', enum: ['focus'] },
  description: `focus: CSV with FOCUS 1.x column names (${FOCUS_COLUMNS.length} columns, README "CSV answers"), whatever Accept says`,
};

/** `?crossovers=` of POST /v1/break-even: switches (default) or all; another value is a 400 naming it. */
function crossoverSetOf(value: unknown): 'SWITCHES' | 'ALL' {
  if (value === undefined || value === 'switches') return 'SWITCHES';
  if (value === 'all') return 'ALL';
  throw new ValidationError([{ field: 'crossovers', message: 'crossovers must be switches or all' }]);
}

@ApiTags('evaluation')
@ApiExtraModels(EstimateView, EvaluationView, EvaluationTotalsView, BreakEvenView)
@ApiKeyAuth()
@UsePipes(schemaValidationPipe)
@Controller('v1')
export class EvaluationController {
  constructor(private readonly evaluations: EvaluationService) {}

  @Post('evaluations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Evaluate a workload: recommendation, reasons, decision trace and the cost of all six options',
    description:
      'For the recommendation and the six totals only, see POST /v1/evaluations/totals (`?view=totals` here is the same answer, kept for existing callers; one operation per answer type in this document).',
  })
  @ApiBody(evaluateBody)
  @ApiOkResponse({ type: EvaluationView })
  @ApiBadRequestResponse(badRequest)
  @SerializeWith('EvaluationView')
  @Header('content-type', JSON_TYPE)
  async evaluate(
    @CurrentCaller() caller: Caller,
    // The body and `?view=` in one check: one 400 lists both.
    @EvaluationBodyAndView({ schema: EvaluationAskSchema }) { request, view }: EvaluationAsk,
  ): Promise<Evaluation | string> {
    if (view === 'totals') return this.totals(caller, request);
    return this.evaluations.evaluate(caller, request);
  }

  @Post('evaluations/totals')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The recommendation in brief and the six totals of a workload (EvaluationTotalsView)',
    description:
      'The same numbers as POST /v1/evaluations, fewer of them: no cost bands, robustness or volume study are computed. For callers that want only totals.',
  })
  @ApiBody(evaluateBody)
  @ApiOkResponse({ type: EvaluationTotalsView })
  @ApiBadRequestResponse(badRequest)
  @Header('content-type', JSON_TYPE)
  async evaluateTotals(
    @CurrentCaller() caller: Caller,
    @EvaluationTotalsBody({ schema: EvaluationAskSchema }) { request }: EvaluationAsk,
  ): Promise<string> {
    return this.totals(caller, request);
  }

  /** The totals view: a small answer of plain values, written by JSON.stringify (sent as it is, with JSON_TYPE). */
  private async totals(caller: Caller, request: Checked<EvaluationRequest>): Promise<string> {
    return JSON.stringify(totalsOf(await this.evaluations.evaluate(caller, request, { volumeStudy: false })));
  }

  @Post('estimates')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cost estimate per option with line items; `Accept: text/csv` returns one CSV row per line item',
  })
  @ApiBody(evaluationBody)
  @ApiQuery(FOCUS_QUERY)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'JSON estimate, or CSV (RFC 4180, UTF-8 with a BOM) when asked with Accept: text/csv; FOCUS 1.x columns with ?format=focus',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(EstimateView) } },
      'text/csv': { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiBadRequestResponse(badRequest)
  @ApiNotAcceptableResponse(notAcceptable)
  @Produces('application/json', 'text/csv')
  @SerializeWith('EstimateView')
  async estimate(
    @CurrentCaller() caller: Caller,
    @Body({ schema: EvaluationRequestSchema }) request: Checked<EvaluationRequest>,
    @Headers('accept') accept: string | undefined,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = csvAsked(format, accept, true);
    const estimate = await this.evaluations.estimate(caller, request);
    if (!csv) return estimate;
    csvReply(reply, csv === 'focus' ? 'streamfit-estimate-focus.csv' : 'streamfit-estimate.csv');
    const rates = await this.evaluations.ratesOf(estimate.rateCard.id);
    return csv === 'focus' ? estimateToFocusCsv(estimate, rates) : estimateToCsv(estimate, rates);
  }

  @Post('break-even')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cost series for every option as ingest, consumers or retention vary, with the crossover points',
  })
  @ApiBody({ schema: toOpenApi30(BREAK_EVEN_REQUEST_SCHEMA) as object })
  @ApiQuery({
    name: 'crossovers',
    required: false,
    schema: { type: 'string', enum: ['switches', 'all'], default: 'switches' },
    description:
      'switches (default): `crossovers` lists only where the cheapest eligible option changes; all: every pair’s crossovers (at most 50, the first along the axis)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'BreakEvenView, or CSV (one line per sample and per switch point) with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(BreakEvenView) } },
      'text/csv': { schema: { type: 'string', example: `${BREAK_EVEN_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiBadRequestResponse(badRequest)
  @ApiNotAcceptableResponse(notAcceptable)
  @Produces('application/json', 'text/csv')
  @SerializeWith('BreakEvenView')
  async breakEven(
    @CurrentCaller() caller: Caller,
    @Body({ schema: BreakEvenRequestSchema }) request: Checked<BreakEvenBody>,
    @Query('crossovers') crossovers: unknown,
    @Headers('accept') accept: string | undefined,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const set = crossoverSetOf(crossovers);
    const csv = csvAsked(format, accept, false);
    const result = await this.evaluations.breakEven(caller, request, set);
    if (!csv) return result;
    csvReply(reply, 'streamfit-break-even.csv');
    return breakEvenToCsv(result);
  }

  @Get('decision-rules')
  @ApiOperation({ summary: 'The rule set: thresholds, outcomes and the public source of each rule' })
  @ApiOkResponse({ type: [DecisionRuleView] })
  decisionRules() {
    return this.evaluations.decisionRules();
  }
}

/** Where the batch route and older imports find it. */
export { wantsCsv } from '../../common/http/content-negotiation';
