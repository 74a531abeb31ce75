import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/test-app';

describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: {
    openapi: string;
    components: {
      schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
      securitySchemes: Record<string, { bearerFormat?: string; scheme?: string }>;
    };
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: object }> };
          responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
          security?: Array<Record<string, unknown>>;
        }
      >
    >;
  };
  beforeAll(async () => {
    app = await startTestApp();
    doc = (await request(app.getHttpServer()).get('/docs-json')).body;
  });
  afterAll(async () => app.close());

  it('is a valid OpenAPI 3 document (checked by @seriousme/openapi-schema-validator)', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every endpoint of the REST surface', () => {
    const expected: Array<[string, string]> = [
      ['/v1/evaluations', 'post'],
      ['/v1/evaluations/totals', 'post'],
      ['/v1/estimates', 'post'],
      ['/v1/break-even', 'post'],
      ['/v1/rate-cards/{region}', 'get'],
      ['/v1/rate-cards/{region}/refresh', 'post'],
      ['/v1/decision-rules', 'get'],
      ['/v1/api-keys', 'post'],
      ['/v1/api-keys', 'get'],
      ['/v1/api-keys/{prefix}', 'delete'],
      ['/health/live', 'get'],
      ['/health/ready', 'get'],
      ['/metrics', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method]).toBeTruthy();
  });

  it('gives request bodies a schema with an example, and 200 responses a schema', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.requestBody) {
          const schema = op.requestBody.content['application/json'].schema as {
            example?: unknown;
            properties?: Record<string, unknown>;
          };
          expect({ path, method, example: schema.example !== undefined }).toEqual({ path, method, example: true });
        }
        if (path.startsWith('/v1/')) {
          const ok = (op.responses['200'] ?? op.responses['201']) as { content?: Record<string, { schema?: unknown }> };
          expect({ path, method, schema: Boolean(ok?.content && Object.values(ok.content)[0]?.schema) }).toEqual({
            path,
            method,
            schema: true,
          });
        }
      }
    }
  });

  it('takes the workload schema (fields, bounds, examples) from the domain', () => {
    const body = doc.paths['/v1/evaluations'].post.requestBody!.content['application/json'].schema as {
      properties: {
        workload: { properties: Record<string, { minimum?: number; exclusiveMinimum?: boolean; example?: unknown }> };
      };
    };
    expect(body.properties.workload.properties.avgRecordSizeKB).toMatchObject({
      minimum: 0,
      exclusiveMinimum: true,
      example: 1,
    });
    expect(body.properties.workload.properties.retentionHours).toMatchObject({ minimum: 1 });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );

  it('gives every error response the one error shape (ErrorView), the readiness report aside', () => {
    const errorView = doc.components.schemas.ErrorView;
    expect(errorView.required).toEqual(['statusCode', 'code', 'message', 'requestId']);
    const off: string[] = [];
    let checked = 0;
    for (const { path, method, op } of operations())
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        // /health/ready's 503 is its readiness report (status down), what a probe reads: not an error of the API.
        if (path === '/health/ready') continue;
        checked += 1;
        const schema = response.content?.['application/json']?.schema;
        const types = Object.keys(response.content ?? {});
        if (schema?.$ref !== '#/components/schemas/ErrorView' || types.length !== 1)
          off.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    expect(off).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('documents 401, 403 and 429 on every operation that needs a key', () => {
    const secured = operations().filter(({ op }) => (op.security ?? []).some((s) => 'bearer' in s));
    expect(secured.length).toBeGreaterThan(20);
    const missing = secured.flatMap(({ path, method, op }) =>
      ['401', '403', '429'].filter((s) => !op.responses[s]).map((s) => `${method.toUpperCase()} ${path} ${s}`),
    );
    expect(missing).toEqual([]);
    // The public ones (health, metrics) do not claim a key.
    expect(doc.paths['/health/live'].get.security ?? []).toEqual([]);
  });

  it('says what the bearer token is: a streamfit API key, not a JWT', () => {
    const bearer = doc.components.securitySchemes.bearer;
    expect(bearer.scheme).toBe('bearer');
    expect(bearer.bearerFormat).toMatch(/sf_<10-character prefix>_<secret>/);
    expect(bearer.bearerFormat).not.toMatch(/^JWT$/);
  });

  it('answers one type per operation: the totals are their own operation, no undiscriminated oneOf', () => {
    const ok = (path: string) => doc.paths[path].post.responses['200'].content!['application/json'].schema;
    expect(ok('/v1/evaluations')).toEqual({ $ref: '#/components/schemas/EvaluationView' });
    expect(ok('/v1/evaluations/totals')).toEqual({ $ref: '#/components/schemas/EvaluationTotalsView' });
    const undiscriminated: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}/${i}`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (Array.isArray(o.oneOf) && !o.discriminator) undiscriminated.push(where);
        for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
      }
    };
    for (const { path, method, op } of operations()) walk(op.responses, `${method} ${path}`);
    walk(doc.components.schemas, 'components');
    expect(undiscriminated).toEqual([]);
  });

  it('requires the same workload fields in evaluations, estimates, break-even and scenarios', () => {
    const bodyWorkload = (path: string) =>
      (
        doc.paths[path].post.requestBody!.content['application/json'].schema as {
          properties: { workload: { required?: string[]; properties: object } };
        }
      ).properties.workload;
    const evaluation = bodyWorkload('/v1/evaluations');
    expect(evaluation.required).toEqual(['avgRecordSizeKB']);
    for (const path of ['/v1/evaluations/totals', '/v1/estimates', '/v1/break-even'])
      expect({ path, required: bodyWorkload(path).required }).toEqual({ path, required: evaluation.required });
    const scenario = doc.paths['/v1/scenarios'].post.requestBody!.content['application/json'].schema as {
      required?: string[];
      properties?: Record<string, unknown>;
    };
    expect(scenario.required).toEqual(['name', 'workload']);
    const saved = scenario.properties!.workload as { required?: string[]; properties: object };
    expect(saved.required).toEqual(evaluation.required);
    expect(Object.keys(saved.properties).sort()).toEqual(Object.keys(evaluation.properties).sort());
    // What a scenario answers with: the workload as saved requires what a saved workload always has.
    expect(doc.components.schemas.ScenarioWorkloadView.required).toEqual(evaluation.required);
  });
});
