import { Body, Controller, Get, HttpCode, Post, UsePipes } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../auth/api-key';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { schemaValidationPipe } from '../../common/validation/schema-validation.pipe';
import { type FromMetricsRequest, FromMetricsRequestSchema } from '../from-metrics-request';
import { FromMetricsService } from '../from-metrics.service';
import { FROM_METRICS_REQUEST_OPENAPI, FROM_METRICS_RESPONSE_OPENAPI } from '../from-metrics.openapi';
import { ApiKeyAuth, ERROR_CONTENT } from '../../common/api-errors';

@ApiTags('workloads')
@ApiKeyAuth()
@UsePipes(schemaValidationPipe)
@Controller('v1/workloads')
export class FromMetricsController {
  constructor(private readonly fromMetrics: FromMetricsService) {}

  @Post('from-metrics')
  @HttpCode(200)
  // Exported metrics of 35 days are ~150 KB: this route takes METRICS_BODY_LIMIT_BYTES (app.factory.ts).
  @RouteConfig({ largeBody: true })
  @ApiOperation({
    summary: "A workload from what runs today: a Kinesis stream's or MSK cluster's CloudWatch metrics",
    description:
      'Give `metricData` (what `aws cloudwatch get-metric-data --metric-data-queries file://docs/metrics/….json` prints), or name the stream (`name` or `arn`) or the cluster (`arn`) for the server to read live when it has AWS access. Answers `{ workload, observed, current }`: the standard workload, the raw statistics with how each number was derived and the data coverage, and what runs with its monthly cost at today’s rates.',
  })
  @ApiBody({ schema: FROM_METRICS_REQUEST_OPENAPI })
  @ApiOkResponse({ description: '{ workload, observed, current }', schema: FROM_METRICS_RESPONSE_OPENAPI })
  @ApiBadRequestResponse({
    content: ERROR_CONTENT,
    description:
      'Invalid input, each problem named in `fields`: unknown query ids, timestamps and values of different lengths, negative values, too few hours, a missing metric',
  })
  derive(@CurrentCaller() caller: Caller, @Body({ schema: FromMetricsRequestSchema }) request: FromMetricsRequest) {
    return this.fromMetrics.derive(caller, request);
  }

  @Get('from-metrics/capabilities')
  @ApiOperation({
    summary: 'Whether this server reads CloudWatch live (AWS access configured) or takes exported metrics only',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        live: { type: 'boolean' },
        sources: { type: 'array', items: { type: 'string' } },
        queryIds: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      },
    },
  })
  capabilities() {
    return this.fromMetrics.capabilities();
  }
}
