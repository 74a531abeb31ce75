/**
 * Per-broker capacity tables used to size MSK clusters. These are SIZING ASSUMPTIONS, not AWS quotas.
 *
 * Standard brokers (confidence: ASSUMPTION, derived from AWS-published EC2 baselines):
 *   - client ingress per broker = instance baseline EBS bandwidth / 3 (RF 3 writes each client byte 3 times),
 *     then further capped by the 250 MiB/s default EBS volume throughput / 3 ≈ 83.3 MiB/s (AWS, MSK best practices);
 *   - client egress per broker = instance baseline network bandwidth − 2 × ingress (replication out to 2 followers).
 *   Baselines: Amazon EC2 general purpose instance specifications (baseline, not burst).
 *   t3.small is burstable (CPU credits) and used only for tiny workloads (peak ≤ 1 MB/s).
 * Partitions per broker (leaders + followers), recommended / max: AWS (MSK best practices), confidence AWS.
 *
 * Express brokers: sustained ingress per broker and partitions per broker from the MSK Express docs (AWS);
 * egress ≈ 2.5 × ingress (AWS). Partition figures between large and 16xlarge are interpolated (ASSUMPTION).
 */
import type { BrokerType, ExpressBrokerType } from '../rate-card';

/** 1 Mbit/s in MiB/s: 1e6 / 8 / 1,048,576. */
const MBIT_IN_MIB = 1e6 / 8 / (1024 * 1024);

export interface StandardBrokerSpec {
  type: BrokerType;
  family: 't3' | 'm5' | 'm7g';
  /** EC2 baseline network bandwidth, Gbit/s. */
  networkGbps: number;
  /** EC2 baseline EBS bandwidth, Mbit/s. */
  ebsMbps: number;
  partitionsRecommended: number;
  partitionsMax: number;
}

export const STANDARD_BROKER_SPECS: readonly StandardBrokerSpec[] = [
  { type: 'kafka.t3.small', family: 't3', networkGbps: 0.128, ebsMbps: 174, partitionsRecommended: 300, partitionsMax: 300 },
  { type: 'kafka.m5.large', family: 'm5', networkGbps: 0.75, ebsMbps: 650, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'kafka.m5.xlarge', family: 'm5', networkGbps: 1.25, ebsMbps: 1150, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'kafka.m5.2xlarge', family: 'm5', networkGbps: 2.5, ebsMbps: 2300, partitionsRecommended: 2000, partitionsMax: 3000 },
  { type: 'kafka.m5.4xlarge', family: 'm5', networkGbps: 5, ebsMbps: 4750, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m5.8xlarge', family: 'm5', networkGbps: 10, ebsMbps: 6800, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m5.12xlarge', family: 'm5', networkGbps: 12, ebsMbps: 9500, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m5.16xlarge', family: 'm5', networkGbps: 20, ebsMbps: 13600, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m5.24xlarge', family: 'm5', networkGbps: 25, ebsMbps: 19000, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m7g.large', family: 'm7g', networkGbps: 0.937, ebsMbps: 630, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'kafka.m7g.xlarge', family: 'm7g', networkGbps: 1.876, ebsMbps: 1250, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'kafka.m7g.2xlarge', family: 'm7g', networkGbps: 3.75, ebsMbps: 2500, partitionsRecommended: 2000, partitionsMax: 3000 },
  { type: 'kafka.m7g.4xlarge', family: 'm7g', networkGbps: 7.5, ebsMbps: 5000, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m7g.8xlarge', family: 'm7g', networkGbps: 15, ebsMbps: 10000, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m7g.12xlarge', family: 'm7g', networkGbps: 22.5, ebsMbps: 15000, partitionsRecommended: 4000, partitionsMax: 6000 },
  { type: 'kafka.m7g.16xlarge', family: 'm7g', networkGbps: 30, ebsMbps: 20000, partitionsRecommended: 4000, partitionsMax: 6000 },
];

/** 250 MiB/s EBS volume throughput / RF 3 ≈ 83.33 MiB/s of client ingress per broker. */
export const STORAGE_BOUND_INGRESS_MIBPS = 250 / 3;

/** Largest peak (MB/s) for which the burstable t3.small is considered. ASSUMPTION (AWS recommends t3 for dev/test and low throughput). */
export const T3_SMALL_MAX_PEAK_MBPS = 1;

export interface StandardBrokerCapacity {
  /** Instance-bound client ingress (EBS bandwidth / 3), MiB/s. */
  instanceIngressMiBps: number;
  /** Client egress, MiB/s. */
  egressMiBps: number;
}

export function standardBrokerCapacity(spec: StandardBrokerSpec): StandardBrokerCapacity {
  const instanceIngressMiBps = (spec.ebsMbps * MBIT_IN_MIB) / 3;
  const effectiveIngress = Math.min(instanceIngressMiBps, STORAGE_BOUND_INGRESS_MIBPS);
  const networkMiBps = spec.networkGbps * 1000 * MBIT_IN_MIB;
  return { instanceIngressMiBps, egressMiBps: Math.max(0, networkMiBps - 2 * effectiveIngress) };
}

export interface ExpressBrokerSpec {
  type: ExpressBrokerType;
  /** Sustained client ingress per broker for sizing, MiB/s. AWS. */
  ingressMiBps: number;
  partitionsRecommended: number;
  partitionsMax: number;
}

export const EXPRESS_EGRESS_TO_INGRESS = 2.5;

export const EXPRESS_BROKER_SPECS: readonly ExpressBrokerSpec[] = [
  { type: 'express.m7g.large', ingressMiBps: 15.6, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'express.m7g.xlarge', ingressMiBps: 31.25, partitionsRecommended: 1000, partitionsMax: 2000 },
  { type: 'express.m7g.2xlarge', ingressMiBps: 62.5, partitionsRecommended: 2000, partitionsMax: 4000 },
  { type: 'express.m7g.4xlarge', ingressMiBps: 125, partitionsRecommended: 4000, partitionsMax: 8000 },
  { type: 'express.m7g.8xlarge', ingressMiBps: 250, partitionsRecommended: 8000, partitionsMax: 16000 },
  { type: 'express.m7g.12xlarge', ingressMiBps: 375, partitionsRecommended: 12000, partitionsMax: 24000 },
  { type: 'express.m7g.16xlarge', ingressMiBps: 500, partitionsRecommended: 20000, partitionsMax: 32000 },
];
