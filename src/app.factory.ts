import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { DomainError, ValidationError } from './domain';
import { securityHeaders } from './common/http/security-headers';
import { badCharacterPath, jsonDepthExceeds, MAX_JSON_DEPTH } from './common/json-input';
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

type SecurityHeaders = ReturnType<typeof securityHeaders>;
/** The auth service, known once Nest has built the app; the body-limit hooks registered before then read it here. */
interface KnownAuth {
  auth?: AuthService;
}

/** Build the whole application (used by main.ts and by the tests). Not yet listening. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createPino(options.config.LOG_LEVEL);
  const config = decideLiveAccess(options.config, logger);
  const metrics = new Metrics();
  const headers = createSecurityHeaders();
  const adapter = createAdapter(config, logger, headers);
  const fastify = adapter.getInstance();
  registerRequestHooks(fastify, config, headers, metrics);
  registerBodyParsers(adapter, fastify, config);
  const known: KnownAuth = {};
  registerRouteBodyLimits(fastify, config, known);
  registerStaticAssets(fastify, options.webConsoleDir);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config: config, databaseUrl: options.databaseUrl, logger, metrics }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  known.auth = app.get(AuthService);
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.enableShutdownHooks();

  const document = configureOpenApi(app);
  configureResponseWriter(fastify, document, config);
  registerLargeMetricsBodies(fastify, config);
  return app;
}

/** No surprise outbound traffic: live rates and live metrics only when AWS access is configured (README "Security and limits"). */
function decideLiveAccess(given: AppConfig, logger: Logger): AppConfig {
  const liveRates = liveRatesDecision(given);
  // The same rule for the live metrics read of POST /v1/workloads/from-metrics.
  const liveMetrics = liveMetricsDecision(given);
  if (given.RATES_LIVE)
    logger.info(
      { live: liveRates.live, reason: liveRates.reason },
      liveRates.live ? 'live rates: on' : 'live rates: off',
    );
  if (given.METRICS_LIVE)
    logger.info(
      { live: liveMetrics.live, reason: liveMetrics.reason },
      liveMetrics.live ? 'live metrics: on' : 'live metrics: off',
    );
  return { ...given, RATES_LIVE: liveRates.live, METRICS_LIVE: liveMetrics.live };
}

/**
 * Security headers from helmet (computed once, see security-headers.ts): nosniff, no framing (frame-ancestors
 * 'none', X-Frame-Options DENY), a CSP that allows this origin's own scripts and styles (Swagger UI, GraphiQL
 * and the console are served from here).
 */
function createSecurityHeaders(): SecurityHeaders {
  return securityHeaders({
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
}

/** The Fastify adapter: body limit, proxies, request ids, timeouts, and the one error shape for malformed URLs. */
function createAdapter(config: AppConfig, logger: Logger, headers: SecurityHeaders): FastifyAdapter {
  return new FastifyAdapter({
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
}

/** Every request: security headers and request id, closing connections while shutting down, slow readers, metrics. */
function registerRequestHooks(
  fastify: FastifyInstance,
  config: AppConfig,
  headers: SecurityHeaders,
  metrics: Metrics,
): void {
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
}

/** An error a body parser hands Fastify: answered with `statusCode` in the one error shape. */
function parseError(message: string, statusCode: 400 | 415, code: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

const unsupportedMediaType = (message: string): Error =>
  parseError(`Unsupported content type: ${message}`, 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');

type ParserDone = (e: Error | null, v?: unknown) => void;

/**
 * JSON bodies (REST and GraphQL alike) nested deeper than MAX_JSON_DEPTH are a 400 before they are parsed, so no
 * check, merge or copy further on ever recurses that deep.
 */
function createJsonParser(fastify: FastifyInstance) {
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: string | Buffer, done: ParserDone) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text)) {
      done(
        parseError(
          `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`,
          400,
          'FST_ERR_CTP_INVALID_JSON_BODY',
        ),
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
}

/** The body parsers: JSON, merge patches (PATCH only), CSV (batch estimates only); text/plain refused. */
function registerBodyParsers(adapter: FastifyAdapter, fastify: FastifyInstance, config: AppConfig): void {
  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  fastify.removeContentTypeParser('text/plain');
  // (Registered through the adapter, which then leaves application/json to it instead of adding its own parser.)
  const jsonParser = createJsonParser(fastify);
  adapter.useBodyParser('application/json', false, { bodyLimit: config.BODY_LIMIT_BYTES }, jsonParser);
  // RFC 7396 merge patches (PATCH only) are JSON; on any other method the media type is refused like text/plain.
  fastify.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, (request, body, done) => {
    if (request.method !== 'PATCH')
      return done(unsupportedMediaType('application/merge-patch+json is for PATCH'), undefined);
    jsonParser(request, body as string, done);
  });
  // CSV is taken as its text, on batch estimates only.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    if (!(request.routeOptions.config as Partial<BatchRouteConfig> | undefined)?.batchBody)
      return done(unsupportedMediaType('text/csv is for POST /v1/estimates/batch'), undefined);
    done(null, body);
  });
}

/** Appends a hook to a route's onRequest hooks (none, one, or a list). */
function addOnRequest(route: { onRequest?: unknown }, hook: unknown): void {
  const hooks = route.onRequest ?? [];
  route.onRequest = [...(Array.isArray(hooks) ? hooks : [hooks]), hook];
}

/**
 * Larger bodies, read only once the caller is known: batch estimates (authenticated and charged first) and GraphQL
 * bodies above BODY_LIMIT_BYTES (a valid key first). `known.auth` is set once Nest has built the app.
 */
function registerRouteBodyLimits(fastify: FastifyInstance, config: AppConfig, known: KnownAuth): void {
  // Batch estimates (POST /v1/estimates/batch): a larger body, read only once the key is known and charged (the
  // hook authenticates before the body, so nothing costly runs for an unknown caller).
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
  fastify.addHook('onRoute', (route) => {
    if ((route.config as Partial<BatchRouteConfig> | undefined)?.batchBody) {
      route.bodyLimit = config.BATCH_BODY_LIMIT_BYTES;
      addOnRequest(route, authenticateFirst);
    } else if (route.url === '/graphql') {
      route.bodyLimit = Math.max(config.BODY_LIMIT_BYTES, config.GRAPHQL_BODY_LIMIT_BYTES);
      addOnRequest(route, keyForLargeBody);
    }
  });
}

/** GraphiQL's assets and the built web console (GET /). */
function registerStaticAssets(fastify: FastifyInstance, webConsoleDir: string | undefined): void {
  registerIdeAssets(fastify);
  registerWebConsole(fastify, webConsoleDir);
}

/** The OpenAPI document, served at /docs (Swagger UI) and /docs-json. */
function configureOpenApi(app: NestFastifyApplication): OpenAPIObject {
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
  return document;
}

/** The JSON writer of the large answers, compiled from the documented response views. */
function configureResponseWriter(fastify: FastifyInstance, document: OpenAPIObject, config: AppConfig): void {
  // Large JSON answers are written by fast-json-stringify from the documented response views.
  const components = (document.components?.schemas ?? {}) as Record<string, unknown>;
  useResponseSchemas(fastify, components, { compiledWriter: config.PERF_JSON_WRITER });
}

/** Routes that take exported metrics: a larger body, and a 401 before it is read when no bearer key is sent. */
function registerLargeMetricsBodies(fastify: FastifyInstance, config: AppConfig): void {
  // Routes that take exported metrics (@RouteConfig({ largeBody: true })) accept METRICS_BODY_LIMIT_BYTES.
  // Nothing costly before authentication: a request without a bearer key is answered 401 before its (up to 1 MB)
  // body is read; the key itself is checked by the guard as on every route.
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { largeBody?: unknown } | undefined)?.largeBody !== true) return;
    route.bodyLimit = config.METRICS_BODY_LIMIT_BYTES;
    addOnRequest(route, async (request: FastifyRequest, reply: FastifyReply) => {
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
    });
  });
}
