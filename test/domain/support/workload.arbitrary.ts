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
