/**
 * The compiled JSON writer (src/common/json-writer.ts) writes exactly fast-json-stringify's bytes for the
 * response views — checked on the real schemas of the OpenAPI document and many evaluations, estimates and
 * break-even series (json-writer.unit.spec.ts covers the fallback and the memo).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastJsonStringify from 'fast-json-stringify';
import fc from 'fast-check';
import request from 'supertest';
import { MEMO_LIMIT } from '../../src/common/json-writer';
import { responseWriter, serializationSchema } from '../../src/common/response-schemas';
import { breakEven, estimate, evaluate } from '../../src/domain';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { startTestApp } from '../support/test-app';
import { workloadArbitrary } from '../domain/support/workload.arbitrary';

const bytes = (out: Buffer | string) => (typeof out === 'string' ? Buffer.from(out, 'utf8') : out);

const workloadArb = workloadArbitrary({
  maxIngestGbPerDay: 200000,
  recordSizeKB: { min: 0.05, max: 20000 },
  maxSharedConsumers: 30,
  maxDedicatedConsumers: 60,
  maxRetentionHours: 87600,
  also: ['needsKafkaConnect', 'needsCrossRegionReplication', 'lambdaConsumers', 'latencyTargetMs', 'partitions'],
});

describe('compiled JSON writer on the response views', () => {
  let app: NestFastifyApplication;
  let components: Record<string, unknown>;
  beforeAll(async () => {
    app = await startTestApp();
    components = (await request(app.getHttpServer()).get('/docs-json')).body.components.schemas;
  });
  afterAll(async () => app.close());

  it('writes the bytes fast-json-stringify writes for evaluations, estimates and break-even series', () => {
    const writers = Object.fromEntries(
      ['EvaluationView', 'EstimateView', 'BreakEvenView'].map((name) => {
        const schema = serializationSchema(components, name);
        return [name, { ours: responseWriter(schema), theirs: fastJsonStringify(schema) as (v: unknown) => string }];
      }),
    );
    const cards = [
      usEast1RateCard(),
      usEast1RateCard({ stale: true, without: ['msk.serverless.clusterHour', 'kds.provisioned.shardHour'] }),
    ];
    let checked = 0;
    fc.assert(
      fc.property(
        workloadArb,
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 40 }),
        (workload, c, discount) => {
          const card = cards[c];
          const pricing = {
            discountPercent: discount,
            rateOverrides: discount > 30 ? { 'kds.provisioned.shardHour': 0.02 } : undefined,
          };
          const values: Array<[string, unknown]> = [
            ['EvaluationView', evaluate(workload, card, pricing)],
            ['EstimateView', estimate(workload, card, pricing)],
          ];
          if (checked % 25 === 0)
            values.push([
              'BreakEvenView',
              breakEven(workload, card, pricing, { vary: 'ingest', from: 1, to: 5000, steps: 20 }),
            ]);
          for (const [name, value] of values) {
            const ours = writers[name].ours(value);
            expect(Buffer.isBuffer(ours)).toBe(true); // the compiled writer, not the fallback
            expect(bytes(ours).equals(Buffer.from(writers[name].theirs(value), 'utf8'))).toBe(true);
          }
          checked++;
        },
      ),
      { numRuns: 1500, seed: Number(process.env.JSON_WRITER_SEED ?? 20261129) },
    );
    // Later answers go through the remembered static fragments: still the same bytes.
    expect(checked).toBeGreaterThan(MEMO_LIMIT);
  });
});
