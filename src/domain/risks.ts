/**
 * Named risks per option, each with the write rate at which it bites: on-demand throttling on a spike
 * above twice the previous peak, provisioned shards hot at the peak hour, MSK headroom with one AZ lost,
 * MSK Serverless caps. Thresholds are in MB/s of writes, so they compare with the workload's peak.
 */
import type { OptionSizing, Risk } from './model.types';
import { KDS_LIMITS, MSK_LIMITS } from './limits';
import type { OptionCode } from './options';
import { KB_PER_MB } from './units';
import type { NormalizedWorkload } from './workload.normalization';
import { count } from './words';

const n = (x: number, d = 3): string => String(Math.round(x * 10 ** d) / 10 ** d);
const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function peakWords(w: NormalizedWorkload): string {
  if (w.peakSource === 'HOURLY_PROFILE' && w.hourlyWriteMBps) {
    const hour = w.hourlyWriteMBps.indexOf(Math.max(...w.hourlyWriteMBps));
    return `the peak hour (${n(w.peakWriteMBps)} MB/s at ${String(hour).padStart(2, '0')}:00)`;
  }
  return `the peak (${n(w.peakWriteMBps)} MB/s)`;
}

function onDemandRisks(w: NormalizedWorkload, s: OptionSizing): Risk[] {
  const capacity = s.onDemandWriteCapacityMBps ?? Math.max(KDS_LIMITS.onDemandInitialWriteMBps, 2 * w.peakWriteMBps);
  return [
    {
      code: 'ON_DEMAND_SPIKE_THROTTLING',
      message: `On-demand capacity follows twice the previous 30-day peak: after ${peakWords(w)} the stream absorbs up to ${n(capacity)} MB/s of writes; a spike above that (more than twice the previous peak, or above 4 MB/s on a new stream) can throttle for up to about 15 minutes while the stream scales.`,
      threshold: round3(capacity),
      unit: 'MB/s',
      peakUtilizationPercent: pct(w.peakWriteMBps, capacity),
    },
  ];
}

function provisionedRisks(w: NormalizedWorkload, s: OptionSizing): Risk[] {
  const shards = s.shards ?? 1;
  const byThroughput = shards * KDS_LIMITS.shardWriteMBps;
  const byRecords = (shards * KDS_LIMITS.shardWriteRecordsPerSec * w.avgRecordSizeKB) / KB_PER_MB;
  const capacity = Math.min(byThroughput, byRecords);
  const limit =
    byRecords < byThroughput ? `${shards * KDS_LIMITS.shardWriteRecordsPerSec} records/s` : `${n(byThroughput)} MB/s`;
  return [
    {
      code: 'PROVISIONED_SHARDS_HOT_AT_PEAK',
      message: `At ${peakWords(w)} the ${count(shards, 'shard')} run at ${pct(w.peakWriteMBps, capacity)} % of their write capacity (${limit}); writes above ${n(capacity)} MB/s throttle, and a partition key above 1 MB/s or 1,000 records/s makes its shard hot well before the stream total is reached. Shards are billed for the peak every hour of the day.`,
      threshold: round3(capacity),
      unit: 'MB/s',
      peakUtilizationPercent: pct(w.peakWriteMBps, capacity),
    },
  ];
}

function mskAzLossRisks(w: NormalizedWorkload, s: OptionSizing): Risk[] {
  const brokers = s.brokers ?? MSK_LIMITS.minBrokers;
  const remaining = brokers - Math.ceil(brokers / MSK_LIMITS.availabilityZones);
  // The sizing's per-broker figures are at its utilisation target; the brokers left saturate at target ÷ utilisation.
  const utilization = s.utilizationTarget && s.utilizationTarget > 0 ? s.utilizationTarget : 1;
  const ingress = (remaining * (s.perBrokerIngressCapacityMBps ?? 0)) / utilization;
  const consumers = Math.max(1, w.totalConsumers);
  const egressAsWrites = (remaining * (s.perBrokerEgressCapacityMBps ?? 0)) / utilization / consumers;
  const capacity = Math.min(ingress, egressAsWrites);
  const boundBy = egressAsWrites < ingress ? `consumer egress (${count(w.totalConsumers, 'consumer')})` : 'ingress';
  const over = w.peakWriteMBps > capacity;
  const rated =
    utilization < 1
      ? ` at full rated capacity (the sizing plans for ${Math.round(utilization * 100)} % utilisation)`
      : '';
  return [
    {
      code: 'MSK_AZ_LOSS_HEADROOM',
      message: `With one of ${MSK_LIMITS.availabilityZones} AZs lost, ${remaining} of ${brokers} brokers carry the load${rated}: up to ${n(capacity)} MB/s of writes, bound by ${boundBy}. ${
        over
          ? `${capitalized(peakWords(w))} exceeds it: expect throttling and consumer lag until the AZ returns.`
          : `${capitalized(peakWords(w))} uses ${pct(w.peakWriteMBps, capacity)} % of it.`
      }`,
      threshold: round3(capacity),
      unit: 'MB/s',
      peakUtilizationPercent: pct(w.peakWriteMBps, capacity),
    },
  ];
}

function serverlessRisks(w: NormalizedWorkload, s: OptionSizing): Risk[] {
  const consumers = Math.max(1, w.totalConsumers);
  const partitions = s.partitions ?? 1;
  const caps: Array<[string, number]> = [
    [`${MSK_LIMITS.serverlessMaxIngressMBps} MB/s in per cluster`, MSK_LIMITS.serverlessMaxIngressMBps],
    [
      `${MSK_LIMITS.serverlessMaxEgressMBps} MB/s out per cluster over ${count(w.totalConsumers, 'consumer')}`,
      MSK_LIMITS.serverlessMaxEgressMBps / consumers,
    ],
    [
      `${MSK_LIMITS.serverlessPartitionIngressMBps} MB/s in per partition × ${partitions} partitions`,
      partitions * MSK_LIMITS.serverlessPartitionIngressMBps,
    ],
    [
      `${MSK_LIMITS.serverlessPartitionEgressMBps} MB/s out per partition × ${partitions} partitions over ${count(w.totalConsumers, 'consumer')}`,
      (partitions * MSK_LIMITS.serverlessPartitionEgressMBps) / consumers,
    ],
  ];
  const [words, capacity] = caps.reduce((a, b) => (b[1] < a[1] ? b : a));
  return [
    {
      code: 'MSK_SERVERLESS_CAPS',
      message: `MSK Serverless throttles above fixed caps; the first this workload meets is ${words}: ${n(capacity)} MB/s of writes (${peakWords(w)} is ${pct(w.peakWriteMBps, capacity)} % of it). Partitions are evenly loaded only if keys are; a hot key meets the per-partition cap first.`,
      threshold: round3(capacity),
      unit: 'MB/s',
      peakUtilizationPercent: pct(w.peakWriteMBps, capacity),
    },
  ];
}

export function optionRisks(code: OptionCode, w: NormalizedWorkload, sizing: OptionSizing): Risk[] {
  switch (code) {
    case 'KDS_ON_DEMAND':
    case 'KDS_ON_DEMAND_ADVANTAGE':
      return onDemandRisks(w, sizing);
    case 'KDS_PROVISIONED':
      return provisionedRisks(w, sizing);
    case 'MSK_PROVISIONED':
    case 'MSK_EXPRESS':
      return mskAzLossRisks(w, sizing);
    case 'MSK_SERVERLESS':
      return serverlessRisks(w, sizing);
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
