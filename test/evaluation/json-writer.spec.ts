/**
 * The compiled JSON writer (src/common/json-writer.ts) writes exactly fast-json-stringify's bytes for the
 * response views — checked on the real schemas of the OpenAPI document and many evaluations, estimates and
 * break-even series — and hands anything off-shape to fast-json-stringify.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastJsonStringify from 'fast-json-stringify';
import fc from 'fast-check';
import request from 'supertest';
import { compileJsonWriter, MEMO_LIMIT } from '../../src/common/json-writer';
import { responseWriter, serializationSchema } from '../../src/common/response-schemas';
import { breakEven, estimate, evaluate, type WorkloadInput } from '../../src/domain';
import { usEast1RateCard } from '../domain/support/us-east-1.rate-card';
import { startTestApp } from '../support/test-app';

const bytes = (out: Buffer | string) => (typeof out === 'string' ? Buffer.from(out, 'utf8') : out);

const workloadArb: fc.Arbitrary<WorkloadInput> = fc
  .record({
    ingestGbPerDay: fc.double({ min: 0, max: 200000, noNaN: true }),
    avgRecordSizeKB: fc.double({ min: 0.05, max: 20000, noNaN: true }),
    sharedConsumers: fc.integer({ min: 0, max: 30 }),
    dedicatedConsumers: fc.integer({ min: 0, max: 60 }),
    retentionHours: fc.double({ min: 1, max: 87600, noNaN: true }),
    trafficPattern: fc.constantFrom('STEADY' as const, 'VARIABLE' as const, 'UNPREDICTABLE' as const),
    activeHoursPerDay: fc.double({ min: 1, max: 24, noNaN: true }),
    existingKafkaClients: fc.boolean(),
    needsKafkaConnect: fc.boolean(),
    needsCrossRegionReplication: fc.boolean(),
    lambdaConsumers: fc.boolean(),
    latencyTargetMs: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
    partitions: fc.option(fc.integer({ min: 1, max: 20000 }), { nil: undefined }),
  })
  .map((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as unknown as WorkloadInput);

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
    const cards = [usEast1RateCard(), usEast1RateCard({ stale: true, without: ['msk.serverless.clusterHour', 'kds.provisioned.shardHour'] })];
    let checked = 0;
    fc.assert(
      fc.property(workloadArb, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 40 }), (workload, c, discount) => {
        const card = cards[c];
        const pricing = { discountPercent: discount, rateOverrides: discount > 30 ? { 'kds.provisioned.shardHour': 0.02 } : undefined };
        const values: Array<[string, unknown]> = [
          ['EvaluationView', evaluate(workload, card, pricing)],
          ['EstimateView', estimate(workload, card, pricing)],
        ];
        if (checked % 25 === 0) values.push(['BreakEvenView', breakEven(workload, card, pricing, { vary: 'ingest', from: 1, to: 5000, steps: 20 })]);
        for (const [name, value] of values) {
          const ours = writers[name].ours(value);
          expect(Buffer.isBuffer(ours)).toBe(true); // the compiled writer, not the fallback
          expect(bytes(ours).equals(Buffer.from(writers[name].theirs(value), 'utf8'))).toBe(true);
        }
        checked++;
      }),
      { numRuns: 1500 },
    );
    // Later answers go through the remembered static fragments: still the same bytes.
    expect(checked).toBeGreaterThan(MEMO_LIMIT);
  });
});

describe('compileJsonWriter', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      label: { type: 'string' },
      n: { type: 'number' },
      cost: { type: 'number', nullable: true },
      ok: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      inner: { type: 'object', nullable: true, properties: { a: { type: 'integer' }, b: { type: 'string', enum: ['X', 'Y'] } } },
    },
  };
  const theirs = fastJsonStringify(schema) as (v: unknown) => string;
  const write = (value: unknown) => bytes(compileJsonWriter(schema, theirs).write(value)).toString('utf8');

  it('writes what fast-json-stringify writes: order, absent fields, nulls, escapes, non-ASCII, lone surrogates', () => {
    const values = [
      { id: 'a', label: 'plain', n: 1.5, cost: null, ok: true, tags: [], inner: null },
      { extra: 1, tags: ['x "quoted" \\ back', 'tab\there', 'line\nbreak', '\u0001'], ok: false, id: 'z' },
      { id: 'µs ≥ 25 KB × 3 → ok – “quotes”', label: '😀 pair and lone \ud800 surrogate', n: -0, cost: 1e21, inner: { b: 'X', a: 3, c: 'dropped' } },
      { n: 1.4e-8, cost: 66.55, inner: {} },
      {},
    ];
    for (const value of values) expect(write(value)).toBe(theirs(value));
  });

  it('falls back to fast-json-stringify for values off the schema, so the answer never differs', () => {
    const compiled = compileJsonWriter(schema, theirs);
    for (const value of [{ n: '7' }, { n: Infinity }, { cost: -Infinity }, { ok: 1 }, { tags: null }, { label: 42 }, { inner: { a: null } }, { id: null }]) {
      const out = compiled.write(value);
      expect(typeof out).toBe('string'); // the fallback's answer
      expect(out).toBe(theirs(value));
    }
    for (const value of [{ n: NaN }, { n: 'seven' }]) expect(() => compiled.write(value)).toThrow(); // as fast-json-stringify does
    expect(bytes(compiled.write({ id: 'back on shape' })).toString()).toBe(theirs({ id: 'back on shape' }));
  });

  it('remembers the values of a field that repeat and stops remembering a field whose values keep changing', () => {
    const compiled = compileJsonWriter(schema, theirs);
    for (let i = 0; i < 3000; i++) compiled.write({ id: `request ${i}`, label: ['one', 'two', 'three'][i % 3], n: i / 7, cost: 0.015 });
    expect(compiled.memos.get('label')!.size).toBe(3);
    expect(compiled.memos.get('cost')!.size).toBe(1);
    expect(compiled.memos.get('id')!.size).toBe(-1);
    expect(compiled.memos.get('n')!.size).toBe(-1);
    expect(write({ id: 'request 5', label: 'two', n: 5 / 7, cost: 0.015 })).toBe(theirs({ id: 'request 5', label: 'two', n: 5 / 7, cost: 0.015 }));
  });

  it('refuses schemas it does not know, so the route keeps fast-json-stringify', () => {
    expect(() => compileJsonWriter({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }] } } }, theirs)).toThrow(/unsupported/);
    const general = responseWriter({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'number' }] } } });
    expect(general({ a: 1 })).toBe('{"a":1}');
  });
});
