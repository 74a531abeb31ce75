import { Body, Controller, Get, Headers, HttpCode, Post, Res, UseInterceptors, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { estimateToCsv } from '../csv';
import { EvaluationService } from '../evaluation.service';
import { AnswerCacheInterceptor } from './answer-cache.interceptor';
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
  BreakEvenRequestSchema,
  type EvaluationRequest,
  EvaluationRequestSchema,
} from '../evaluation-request';
import {
  BREAK_EVEN_REQUEST_SCHEMA,
  EVALUATE_REQUEST_SCHEMA,
  EVALUATION_REQUEST_SCHEMA,
  toOpenApi30,
} from '../request-schemas';
import { ApiKeyAuth, ERROR_CONTENT } from '../../common/api-errors';

const evaluationBody = { schema: toOpenApi30(EVALUATION_REQUEST_SCHEMA) as object };
const evaluateBody = { schema: toOpenApi30(EVALUATE_REQUEST_SCHEMA) as object };
const badRequest = {
  content: ERROR_CONTENT,
  description: 'Invalid input: `fields` lists every bad field with a message',
};

@ApiTags('evaluation')
@ApiExtraModels(EstimateView, EvaluationView, EvaluationTotalsView)
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
  @UseInterceptors(AnswerCacheInterceptor)
  async evaluate(
    @CurrentCaller() caller: Caller,
    // The body and `?view=` in one check: one 400 lists both.
    @EvaluationBodyAndView({ schema: EvaluationAskSchema }) { request, view }: EvaluationAsk,
  ): Promise<Evaluation | string> {
    // The answer cache (AnswerCacheInterceptor) keeps the bytes of both views: no evaluation object is kept too.
    if (view === 'totals') return this.totals(caller, request);
    return this.evaluations.evaluate(caller, request, { cache: false });
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
  @UseInterceptors(AnswerCacheInterceptor)
  async evaluateTotals(
    @CurrentCaller() caller: Caller,
    @EvaluationTotalsBody({ schema: EvaluationAskSchema }) { request }: EvaluationAsk,
  ): Promise<string> {
    return this.totals(caller, request);
  }

  /** The totals view: a small answer of plain values, written by JSON.stringify (the interceptor sends a string as it is). */
  private async totals(caller: Caller, request: EvaluationRequest): Promise<string> {
    return JSON.stringify(
      totalsOf(await this.evaluations.evaluate(caller, request, { volumeStudy: false, cache: false })),
    );
  }

  @Post('estimates')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cost estimate per option with line items; `Accept: text/csv` returns one CSV row per line item',
  })
  @ApiBody(evaluationBody)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON estimate, or CSV (RFC 4180) when asked with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(EstimateView) } },
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'option,lineCode,description,quantity,unit,unitPriceUsd,monthlyCostUsd,usageType,rateKey,rateSource,rateCardId,rateCardDate,bandLowUsd,bandHighUsd,rateProvenance\r\n',
        },
      },
    },
  })
  @ApiBadRequestResponse(badRequest)
  @SerializeWith('EstimateView')
  async estimate(
    @CurrentCaller() caller: Caller,
    @Body({ schema: EvaluationRequestSchema }) request: EvaluationRequest,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const estimate = await this.evaluations.estimate(caller, request);
    if (wantsCsv(accept)) {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="streamfit-estimate.csv"');
      return estimateToCsv(estimate, await this.evaluations.ratesOf(estimate.rateCard.id));
    }
    return estimate;
  }

  @Post('break-even')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cost series for every option as ingest, consumers or retention vary, with the crossover points',
  })
  @ApiBody({ schema: toOpenApi30(BREAK_EVEN_REQUEST_SCHEMA) as object })
  @ApiOkResponse({ type: BreakEvenView })
  @ApiBadRequestResponse(badRequest)
  @SerializeWith('BreakEvenView')
  breakEven(@CurrentCaller() caller: Caller, @Body({ schema: BreakEvenRequestSchema }) request: BreakEvenBody) {
    return this.evaluations.breakEven(caller, request);
  }

  @Get('decision-rules')
  @ApiOperation({ summary: 'The rule set: thresholds, outcomes and the public source of each rule' })
  @ApiOkResponse({ type: [DecisionRuleView] })
  decisionRules() {
    return this.evaluations.decisionRules();
  }
}

/** text/csv wins only when the caller asks for it ahead of JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1 };
  });
  const csv = Math.max(0, ...types.filter((t) => t.type === 'text/csv').map((t) => t.q));
  const json = Math.max(
    0,
    ...types
      .filter((t) => t.type === 'application/json' || t.type === '*/*' || t.type === 'application/*')
      .map((t) => t.q),
  );
  return csv > 0 && csv >= json;
}
