/** Workload builder for domain tests: `aWorkload().withIngestGbPerDay(100).build()`. */
import type { MskBrokerFamily, TrafficPattern, WorkloadInput } from '../../../src/domain/workload';

export class WorkloadBuilder {
  private w: WorkloadInput;

  constructor(base?: WorkloadInput) {
    this.w = base ? { ...base } : { ingestGbPerDay: 100, avgRecordSizeKB: 1 };
  }

  with(patch: Partial<WorkloadInput>): this {
    this.w = { ...this.w, ...patch };
    return this;
  }

  withIngestGbPerDay(ingestGbPerDay: number): this {
    const { avgWriteMBps: _ignored, ...rest } = this.w;
    this.w = { ...rest, ingestGbPerDay };
    return this;
  }
  withAvgWriteMBps(avgWriteMBps: number): this {
    const { ingestGbPerDay: _ignored, ...rest } = this.w;
    this.w = { ...rest, avgWriteMBps };
    return this;
  }
  withPeakWriteMBps(peakWriteMBps: number): this {
    return this.with({ peakWriteMBps });
  }
  withRecordSizeKB(avgRecordSizeKB: number): this {
    return this.with({ avgRecordSizeKB });
  }
  withMaxRecordSizeKB(maxRecordSizeKB: number): this {
    return this.with({ maxRecordSizeKB });
  }
  withSharedConsumers(sharedConsumers: number): this {
    return this.with({ sharedConsumers });
  }
  withDedicatedConsumers(dedicatedConsumers: number): this {
    return this.with({ dedicatedConsumers });
  }
  withRetentionHours(retentionHours: number): this {
    return this.with({ retentionHours });
  }
  withTrafficPattern(trafficPattern: TrafficPattern): this {
    return this.with({ trafficPattern });
  }
  withActiveHoursPerDay(activeHoursPerDay: number): this {
    return this.with({ activeHoursPerDay });
  }
  withLatencyTargetMs(latencyTargetMs: number): this {
    return this.with({ latencyTargetMs });
  }
  withExistingKafkaClients(existingKafkaClients = true): this {
    return this.with({ existingKafkaClients });
  }
  withKafkaConnect(needsKafkaConnect = true): this {
    return this.with({ needsKafkaConnect });
  }
  withKafkaStreams(needsKafkaStreams = true): this {
    return this.with({ needsKafkaStreams });
  }
  withCrossRegionReplication(needsCrossRegionReplication = true): this {
    return this.with({ needsCrossRegionReplication });
  }
  withLambdaConsumers(lambdaConsumers = true): this {
    return this.with({ lambdaConsumers });
  }
  withRackAwareConsumers(rackAwareConsumers = true): this {
    return this.with({ rackAwareConsumers });
  }
  withPartitions(partitions: number): this {
    return this.with({ partitions });
  }
  withMskBrokerFamily(mskBrokerFamily: MskBrokerFamily): this {
    return this.with({ mskBrokerFamily });
  }
  withRegion(region: string): this {
    return this.with({ region });
  }
  withDeliverTo(...deliverTo: NonNullable<WorkloadInput['deliverTo']>): this {
    return this.with({ deliverTo });
  }

  build(): WorkloadInput {
    return { ...this.w };
  }
}

/** Defaults: 100 GB/day, 1 KB records (other fields take the domain defaults). */
export const aWorkload = (base?: WorkloadInput): WorkloadBuilder => new WorkloadBuilder(base);

/** The decision guide's example: 100 GB/day, two consumer applications reading everything, 24/7, steady, 24 h retention. */
export const decisionGuideExample = (): WorkloadBuilder =>
  aWorkload()
    .withIngestGbPerDay(100)
    .withRecordSizeKB(1)
    .withSharedConsumers(2)
    .withTrafficPattern('STEADY')
    .withRetentionHours(24)
    .withActiveHoursPerDay(24);
