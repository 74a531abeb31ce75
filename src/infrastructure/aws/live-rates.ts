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
  const set = (name: string) => typeof env[name] === 'string' && env[name] !== '';
  if (config.PRICING_ACCESS_KEY_ID) return { live: true, reason: 'PRICING_ACCESS_KEY_ID' };
  if (config.PRICING_ENDPOINT) return { live: true, reason: 'PRICING_ENDPOINT' };
  if (set('AWS_ACCESS_KEY_ID') && set('AWS_SECRET_ACCESS_KEY'))
    return { live: true, reason: 'AWS credentials in the environment' };
  if (set('AWS_WEB_IDENTITY_TOKEN_FILE') && set('AWS_ROLE_ARN'))
    return { live: true, reason: 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)' };
  if (set('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') || set('AWS_CONTAINER_CREDENTIALS_FULL_URI'))
    return { live: true, reason: 'container credentials' };
  if (set('AWS_PROFILE')) return { live: true, reason: `profile ${env.AWS_PROFILE}` };
  const home = env.HOME ?? homedir();
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
  ];
  const found = files.find((f) => fileExists(f));
  if (found) return { live: true, reason: `shared AWS file ${found}` };
  if (config.RATES_LIVE_ON_EC2) return { live: true, reason: 'RATES_LIVE_ON_EC2 (instance metadata credentials)' };
  return {
    live: false,
    reason: 'no AWS credentials configured (bundled snapshot only; set credentials, or RATES_LIVE_ON_EC2=true on EC2)',
  };
}
