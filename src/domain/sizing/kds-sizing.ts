/**
 * Kinesis Data Streams sizing.
 * Provisioned: shards = ceil(max(write MB/s ÷ 1, records/s ÷ 1,000, shared read MB/s ÷ 2) × headroom), min 1.
 * On-demand: capacity follows the peak (2x the 30-day peak, at least 4 MB/s) up to the 200 MB/s write / 400 MB/s read per-stream maximum.
 */
import type { OptionSizing } from '../evaluation.types';
import { KDS_LIMITS } from '../limits';
import { ceilTolerant } from '../units';
import type { NormalizedWorkload } from '../workload.normalization';

/**
 * 20 % headroom over the peak before dividing by per-shard capacity (confidence: ASSUMPTION):
 * keeps shards below ~83 % of their write limit at peak so hot partition keys and bursts inside the
 * peak second do not throttle.
 */
export const KDS_SHARD_HEADROOM = 1.2;

export function sizeKdsProvisioned(w: NormalizedWorkload): OptionSizing & { shards: number } {
  const sharedReadMBps = w.peakWriteMBps * w.sharedConsumers;
  const byWrite = w.peakWriteMBps / KDS_LIMITS.shardWriteMBps;
  const byRecords = w.peakRecordsPerSec / KDS_LIMITS.shardWriteRecordsPerSec;
  const byRead = sharedReadMBps / KDS_LIMITS.shardSharedReadMBps;
  const demand = Math.max(byWrite, byRecords, byRead);
  let boundBy = 'MINIMUM_ONE_SHARD';
  if (demand > 0) boundBy = demand === byWrite ? 'WRITE_THROUGHPUT' : demand === byRecords ? 'WRITE_RECORDS' : 'SHARED_READ';
  const shards = Math.max(1, ceilTolerant(demand * KDS_SHARD_HEADROOM));
  return {
    boundBy,
    headroomFactor: KDS_SHARD_HEADROOM,
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    shards,
    shardsForWriteThroughput: round6(byWrite),
    shardsForWriteRecords: round6(byRecords),
    shardsForSharedRead: round6(byRead),
    efoConsumers: w.dedicatedConsumers,
  };
}

export function sizeKdsOnDemand(w: NormalizedWorkload): OptionSizing {
  const sharedReadMBps = w.peakWriteMBps * w.sharedConsumers;
  const writeUse = w.peakWriteMBps / KDS_LIMITS.onDemandMaxWriteMBps;
  const readUse = sharedReadMBps / KDS_LIMITS.onDemandMaxReadMBps;
  return {
    boundBy: readUse > writeUse ? 'SHARED_READ' : 'WRITE_THROUGHPUT',
    peakWriteMBps: round6(w.peakWriteMBps),
    peakReadMBps: round6(w.peakReadMBps),
    onDemandWriteCapacityMBps: round6(Math.max(KDS_LIMITS.onDemandInitialWriteMBps, 2 * w.peakWriteMBps)),
    onDemandMaxWriteMBps: KDS_LIMITS.onDemandMaxWriteMBps,
    onDemandSharedReadMBps: round6(sharedReadMBps),
    onDemandMaxReadMBps: KDS_LIMITS.onDemandMaxReadMBps,
    efoConsumers: w.dedicatedConsumers,
  };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
