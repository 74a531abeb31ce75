/**
 * Per-broker capacity tables and factors of AWS's own MSK sizing method, as data.
 *
 * Source (confidence AWS): the `managing-amazon-msk` skill of github.com/aws/agent-toolkit-for-aws,
 * `scripts/msk_sizing.py` and `references/size-and-choose-cluster.md` (commit d6ad2e44d5e3, 2026-08-20;
 * the script last changed in d6e363b44aa4, 2026-06-23). streamfit re-implements the model (not the code)
 * in `msk-sizing.ts`; `test/reference-cases/` compares the two on the same inputs.
 *
 * Units: MiB/s and GiB, as the script (and as streamfit's MB/GB, which are binary).
 *
 * Standard brokers: `ebsMiBps` is the largest EBS throughput the instance can drive (the script also uses it as
 * the provisioned-storage-throughput cap), `networkMiBps` the NIC bandwidth; partitions per broker (leaders +
 * followers) recommended / maximum as in the MSK best-practices page. kafka.t3.small is not sized: AWS's
 * script does not model it (AWS recommends t3 for development and test).
 *
 * Express brokers: `ingressMiBps` is the published per-broker ingress used for sizing (the script's figures);
 * egress capacity = ingress × the Express egress factor (an assumption, see MSK_SIZING_FACTORS).
 */
import type { ExpressBrokerType } from '../rate-card';

export interface StandardBrokerSpec {
  type: string;
  family: 'm5' | 'm7g';
  ebsMiBps: number;
  networkMiBps: number;
  partitionsRecommended: number;
  partitionsMax: number;
  /** Provisioned storage throughput can be bought for this size (4xlarge and up, per the script). */
  pstEligible: boolean;
}

const std = (
  type: string,
  ebsMiBps: number,
  networkMiBps: number,
  partitionsRecommended: number,
  partitionsMax: number,
  pstEligible = false,
): StandardBrokerSpec => ({
  type,
  family: type.startsWith('kafka.m5.') ? 'm5' : 'm7g',
  ebsMiBps,
  networkMiBps,
  partitionsRecommended,
  partitionsMax,
  pstEligible,
});

/** Same order as the script (m5 then m7g, smallest first): ties in cost go to the first, as in the script. */
export const STANDARD_BROKER_SPECS: readonly StandardBrokerSpec[] = [
  std('kafka.m5.large', 81, 96, 1000, 1500),
  std('kafka.m5.xlarge', 144, 160, 1000, 1500),
  std('kafka.m5.2xlarge', 250, 320, 2000, 3000),
  std('kafka.m5.4xlarge', 593.75, 640, 4000, 6000, true),
  std('kafka.m5.8xlarge', 850, 1280, 4000, 6000, true),
  std('kafka.m5.12xlarge', 1000, 1536, 4000, 6000, true),
  std('kafka.m5.16xlarge', 1000, 2560, 4000, 6000, true),
  std('kafka.m5.24xlarge', 1000, 3200, 4000, 4000, true),
  std('kafka.m7g.large', 78.75, 117, 1000, 1500),
  std('kafka.m7g.xlarge', 156.25, 234, 1000, 1500),
  std('kafka.m7g.2xlarge', 312.5, 469, 2000, 3000),
  std('kafka.m7g.4xlarge', 625, 937, 4000, 6000, true),
  std('kafka.m7g.8xlarge', 1000, 1875, 4000, 6000, true),
  std('kafka.m7g.12xlarge', 1000, 2812, 4000, 6000, true),
  std('kafka.m7g.16xlarge', 1000, 3750, 4000, 6000, true),
];

export interface ExpressBrokerSpec {
  type: ExpressBrokerType;
  /** Per-broker ingress used for sizing, MiB/s (before the utilisation target). */
  ingressMiBps: number;
  partitionsRecommended: number;
  partitionsMax: number;
}

export const EXPRESS_BROKER_SPECS: readonly ExpressBrokerSpec[] = [
  { type: 'express.m7g.large', ingressMiBps: 15.625, partitionsRecommended: 1000, partitionsMax: 1500 },
  { type: 'express.m7g.xlarge', ingressMiBps: 31.25, partitionsRecommended: 1000, partitionsMax: 2000 },
  { type: 'express.m7g.2xlarge', ingressMiBps: 62.5, partitionsRecommended: 2500, partitionsMax: 4000 },
  { type: 'express.m7g.4xlarge', ingressMiBps: 125, partitionsRecommended: 6000, partitionsMax: 8000 },
  { type: 'express.m7g.8xlarge', ingressMiBps: 250, partitionsRecommended: 12000, partitionsMax: 16000 },
  { type: 'express.m7g.12xlarge', ingressMiBps: 375, partitionsRecommended: 16000, partitionsMax: 24000 },
  { type: 'express.m7g.16xlarge', ingressMiBps: 500, partitionsRecommended: 20000, partitionsMax: 32000 },
];

/**
 * The factors of AWS's sizing method (all from msk_sizing.py unless said otherwise). Standard brokers are sized
 * for a 1-AZ-down state: every broker I/O is a multiple of client ingress.
 */
export const MSK_SIZING_FACTORS = {
  availabilityZones: 3,
  /** EBS write I/O per unit of ingress without tiered storage: 1.5 ingress + 1.5 replication-in + 0.5 lagging reads + 3.0 rebalancing. */
  storageIoFactor: 6.5,
  /** Extra EBS I/O with tiered storage (1.5 remote-storage staging). */
  storageIoFactorTieredAdd: 1.5,
  /** Outbound NIC multiplier without tiered storage: 2.2 replication-out + 0.5 lagging + 3.0 rebalancing. */
  networkIoFactor: 5.7,
  /** Extra NIC traffic with tiered storage (1.5 remote writes / fetches). */
  networkIoFactorTieredAdd: 1.5,
  /** Consumer traffic grows by AZs ÷ (AZs − 1) = 1.5 when one of 3 AZs is down. */
  azScaleFactor: 3 / 2,
  /** Fraction of broker capacity used at peak: Standard 0.50, Express 0.75 (script defaults). */
  utilizationStandard: 0.5,
  utilizationExpress: 0.75,
  /**
   * Express egress capacity = ingress × this. The script (and the MSK Express best-practices page) use 2.5;
   * the size-and-choose reference's worked example implies 2.0 (express.m7g.2xlarge: 62.5 MiB/s in, "125 MiB/s
   * sustained egress"). streamfit defaults to the script's 2.5; `mskExpressEgressFactor` changes it.
   */
  expressEgressFactor: 2.5,
  /** EBS is provisioned at 2× the retained bytes (50 % disk utilisation), because a full disk stops a broker. */
  ebsHeadroomFactor: 2,
  /** Largest EBS volume per broker, GiB (16 TiB). */
  maxEbsGbPerBroker: 16384,
  /** Default brokers per cluster (KRaft; 30 for ZooKeeper clusters): the pick is the cheapest type within it. */
  brokerQuotaPerCluster: 60,
  /** Local (EBS) retention when tiered storage is considered (streamfit default; the script takes it as an input). */
  defaultLocalRetentionHours: 72,
  /** Provisioned storage throughput per broker, MiB/s (script's allowed range). */
  pstMinMiBps: 250,
  pstMaxMiBps: 1000,
} as const;
