import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { GlobalExceptionFilter } from './common/http-exception.filter';
import { serializationSchema, useResponseSchemas } from './common/response-schemas';
import { registerIdeAssets } from './graphql-support/offline-ide';
import type { AppConfig } from './infrastructure/config/config';
import { createPino, PinoNestLogger } from './infrastructure/logging/logger';
import { Metrics } from './infrastructure/metrics/metrics';
import { registerWebConsole } from './web-console/web-console';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  logger?: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Build the whole application (used by main.ts and by the tests). Not yet listening. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createPino(options.config.LOG_LEVEL);
  const metrics = new Metrics();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: options.config.BODY_LIMIT_BYTES,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', request.id);
  });
  // While shutting down, answers in flight close their connection, so keep-alive sockets do not hold the close open.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply) => {
    if (closing) void reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  fastify.removeContentTypeParser('text/plain');
  registerIdeAssets(fastify);
  registerWebConsole(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config: options.config, databaseUrl: options.databaseUrl, logger, metrics }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('streamfit')
    .setDescription('Kinesis Data Streams or Amazon MSK: which fits a workload, in which mode, and what each option costs per month, line by line.')
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: `npm run keys -- create --team T --role R`' })
    .build();
  // package.json says UNLICENSED: a name and no URL, as there is no licence text to point at.
  openapi.info.license = { name: 'UNLICENSED (proprietary)' };
  const document = SwaggerModule.createDocument(app, openapi);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'streamfit API' });

  // Large JSON answers are written by fast-json-stringify from the documented response views.
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  useResponseSchemas(fastify, {
    'POST /v1/evaluations': serializationSchema(components, 'EvaluationView'),
    'POST /v1/estimates': serializationSchema(components, 'EstimateView'),
    'POST /v1/break-even': serializationSchema(components, 'BreakEvenView'),
  });
  return app;
}
