/**
 * Evaluates DECISION_RULES against a normalized workload and the options' sizing: the decision
 * trace, the disqualifications per option, the warnings, and what the flowchart prefers.
 */
import type { Issue, OptionSizing } from './model.types';
import type { TraceEntry } from './output.types';
import { KDS_LIMITS, kdsRegionalQuotas, MSK_LIMITS } from './limits';
import { MSK_SIZING_FACTORS } from './sizing/broker-tables';
import { MSK_OPTIONS, OPTION_CODES, type OptionCode, type ServiceCode } from './options';
import { DECISION_RULES, type DecisionRule, RULE_IDS, RULE_THRESHOLDS as T } from './rules';
import { HOURS_PER_DAY, KB_PER_MB, MB_PER_GB } from './units';
import { NOT_OFFERED_IN_REGION } from './regions';
import type { NormalizedWorkload } from './workload.normalization';

export interface FlowPreference {
  service: ServiceCode | null;
  /** Options the flowchart points at (the cheapest eligible one of them wins), null = any of `service`. */
  preferred: OptionCode[] | null;
  decidedBy: string | null;
  reasons: string[];
}

export interface DecisionOutcome {
  trace: TraceEntry[];
  disqualifiedBy: Record<OptionCode, Issue[]>;
  warnings: Issue[];
  flow: FlowPreference;
}

interface Ctx {
  w: NormalizedWorkload;
  sizing: Record<OptionCode, OptionSizing>;
  flow: FlowPreference;
  disqualify(option: OptionCode, code: string, message: () => string): void;
  warn(code: string, message: () => string): void;
}

/** Words are built lazily: break-even sampling only needs who is disqualified. */
interface Verdict {
  fired: boolean;
  answer: () => string;
  outcome: string;
}

const KDS_ALL: OptionCode[] = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'];
const ON_DEMAND: OptionCode[] = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE'];
const n = (x: number, d = 3): string => String(Math.round(x * 10 ** d) / 10 ** d);
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
/** KB → MiB, GB → TiB (binary units), and a number with thousands separators, for the words. */
const mib = (kb: number): number => kb / KB_PER_MB;
const tib = (gb: number): number => gb / MB_PER_GB;
const grouped = (x: number): string => x.toLocaleString('en-US');

function preferMsk(ctx: Ctx, ruleId: string, reason: string): string {
  if (ctx.flow.service === 'MSK') return `Yes → Amazon MSK (already chosen at ${ctx.flow.decidedBy}).`;
  ctx.flow.service = 'MSK';
  ctx.flow.preferred = [...MSK_OPTIONS];
  ctx.flow.decidedBy = ruleId;
  ctx.flow.reasons.push(reason);
  return 'Yes → Amazon MSK.';
}

const efoLimit = (o: OptionCode): number =>
  o === 'KDS_ON_DEMAND_ADVANTAGE' ? KDS_LIMITS.maxEfoConsumersAdvantage : KDS_LIMITS.maxEfoConsumers;

const EVALUATORS: Record<string, (ctx: Ctx) => Verdict> = {
  [RULE_IDS.existingKafka]: (ctx) => {
    const fired = ctx.w.existingKafkaClients;
    return {
      fired,
      answer: () => `existingKafkaClients: ${yesNo(fired)}`,
      outcome: fired
        ? preferMsk(ctx, RULE_IDS.existingKafka, 'Existing Kafka clients and tooling keep working on Amazon MSK.')
        : 'No → next question.',
    };
  },
  [RULE_IDS.kafkaConnect]: (ctx) => {
    const fired = ctx.w.needsKafkaConnect;
    if (fired)
      ctx.warn(
        'KAFKA_CONNECT_NOT_PRICED',
        () => 'Kafka Connect runs on MSK Connect (per MCU-hour), which is not priced in these estimates.',
      );
    return {
      fired,
      answer: () => `needsKafkaConnect: ${yesNo(fired)}`,
      outcome: fired
        ? preferMsk(
            ctx,
            RULE_IDS.kafkaConnect,
            'Kafka Connect (managed connectors) needs Kafka: Amazon MSK with MSK Connect.',
          )
        : 'No → next question.',
    };
  },
  [RULE_IDS.kafkaStreams]: (ctx) => {
    const fired = ctx.w.needsKafkaStreams;
    return {
      fired,
      answer: () => `needsKafkaStreams: ${yesNo(fired)}`,
      outcome: fired
        ? preferMsk(ctx, RULE_IDS.kafkaStreams, 'Kafka Streams applications need a Kafka cluster: Amazon MSK.')
        : 'No → next question.',
    };
  },
  [RULE_IDS.sustainedThroughput]: (ctx) => {
    const { w, flow } = ctx;
    const fired = w.avgWriteMBps > T.sustainedWriteMBps && w.activeHoursPerDay >= T.sustainedHoursPerDay;
    const answer = (): string => `average write ${n(w.avgWriteMBps)} MB/s over ${n(w.activeHoursPerDay, 2)} h/day`;
    if (!fired) return { fired, answer, outcome: 'No → next question.' };
    const prior = flow.decidedBy;
    flow.service = 'MSK';
    flow.preferred = ['MSK_PROVISIONED', 'MSK_EXPRESS'];
    flow.decidedBy = RULE_IDS.sustainedThroughput;
    flow.reasons.push(`Sustained ${n(w.avgWriteMBps)} MB/s, 24/7, is cheaper on provisioned MSK brokers.`);
    return {
      fired,
      answer,
      outcome: `Yes → Amazon MSK provisioned (Standard or Express)${prior ? `, refining ${prior}` : ''}.`,
    };
  },
  [RULE_IDS.trafficPattern]: (ctx) => {
    const { w, flow } = ctx;
    const fired = w.trafficPattern !== 'STEADY';
    const answer = (): string => `trafficPattern: ${w.trafficPattern}`;
    if (flow.service === 'MSK')
      return { fired, answer, outcome: `Not applied: Amazon MSK already chosen at ${flow.decidedBy}.` };
    flow.service = 'KINESIS';
    flow.decidedBy = RULE_IDS.trafficPattern;
    if (fired) {
      flow.preferred = [...ON_DEMAND];
      flow.reasons.push(`${w.trafficPattern} traffic: Kinesis on-demand scales with the load and bills per GB.`);
      return { fired, answer, outcome: 'Variable or unpredictable → Kinesis on-demand.' };
    }
    flow.preferred = ['KDS_PROVISIONED'];
    flow.reasons.push('Steady traffic: Kinesis provisioned shards sized for the peak cost least.');
    return { fired, answer, outcome: 'Steady → Kinesis provisioned.' };
  },
  [RULE_IDS.dedicatedConsumers]: (ctx) => {
    const { w, flow } = ctx;
    const fired = w.dedicatedConsumers > KDS_LIMITS.maxEfoConsumers;
    const answer = (): string => `dedicatedConsumers: ${w.dedicatedConsumers}`;
    if (flow.service !== 'KINESIS' || !flow.preferred) {
      return {
        fired,
        answer,
        outcome: fired ? 'Amazon MSK consumer groups (MSK already chosen).' : 'No → keep the choice.',
      };
    }
    const fitting = flow.preferred.filter((o) => w.dedicatedConsumers <= efoLimit(o));
    if (fitting.length === flow.preferred.length)
      return {
        fired,
        answer,
        outcome: fired ? 'Within the limit of the preferred Kinesis option.' : 'No → keep the choice.',
      };
    // Name what the limit excludes, and at which limit: 20 per stream, 50 with On-demand Advantage.
    const excluded = flow.preferred.filter((o) => !fitting.includes(o));
    const exceeds = `${w.dedicatedConsumers} dedicated consumers exceed the ${KDS_LIMITS.maxEfoConsumers} enhanced fan-out consumers ${excluded.join(' and ')} can register`;
    const advantage = 'KDS_ON_DEMAND_ADVANTAGE';
    const advantageFits = w.dedicatedConsumers <= KDS_LIMITS.maxEfoConsumersAdvantage;
    if (fitting.length > 0) {
      flow.preferred = fitting;
      flow.reasons.push(
        `${exceeds}; ${fitting.join(', ')} registers up to ${KDS_LIMITS.maxEfoConsumersAdvantage} and stays preferred.`,
      );
      return {
        fired,
        answer,
        outcome: `Above ${KDS_LIMITS.maxEfoConsumers} → only ${fitting.join(', ')} (up to ${KDS_LIMITS.maxEfoConsumersAdvantage} enhanced fan-out consumers) stays preferred.`,
      };
    }
    flow.service = 'MSK';
    flow.decidedBy = RULE_IDS.dedicatedConsumers;
    if (advantageFits) {
      // The flowchart's Kinesis mode cannot register them, On-demand Advantage can: it competes with MSK on cost.
      flow.preferred = [advantage, ...MSK_OPTIONS];
      flow.reasons.push(
        `${exceeds}; ${advantage} registers up to ${KDS_LIMITS.maxEfoConsumersAdvantage}: the cheaper of it and Amazon MSK consumer groups.`,
      );
      return {
        fired,
        answer,
        outcome: `Above ${KDS_LIMITS.maxEfoConsumers} → ${excluded.join(', ')} cannot register them; ${advantage} (up to ${KDS_LIMITS.maxEfoConsumersAdvantage}) or Amazon MSK consumer groups, whichever costs less.`,
      };
    }
    flow.preferred = [...MSK_OPTIONS];
    flow.reasons.push(
      `${w.dedicatedConsumers} dedicated consumers exceed the enhanced fan-out consumers every Kinesis option can register (${KDS_LIMITS.maxEfoConsumers}; ${KDS_LIMITS.maxEfoConsumersAdvantage} with On-demand Advantage): Amazon MSK consumer groups.`,
    );
    return { fired, answer, outcome: 'Yes → Amazon MSK consumer groups.' };
  },
  [RULE_IDS.kdsRecordSizeMax]: (ctx) => {
    const { w } = ctx;
    const fired = w.maxRecordSizeKB > KDS_LIMITS.absoluteMaxRecordKB;
    if (fired)
      for (const o of KDS_ALL)
        ctx.disqualify(
          o,
          RULE_IDS.kdsRecordSizeMax,
          () =>
            `Largest record ${n(w.maxRecordSizeKB)} KB exceeds the Kinesis maximum of ${mib(KDS_LIMITS.absoluteMaxRecordKB)} MiB (${grouped(KDS_LIMITS.absoluteMaxRecordKB)} KB).`,
        );
    return {
      fired,
      answer: () => `maxRecordSizeKB: ${n(w.maxRecordSizeKB)}`,
      outcome: fired ? 'Kinesis options disqualified.' : 'Within the limit.',
    };
  },
  [RULE_IDS.kdsRecordSizeDefault]: (ctx) => {
    const { w } = ctx;
    const fired =
      w.maxRecordSizeKB > KDS_LIMITS.defaultMaxRecordKB && w.maxRecordSizeKB <= KDS_LIMITS.absoluteMaxRecordKB;
    if (fired)
      ctx.warn(
        RULE_IDS.kdsRecordSizeDefault,
        () =>
          `Largest record ${n(w.maxRecordSizeKB)} KB is above the Kinesis default ${mib(KDS_LIMITS.defaultMaxRecordKB)} MiB: raise the stream's maximum record size (assumed done).`,
      );
    return {
      fired,
      answer: () => `maxRecordSizeKB: ${n(w.maxRecordSizeKB)}`,
      outcome: fired ? 'Warning: raise the per-stream maximum record size.' : 'Not needed.',
    };
  },
  [RULE_IDS.serverlessMessageSize]: (ctx) => {
    const { w } = ctx;
    const fired = w.maxRecordSizeKB > MSK_LIMITS.serverlessMaxMessageKB;
    if (fired)
      ctx.disqualify(
        'MSK_SERVERLESS',
        RULE_IDS.serverlessMessageSize,
        () =>
          `Largest record ${n(w.maxRecordSizeKB)} KB exceeds the MSK Serverless ${mib(MSK_LIMITS.serverlessMaxMessageKB)} MiB message limit.`,
      );
    return {
      fired,
      answer: () => `maxRecordSizeKB: ${n(w.maxRecordSizeKB)}`,
      outcome: fired ? 'MSK Serverless disqualified.' : 'Within the limit.',
    };
  },
  [RULE_IDS.mskMessageSizeDefault]: (ctx) => {
    const { w } = ctx;
    const fired = w.maxRecordSizeKB > MSK_LIMITS.defaultMaxMessageKB;
    if (fired)
      ctx.warn(
        RULE_IDS.mskMessageSizeDefault,
        () =>
          `Largest record ${n(w.maxRecordSizeKB)} KB is above Kafka's ~${mib(MSK_LIMITS.defaultMaxMessageKB)} MiB default: raise message.max.bytes and the client limits.`,
      );
    return {
      fired,
      answer: () => `maxRecordSizeKB: ${n(w.maxRecordSizeKB)}`,
      outcome: fired ? 'Warning: raise message.max.bytes.' : 'Not needed.',
    };
  },
  [RULE_IDS.kdsRetentionMax]: (ctx) => {
    const { w } = ctx;
    const fired = w.retentionHours > KDS_LIMITS.maxRetentionHours;
    if (fired)
      for (const o of KDS_ALL)
        ctx.disqualify(
          o,
          RULE_IDS.kdsRetentionMax,
          () =>
            `Retention ${n(w.retentionHours)} h exceeds the Kinesis maximum of ${KDS_LIMITS.maxRetentionHours / HOURS_PER_DAY} days (${grouped(KDS_LIMITS.maxRetentionHours)} h).`,
        );
    return {
      fired,
      answer: () => `retentionHours: ${n(w.retentionHours)}`,
      outcome: fired ? 'Kinesis options disqualified.' : 'Within the limit.',
    };
  },
  [RULE_IDS.kdsEfoConsumers]: (ctx) => {
    const { w } = ctx;
    const fired = w.dedicatedConsumers > KDS_LIMITS.maxEfoConsumers;
    const disqualified: OptionCode[] = [];
    for (const o of KDS_ALL) {
      if (w.dedicatedConsumers > efoLimit(o)) {
        disqualified.push(o);
        ctx.disqualify(
          o,
          RULE_IDS.kdsEfoConsumers,
          () =>
            `${w.dedicatedConsumers} dedicated consumers exceed the ${efoLimit(o)} enhanced fan-out consumers a stream can register.`,
        );
      }
    }
    return {
      fired,
      answer: () => `dedicatedConsumers: ${w.dedicatedConsumers}`,
      outcome: disqualified.length ? `Disqualified: ${disqualified.join(', ')}.` : 'Within the limit.',
    };
  },
  [RULE_IDS.kdsOnDemandWrite]: (ctx) => {
    const { w } = ctx;
    const q = kdsRegionalQuotas(w.region);
    const fired = w.peakWriteMBps > q.onDemandMaxWriteMBps;
    if (fired)
      ctx.warn(
        'KDS_ON_DEMAND_WRITE_QUOTA',
        () =>
          `Kinesis on-demand: peak write ${n(w.peakWriteMBps)} MB/s is above the ${w.region} default of ${n(q.onDemandMaxWriteMBps)} MB/s per stream: request a quota increase before relying on it.`,
      );
    return {
      fired,
      answer: () =>
        `peakWriteMBps: ${n(w.peakWriteMBps)}; ${w.region} default ${n(q.onDemandMaxWriteMBps)} MB/s (${q.tier})`,
      outcome: fired ? 'Warning: quota increase needed (on-demand stays eligible).' : 'Within the regional default.',
    };
  },
  [RULE_IDS.kdsOnDemandRead]: (ctx) => {
    const { w } = ctx;
    const q = kdsRegionalQuotas(w.region);
    const read = w.peakWriteMBps * w.sharedConsumers;
    const fired = read > q.onDemandMaxReadMBps;
    if (fired)
      ctx.warn(
        'KDS_ON_DEMAND_READ_QUOTA',
        () =>
          `Kinesis on-demand: peak shared read ${n(read)} MB/s is above the ${w.region} default of ${n(q.onDemandMaxReadMBps)} MB/s per stream: request a quota increase or move consumers to enhanced fan-out.`,
      );
    return {
      fired,
      answer: () =>
        `peak shared read: ${n(read)} MB/s; ${w.region} default ${n(q.onDemandMaxReadMBps)} MB/s (${q.tier})`,
      outcome: fired ? 'Warning: quota increase needed (on-demand stays eligible).' : 'Within the regional default.',
    };
  },
  [RULE_IDS.kdsShardQuota]: (ctx) => {
    const q = kdsRegionalQuotas(ctx.w.region);
    const shards = ctx.sizing.KDS_PROVISIONED.shards ?? 0;
    const fired = shards > q.shardQuota;
    if (fired)
      ctx.warn(
        'KDS_SHARD_QUOTA',
        () =>
          `Kinesis provisioned: ${shards} shards exceed the ${ctx.w.region} default account quota of ${q.shardQuota} shards: request an increase (Service Quotas).`,
      );
    return {
      fired,
      answer: () => `provisioned shards needed: ${shards}; ${ctx.w.region} default quota ${q.shardQuota}`,
      outcome: fired ? 'Warning: shard quota increase needed.' : 'Within the quota.',
    };
  },
  [RULE_IDS.serverlessIngress]: (ctx) => {
    const { w } = ctx;
    const fired = w.peakWriteMBps > MSK_LIMITS.serverlessMaxIngressMBps;
    if (fired)
      ctx.disqualify(
        'MSK_SERVERLESS',
        RULE_IDS.serverlessIngress,
        () =>
          `Peak write ${n(w.peakWriteMBps)} MB/s exceeds the MSK Serverless limit of ${MSK_LIMITS.serverlessMaxIngressMBps} MB/s per cluster.`,
      );
    return {
      fired,
      answer: () => `peakWriteMBps: ${n(w.peakWriteMBps)}`,
      outcome: fired ? 'MSK Serverless disqualified.' : 'Within the limit.',
    };
  },
  [RULE_IDS.serverlessEgress]: (ctx) => {
    const { w } = ctx;
    const fired = w.peakReadMBps > MSK_LIMITS.serverlessMaxEgressMBps;
    if (fired)
      ctx.disqualify(
        'MSK_SERVERLESS',
        RULE_IDS.serverlessEgress,
        () =>
          `Peak read ${n(w.peakReadMBps)} MB/s exceeds the MSK Serverless limit of ${MSK_LIMITS.serverlessMaxEgressMBps} MB/s per cluster.`,
      );
    return {
      fired,
      answer: () => `peakReadMBps: ${n(w.peakReadMBps)}`,
      outcome: fired ? 'MSK Serverless disqualified.' : 'Within the limit.',
    };
  },
  [RULE_IDS.serverlessPartitions]: (ctx) => {
    const partitions = ctx.sizing.MSK_SERVERLESS.partitions ?? 0;
    const fired = partitions > MSK_LIMITS.serverlessPartitionQuota;
    if (fired)
      ctx.warn(
        RULE_IDS.serverlessPartitions,
        () =>
          `MSK Serverless needs ${partitions} partitions, above the ${MSK_LIMITS.serverlessPartitionQuota} per-cluster quota: request a higher quota.`,
      );
    return {
      fired,
      answer: () => `Serverless partitions: ${partitions}`,
      outcome: fired ? 'Warning: request a higher partition quota.' : 'Within the quota.',
    };
  },
  [RULE_IDS.mskPartitionsPerBroker]: (ctx) => {
    const p = ctx.sizing.MSK_PROVISIONED;
    const e = ctx.sizing.MSK_EXPRESS;
    const fired = p.boundBy === 'PARTITIONS_PER_BROKER' || e.boundBy === 'PARTITIONS_PER_BROKER';
    return {
      fired,
      answer: () =>
        `provisioned: ${p.partitionReplicasPerBroker} replicas/broker (recommended ≤ ${p.partitionsRecommendedPerBroker}); express: ${e.partitionReplicasPerBroker} (≤ ${e.partitionsRecommendedPerBroker})`,
      outcome: fired
        ? 'Brokers added for partitions.'
        : `Partitions fit; throughput or the ${MSK_LIMITS.minBrokers}-broker minimum set the size.`,
    };
  },
  [RULE_IDS.mskStoragePerBroker]: (ctx) => {
    const p = ctx.sizing.MSK_PROVISIONED;
    const fired = p.boundBy === 'STORAGE_PER_BROKER';
    return {
      fired,
      answer: () => `${p.storageGbPerBroker} GB per broker over ${p.brokers} brokers`,
      outcome: fired
        ? `Brokers added to keep each under ${tib(MSK_LIMITS.maxStorageGbPerBroker)} TiB.`
        : `Within ${tib(MSK_LIMITS.maxStorageGbPerBroker)} TiB per broker.`,
    };
  },
  [RULE_IDS.mskBrokerQuota]: (ctx) => {
    const p = ctx.sizing.MSK_PROVISIONED;
    const e = ctx.sizing.MSK_EXPRESS;
    const quota = MSK_SIZING_FACTORS.brokerQuotaPerCluster;
    const over = [p, e].filter((s) => (s.brokers ?? 0) > quota);
    for (const s of over)
      ctx.warn(
        RULE_IDS.mskBrokerQuota,
        () =>
          `${s.brokers} × ${s.brokerType} exceed the default ${quota} brokers per cluster: request a quota increase or split the cluster.`,
      );
    return {
      fired: over.length > 0,
      answer: () => `provisioned: ${p.brokers} brokers; express: ${e.brokers} brokers (quota ${quota})`,
      outcome: over.length > 0 ? 'Warning: broker quota increase needed.' : 'Within the quota.',
    };
  },
  [RULE_IDS.kdsLatency]: (ctx) => {
    const { w } = ctx;
    const target = w.latencyTargetMs;
    if (target === null) return { fired: false, answer: () => 'no latency target given', outcome: 'Not applicable.' };
    const usesShared = w.sharedConsumers > 0;
    const delivered = usesShared ? KDS_LIMITS.sharedReadLatencyMs : KDS_LIMITS.efoLatencyMs;
    const fired = target < delivered;
    if (fired) {
      const hint =
        usesShared && target >= KDS_LIMITS.efoLatencyMs
          ? ` Moving the shared consumers to enhanced fan-out (~${KDS_LIMITS.efoLatencyMs} ms) would meet it.`
          : '';
      for (const o of KDS_ALL)
        ctx.disqualify(
          o,
          RULE_IDS.kdsLatency,
          () =>
            `Latency target ${n(target)} ms is below the ~${delivered} ms Kinesis delivers with ${usesShared ? 'shared reads' : 'enhanced fan-out'}.${hint}`,
        );
    }
    return {
      fired,
      answer: () =>
        `latencyTargetMs: ${n(target)}; Kinesis read path: ${usesShared ? `shared (~${KDS_LIMITS.sharedReadLatencyMs} ms)` : `enhanced fan-out (~${KDS_LIMITS.efoLatencyMs} ms)`}`,
      outcome: fired ? 'Kinesis options disqualified.' : 'Kinesis meets the target.',
    };
  },
  [RULE_IDS.mskLatency]: (ctx) => {
    const target = ctx.w.latencyTargetMs;
    if (target === null) return { fired: false, answer: () => 'no latency target given', outcome: 'Not applicable.' };
    const fired = target < MSK_LIMITS.typicalLatencyMs;
    if (fired)
      for (const o of MSK_OPTIONS)
        ctx.disqualify(
          o,
          RULE_IDS.mskLatency,
          () => `Latency target ${n(target)} ms is below the ~${MSK_LIMITS.typicalLatencyMs} ms typical of Amazon MSK.`,
        );
    return {
      fired,
      answer: () => `latencyTargetMs: ${n(target)}`,
      outcome: fired ? 'MSK options disqualified.' : 'MSK meets the target.',
    };
  },
  [RULE_IDS.crossRegion]: (ctx) => {
    const fired = ctx.w.needsCrossRegionReplication;
    if (fired) {
      for (const o of KDS_ALL)
        ctx.disqualify(
          o,
          RULE_IDS.crossRegion,
          () =>
            'Kinesis Data Streams has no managed cross-region replication; it would need a custom replicator (a consumer writing to a stream in the target region), priced in the line items as an assumption for comparison only.',
        );
      ctx.warn(
        RULE_IDS.crossRegion,
        () =>
          "Cross-region replication on MSK uses MSK Replicator: priced per replicator-hour and per GB replicated, with inter-region transfer and the target cluster (at this region's rates).",
      );
    }
    return {
      fired,
      answer: () => `needsCrossRegionReplication: ${yesNo(fired)}`,
      outcome: fired
        ? 'Kinesis options disqualified (custom replicator priced for comparison); MSK via MSK Replicator (priced).'
        : 'Not needed.',
    };
  },
  [RULE_IDS.notOfferedInRegion]: (ctx) => {
    const region = ctx.w.region;
    const absent = NOT_OFFERED_IN_REGION[region] ?? [];
    for (const { option, evidence } of absent)
      ctx.disqualify(
        option as OptionCode,
        RULE_IDS.notOfferedInRegion,
        () => `${option} is not offered in ${region} (${evidence}).`,
      );
    return {
      fired: absent.length > 0,
      answer: () => `region: ${region}`,
      outcome:
        absent.length > 0
          ? `${absent.map((a) => a.option).join(', ')} not offered in ${region}.`
          : 'Every option is offered there.',
    };
  },
  [RULE_IDS.kdsSharedFanout]: (ctx) => {
    const perShard = T.getRecordsPerSecondPerShard;
    const fired = ctx.w.sharedConsumers > perShard;
    if (fired)
      ctx.warn(
        RULE_IDS.kdsSharedFanout,
        () =>
          `${ctx.w.sharedConsumers} shared consumers share ${perShard} GetRecords calls/s per shard on Kinesis whatever the shard count: each polls about every ${n(ctx.w.sharedConsumers / perShard, 1)} s (vs ~${KDS_LIMITS.sharedReadLatencyMs} ms typical). Use enhanced fan-out (dedicatedConsumers): ~${KDS_LIMITS.efoLatencyMs} ms, billed per consumer-shard-hour and GB.`,
      );
    return {
      fired,
      answer: () => `sharedConsumers: ${ctx.w.sharedConsumers}`,
      outcome: fired ? 'Warning: consider enhanced fan-out.' : 'Fine.',
    };
  },
  [RULE_IDS.advantageMinimum]: (ctx) => {
    const { w } = ctx;
    const fired = w.avgWriteMBps < T.advantageMinimumMBps || w.activeHoursPerDay < T.sustainedHoursPerDay;
    if (fired)
      ctx.warn(
        RULE_IDS.advantageMinimum,
        () =>
          `Average write ${n(w.avgWriteMBps)} MB/s (${n(w.activeHoursPerDay, 2)} h/day) is below the On-demand Advantage ${T.advantageMinimumMBps} MB/s billed minimum: the shortfall is billed.`,
      );
    return {
      fired,
      answer: () => `average write ${n(w.avgWriteMBps)} MB/s, ${n(w.activeHoursPerDay, 2)} h/day`,
      outcome: fired ? 'Warning: minimum shortfall billed.' : 'At or above the minimum.',
    };
  },
  [RULE_IDS.serverlessAuth]: (ctx) => {
    const fired = ctx.w.existingKafkaClients;
    if (fired)
      ctx.warn(
        RULE_IDS.serverlessAuth,
        () =>
          'MSK Serverless accepts IAM access control over TLS only: existing Kafka clients may need new authentication settings.',
      );
    return {
      fired,
      answer: () => `existingKafkaClients: ${yesNo(fired)}`,
      outcome: fired ? 'Warning: IAM authentication only.' : 'Not applicable.',
    };
  },
  [RULE_IDS.pipeline]: (ctx) => {
    const { w, sizing } = ctx;
    const fired = w.deliverTo.length > 0 || w.needsCrossRegionReplication;
    return {
      fired,
      answer: () =>
        fired
          ? `deliverTo: ${w.deliverTo.map((d) => d.sink).join(', ') || 'none'}; needsCrossRegionReplication: ${yesNo(w.needsCrossRegionReplication)}`
          : 'no delivery or cross-region replication asked',
      outcome: fired
        ? OPTION_CODES.map((o) => `${o}: ${sizing[o].pipeline ?? 'no pipeline'}`).join('; ') + '.'
        : 'No pipeline legs priced.',
    };
  },
  [RULE_IDS.lambdaConsumers]: (ctx) => {
    const fired = ctx.w.lambdaConsumers;
    return {
      fired,
      answer: () => `lambdaConsumers: ${yesNo(fired)}`,
      outcome: fired
        ? 'Lambda event source mappings exist for both Kinesis and MSK; eligibility unchanged.'
        : 'Not applicable.',
    };
  },
};

/**
 * Runs every rule in order. `lean` skips building the words (trace answers, messages): the
 * disqualifications then carry codes with empty messages and the trace is empty.
 */
export function runDecisionRules(
  w: NormalizedWorkload,
  sizing: Record<OptionCode, OptionSizing>,
  lean = false,
): DecisionOutcome {
  const disqualifiedBy = {
    KDS_ON_DEMAND: [],
    KDS_ON_DEMAND_ADVANTAGE: [],
    KDS_PROVISIONED: [],
    MSK_PROVISIONED: [],
    MSK_EXPRESS: [],
    MSK_SERVERLESS: [],
  } as Record<OptionCode, Issue[]>;
  const warnings: Issue[] = [];
  const flow: FlowPreference = { service: null, preferred: null, decidedBy: null, reasons: [] };
  const ctx: Ctx = {
    w,
    sizing,
    flow,
    disqualify: (option, code, message) => disqualifiedBy[option].push({ code, message: lean ? '' : message() }),
    warn: (code, message) => {
      if (!lean) warnings.push({ code, message: message() });
    },
  };
  const trace: TraceEntry[] = [];
  for (const rule of DECISION_RULES) {
    const verdict = evaluatorFor(rule)(ctx);
    if (!lean) {
      trace.push({
        ruleId: rule.id,
        question: rule.question,
        answer: verdict.answer(),
        fired: verdict.fired,
        outcome: verdict.outcome,
        source: rule.source,
      });
    }
  }
  return { trace, disqualifiedBy, warnings, flow };
}

function evaluatorFor(rule: DecisionRule): (ctx: Ctx) => Verdict {
  const evaluator = EVALUATORS[rule.id];
  if (!evaluator) throw new Error(`No evaluator for decision rule ${rule.id}`);
  return evaluator;
}

/** Every rule in DECISION_RULES has an evaluator and vice versa (checked by a test). */
export const EVALUATED_RULE_IDS: readonly string[] = Object.keys(EVALUATORS);
