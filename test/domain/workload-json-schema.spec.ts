/** WORKLOAD_JSON_SCHEMA is a valid draft 2020-12 schema that agrees with normalizeWorkload. */
import Ajv2020 from 'ajv/dist/2020';
import { WORKLOAD_JSON_SCHEMA, normalizeWorkload, type WorkloadInput } from '../../src/domain';
import { aWorkload } from './support/workload.builder';

const SPEC_FIELDS = [
  'region',
  'ingestGbPerDay',
  'avgWriteMBps',
  'hourlyWriteMBps' /* section 9 */,
  'peakWriteMBps',
  'avgRecordSizeKB',
  'maxRecordSizeKB',
  'sharedConsumers',
  'dedicatedConsumers',
  'retentionHours',
  'trafficPattern',
  'activeHoursPerDay',
  'latencyTargetMs',
  'existingKafkaClients',
  'needsKafkaConnect',
  'needsKafkaStreams',
  'needsCrossRegionReplication',
  'lambdaConsumers',
];

describe('WORKLOAD_JSON_SCHEMA', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(WORKLOAD_JSON_SCHEMA as unknown as object);

  it('has every field of spec section 2, plus the documented engine-tuning fields and deliverTo, each with description and example', () => {
    const props = WORKLOAD_JSON_SCHEMA.properties as Record<
      string,
      { description: string; examples: readonly unknown[] }
    >;
    expect(Object.keys(props)).toEqual([
      ...SPEC_FIELDS,
      'rackAwareConsumers',
      'partitions',
      'mskBrokerFamily',
      'sizingHeadroomPercent',
      'mskLocalRetentionHours',
      'mskExpressEgressFactor',
      'mskStorageThroughputMBpsPerBroker',
      'historicalReadGbPerMonth',
      'recordSizeDistribution',
      'deliverTo',
      'kclConsumers',
      'lambdaEventPollers',
      'mskPrivateConnectivityVpcs',
    ]);
    for (const [name, p] of Object.entries(props)) {
      expect({ name, described: p.description.length > 10, example: p.examples.length > 0 }).toEqual({
        name,
        described: true,
        example: true,
      });
    }
    expect(WORKLOAD_JSON_SCHEMA.additionalProperties).toBe(false);
    expect(WORKLOAD_JSON_SCHEMA.required).toEqual(['avgRecordSizeKB']);
  });

  it('accepts its own examples and the builder workloads', () => {
    const props = WORKLOAD_JSON_SCHEMA.properties as Record<string, { examples: readonly unknown[] }>;
    const fromExamples = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, p.examples[0]]));
    delete fromExamples.avgWriteMBps; // exactly-one rule lives in normalizeWorkload
    delete fromExamples.hourlyWriteMBps;
    expect(
      validate({
        ...fromExamples,
        ingestGbPerDay: undefined,
        peakWriteMBps: 40,
        hourlyWriteMBps: props.hourlyWriteMBps.examples[0],
      }),
    ).toBe(true);
    expect(validate(fromExamples)).toBe(true);
    expect(() => normalizeWorkload(fromExamples as unknown as WorkloadInput)).not.toThrow();
    expect(validate(aWorkload().withSharedConsumers(2).build())).toBe(true);
  });

  it.each([
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 0 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 102401 }],
    [{ ingestGbPerDay: 1000001, avgRecordSizeKB: 1 }],
    [{ avgWriteMBps: 100001, avgRecordSizeKB: 1 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, sharedConsumers: 1001 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, retentionHours: 87601 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, latencyTargetMs: 0 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, region: 'US-EAST-1' }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, mskBrokerFamily: 't3' }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, extra: true }],
    [{ hourlyWriteMBps: Array(23).fill(1), avgRecordSizeKB: 1 }],
    [{ hourlyWriteMBps: [...Array(23).fill(1), -1], avgRecordSizeKB: 1 }],
    [{ hourlyWriteMBps: [...Array(23).fill(1), '2'], avgRecordSizeKB: 1 }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: 'S3' }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: ['GLACIER'] }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: [{ sink: 'S3', sharePercent: 0 }] }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: [{ sink: 'S3', sharePercent: 101 }] }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: [{ sink: 'S3', parquet: true }] }],
    [{ ingestGbPerDay: 1, avgRecordSizeKB: 1, deliverTo: [{ sharePercent: 50 }] }],
  ])('rejects %j, and normalizeWorkload rejects it too', (input) => {
    expect(validate(input)).toBe(false);
    expect(() => normalizeWorkload(input as unknown as WorkloadInput)).toThrow('The workload is not valid');
  });
});
