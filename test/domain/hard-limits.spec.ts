/** Hard limits disqualify options with a clear reason (src/domain/limits.ts, each with its public source). */
import { evaluate, OPTION_CODES, type OptionCode } from '../../src/domain';
import { optionOf } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload, type WorkloadBuilder } from './support/workload.builder';

const card = usEast1RateCard();
const ALL: OptionCode[] = [...OPTION_CODES];

describe('hard limits', () => {
  it.each<[string, WorkloadBuilder, OptionCode[], string]>([
    [
      'record above 10 MiB → Kinesis out; above 8 MiB → Serverless out',
      aWorkload().withMaxRecordSizeKB(20000),
      ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED', 'MSK_SERVERLESS'],
      'LIMIT_KDS_RECORD_SIZE_MAX',
    ],
    [
      'record of 9 MiB → only Serverless out',
      aWorkload().withMaxRecordSizeKB(9216),
      ['MSK_SERVERLESS'],
      'LIMIT_MSK_SERVERLESS_MESSAGE_SIZE',
    ],
    [
      'retention beyond 365 days → Kinesis out',
      aWorkload().withRetentionHours(8761),
      ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'],
      'LIMIT_KDS_RETENTION_MAX',
    ],
    [
      '21 dedicated consumers → standard on-demand and provisioned out',
      aWorkload().withDedicatedConsumers(21),
      ['KDS_ON_DEMAND', 'KDS_PROVISIONED'],
      'LIMIT_KDS_EFO_CONSUMERS',
    ],
    [
      '51 dedicated consumers → Advantage out too',
      aWorkload().withDedicatedConsumers(51),
      ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'],
      'LIMIT_KDS_EFO_CONSUMERS',
    ],
    // On-demand quotas are regional and raisable: in us-east-1 (10 GB/s) 250 MB/s stays eligible; only Serverless (200 MB/s in) is out
    [
      'peak 250 MB/s → Serverless (200 in) out; on-demand eligible in us-east-1',
      aWorkload().withAvgWriteMBps(250).withPeakWriteMBps(250).withRecordSizeKB(10).withSharedConsumers(1),
      ['MSK_SERVERLESS'],
      'LIMIT_MSK_SERVERLESS_INGRESS',
    ],
    [
      'peak 150 MB/s × 3 shared readers = 450 MB/s → Serverless out (400) out; on-demand eligible',
      aWorkload().withAvgWriteMBps(150).withPeakWriteMBps(150).withRecordSizeKB(10).withSharedConsumers(3),
      ['MSK_SERVERLESS'],
      'LIMIT_MSK_SERVERLESS_EGRESS',
    ],
    [
      'latency 100 ms with shared readers → Kinesis out',
      aWorkload().withLatencyTargetMs(100),
      ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'],
      'LIMIT_KDS_LATENCY',
    ],
    ['latency 3 ms → everything out', aWorkload().withLatencyTargetMs(3), ALL, 'LIMIT_MSK_LATENCY'],
    [
      'cross-region replication → Kinesis out',
      aWorkload().withCrossRegionReplication(),
      ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'],
      'LIMIT_CROSS_REGION_REPLICATION',
    ],
  ])('%s', (_name, builder, disqualified, ruleId) => {
    const e = evaluate(builder.build(), card);
    for (const code of ALL) {
      const o = optionOf(e, code);
      expect({ code, eligible: o.eligible }).toEqual({ code, eligible: !disqualified.includes(code) });
      if (!o.eligible) {
        expect(o.disqualifiedBy.length).toBeGreaterThan(0);
        for (const d of o.disqualifiedBy) expect(d.message.length).toBeGreaterThan(20);
      }
    }
    expect(disqualified.some((code) => optionOf(e, code).disqualifiedBy.some((d) => d.code === ruleId))).toBe(true);
    expect(e.decisionTrace.find((t) => t.ruleId === ruleId)!.fired).toBe(true);
    if (e.recommendation.option) expect(disqualified).not.toContain(e.recommendation.option);
  });

  it('when every option is disqualified there is no recommendation, and the reasons say why', () => {
    const e = evaluate(aWorkload().withLatencyTargetMs(3).build(), card);
    expect(e.recommendation.option).toBeNull();
    expect(e.recommendation.headline).toMatch(/No option fits/);
    expect(e.recommendation.reasons.some((r) => r.includes('~5 ms'))).toBe(true);
  });

  it('latency 100 ms is met by enhanced fan-out alone (~70 ms)', () => {
    const e = evaluate(
      aWorkload().withLatencyTargetMs(100).withSharedConsumers(0).withDedicatedConsumers(2).build(),
      card,
    );
    expect(optionOf(e, 'KDS_PROVISIONED').eligible).toBe(true);
    const shared = evaluate(aWorkload().withLatencyTargetMs(100).build(), card);
    expect(optionOf(shared, 'KDS_PROVISIONED').disqualifiedBy[0].message).toContain(
      'enhanced fan-out (~70 ms) would meet it',
    );
  });

  it.each([
    [
      'record of 2 MiB: Kinesis needs a raised per-stream maximum; Kafka needs message.max.bytes',
      aWorkload().withMaxRecordSizeKB(2048),
      ['LIMIT_KDS_RECORD_SIZE_DEFAULT', 'LIMIT_MSK_MESSAGE_SIZE_DEFAULT'],
    ],
    [
      'cross-region on MSK: MSK Replicator not priced',
      aWorkload().withCrossRegionReplication(),
      ['LIMIT_CROSS_REGION_REPLICATION'],
    ],
    [
      '2,500 Serverless partitions exceed the 2,400 per-cluster quota',
      aWorkload().withPartitions(2500),
      ['LIMIT_MSK_SERVERLESS_PARTITIONS'],
    ],
    [
      '24,000 MB/s peak needs 28,800 shards > 20,000 quota and exceeds the 10 GB/s on-demand default',
      aWorkload().withAvgWriteMBps(20000).withRecordSizeKB(100).withSharedConsumers(0),
      ['KDS_SHARD_QUOTA', 'KDS_ON_DEMAND_WRITE_QUOTA'],
    ],
    [
      '6 shared consumers share 5 GetRecords/s per shard',
      aWorkload().withSharedConsumers(6),
      ['ADVISE_KDS_SHARED_CONSUMER_FANOUT'],
    ],
  ] as const)('warns: %s', (_name, builder, codes) => {
    const e = evaluate(builder.build(), card);
    expect(e.warnings.map((w) => w.code)).toEqual(expect.arrayContaining([...codes]));
  });

  it('a 2 MiB record warns but does not disqualify Kinesis', () => {
    const e = evaluate(aWorkload().withMaxRecordSizeKB(2048).build(), card);
    expect(optionOf(e, 'KDS_PROVISIONED').eligible).toBe(true);
  });
});
