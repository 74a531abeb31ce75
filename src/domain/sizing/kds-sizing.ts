/**
 * Kinesis Data Streams sizing.
 * Provisioned: shards = ceil(max(write MB/s ÷ 1, records/s ÷ 1,000, shared read MB/s ÷ 2) × (1 + headroom %)), min 1.
 * On-demand: capacity follows the peak (2x the 30-day peak, at least 4 MB/s) up to the region's default per-stream
 * maximum (10 GB/s write / 20 GB/s read in us-east-1, us-west-2, eu-west-1; 200 / 400 MB/s elsewhere).
 */
import type { OptionSizing } from '../model.types';
import { KDS_LIMITS, kdsRegionalQuotas } from '../limits';
import { ceilTolerant } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';

/**
 * Default shard headroom: 20 %, the buffer the AWS Pricing Calculator adds to the shards it estimates
 * (`sizingHeadroomPercent` changes it; 0 reproduces the pricing page's worked example, which sizes for the peak).
 * Enhanced fan-out consumers are not counted in the shard demand: each has its own 2 MB/s per shard
 * (the calculator counts them; streamfit deliberately does not, see README).
 */
export const KDS_SHARD_HEADROOM = 1.2;

export function sizeKdsProvisioned(w: NormalizedWorkload): OptionSizing & { shards: number } {
  const headroomFactor = 1 + w.sizingHeadroomPercent / 100;
  const sharedReadMBps = w.peakWriteMBps * w.sharedConsumers;
  const byWrite = w.peakWriteMBps / KDS_LIMITS.shardWriteMBps;
  const byRecords = w.peakRecordsPerSec / KDS_LIMITS.shardWriteRecordsPerSec;
  const byRead = sharedReadMBps / KDS_LIMITS.shardSharedReadMBps;
  const demand = Math.max(byWrite, byRecords, byRead);
  let boundBy = 'MINIMUM_ONE_SHARD';
  if (demand > 0)
    boundBy = demand === byWrite ? 'WRITE_THROUGHPUT' : demand === byRecords ? 'WRITE_RECORDS' : 'SHARED_READ';
  const shards = Math.max(1, ceilTolerant(demand * headroomFactor));
  const quotas = kdsRegionalQuotas(w.region);
  return {
    boundBy,
    headroomFactor: round6(headroomFactor),
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    shards,
    shardsForWriteThroughput: round6(byWrite),
    shardsForWriteRecords: round6(byRecords),
    shardsForSharedRead: round6(byRead),
    efoConsumers: w.dedicatedConsumers,
    quotaTier: quotas.tier,
    shardQuota: quotas.shardQuota,
  };
}

export function sizeKdsOnDemand(w: NormalizedWorkload): OptionSizing {
  const quotas = kdsRegionalQuotas(w.region);
  const sharedReadMBps = w.peakWriteMBps * w.sharedConsumers;
  const writeUse = w.peakWriteMBps / quotas.onDemandMaxWriteMBps;
  const readUse = sharedReadMBps / quotas.onDemandMaxReadMBps;
  return {
    boundBy: readUse > writeUse ? 'SHARED_READ' : 'WRITE_THROUGHPUT',
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    onDemandWriteCapacityMBps: round6(Math.max(KDS_LIMITS.onDemandInitialWriteMBps, 2 * w.peakWriteMBps)),
    onDemandMaxWriteMBps: quotas.onDemandMaxWriteMBps,
    onDemandSharedReadMBps: round6(sharedReadMBps),
    onDemandMaxReadMBps: quotas.onDemandMaxReadMBps,
    efoConsumers: w.dedicatedConsumers,
    quotaTier: quotas.tier,
  };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
