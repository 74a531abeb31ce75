/**
 * A local CloudWatch, Kinesis and MSK API, speaking each protocol as the installed AWS SDK v3 clients call it:
 * CloudWatch GetMetricData over AWS JSON 1.0 (`x-amz-target: GraniteServiceVersion20100801.GetMetricData`,
 * epoch-second timestamps, awsQueryCompatible errors), Kinesis DescribeStreamSummary and ListStreamConsumers over
 * AWS JSON 1.1 (`Kinesis_20131202.*`), and MSK DescribeClusterV2 over REST-JSON (`GET /api/v2/clusters/{arn}`).
 * Real-shaped answers: GetMetricData pages (NextToken, PartialData) by data points, hours without data are left
 * out, ListStreamConsumers pages, and throttling on demand. Signatures are not checked. No jest globals.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HourValues, hoursOf, type KnownStream, valuesAt } from './metric-shapes';

export const ACCOUNT = '123456789012';

export interface AwsRequestLog {
  service: 'cloudwatch' | 'kinesis' | 'kafka';
  operation: string;
  status: number;
  nextToken?: string;
}

interface StreamEntry {
  name: string;
  region: string;
  stream: KnownStream;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  shards: number;
  retentionHours: number;
  consumers: string[];
}

interface ClusterEntry {
  name: string;
  arn: string;
  stream: KnownStream;
  brokers: number;
  instanceType: string;
  volumeSize: number;
}

const METRIC_KEYS: Record<string, keyof HourValues> = {
  IncomingBytes: 'incomingBytes',
  IncomingRecords: 'incomingRecords',
  'GetRecords.Bytes': 'getRecordsBytes',
  'SubscribeToShardEvent.Bytes': 'subscribeToShardEventBytes',
  BytesInPerSec: 'bytesInPerSec',
  BytesOutPerSec: 'bytesOutPerSec',
  MessagesInPerSec: 'messagesInPerSec',
};

export class AwsMetricsServer {
  readonly requests: AwsRequestLog[] = [];
  /** Data points per GetMetricData page (CloudWatch pages by data points). */
  pointsPerPage = 500;
  /** Consumers per ListStreamConsumers page. */
  consumersPerPage = 2;
  private readonly streams = new Map<string, StreamEntry>();
  private readonly clusters = new Map<string, ClusterEntry>();
  private readonly throttles = new Map<string, number>();
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((ready) => this.server!.listen(0, '127.0.0.1', ready));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  addStream(entry: Omit<StreamEntry, 'region'> & { region?: string }): string {
    const region = entry.region ?? 'us-east-1';
    this.streams.set(entry.name, { ...entry, region });
    return `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${entry.name}`;
  }

  addCluster(entry: Omit<ClusterEntry, 'arn'>, region = 'us-east-1'): string {
    const arn = `arn:aws:kafka:${region}:${ACCOUNT}:cluster/${entry.name}/0b7f3e1c-4f2a-4b8e-9d3c-1a2b3c4d5e6f-4`;
    this.clusters.set(arn, { ...entry, arn });
    return arn;
  }

  /** The next `count` calls of an operation answer as AWS does when throttling. */
  throttle(operation: string, count: number): void {
    this.throttles.set(operation, count);
  }

  private throttled(operation: string): boolean {
    const left = this.throttles.get(operation) ?? 0;
    if (left <= 0) return false;
    this.throttles.set(operation, left - 1);
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const target = String(req.headers['x-amz-target'] ?? '');
    try {
      if (target.startsWith('GraniteServiceVersion20100801.')) return this.cloudWatch(target.split('.')[1], raw, res);
      if (target.startsWith('Kinesis_20131202.')) return this.kinesis(target.split('.')[1], raw, res);
      if (req.method === 'GET' && req.url?.startsWith('/api/v2/clusters/')) return this.kafka(req.url, res);
      this.send(res, 404, 'application/json', { message: `no such operation: ${req.method} ${req.url} ${target}` });
    } catch (e) {
      this.send(res, 500, 'application/json', { __type: 'InternalFailure', message: String(e) });
    }
  }

  private send(res: ServerResponse, status: number, type: string, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `req-${this.requests.length}`,
      ...headers,
    });
    res.end(text);
  }

  private cloudWatch(operation: string, raw: string, res: ServerResponse): void {
    const JSON_10 = 'application/x-amz-json-1.0';
    if (this.throttled(operation)) {
      this.requests.push({ service: 'cloudwatch', operation, status: 400 });
      // awsQueryCompatible: the query error code travels in x-amzn-query-error.
      return this.send(
        res,
        400,
        JSON_10,
        { __type: 'Throttling', message: 'Rate exceeded' },
        {
          'x-amzn-query-error': 'Throttling;Sender',
        },
      );
    }
    if (operation !== 'GetMetricData') {
      this.requests.push({ service: 'cloudwatch', operation, status: 400 });
      return this.send(res, 400, JSON_10, { __type: 'InvalidAction', message: `${operation} is not served here` });
    }
    const body = JSON.parse(raw) as {
      MetricDataQueries: Array<{
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string; Dimensions?: Array<{ Name: string; Value: string }> } };
      }>;
      StartTime: number;
      EndTime: number;
      NextToken?: string;
      ScanBy?: string;
    };
    const startMs = body.StartTime * 1000;
    const endMs = body.EndTime * 1000;
    const descending = body.ScanBy !== 'TimestampAscending';
    const series = body.MetricDataQueries.map((q) => {
      const { metric, resource } = this.resolve(q);
      const stream = resource?.stream;
      let hours = stream ? hoursOf(stream).filter((h) => h >= startMs && h < endMs) : [];
      if (descending) hours = hours.reverse();
      return { id: q.Id, points: hours.map((h) => [h, valuesAt(stream!, h)[metric!]] as const) };
    });
    const flat = series.flatMap((s, qi) => s.points.map((p) => ({ qi, p })));
    const offset = body.NextToken ? Number(Buffer.from(body.NextToken, 'base64').toString('utf8')) : 0;
    const page = flat.slice(offset, offset + this.pointsPerPage);
    const more = offset + this.pointsPerPage < flat.length;
    const nextToken = more ? Buffer.from(String(offset + this.pointsPerPage)).toString('base64') : undefined;
    this.requests.push({ service: 'cloudwatch', operation, status: 200, nextToken: body.NextToken });
    this.send(res, 200, JSON_10, {
      MetricDataResults: series.map((s, qi) => {
        const mine = page.filter((x) => x.qi === qi).map((x) => x.p);
        return {
          Id: s.id,
          Label: s.id,
          Timestamps: mine.map(([h]) => h / 1000),
          Values: mine.map(([, v]) => v),
          StatusCode: more ? 'PartialData' : 'Complete',
        };
      }),
      ...(nextToken ? { NextToken: nextToken } : {}),
      Messages: [],
    });
  }

  /** Which stored stream or cluster and which metric a query asks for (a MetricStat or a SUM(SEARCH(…))). */
  private resolve(q: {
    Expression?: string;
    MetricStat?: { Metric: { MetricName: string; Dimensions?: Array<{ Name: string; Value: string }> } };
  }): { metric?: keyof HourValues; resource?: { stream: KnownStream } } {
    if (q.MetricStat) {
      const name = q.MetricStat.Metric.Dimensions?.find((d) => d.Name === 'StreamName')?.Value ?? '';
      return { metric: METRIC_KEYS[q.MetricStat.Metric.MetricName], resource: this.streams.get(name) };
    }
    const expression = q.Expression ?? '';
    const metric = METRIC_KEYS[/MetricName="([^"]+)"/.exec(expression)?.[1] ?? ''];
    const stream = /StreamName="([^"]+)"/.exec(expression)?.[1];
    if (stream) return { metric, resource: this.streams.get(stream) };
    const cluster = /"Cluster Name"="([^"]+)"/.exec(expression)?.[1];
    return { metric, resource: [...this.clusters.values()].find((c) => c.name === cluster) };
  }

  private kinesis(operation: string, raw: string, res: ServerResponse): void {
    const JSON_11 = 'application/x-amz-json-1.1';
    const body = JSON.parse(raw || '{}') as { StreamName?: string; StreamARN?: string; NextToken?: string };
    const fail = (status: number, type: string, message: string) => {
      this.requests.push({ service: 'kinesis', operation, status });
      this.send(res, status, JSON_11, { __type: type, message });
    };
    if (this.throttled(operation)) return fail(400, 'LimitExceededException', 'Rate exceeded for stream');
    const name = body.StreamName ?? body.StreamARN?.split('/').pop() ?? '';
    const entry = this.streams.get(name);
    if (!entry) return fail(400, 'ResourceNotFoundException', `Stream ${name} under account ${ACCOUNT} not found.`);
    const arn = `arn:aws:kinesis:${entry.region}:${ACCOUNT}:stream/${entry.name}`;
    if (operation === 'DescribeStreamSummary') {
      this.requests.push({ service: 'kinesis', operation, status: 200 });
      return this.send(res, 200, JSON_11, {
        StreamDescriptionSummary: {
          StreamName: entry.name,
          StreamARN: arn,
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: entry.mode },
          RetentionPeriodHours: entry.retentionHours,
          StreamCreationTimestamp: 1.7e9,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: entry.shards,
          ConsumerCount: entry.consumers.length,
        },
      });
    }
    if (operation === 'ListStreamConsumers') {
      if (!body.StreamARN) return fail(400, 'ValidationException', 'StreamARN is required');
      const offset = body.NextToken ? Number(Buffer.from(body.NextToken, 'base64').toString('utf8')) : 0;
      const page = entry.consumers.slice(offset, offset + this.consumersPerPage);
      const more = offset + this.consumersPerPage < entry.consumers.length;
      this.requests.push({ service: 'kinesis', operation, status: 200, nextToken: body.NextToken });
      return this.send(res, 200, JSON_11, {
        Consumers: page.map((c) => ({
          ConsumerName: c,
          ConsumerARN: `${arn}/consumer/${c}:1700000000`,
          ConsumerStatus: 'ACTIVE',
          ConsumerCreationTimestamp: 1.7e9,
        })),
        ...(more ? { NextToken: Buffer.from(String(offset + this.consumersPerPage)).toString('base64') } : {}),
      });
    }
    return fail(400, 'UnknownOperationException', `${operation} is not served here`);
  }

  private kafka(url: string, res: ServerResponse): void {
    const arn = decodeURIComponent(url.slice('/api/v2/clusters/'.length).split('?')[0]);
    const operation = 'DescribeClusterV2';
    if (this.throttled(operation)) {
      this.requests.push({ service: 'kafka', operation, status: 429 });
      return this.send(
        res,
        429,
        'application/json',
        { message: 'Too Many Requests' },
        {
          'x-amzn-errortype': 'TooManyRequestsException',
        },
      );
    }
    const c = this.clusters.get(arn);
    if (!c) {
      this.requests.push({ service: 'kafka', operation, status: 404 });
      return this.send(
        res,
        404,
        'application/json',
        { message: `Cluster ${arn} not found` },
        {
          'x-amzn-errortype': 'NotFoundException',
        },
      );
    }
    this.requests.push({ service: 'kafka', operation, status: 200 });
    this.send(res, 200, 'application/json', {
      clusterInfo: {
        clusterArn: c.arn,
        clusterName: c.name,
        clusterType: 'PROVISIONED',
        creationTime: '2026-01-05T10:00:00.000Z',
        currentVersion: 'K3AEGXETSR30VB',
        state: 'ACTIVE',
        tags: {},
        provisioned: {
          brokerNodeGroupInfo: {
            brokerAZDistribution: 'DEFAULT',
            clientSubnets: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d', 'subnet-2a3b4c5d'],
            instanceType: c.instanceType,
            securityGroups: ['sg-0123456789abcdef0'],
            storageInfo: { ebsStorageInfo: { volumeSize: c.volumeSize } },
          },
          currentBrokerSoftwareInfo: { kafkaVersion: '3.6.0' },
          enhancedMonitoring: 'DEFAULT',
          numberOfBrokerNodes: c.brokers,
          storageMode: 'LOCAL',
        },
      },
    });
  }
}
