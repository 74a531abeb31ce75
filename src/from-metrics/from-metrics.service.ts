import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Caller } from '../auth/api-key';
import {
  currentCost,
  type CurrentCost,
  deriveWorkload,
  DomainError,
  estimateNormalized,
  METRIC_SOURCES,
  metricIds,
  type MetricSource,
  normalizeWorkload,
  type Observed,
  parseMetricData,
  ValidationError,
  type WorkloadInput,
} from '../domain';
import type { AwsMetricsClient, LiveRead } from '../infrastructure/aws/aws-metrics.client';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { RatesService } from '../rates/rates.service';
import type { FromMetricsRequest } from './from-metrics-request';

export interface WorkloadFromMetrics {
  /** The standard workload (spec section 2), ready for /v1/evaluations or a scenario. */
  workload: WorkloadInput;
  observed: Observed;
  /** What runs and its monthly cost at today's rates; null when it could not be read or was not stated. */
  current: CurrentCost | null;
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NotFoundException']);
const REFUSED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedException',
  'ForbiddenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
]);
const BAD_INPUT = new Set([
  'InvalidArgumentException',
  'BadRequestException',
  'ValidationException',
  'InvalidParameterValue',
]);

/** An AWS SDK error as a domain error: not found (404), a bad name (400), refused or unavailable (503). */
function awsError(error: unknown, source: MetricSource, resource: string, region: string): DomainError {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  const what = source === 'KINESIS_STREAM' ? `Kinesis stream ${resource}` : `MSK cluster ${resource}`;
  if (NOT_FOUND.has(name)) return new DomainError('NOT_FOUND', `${what} was not found in ${region}`);
  if (BAD_INPUT.has(name))
    return new ValidationError([
      { field: source === 'MSK_CLUSTER' ? 'arn' : 'name', message: `AWS refused ${resource}: ${name}` },
    ]);
  if (REFUSED.has(name))
    return new DomainError(
      'DEPENDENCY_UNAVAILABLE',
      `AWS refused this server's credentials (${name}) for ${what}: they need cloudwatch:GetMetricData, kinesis:DescribeStreamSummary, kinesis:ListStreamConsumers and kafka:DescribeClusterV2 (README "From CloudWatch")`,
    );
  return new DomainError(
    'DEPENDENCY_UNAVAILABLE',
    `AWS could not be read for ${what} (${name}, after retries): try again, or export the metrics and send metricData`,
  );
}

/**
 * POST /v1/workloads/from-metrics: a workload derived from a stream's or cluster's CloudWatch metrics, exported
 * (metricData) or read live, with the observed statistics and what runs today at today's rates.
 */
@Injectable()
export class FromMetricsService implements OnApplicationShutdown {
  private client?: Promise<AwsMetricsClient>;

  constructor(
    private readonly rates: RatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this server reads metrics live (AWS access configured, see live-rates.ts). */
  get live(): boolean {
    return this.config.METRICS_LIVE;
  }

  /** What the console needs to know: live or exported metrics only, and the documented query ids. */
  capabilities() {
    return {
      live: this.live,
      sources: [...METRIC_SOURCES],
      queryIds: Object.fromEntries(METRIC_SOURCES.map((s) => [s, metricIds(s)])),
    };
  }

  async derive(_caller: Caller, request: FromMetricsRequest): Promise<WorkloadFromMetrics> {
    let live: LiveRead | undefined;
    if (request.metricData === undefined) live = await this.readLive(request);
    const data = parseMetricData(live ? live.metricData : request.metricData, request.source);
    const derived = deriveWorkload({
      region: request.region,
      data,
      stated: request.stated,
      read: live ? { retentionHours: live.retentionHours, dedicatedConsumers: live.dedicatedConsumers } : {},
      window: live?.window,
    });
    const configuration = live?.configuration ?? request.current;
    let current: CurrentCost | null = null;
    if (configuration) {
      const card = await this.rates.current(request.region);
      const normalized = normalizeWorkload(derived.workload);
      const estimate = estimateNormalized(normalized, card, undefined, { input: derived.workload, study: false });
      current = currentCost(
        configuration,
        estimate.options.find((o) => o.option === configuration.option)!,
        card,
      );
    }
    return { ...derived, current };
  }

  private async readLive(request: FromMetricsRequest): Promise<LiveRead> {
    if (!this.live)
      throw new ValidationError([
        {
          field: 'metricData',
          message:
            'this server has no AWS access configured (or METRICS_LIVE=false): export the metrics with the queries of docs/metrics and send them as metricData',
        },
      ]);
    const resource = request.arn ?? request.name!;
    try {
      this.client ??= import('../infrastructure/aws/aws-metrics.client').then(
        ({ AwsMetricsClient: Client }) =>
          new Client({
            cloudWatchEndpoint: this.config.CLOUDWATCH_ENDPOINT,
            kinesisEndpoint: this.config.KINESIS_ENDPOINT,
            kafkaEndpoint: this.config.KAFKA_ENDPOINT,
            maxAttempts: this.config.METRICS_MAX_ATTEMPTS,
            credentials:
              this.config.METRICS_ACCESS_KEY_ID && this.config.METRICS_SECRET_ACCESS_KEY
                ? {
                    accessKeyId: this.config.METRICS_ACCESS_KEY_ID,
                    secretAccessKey: this.config.METRICS_SECRET_ACCESS_KEY,
                  }
                : undefined,
          }),
      );
      const client = await this.client;
      return await client.read(request.region, request.source, { name: request.name, arn: request.arn }, request.days);
    } catch (error) {
      throw awsError(error, request.source, resource, request.region);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client) (await this.client).destroy();
  }
}
