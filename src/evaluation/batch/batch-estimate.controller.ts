import { Readable } from 'node:stream';
import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../auth/api-key';
import { setQuotaHeaders } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { OPTION_CODES } from '../../domain';
import { APP_CONFIG, type AppConfig } from '../../infrastructure/config/config';
import { WORKLOAD_OPENAPI_SCHEMA } from '../../workload';
import { Produces, wantsCsv } from '../../common/http/content-negotiation';
import { BATCH_MAX_ROWS, csvRows, jsonRows } from './batch-input';
import { BATCH_CSV_COLUMNS } from './batch-output';
import { BatchEstimateService } from './batch-estimate.service';
import { ApiKeyAuth, ERROR_CONTENT } from '../../common/api-errors';

/** Route config of the batch route: its own body limit, authentication before the body is read (app.factory.ts). */
export interface BatchRouteConfig {
  batchBody: true;
}

const workloadSchema = WORKLOAD_OPENAPI_SCHEMA;
/** A row of the JSON inventory: the workload's fields plus optional id, name and currentOption. */
const ROW_SCHEMA = {
  ...workloadSchema,
  description: 'A workload plus optional id, name and currentOption',
  properties: {
    id: { type: 'string', maxLength: 200, description: 'The row’s id, echoed in its answer' },
    name: { type: 'string', maxLength: 200, description: 'The row’s name, echoed in its answer' },
    currentOption: {
      type: 'string',
      enum: [...OPTION_CODES],
      description: 'The option the workload runs on today: the row answers the saving against it',
    },
    ...workloadSchema.properties,
  },
};

/** Rate-limit units of `rows` rows, on top of the request's own (BATCH_ROWS_PER_UNIT rows a unit, rounded up). */
export const batchUnits = (rows: number, rowsPerUnit: number): number => Math.ceil(rows / rowsPerUnit);

@ApiTags('evaluation')
@ApiKeyAuth()
@Controller('v1')
export class BatchEstimateController {
  constructor(
    private readonly batch: BatchEstimateService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('estimates/batch')
  @HttpCode(200)
  @RouteConfig({ batchBody: true } satisfies BatchRouteConfig)
  @ApiOperation({
    summary: 'Price an inventory: up to 10,000 workloads (JSON array or CSV), answered row by row as NDJSON or CSV',
    description:
      'Each row: its id and name, the recommended option, every option’s monthly cost (null/blank where not eligible), the recommended option’s cost band and, with `currentOption`, the saving against it. A bad row gets its own error (row, field, message) and never fails the batch. A closing summary gives the totals per option, the total with every row on its recommendation and the rows in error. CSV input: a header naming workload fields plus optional `id`, `name`, `currentOption`; list-valued fields as JSON in their cell. Costs 1 + 1 rate-limit unit per BATCH_ROWS_PER_UNIT rows (default 20) on top of the request’s 2.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    schema: {
      type: 'array',
      example: [
        { id: 'orders', ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2, currentOption: 'MSK_PROVISIONED' },
        { id: 'clicks', avgWriteMBps: 5, avgRecordSizeKB: 0.5, trafficPattern: 'VARIABLE' },
      ],
      maxItems: BATCH_MAX_ROWS,
      items: ROW_SCHEMA,
    },
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({
    description: 'NDJSON (`type`: row | error | summary, one object a line), or CSV with Accept: text/csv',
    content: {
      'application/x-ndjson': { schema: { type: 'string' } },
      'text/csv': { schema: { type: 'string', example: `${BATCH_CSV_COLUMNS.join(',')}\r\n` } },
    },
  })
  @ApiBadRequestResponse({
    content: ERROR_CONTENT,
    description: 'Not a list or a CSV with a known header, no rows, or more than 10,000 rows',
  })
  @Produces('application/x-ndjson', 'text/csv')
  @ApiPayloadTooLargeResponse({
    content: ERROR_CONTENT,
    description: 'Body over BATCH_BODY_LIMIT_BYTES (8 MiB by default)',
  })
  @ApiTooManyRequestsResponse({
    content: ERROR_CONTENT,
    description: 'The rows’ units exceed what is left of the key’s or team’s minute',
  })
  async estimateBatch(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    // text/csv arrives as its text (app.factory.ts), JSON parsed; both are read row by row while the answer is written.
    const { count, rows } = typeof body === 'string' ? csvRows(body) : jsonRows(body);
    // Units for the rows, known before anything is priced (429 here, before the answer starts).
    setQuotaHeaders(
      reply,
      await this.auth.enforceRateLimit(caller, batchUnits(count, this.config.BATCH_ROWS_PER_UNIT)),
    );
    const csv = wantsCsv(accept);
    void reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('x-batch-rows', String(count));
    if (csv) void reply.header('content-disposition', 'attachment; filename="streamfit-batch-estimate.csv"');
    let closed = false;
    reply.raw.once('close', () => (closed = true));
    // Pulled as the socket drains (backpressure); a client that goes away destroys the stream, which ends the work.
    return Readable.from(
      this.batch.write(rows, csv ? 'csv' : 'ndjson', () => closed),
      { objectMode: false },
    );
  }
}
