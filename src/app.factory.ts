import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { GlobalExceptionFilter } from './common/http-exception.filter';
import { useResponseSchemas } from './common/response-schemas';
import { securityHeaders } from './common/http/security-headers';
import { registerIdeAssets } from './graphql-support/offline-ide';
import { liveRatesDecision } from './infrastructure/aws/live-rates';
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
  // No surprise outbound traffic: live rates only when AWS access is configured (README "Security and limits").
  const liveRates = liveRatesDecision(options.config);
  const config: AppConfig = { ...options.config, RATES_LIVE: liveRates.live };
  if (options.config.RATES_LIVE)
    logger.info(
      { live: liveRates.live, reason: liveRates.reason },
      liveRates.live ? 'live rates: on' : 'live rates: off',
    );
  const metrics = new Metrics();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Slow clients: the headers must arrive within HEADERS_TIMEOUT_MS and the whole request, body included, within
    // REQUEST_TIMEOUT_MS (Node answers 408 and closes); an idle socket is closed after CONNECTION_TIMEOUT_MS.
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(1000, config.HEADERS_TIMEOUT_MS),
    },
    // A malformed or too long URL is answered in the one error shape, with the request id and without echoing the path.
    frameworkErrors: (error: { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const statusCode = tooLong ? 414 : (error.statusCode ?? 400);
      void reply
        .code(statusCode)
        .header('x-request-id', request.id)
        .header('content-type', 'application/json; charset=utf-8')
        .send({
          statusCode,
          code: tooLong ? 'URI_TOO_LONG' : 'BAD_REQUEST',
          message: tooLong ? 'A path segment of the URL is too long' : 'The URL is malformed (bad percent-encoding)',
          requestId: request.id,
        });
    },
  });
  const fastify = adapter.getInstance();
  // Security headers from helmet (computed once, see security-headers.ts): nosniff, no framing (frame-ancestors
  // 'none', X-Frame-Options DENY), a CSP that allows this origin's own scripts and styles (Swagger UI, GraphiQL
  // and the console are served from here).
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    // Served over plain HTTP on localhost too: no HSTS from the app (a TLS-terminating proxy sets it).
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    void reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  // While shutting down, answers in flight close their connection, so keep-alive sockets do not hold the close open.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply) => {
    if (closing) void reply.header('connection', 'close');
  });
  // Slow readers: an answer must be read within SEND_TIMEOUT_MS of being sent, or its socket is closed. Until then
  // a connection pins at most one answer (Node stops reading pipelined requests while answers wait to be written).
  // (The request's socket: a pipelined answer queued behind another has no socket of its own yet.)
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    const res = reply.raw;
    const socket = request.raw.socket;
    const timer = setTimeout(() => {
      if (!res.writableFinished) socket.destroy();
    }, config.SEND_TIMEOUT_MS);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  fastify.removeContentTypeParser('text/plain');
  // RFC 7396 merge patches (PATCH only) are JSON; on any other method the media type is refused like text/plain.
  const jsonParser = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, (request, body, done) => {
    if (request.method !== 'PATCH') {
      done(
        Object.assign(new Error('Unsupported content type: application/merge-patch+json is for PATCH'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
      return;
    }
    jsonParser(request, body as string, done);
  });
  registerIdeAssets(fastify);
  registerWebConsole(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config: config, databaseUrl: options.databaseUrl, logger, metrics }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('streamfit')
    .setDescription(
      'Kinesis Data Streams or Amazon MSK: which fits a workload, in which mode, and what each option costs per month, line by line.',
    )
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'API key: `npm run keys -- create --team T --role R`',
    })
    .build();
  // package.json says UNLICENSED: a name and no URL, as there is no licence text to point at.
  openapi.info.license = { name: 'UNLICENSED (proprietary)' };
  const document = SwaggerModule.createDocument(app, openapi);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'streamfit API' });

  // Large JSON answers are written by fast-json-stringify from the documented response views.
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  useResponseSchemas(fastify, components);
  return app;
}
