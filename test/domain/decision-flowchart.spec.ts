/** The decision guide's flowchart drives the recommendation; the trace lists every rule in order. */
import { DECISION_RULES, evaluate, type OptionCode } from '../../src/domain';
import { optionOf } from './support/hand';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload, type WorkloadBuilder } from './support/workload.builder';

const card = usEast1RateCard();

describe('decision flowchart', () => {
  it.each<[string, WorkloadBuilder, OptionCode, string]>([
    [
      '1. existing Kafka clients → MSK (cheapest MSK option)',
      aWorkload().withExistingKafkaClients(),
      'MSK_PROVISIONED',
      'FLOW_1_EXISTING_KAFKA',
    ],
    ['2. Kafka Connect → MSK', aWorkload().withKafkaConnect(), 'MSK_PROVISIONED', 'FLOW_2_KAFKA_CONNECT'],
    ['3. Kafka Streams → MSK', aWorkload().withKafkaStreams(), 'MSK_PROVISIONED', 'FLOW_3_KAFKA_STREAMS'],
    // Rule 4 prefers MSK provisioned brokers, Standard or Express; sized by AWS's method, Express brokers cost less here
    [
      '4. sustained 600 MB/s 24/7 → MSK provisioned brokers (Express)',
      aWorkload().withAvgWriteMBps(600).withRecordSizeKB(10),
      'MSK_EXPRESS',
      'FLOW_4_SUSTAINED_THROUGHPUT',
    ],
    [
      '5. variable traffic → Kinesis on-demand',
      aWorkload().withTrafficPattern('VARIABLE'),
      'KDS_ON_DEMAND',
      'FLOW_5_TRAFFIC_PATTERN',
    ],
    [
      '5. unpredictable traffic → Kinesis on-demand',
      aWorkload().withTrafficPattern('UNPREDICTABLE'),
      'KDS_ON_DEMAND',
      'FLOW_5_TRAFFIC_PATTERN',
    ],
    [
      '5. steady traffic → Kinesis provisioned',
      aWorkload().withTrafficPattern('STEADY'),
      'KDS_PROVISIONED',
      'FLOW_5_TRAFFIC_PATTERN',
    ],
    [
      'final: 25 dedicated consumers, steady → MSK consumer groups',
      aWorkload().withDedicatedConsumers(25),
      'MSK_PROVISIONED',
      'FLOW_6_DEDICATED_CONSUMERS',
    ],
  ])('%s', (_name, builder, option, decidingRule) => {
    const e = evaluate(builder.build(), card);
    expect(e.recommendation.option).toBe(option);
    const entry = e.decisionTrace.find((t) => t.ruleId === decidingRule)!;
    expect(entry.fired || decidingRule === 'FLOW_5_TRAFFIC_PATTERN').toBe(true);
    expect(optionOf(e, option).rank).toBe(1);
  });

  it('sustained > 500 MB/s only counts when it runs 24 h a day', () => {
    const e = evaluate(aWorkload().withAvgWriteMBps(600).withRecordSizeKB(10).withActiveHoursPerDay(12).build(), card);
    expect(e.decisionTrace.find((t) => t.ruleId === 'FLOW_4_SUSTAINED_THROUGHPUT')!.fired).toBe(false);
  });

  it('25 dedicated consumers with variable traffic: only Advantage (50 EFO consumers) stays preferred', () => {
    const e = evaluate(aWorkload().withTrafficPattern('VARIABLE').withDedicatedConsumers(25).build(), card);
    expect(e.recommendation.option).toBe('KDS_ON_DEMAND_ADVANTAGE');
  });

  it('falls back to the cheapest eligible option when the flowchart choice is disqualified', () => {
    // steady → Kinesis provisioned, but cross-region replication disqualifies every Kinesis option: cheapest MSK option
    const e = evaluate(aWorkload().withCrossRegionReplication().build(), card);
    expect(optionOf(e, 'KDS_PROVISIONED').eligible).toBe(false);
    expect(e.recommendation.service).toBe('MSK');
    expect(e.recommendation.reasons.join(' ')).toContain('disqualified');
  });

  it('unpredictable 100 MB/s (peak 400 MB/s) stays on Kinesis on-demand in us-east-1 (10 GB/s default per stream)', () => {
    const e = evaluate(
      aWorkload().withAvgWriteMBps(100).withRecordSizeKB(10).withTrafficPattern('UNPREDICTABLE').build(),
      card,
    );
    expect(optionOf(e, 'KDS_ON_DEMAND').eligible).toBe(true);
    expect(['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE']).toContain(e.recommendation.option);
  });

  it('the trace consults every rule once, in DECISION_RULES order, with question, answer, outcome and source', () => {
    const e = evaluate(aWorkload().build(), card);
    expect(e.decisionTrace.map((t) => t.ruleId)).toEqual(DECISION_RULES.map((r) => r.id));
    for (const [i, t] of e.decisionTrace.entries()) {
      expect(t.question).toBe(DECISION_RULES[i].question);
      expect(t.source).toBe(DECISION_RULES[i].source);
      expect(t.answer.length).toBeGreaterThan(0);
      expect(t.outcome.length).toBeGreaterThan(0);
    }
  });

  it('options are ranked 1..6: recommendation first, then eligible by cost, then ineligible', () => {
    const e = evaluate(
      aWorkload().withTrafficPattern('VARIABLE').withMaxRecordSizeKB(9000).withRecordSizeKB(1).build(),
      card,
    );
    expect(e.options.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(e.options[0].option).toBe(e.recommendation.option);
    const eligible = e.options.slice(1).filter((o) => o.eligible);
    const costs = eligible.map((o) => o.monthlyCostUsd!);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(e.options[e.options.length - 1]).toMatchObject({ option: 'MSK_SERVERLESS', eligible: false });
  });

  it('Kafka Connect adds a not-priced warning; existing Kafka clients warn about Serverless IAM auth', () => {
    const e = evaluate(aWorkload().withKafkaConnect().withExistingKafkaClients().build(), card);
    expect(e.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['KAFKA_CONNECT_NOT_PRICED', 'ADVISE_MSK_SERVERLESS_AUTH']),
    );
  });

  it('a stale rate card adds a warning', () => {
    const e = evaluate(aWorkload().build(), usEast1RateCard({ stale: true }));
    expect(e.rateCard.stale).toBe(true);
    expect(e.warnings.map((w) => w.code)).toContain('RATE_CARD_STALE');
  });
});
