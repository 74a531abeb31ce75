import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, awsEnvironment } from '../config/config';

export interface LiveRatesDecision {
  live: boolean;
  /** Why: which configuration allows live rates, or why none does. */
  reason: string;
}

/**
 * Whether to fetch live rates from the AWS Price List API. Only when AWS access is configured: explicit
 * PRICING_* credentials, a Price List endpoint override, the SDK's environment variables, a web identity, container
 * credentials, a profile or a shared credentials/config file — or, on EC2 where only the instance metadata service
 * would answer, RATES_LIVE_ON_EC2=true. Otherwise nothing is fetched: the SDK's default chain would otherwise probe
 * the instance metadata address (169.254.169.254) from any machine, and `npm start` must not reach outside it.
 */
export function liveRatesDecision(
  config: Pick<AppConfig, 'RATES_LIVE' | 'RATES_LIVE_ON_EC2' | 'PRICING_ACCESS_KEY_ID' | 'PRICING_ENDPOINT'>,
  env: Record<string, string | undefined> = awsEnvironment(),
  fileExists: (path: string) => boolean = existsSync,
): LiveRatesDecision {
  if (!config.RATES_LIVE) return { live: false, reason: 'RATES_LIVE=false' };
  if (config.PRICING_ACCESS_KEY_ID) return { live: true, reason: 'PRICING_ACCESS_KEY_ID' };
  if (config.PRICING_ENDPOINT) return { live: true, reason: 'PRICING_ENDPOINT' };
  const chain = sdkChainConfigured(env, fileExists);
  if (chain) return { live: true, reason: chain };
  if (config.RATES_LIVE_ON_EC2) return { live: true, reason: 'RATES_LIVE_ON_EC2 (instance metadata credentials)' };
  return {
    live: false,
    reason: 'no AWS credentials configured (bundled snapshot only; set credentials, or RATES_LIVE_ON_EC2=true on EC2)',
  };
}

/**
 * Whether POST /v1/workloads/from-metrics may read CloudWatch, Kinesis and MSK live: the same rule as live rates,
 * with the METRICS_* variables (explicit credentials, an endpoint override, the SDK's chain, or METRICS_LIVE_ON_EC2).
 */
export function liveMetricsDecision(
  config: Pick<
    AppConfig,
    | 'METRICS_LIVE'
    | 'METRICS_LIVE_ON_EC2'
    | 'METRICS_ACCESS_KEY_ID'
    | 'CLOUDWATCH_ENDPOINT'
    | 'KINESIS_ENDPOINT'
    | 'KAFKA_ENDPOINT'
  >,
  env: Record<string, string | undefined> = awsEnvironment(),
  fileExists: (path: string) => boolean = existsSync,
): LiveRatesDecision {
  if (!config.METRICS_LIVE) return { live: false, reason: 'METRICS_LIVE=false' };
  if (config.METRICS_ACCESS_KEY_ID) return { live: true, reason: 'METRICS_ACCESS_KEY_ID' };
  if (config.CLOUDWATCH_ENDPOINT || config.KINESIS_ENDPOINT || config.KAFKA_ENDPOINT)
    return { live: true, reason: 'an endpoint override (CLOUDWATCH_ENDPOINT, KINESIS_ENDPOINT or KAFKA_ENDPOINT)' };
  const chain = sdkChainConfigured(env, fileExists);
  if (chain) return { live: true, reason: chain };
  if (config.METRICS_LIVE_ON_EC2) return { live: true, reason: 'METRICS_LIVE_ON_EC2 (instance metadata credentials)' };
  return {
    live: false,
    reason:
      'no AWS credentials configured (exported metricData only; set credentials, or METRICS_LIVE_ON_EC2=true on EC2)',
  };
}

/** Which part of the AWS SDK's default credential chain is configured without the instance metadata service, or null. */
function sdkChainConfigured(
  env: Record<string, string | undefined>,
  fileExists: (path: string) => boolean,
): string | null {
  const set = (name: string) => typeof env[name] === 'string' && env[name] !== '';
  if (set('AWS_ACCESS_KEY_ID') && set('AWS_SECRET_ACCESS_KEY')) return 'AWS credentials in the environment';
  if (set('AWS_WEB_IDENTITY_TOKEN_FILE') && set('AWS_ROLE_ARN')) return 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)';
  if (set('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') || set('AWS_CONTAINER_CREDENTIALS_FULL_URI'))
    return 'container credentials';
  if (set('AWS_PROFILE')) return `profile ${env.AWS_PROFILE}`;
  const home = env.HOME ?? homedir();
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
  ];
  const found = files.find((f) => fileExists(f));
  return found ? `shared AWS file ${found}` : null;
}
