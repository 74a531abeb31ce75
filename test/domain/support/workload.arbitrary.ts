/**
 * fast-check arbitrary of valid workloads, the one the property suites share (cost properties, volume-range
 * robustness, the compiled JSON writer). Each suite states its bounds and the optional fields it wants; the
 * fields are always drawn in the same order, so a suite's seeded runs do not depend on the others' choices.
 */
import fc from 'fast-check';
import type { WorkloadInput } from '../../../src/domain';

export interface WorkloadArbitraryOptions {
  maxIngestGbPerDay: number;
  recordSizeKB: { min: number; max: number };
  maxSharedConsumers: number;
  maxDedicatedConsumers: number;
  maxRetentionHours: number;
  /** Optional inputs to draw as well; latencyTargetMs, partitions and deliverTo are sometimes left out. */
  also?: ReadonlyArray<
    | 'needsKafkaConnect'
    | 'needsCrossRegionReplication'
    | 'lambdaConsumers'
    | 'rackAwareConsumers'
    | 'latencyTargetMs'
    | 'partitions'
    | 'deliverTo'
  >;
}

const SINKS = ['S3', 'REDSHIFT', 'OPENSEARCH', 'HTTP'] as const;

export function workloadArbitrary(o: WorkloadArbitraryOptions): fc.Arbitrary<WorkloadInput> {
  const also = new Set(o.also ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {
    ingestGbPerDay: fc.double({ min: 0, max: o.maxIngestGbPerDay, noNaN: true }),
    avgRecordSizeKB: fc.double({ min: o.recordSizeKB.min, max: o.recordSizeKB.max, noNaN: true }),
    sharedConsumers: fc.integer({ min: 0, max: o.maxSharedConsumers }),
    dedicatedConsumers: fc.integer({ min: 0, max: o.maxDedicatedConsumers }),
    retentionHours: fc.double({ min: 1, max: o.maxRetentionHours, noNaN: true }),
    trafficPattern: fc.constantFrom('STEADY' as const, 'VARIABLE' as const, 'UNPREDICTABLE' as const),
    activeHoursPerDay: fc.double({ min: 1, max: 24, noNaN: true }),
    existingKafkaClients: fc.boolean(),
  };
  for (const flag of [
    'needsKafkaConnect',
    'needsCrossRegionReplication',
    'lambdaConsumers',
    'rackAwareConsumers',
  ] as const)
    if (also.has(flag)) model[flag] = fc.boolean();
  if (also.has('latencyTargetMs'))
    model.latencyTargetMs = fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined });
  if (also.has('partitions')) model.partitions = fc.option(fc.integer({ min: 1, max: 20000 }), { nil: undefined });
  if (also.has('deliverTo'))
    model.deliverTo = fc.option(
      fc.array(
        fc.record({
          sink: fc.constantFrom(...SINKS),
          sharePercent: fc.double({ min: 1, max: 100, noNaN: true }),
          convertToParquet: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      { nil: undefined },
    );
  return fc
    .record(model)
    .map((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as unknown as WorkloadInput);
}

/** An hourly write profile (24 rates up to 300 MB/s) with a record size, shared consumers and retention. */
export const hourlyProfileArbitrary: fc.Arbitrary<WorkloadInput> = fc
  .record({
    hourlyWriteMBps: fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 24, maxLength: 24 }),
    avgRecordSizeKB: fc.double({ min: 0.1, max: 1024, noNaN: true }),
    sharedConsumers: fc.integer({ min: 0, max: 8 }),
    retentionHours: fc.double({ min: 1, max: 400, noNaN: true }),
  })
  .map((w) => w as WorkloadInput);

/**
 * Workloads for the volume study's properties: up to 50,000 GB/day with replication, latency targets and delivery,
 * often set near `near` ingests (e.g. the 25 MB/s Advantage minimum at 2,160 GB/day), where winners change.
 */
export function nearLimitsWorkloadArbitrary(near: fc.Arbitrary<number>[]): fc.Arbitrary<WorkloadInput> {
  return fc
    .tuple(
      workloadArbitrary({
        maxIngestGbPerDay: 50000,
        recordSizeKB: { min: 0.05, max: 1024 },
        maxSharedConsumers: 8,
        maxDedicatedConsumers: 6,
        maxRetentionHours: 3000,
        also: ['needsCrossRegionReplication', 'latencyTargetMs', 'deliverTo'],
      }),
      fc.option(fc.oneof(...near), { nil: undefined }),
    )
    .map(([w, ingest]) => (ingest === undefined ? w : { ...w, ingestGbPerDay: ingest }));
}
