/**
 * The live metrics read follows the live-rates rule: only when AWS access is configured; the instance metadata
 * address is never probed unless METRICS_LIVE_ON_EC2=true.
 */
import { liveMetricsDecision } from '../../src/infrastructure/aws/live-rates';

const none = () => false;
const base = {
  METRICS_LIVE: true,
  METRICS_LIVE_ON_EC2: false,
  METRICS_ACCESS_KEY_ID: undefined,
  CLOUDWATCH_ENDPOINT: undefined,
  KINESIS_ENDPOINT: undefined,
  KAFKA_ENDPOINT: undefined,
};

describe('live metrics decision', () => {
  it.each([
    ['nothing configured', {}, {}, false],
    ['METRICS_LIVE=false wins over credentials', { METRICS_LIVE: false, METRICS_ACCESS_KEY_ID: 'a' }, {}, false],
    ['explicit METRICS_* credentials', { METRICS_ACCESS_KEY_ID: 'a' }, {}, true],
    ['an endpoint override', { KAFKA_ENDPOINT: 'http://127.0.0.1:1' }, {}, true],
    ['environment credentials', {}, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, true],
    ['a profile', {}, { AWS_PROFILE: 'metrics' }, true],
    ['container credentials', {}, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, true],
    ['on EC2, only when asked', { METRICS_LIVE_ON_EC2: true }, {}, true],
  ] as const)('%s', (_label, config, env, live) => {
    expect(liveMetricsDecision({ ...base, ...config }, { HOME: '/nonexistent', ...env }, none).live).toBe(live);
  });

  it('a shared credentials file counts; otherwise the reason says exported metricData only', () => {
    expect(liveMetricsDecision(base, { HOME: '/home/u' }, (f) => f === '/home/u/.aws/credentials').live).toBe(true);
    expect(liveMetricsDecision(base, { HOME: '/home/u' }, none)).toEqual({
      live: false,
      reason:
        'no AWS credentials configured (exported metricData only; set credentials, or METRICS_LIVE_ON_EC2=true on EC2)',
    });
  });
});
