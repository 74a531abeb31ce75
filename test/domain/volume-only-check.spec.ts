/**
 * The volume study re-checks a scaled workload in its volume fields only (WorkloadCheckOptions.volumeOnly): for
 * any checked input and any scale, the answer, or the error, must be exactly the full check's.
 */
import fc from 'fast-check';
import { normalizeWorkload, type WorkloadInput } from '../../src/domain';
import { scaleVolume } from '../../src/domain/robustness';
import { workloadArbitrary } from './support/workload.arbitrary';

const baseArb = workloadArbitrary({
  maxIngestGbPerDay: 50_000,
  recordSizeKB: { min: 0.01, max: 1024 },
  maxSharedConsumers: 6,
  maxDedicatedConsumers: 3,
  maxRetentionHours: 8760,
  also: ['latencyTargetMs', 'partitions', 'deliverTo', 'rackAwareConsumers'],
});

/** The same workload with its volume given each way the API takes it: total, average (+ peak), hourly profile. */
const inputArb: fc.Arbitrary<WorkloadInput> = fc
  .tuple(baseArb, fc.constantFrom('ingest', 'average', 'peak', 'hourly'), fc.double({ min: 1, max: 4, noNaN: true }))
  .map(([w, given, factor]) => {
    const { ingestGbPerDay, activeHoursPerDay, trafficPattern, ...rest } = w as WorkloadInput & Record<string, unknown>;
    const avg = ((ingestGbPerDay as number) * 1024) / ((activeHoursPerDay as number) * 3600);
    if (given === 'ingest') return w;
    if (given === 'average') return { ...rest, trafficPattern, activeHoursPerDay, avgWriteMBps: avg } as WorkloadInput;
    if (given === 'peak')
      return { ...rest, activeHoursPerDay, avgWriteMBps: avg, peakWriteMBps: avg * factor } as WorkloadInput;
    const hourly = Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? avg * factor : avg / factor));
    return { ...rest, hourlyWriteMBps: hourly } as WorkloadInput;
  })
  .filter((w) => {
    try {
      normalizeWorkload(w);
      return true;
    } catch {
      return false;
    }
  });

const outcome = (f: () => unknown): unknown => {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: (e as { details?: unknown }).details ?? String(e) };
  }
};

describe('the volume-only re-check of a scaled workload', () => {
  it('answers exactly what the full check answers, at every scale, errors included', () => {
    let failures = 0;
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0.001, max: 5000, noNaN: true }), (w, k) => {
        const scaled = scaleVolume(w, k);
        const full = outcome(() => normalizeWorkload(scaled));
        expect(outcome(() => normalizeWorkload(scaled, { volumeOnly: true }))).toEqual(full);
        if ('error' in (full as object)) failures++;
      }),
      { numRuns: 600, seed: 20261129 },
    );
    // Scales large enough to take some workloads past their bounds are part of the runs.
    expect(failures).toBeGreaterThan(0);
  });
});
