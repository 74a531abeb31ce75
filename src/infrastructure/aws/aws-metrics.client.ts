/**
 * The live read of POST /v1/workloads/from-metrics: CloudWatch GetMetricData for the documented queries
 * (docs/metrics), and the configuration the metrics cannot give — Kinesis DescribeStreamSummary and
 * ListStreamConsumers, MSK DescribeClusterV2. Throttling and 5xx are retried by the SDK (standard mode, bounded
 * attempts); pages are followed through NextToken. Errors are left as the SDK's (the service maps them).
 */
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { DescribeClusterV2Command, KafkaClient } from '@aws-sdk/client-kafka';
import { DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { MetricSource, RunningConfiguration } from '../../domain';

export interface AwsMetricsClientOptions {
  cloudWatchEndpoint?: string;
  kinesisEndpoint?: string;
  kafkaEndpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
  /** Base delay of the exponential retry backoff in ms. Default 100. */
  retryBaseDelayMs?: number;
  requestTimeoutMs?: number;
}

export interface LiveRead {
  /** The GetMetricData answer, pages concatenated (the shape `aws cloudwatch get-metric-data` prints). */
  metricData: { MetricDataResults: unknown[]; Messages: unknown[] };
  window: { start: Date; end: Date };
  configuration: RunningConfiguration;
  retentionHours?: number;
  dedicatedConsumers?: number;
  /** CloudWatch pages read. */
  pages: number;
}

const HOUR_MS = 3_600_000;
const PERIOD = 3600;

const stat = (id: string, namespace: string, metric: string, dimension: string, value: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: namespace, MetricName: metric, Dimensions: [{ Name: dimension, Value: value }] },
    Period: PERIOD,
    Stat: 'Sum',
  },
  ReturnData: true,
});

/** A CloudWatch search-expression string literal: the name inside double quotes, quotes and backslashes escaped. */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const summed = (id: string, search: string, statName: string): MetricDataQuery => ({
  Id: id,
  Expression: `SUM(SEARCH('${search.replace(/'/g, "\\'")}', '${statName}', ${PERIOD}))`,
  Period: PERIOD,
  ReturnData: true,
});

/** The queries of docs/metrics/kinesis-stream.json for one stream. */
export function kinesisQueries(streamName: string): MetricDataQuery[] {
  return [
    stat('incomingBytes', 'AWS/Kinesis', 'IncomingBytes', 'StreamName', streamName),
    stat('incomingRecords', 'AWS/Kinesis', 'IncomingRecords', 'StreamName', streamName),
    stat('getRecordsBytes', 'AWS/Kinesis', 'GetRecords.Bytes', 'StreamName', streamName),
    summed(
      'subscribeToShardEventBytes',
      `{AWS/Kinesis,ConsumerName,StreamName} MetricName="SubscribeToShardEvent.Bytes" StreamName=${quoted(streamName)}`,
      'Sum',
    ),
  ];
}

/** The queries of docs/metrics/msk-cluster.json for one cluster: per-broker averages summed over brokers. */
export function mskQueries(clusterName: string): MetricDataQuery[] {
  const broker = (metric: string) =>
    `{AWS/Kafka,"Broker ID","Cluster Name"} MetricName="${metric}" "Cluster Name"=${quoted(clusterName)}`;
  return [
    summed('bytesInPerSec', broker('BytesInPerSec'), 'Average'),
    summed('bytesOutPerSec', broker('BytesOutPerSec'), 'Average'),
    summed('messagesInPerSec', broker('MessagesInPerSec'), 'Average'),
  ];
}

export class AwsMetricsClient {
  private readonly clients = new Map<
    string,
    { cloudWatch: CloudWatchClient; kinesis: KinesisClient; kafka: KafkaClient }
  >();

  constructor(private readonly options: AwsMetricsClientOptions = {}) {}

  private for(region: string) {
    let set = this.clients.get(region);
    if (!set) {
      const maxAttempts = this.options.maxAttempts ?? 4;
      const base = this.options.retryBaseDelayMs ?? 100;
      const timeout = this.options.requestTimeoutMs ?? 10_000;
      const common = (endpoint: string | undefined) => ({
        region,
        ...(endpoint ? { endpoint } : {}),
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
        maxAttempts,
        retryMode: 'standard',
        retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
          Math.min(base * 2 ** Math.max(attempt - 1, 0), 20_000),
        ),
        requestHandler: { connectionTimeout: timeout, requestTimeout: timeout },
      });
      set = {
        cloudWatch: new CloudWatchClient(common(this.options.cloudWatchEndpoint)),
        // The Kinesis client defaults to HTTP/2 (for SubscribeToShard, which is not called here); the two control
        // calls speak HTTP/1.1 like every other AWS API (and like the AWS CLI).
        kinesis: new KinesisClient({
          ...common(this.options.kinesisEndpoint),
          requestHandler: new NodeHttpHandler({ connectionTimeout: timeout, requestTimeout: timeout }),
        }),
        kafka: new KafkaClient(common(this.options.kafkaEndpoint)),
      };
      if (this.clients.size >= 32) this.destroy();
      this.clients.set(region, set);
    }
    return set;
  }

  async read(
    region: string,
    source: MetricSource,
    resource: { name?: string; arn?: string },
    days: number,
    now = new Date(),
  ): Promise<LiveRead> {
    const end = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const start = new Date(end.getTime() - days * 24 * HOUR_MS);
    if (source === 'KINESIS_STREAM') {
      const stream = await this.describeStream(region, resource);
      const read = await this.metricData(region, kinesisQueries(stream.configuration.name!), start, end);
      return { ...read, ...stream, window: { start, end } };
    }
    const cluster = await this.describeCluster(region, resource.arn!);
    const read = await this.metricData(region, mskQueries(cluster.name!), start, end);
    return { ...read, configuration: cluster, window: { start, end } };
  }

  private async metricData(region: string, queries: MetricDataQuery[], start: Date, end: Date) {
    const { cloudWatch } = this.for(region);
    const results: unknown[] = [];
    const messages: unknown[] = [];
    let pages = 0;
    let nextToken: string | undefined;
    do {
      const out = await cloudWatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      pages++;
      results.push(...(out.MetricDataResults ?? []));
      messages.push(...(out.Messages ?? []));
      nextToken = out.NextToken || undefined;
    } while (nextToken && pages < 100);
    return { metricData: { MetricDataResults: results, Messages: messages }, pages };
  }

  private async describeStream(region: string, resource: { name?: string; arn?: string }) {
    const { kinesis } = this.for(region);
    const out = await kinesis.send(
      new DescribeStreamSummaryCommand(resource.arn ? { StreamARN: resource.arn } : { StreamName: resource.name }),
    );
    const s = out.StreamDescriptionSummary!;
    let efo = 0;
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const consumers = await kinesis.send(
        new ListStreamConsumersCommand({ StreamARN: s.StreamARN, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      efo += (consumers.Consumers ?? []).filter((c) => c.ConsumerStatus !== 'DELETING').length;
      nextToken = consumers.NextToken || undefined;
      pages++;
    } while (nextToken && pages < 100);
    const onDemand = s.StreamModeDetails?.StreamMode === 'ON_DEMAND';
    const configuration: RunningConfiguration = {
      option: onDemand ? 'KDS_ON_DEMAND' : 'KDS_PROVISIONED',
      name: s.StreamName,
      arn: s.StreamARN,
      status: s.StreamStatus,
      ...(onDemand ? {} : { shards: s.OpenShardCount }),
      retentionHours: s.RetentionPeriodHours,
      efoConsumers: efo,
    };
    return { configuration, retentionHours: s.RetentionPeriodHours, dedicatedConsumers: efo };
  }

  private async describeCluster(region: string, arn: string): Promise<RunningConfiguration> {
    const { kafka } = this.for(region);
    const out = await kafka.send(new DescribeClusterV2Command({ ClusterArn: arn }));
    const c = out.ClusterInfo!;
    const base = { name: c.ClusterName, arn: c.ClusterArn, status: c.State };
    if (c.ClusterType === 'SERVERLESS') return { option: 'MSK_SERVERLESS', ...base };
    const p = c.Provisioned;
    const type = p?.BrokerNodeGroupInfo?.InstanceType ?? '';
    const express = type.startsWith('express.');
    return {
      option: express ? 'MSK_EXPRESS' : 'MSK_PROVISIONED',
      ...base,
      brokers: p?.NumberOfBrokerNodes,
      brokerType: type,
      ...(express ? {} : { storageGbPerBroker: p?.BrokerNodeGroupInfo?.StorageInfo?.EbsStorageInfo?.VolumeSize }),
      kafkaVersion: p?.CurrentBrokerSoftwareInfo?.KafkaVersion,
    };
  }

  destroy(): void {
    for (const set of this.clients.values()) {
      set.cloudWatch.destroy();
      set.kinesis.destroy();
      set.kafka.destroy();
    }
    this.clients.clear();
  }
}
