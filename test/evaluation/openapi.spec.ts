import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/test-app';

describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: object }> };
          responses: Record<string, unknown>;
          security?: unknown;
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
});
