/** DECISION_RULES is plain JSON data with sources; every rule has an evaluator. */
import { DECISION_RULES, OPTION_CODES } from '../../src/domain';
import { EVALUATED_RULE_IDS } from '../../src/domain/decision';

describe('DECISION_RULES', () => {
  it('is JSON-serializable as is (what GET /v1/decision-rules returns)', () => {
    expect(JSON.parse(JSON.stringify(DECISION_RULES))).toEqual(DECISION_RULES);
  });

  it('starts with the six flowchart steps of the decision guide, in order', () => {
    expect(DECISION_RULES.slice(0, 6).map((r) => r.id)).toEqual([
      'FLOW_1_EXISTING_KAFKA',
      'FLOW_2_KAFKA_CONNECT',
      'FLOW_3_KAFKA_STREAMS',
      'FLOW_4_SUSTAINED_THROUGHPUT',
      'FLOW_5_TRAFFIC_PATTERN',
      'FLOW_6_DEDICATED_CONSUMERS',
    ]);
    expect(DECISION_RULES.find((r) => r.id === 'FLOW_4_SUSTAINED_THROUGHPUT')!.thresholds).toContainEqual({
      name: 'sustainedWriteMBps',
      value: 500,
      unit: 'MB/s',
    });
  });

  it('has unique ids, an evaluator per rule, a public source, and options that exist', () => {
    const ids = DECISION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...EVALUATED_RULE_IDS].sort()).toEqual([...ids].sort());
    for (const r of DECISION_RULES) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.sourceUrl).toMatch(/^https:\/\//);
      expect(['PL', 'AWS', '3P', 'ASSUMPTION']).toContain(r.confidence);
      for (const o of r.appliesTo) expect(OPTION_CODES).toContain(o);
    }
  });

  it('carries the hard limits of src/domain/limits.ts with their thresholds', () => {
    const threshold = (id: string, name: string) =>
      DECISION_RULES.find((r) => r.id === id)!.thresholds.find((t) => t.name === name)!.value;
    expect(threshold('LIMIT_KDS_RECORD_SIZE_MAX', 'maxRecordSizeKB')).toBe(10240);
    expect(threshold('LIMIT_KDS_RECORD_SIZE_DEFAULT', 'maxRecordSizeKB')).toBe(1024);
    expect(threshold('LIMIT_KDS_RETENTION_MAX', 'retentionHours')).toBe(8760);
    expect(threshold('LIMIT_KDS_EFO_CONSUMERS', 'maxEfoConsumersAdvantage')).toBe(50);
    expect(threshold('LIMIT_KDS_ON_DEMAND_WRITE', 'peakWriteMBps.us-east-1')).toBe(10240);
    expect(threshold('LIMIT_KDS_ON_DEMAND_WRITE', 'peakWriteMBps.otherRegions')).toBe(200);
    expect(threshold('LIMIT_KDS_ON_DEMAND_READ', 'sharedReadMBps.eu-west-1')).toBe(20480);
    expect(threshold('LIMIT_KDS_ON_DEMAND_READ', 'sharedReadMBps.otherRegions')).toBe(400);
    expect(threshold('LIMIT_KDS_SHARD_QUOTA', 'shards.us-east-1')).toBe(20000);
    expect(threshold('LIMIT_KDS_SHARD_QUOTA', 'shards.otherRegions')).toBe(1000);
    expect(threshold('LIMIT_MSK_SERVERLESS_PARTITIONS', 'partitions')).toBe(2400);
    expect(threshold('LIMIT_MSK_SERVERLESS_PARTITIONS', 'maxPartitionSizeGb')).toBe(250);
    expect(threshold('LIMIT_MSK_BROKERS_PER_CLUSTER', 'brokersPerCluster')).toBe(60);
    expect(threshold('LIMIT_MSK_SERVERLESS_INGRESS', 'peakWriteMBps')).toBe(200);
    expect(threshold('LIMIT_MSK_SERVERLESS_EGRESS', 'peakReadMBps')).toBe(400);
    expect(threshold('LIMIT_MSK_SERVERLESS_MESSAGE_SIZE', 'maxRecordSizeKB')).toBe(8192);
    expect(threshold('LIMIT_KDS_LATENCY', 'efoLatencyMs')).toBe(70);
    expect(threshold('LIMIT_MSK_LATENCY', 'typicalLatencyMs')).toBe(5);
  });
});
