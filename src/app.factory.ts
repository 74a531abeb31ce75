import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { authenticateAndLimit } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { API_KEY_FORMAT } from './common/api-errors';
import type { BatchRouteConfig } from './evaluation/batch/batch-estimate.controller';
import { GlobalExceptionFilter } from './common/http-exception.filter';
import { inlineRequestBodies } from './common/openapi-document';
import { useResponseSchemas } from './common/response-schemas';
import { domainErrorBody } from './common/error-mapping';
import { DomainError } from './domain/errors';
import { securityHeaders } from './common/http/security-headers';
import { badCharacterPath, jsonDepthExceeds, MAX_JSON_DEPTH } from './common/json-input';
import { ValidationError } from './domain';
import { registerIdeAssets } from './graphql-support/offline-ide';
import { liveMetricsDecision, liveRatesDecision } from './infrastructure/aws/live-rates';
import { type AppConfig, trustProxySetting } from './infrastructure/config/config';
import { createPino, PinoNestLogger } from './infrastructure/logging/logger';
import { Metrics } from './infrastructure/metrics/metrics';
import { registerWebConsole } from './web-console/web-console';

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  logger?: Logger;
  /** The built web console to serve at GET / (default dist/web; the tests build and serve their own folder). */
  webConsoleDir?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's trustProxy: a number of hops becomes "the first N addresses from the socket are proxies". */
function trustProxyOption(raw: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  const setting = trustProxySetting(raw);
  if (setting === undefined) return false;
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** Build the whole application (used by main.ts and by the tests). Not yet listening. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createPino(options.config.LOG_LEVEL);
  // No surprise outbound traffic: live rates only when AWS access is configured (README "Security and limits").
  const liveRates = liveRatesDecision(options.config);
  // The same rule for the live metrics read of POST /v1/workloads/from-metrics.
  const liveMetrics = liveMetricsDecision(options.config);
  const config: AppConfig = { ...options.config, RATES_LIVE: liveRates.live, METRICS_LIVE: liveMetrics.live };
  if (options.config.RATES_LIVE)
    logger.info(
      { live: liveRates.live, reason: liveRates.reason },
      liveRates.live ? 'live rates: on' : 'live rates: off',
    );
  if (options.config.METRICS_LIVE)
    logger.info(
      { live: liveMetrics.live, reason: liveMetrics.reason },
      liveMetrics.live ? 'live metrics: on' : 'live metrics: off',
    );
  const metrics = new Metrics();
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
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Behind a reverse proxy (TRUST_PROXY), request.ip is the client named by X-Forwarded-For; otherwise that header
    // is ignored and request.ip is the connecting address (anonymous and failed-key budgets are per request.ip).
    trustProxy: trustProxyOption(config.TRUST_PROXY),
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
        .headers(headers)
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
  // JSON bodies (REST and GraphQL alike) nested deeper than MAX_JSON_DEPTH are a 400 before they are parsed, so no
  // check, merge or copy further on ever recurses that deep. (Registered through the adapter, which then leaves
  // application/json to it instead of adding its own parser.)
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  const jsonParser = (request: FastifyRequest, body: string | Buffer, done: (e: Error | null, v?: unknown) => void) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text)) {
      done(
        Object.assign(new Error(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), {
          statusCode: 400,
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        }),
        undefined,
      );
      return;
    }
    // A NUL or a lone surrogate in any string of a REST body is a 400 naming where (GraphQL variables are checked
    // by their input types and answered in GraphQL's own error shape).
    const graphql = request.url.startsWith('/graphql');
    defaultJsonParser(request, text, (error, value) => {
      const at = error || graphql ? null : badCharacterPath(text, value);
      if (at === null) return done(error, value);
      done(
        new ValidationError([
          { field: at, message: `${at} must be text without NUL characters or lone UTF-16 surrogates` },
        ]),
        undefined,
      );
    });
  };
  adapter.useBodyParser('application/json', false, { bodyLimit: config.BODY_LIMIT_BYTES }, jsonParser);
  // RFC 7396 merge patches (PATCH only) are JSON; on any other method the media type is refused like text/plain.
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
  // Batch estimates (POST /v1/estimates/batch): a larger body, read only once the key is known and charged (the
  // hook authenticates before the body, so nothing costly runs for an unknown caller), and CSV taken as its text.
  const known: { auth?: AuthService } = {};
  const authenticateFirst = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (!known.auth) return done();
    authenticateAndLimit(known.auth, request, reply).then(
      () => done(),
      (error: Error) => done(error),
    );
  };
  // GraphQL takes up to GRAPHQL_BODY_LIMIT_BYTES (estimateWorkloads' 1,000 workloads), but a body larger than
  // BODY_LIMIT_BYTES is read only for a valid key (its units are charged once the operation's cost is known).
  const keyForLargeBody = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const length = Number(request.headers['content-length'] ?? Number.POSITIVE_INFINITY);
    if (!known.auth || request.method !== 'POST' || length <= config.BODY_LIMIT_BYTES) return done();
    known.auth.authenticate(request.headers.authorization, request.ip).then(
      () => done(),
      (error: Error) => done(error),
    );
  };
  const addOnRequest = (route: { onRequest?: unknown }, hook: unknown) => {
    const hooks = route.onRequest ?? [];
    route.onRequest = [...(Array.isArray(hooks) ? hooks : [hooks]), hook];
  };
  fastify.addHook('onRoute', (route) => {
    if ((route.config as Partial<BatchRouteConfig> | undefined)?.batchBody) {
      route.bodyLimit = config.BATCH_BODY_LIMIT_BYTES;
      addOnRequest(route, authenticateFirst);
    } else if (route.url === '/graphql') {
      route.bodyLimit = Math.max(config.BODY_LIMIT_BYTES, config.GRAPHQL_BODY_LIMIT_BYTES);
      addOnRequest(route, keyForLargeBody);
    }
  });
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (!(request.routeOptions.config as Partial<BatchRouteConfig> | undefined)?.batchBody) {
      done(
        Object.assign(new Error('Unsupported content type: text/csv is for POST /v1/estimates/batch'), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
      return;
    }
    done(null, body);
  });
  registerIdeAssets(fastify);
  registerWebConsole(fastify, options.webConsoleDir);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config: config, databaseUrl: options.databaseUrl, logger, metrics }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  known.auth = app.get(AuthService);
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
      bearerFormat: API_KEY_FORMAT,
      description:
        'An API key, `Authorization: Bearer sf_<prefix>_<secret>`: `npm run keys -- create --team T --role R` prints one (README "Two commands"); an admin key creates more (POST /v1/api-keys).',
    })
    .build();
  // package.json says UNLICENSED: a name and no URL, as there is no licence text to point at.
  openapi.info.license = { name: 'UNLICENSED (proprietary)' };
  const document = SwaggerModule.createDocument(app, openapi);
  inlineRequestBodies(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'streamfit API' });

  // Large JSON answers are written by fast-json-stringify from the documented response views.
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  useResponseSchemas(fastify, components, { compiledWriter: options.config.PERF_JSON_WRITER });
  // Routes that take exported metrics (@RouteConfig({ largeBody: true })) accept METRICS_BODY_LIMIT_BYTES.
  // Nothing costly before authentication: a request without a bearer key is answered 401 before its (up to 1 MB)
  // body is read; the key itself is checked by the guard as on every route.
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { largeBody?: unknown } | undefined)?.largeBody !== true) return;
    route.bodyLimit = config.METRICS_BODY_LIMIT_BYTES;
    route.onRequest = [
      ...(Array.isArray(route.onRequest) ? route.onRequest : route.onRequest ? [route.onRequest] : []),
      async (request: FastifyRequest, reply: FastifyReply) => {
        if (/^Bearer\s+\S+\s*$/i.test(request.headers.authorization ?? '')) return;
        await reply
          .code(401)
          .header('content-type', 'application/json; charset=utf-8')
          .send(
            domainErrorBody(
              new DomainError('UNAUTHENTICATED', 'An API key is required: send `Authorization: Bearer <key>`'),
              request.id,
            ),
          );
      },
    ];
  });
  return app;
}
