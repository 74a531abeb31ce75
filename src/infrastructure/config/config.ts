/**
 * The one place that reads the environment. Every variable is declared here once, with its
 * type, default and bounds; a bad value stops the process at start with a message naming it.
 * `.env.example` lists the same variables (a test keeps the two in step).
 */

import { isIP } from 'node:net';

type Kind = 'string' | 'url' | 'int' | 'bool' | 'enum';

interface VarSpec {
  kind: Kind;
  description: string;
  default?: string;
  min?: number;
  max?: number;
  values?: readonly string[];
  protocols?: readonly string[];
}

export const CONFIG_VARIABLES = {
  NODE_ENV: {
    kind: 'enum',
    values: ['development', 'production', 'test'],
    default: 'production',
    description:
      '`npm start` sets production unless given (graphql-js runs its slower development checks otherwise). No mode ever sends stack traces or internals to a client.',
  },
  PORT: { kind: 'int', min: 0, max: 65535, default: '3000', description: 'HTTP port (0 picks a free one).' },
  HOST: {
    kind: 'string',
    description:
      'Interface to listen on. Unset: 127.0.0.1 with the embedded PostgreSQL (a developer machine: nothing is exposed to the network), 0.0.0.0 with DATABASE_URL (a server or container).',
  },
  LOG_LEVEL: {
    kind: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    description: 'pino log level.',
  },
  DATABASE_URL: {
    kind: 'url',
    protocols: ['postgres:', 'postgresql:'],
    description: 'PostgreSQL URL. Unset: an embedded PostgreSQL is started (see EMBEDDED_PG_*).',
  },
  EMBEDDED_PG_DIR: {
    kind: 'string',
    default: '.data/postgres',
    description: 'Data directory of the embedded PostgreSQL (only when DATABASE_URL is unset).',
  },
  EMBEDDED_PG_PORT: {
    kind: 'int',
    min: 1,
    max: 65535,
    default: '54329',
    description: 'Port of the embedded PostgreSQL.',
  },
  DB_POOL_SIZE: { kind: 'int', min: 1, max: 200, default: '10', description: 'PostgreSQL connections per replica.' },
  DB_TIMEOUT_MS: {
    kind: 'int',
    min: 100,
    max: 60000,
    default: '3000',
    description: 'Connect and statement timeout for PostgreSQL.',
  },
  DB_TEAM_CONCURRENCY: {
    kind: 'int',
    min: 1,
    max: 200,
    description:
      "Database operations one team may run at once on a replica (its share of DB_POOL_SIZE). Unset: half the pool, rounded up. Past it the team's operations wait (DB_TEAM_QUEUE), then 429 with Retry-After; other teams keep the rest of the pool.",
  },
  DB_TEAM_QUEUE: {
    kind: 'int',
    min: 0,
    max: 1000,
    default: '20',
    description:
      "Database operations of one team that may wait for its share, each at most DB_TIMEOUT_MS; past either, 429 with Retry-After (that team's only).",
  },
  DB_REQUEST_CONCURRENCY: {
    kind: 'int',
    min: 1,
    max: 200,
    default: '2',
    description:
      'Database operations one request runs at once (a GraphQL request with several aliased scenario fields takes turns).',
  },
  REDIS_URL: {
    kind: 'url',
    protocols: ['redis:', 'rediss:'],
    description: 'Redis URL. Unset: an in-process cache only (single replica).',
  },
  CACHE_PREFIX: {
    kind: 'string',
    default: 'streamfit',
    description: 'Prefix of every Redis key (replicas of one deployment share it).',
  },
  CACHE_MEMORY_TTL_MS: {
    kind: 'int',
    min: 0,
    max: 3600000,
    default: '5000',
    description: 'How long the in-process tier keeps a value before asking Redis again.',
  },
  CACHE_MEMORY_BYTES: {
    kind: 'int',
    min: 65536,
    max: 1073741824,
    default: '33554432',
    description:
      'Heap the in-process tier of the cache may hold (keys and values at two bytes a character; least recently used first out).',
  },
  HEALTH_TIMEOUT_MS: {
    kind: 'int',
    min: 50,
    max: 30000,
    default: '1000',
    description: 'Timeout of each readiness ping.',
  },
  HEADERS_TIMEOUT_MS: {
    kind: 'int',
    min: 100,
    max: 600000,
    default: '10000',
    description: 'Time a client has to send the request headers (408 and close after).',
  },
  REQUEST_TIMEOUT_MS: {
    kind: 'int',
    min: 100,
    max: 3600000,
    default: '30000',
    description:
      'Time a client has to send the whole request, body included (408 and close after): a trickled body cannot hold a socket.',
  },
  CONNECTION_TIMEOUT_MS: {
    kind: 'int',
    min: 1000,
    max: 3600000,
    default: '60000',
    description: 'An idle socket (nothing sent either way) is closed after this long.',
  },
  SEND_TIMEOUT_MS: {
    kind: 'int',
    min: 100,
    max: 3600000,
    default: '30000',
    description:
      'Time a client has to read a whole answer once it is sent (its socket is closed after): a client that does not read cannot pin the answer in memory.',
  },
  BODY_LIMIT_BYTES: {
    kind: 'int',
    min: 1024,
    max: 10485760,
    default: '65536',
    description: 'Largest request body accepted.',
  },
  BATCH_BODY_LIMIT_BYTES: {
    kind: 'int',
    min: 1024,
    max: 67108864,
    default: '8388608',
    description:
      'Largest body of POST /v1/estimates/batch (an inventory of up to 10,000 rows, JSON or CSV); 413 above.',
  },
  GRAPHQL_BODY_LIMIT_BYTES: {
    kind: 'int',
    min: 1024,
    max: 67108864,
    default: '1048576',
    description:
      'Largest body of POST /graphql (estimateWorkloads takes 1,000 workloads); a body over BODY_LIMIT_BYTES needs a valid key before it is read.',
  },
  BATCH_ROWS_PER_UNIT: {
    kind: 'int',
    min: 1,
    max: 10000,
    default: '20',
    description:
      'Rows of a batch estimate per rate-limit unit (POST /v1/estimates/batch, GraphQL estimateWorkloads), counted on top of the request: 10,000 rows cost 500 units more.',
  },
  RATE_LIMIT_PER_MINUTE: {
    kind: 'int',
    min: 1,
    max: 10000000,
    default: '600',
    description:
      'Rate-limit units per API key per minute (kept in Redis when REDIS_URL is set): one per HTTP request, plus one per expensive or writing field or call.',
  },
  TEAM_RATE_LIMIT_PER_MINUTE: {
    kind: 'int',
    min: 1,
    max: 100000000,
    default: '3000',
    description:
      'Rate-limit units per team per minute, all its keys together (minting keys does not multiply a budget).',
  },
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: {
    kind: 'int',
    min: 1,
    max: 10000000,
    default: '60',
    description:
      'Requests without a valid key per client address per minute, per replica: failed authentications and unauthenticated GraphQL (introspection included); 429 above.',
  },
  TRUST_PROXY: {
    kind: 'string',
    description:
      'Reverse proxies in front of streamfit whose X-Forwarded-For is believed: a number of hops (1 = the one proxy in front), or a comma-separated list of proxy addresses and CIDRs (also loopback, linklocal, uniquelocal). Unset: X-Forwarded-For is ignored and clients are told apart by the connecting address.',
  },
  METRICS_TOKEN: {
    kind: 'string',
    description:
      'When set, GET /metrics needs `Authorization: Bearer <token>` (401 otherwise). Unset: /metrics is open (throttled either way, see METRICS_RATE_LIMIT_PER_MINUTE).',
  },
  METRICS_RATE_LIMIT_PER_MINUTE: {
    kind: 'int',
    min: 1,
    max: 100000,
    default: '120',
    description: 'Scrapes of /metrics per client address per minute, per replica; 429 above.',
  },
  SHUTDOWN_GRACE_MS: {
    kind: 'int',
    min: 0,
    max: 120000,
    default: '10000',
    description: 'How long SIGTERM waits for in-flight requests.',
  },
  PRICING_ENDPOINT: {
    kind: 'url',
    protocols: ['http:', 'https:'],
    description: 'AWS Price List API endpoint override (tests point it at a local server).',
  },
  PRICING_API_REGION: {
    kind: 'enum',
    values: ['us-east-1', 'ap-south-1', 'eu-central-1'],
    default: 'us-east-1',
    description: 'Region of the Price List API endpoint (not the priced region).',
  },
  PRICING_ACCESS_KEY_ID: {
    kind: 'string',
    description: 'Credentials for the Price List API; unset: the AWS SDK default chain.',
  },
  PRICING_SECRET_ACCESS_KEY: { kind: 'string', description: 'Secret for PRICING_ACCESS_KEY_ID.' },
  PRICING_MAX_ATTEMPTS: {
    kind: 'int',
    min: 1,
    max: 10,
    default: '4',
    description: 'Attempts per Price List call (SDK retries with backoff).',
  },
  METRICS_LIVE: {
    kind: 'bool',
    default: 'true',
    description:
      'POST /v1/workloads/from-metrics may read CloudWatch, Kinesis and MSK live (a stream or cluster named in the request) when AWS access is configured, as for the Price List (false: exported metricData only).',
  },
  METRICS_LIVE_ON_EC2: {
    kind: 'bool',
    default: 'false',
    description:
      'Read metrics live with the EC2 instance-metadata credentials when nothing else is configured (otherwise the metadata address is never probed).',
  },
  METRICS_ACCESS_KEY_ID: {
    kind: 'string',
    description:
      'Credentials for the live metrics read (cloudwatch:GetMetricData, kinesis:DescribeStreamSummary, kinesis:ListStreamConsumers, kafka:DescribeClusterV2); unset: the AWS SDK default chain.',
  },
  METRICS_SECRET_ACCESS_KEY: { kind: 'string', description: 'Secret for METRICS_ACCESS_KEY_ID.' },
  CLOUDWATCH_ENDPOINT: {
    kind: 'url',
    protocols: ['http:', 'https:'],
    description: 'CloudWatch API endpoint override (a VPC endpoint; tests point it at a local server).',
  },
  KINESIS_ENDPOINT: {
    kind: 'url',
    protocols: ['http:', 'https:'],
    description: 'Kinesis Data Streams API endpoint override.',
  },
  KAFKA_ENDPOINT: {
    kind: 'url',
    protocols: ['http:', 'https:'],
    description: 'Amazon MSK (Kafka) API endpoint override.',
  },
  METRICS_MAX_ATTEMPTS: {
    kind: 'int',
    min: 1,
    max: 10,
    default: '4',
    description: 'Attempts per CloudWatch, Kinesis or MSK call (SDK retries throttling and 5xx with backoff).',
  },
  METRICS_BODY_LIMIT_BYTES: {
    kind: 'int',
    min: 1024,
    max: 10485760,
    default: '1048576',
    description:
      'Largest request body POST /v1/workloads/from-metrics accepts (35 days of exported hourly metrics are ~150 KB); other routes keep BODY_LIMIT_BYTES.',
  },
  GRAPHQL_JIT: {
    kind: 'bool',
    default: 'true',
    description:
      'Run GraphQL queries with graphql-jit (compiled once per query) behind Apollo; false: graphql-js only.',
  },
  PERF_JSON_WRITER: {
    kind: 'bool',
    default: 'true',
    description:
      'Large REST answers written by the compiled JSON writer (false: fast-json-stringify from the same schema, the same bytes; for `npm run bench`).',
  },
  PERF_DOCUMENT_STORE: {
    kind: 'bool',
    default: 'true',
    description:
      "Apollo's store of parsed and validated GraphQL documents (false: every query parsed and validated again; for `npm run bench`).",
  },
  GRAPHQL_JIT_CACHE_BYTES: {
    kind: 'int',
    min: 0,
    max: 1073741824,
    default: '67108864',
    description:
      'Heap the compiled GraphQL operations may hold together (estimated per operation; least recently used first out). Only callers with a key fill it, at most 30 new operations per key per minute.',
  },
  RATES_LIVE: {
    kind: 'bool',
    default: 'true',
    description:
      'Fetch live rates from the Price List API when AWS access is configured (false: bundled snapshot only).',
  },
  RATES_LIVE_ON_EC2: {
    kind: 'bool',
    default: 'false',
    description:
      'Fetch live rates with the EC2 instance-metadata credentials when nothing else is configured (otherwise the metadata address is never probed).',
  },
  RATES_REFRESH_INTERVAL_MS: {
    kind: 'int',
    min: 0,
    max: 604800000,
    default: '86400000',
    description: 'Scheduled refresh period (0 disables the schedule).',
  },
  RATES_STALE_AFTER_MS: {
    kind: 'int',
    min: 60000,
    max: 31536000000,
    default: '172800000',
    description:
      'Age after which a card whose refresh failed (or a live card with live rates off) is marked stale; the bundled snapshot with live rates off never is.',
  },
  RATES_CACHE_TTL_SECONDS: {
    kind: 'int',
    min: 60,
    max: 2592000,
    default: '604800',
    description: 'TTL of the current rate card in Redis.',
  },
  RATES_LOCK_TTL_MS: {
    kind: 'int',
    min: 1000,
    max: 3600000,
    default: '120000',
    description: 'Expiry of the cross-replica refresh lock.',
  },
  PRICE_WATCH: {
    kind: 'bool',
    default: 'true',
    description:
      "Re-price saved scenarios when a refresh changes a region's rate card, record price changes and deliver webhooks (jobs on pg-boss in PostgreSQL, shared by the replicas). false: this replica neither plans nor works jobs.",
  },
  PRICE_WATCH_CHUNK_SIZE: {
    kind: 'int',
    min: 10,
    max: 100000,
    default: '2000',
    description: 'Scenarios per re-pricing job (a range of scenario ids); replicas take jobs in turn.',
  },
  PRICE_WATCH_JOB_EXPIRE_SECONDS: {
    kind: 'int',
    min: 1,
    max: 86400,
    default: '300',
    description:
      'A re-pricing or delivery job still active after this long is taken as lost (its replica died) and retried by another replica.',
  },
  PRICE_WATCH_POLL_MS: {
    kind: 'int',
    min: 500,
    max: 60000,
    default: '2000',
    description: 'How often an idle replica asks the queue for jobs.',
  },
  PRICE_WATCH_CONCURRENCY: {
    kind: 'int',
    min: 1,
    max: 32,
    default: '2',
    description: 'Re-pricing jobs one replica works at the same time (each holds one PostgreSQL connection).',
  },
  WEBHOOK_ALLOWED_HOSTS: {
    kind: 'string',
    description:
      'Comma-separated host names, IP addresses or CIDR ranges webhooks may reach although they are loopback, private, link-local or metadata addresses (refused by default). Example: 127.0.0.1,10.0.0.0/8,hooks.internal',
  },
  WEBHOOK_TIMEOUT_MS: {
    kind: 'int',
    min: 100,
    max: 60000,
    default: '10000',
    description: 'Time a webhook receiver has to connect and answer (one attempt).',
  },
  WEBHOOK_RESPONSE_LIMIT_BYTES: {
    kind: 'int',
    min: 0,
    max: 1048576,
    default: '16384',
    description: "Bytes of a receiver's answer read at most (the rest is dropped, the connection closed).",
  },
  WEBHOOK_RETRY_SCHEDULE_SECONDS: {
    kind: 'string',
    default: '5,300,1800,7200,18000,36000,36000',
    description:
      'Delays between a failed delivery attempt and the next, in seconds (the last one repeats), until WEBHOOK_RETRY_WINDOW_SECONDS after the first attempt.',
  },
  WEBHOOK_RETRY_WINDOW_SECONDS: {
    kind: 'int',
    min: 1,
    max: 604800,
    default: '86400',
    description: 'How long a delivery is retried before it is marked FAILED (24 h).',
  },
} as const satisfies Record<string, VarSpec>;

type Vars = typeof CONFIG_VARIABLES;
type ValueOf<S> = S extends { kind: 'int' }
  ? number
  : S extends { kind: 'bool' }
    ? boolean
    : S extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : string;
export type AppConfig = {
  [K in keyof Vars]: Vars[K] extends { default: string } ? ValueOf<Vars[K]> : ValueOf<Vars[K]> | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseOne(name: string, spec: VarSpec, raw: string, problems: string[]): unknown {
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'url': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        problems.push(`${name} must be a URL (got "${raw}")`);
        return undefined;
      }
      if (spec.protocols && !spec.protocols.includes(url.protocol)) {
        problems.push(`${name} must use ${spec.protocols.join(' or ')} (got "${url.protocol}")`);
      }
      return raw;
    }
    case 'int': {
      const n = Number(raw);
      if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
        problems.push(`${name} must be a whole number (got "${raw}")`);
        return undefined;
      }
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        problems.push(`${name} must be between ${spec.min} and ${spec.max} (got ${n})`);
      }
      return n;
    }
    case 'bool':
      if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
      if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
      problems.push(`${name} must be true or false (got "${raw}")`);
      return undefined;
    case 'enum':
      if (!spec.values?.includes(raw))
        problems.push(`${name} must be one of ${spec.values?.join(', ')} (got "${raw}")`);
      return raw;
  }
}

/** Parse and validate an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(CONFIG_VARIABLES) as [string, VarSpec][]) {
    const given = env[name];
    const raw = given === undefined || given === '' ? spec.default : given;
    out[name] = raw === undefined ? undefined : parseOne(name, spec, raw, problems);
  }
  if ((out.PRICING_ACCESS_KEY_ID === undefined) !== (out.PRICING_SECRET_ACCESS_KEY === undefined)) {
    problems.push('PRICING_ACCESS_KEY_ID and PRICING_SECRET_ACCESS_KEY must be set together');
  }
  if ((out.METRICS_ACCESS_KEY_ID === undefined) !== (out.METRICS_SECRET_ACCESS_KEY === undefined)) {
    problems.push('METRICS_ACCESS_KEY_ID and METRICS_SECRET_ACCESS_KEY must be set together');
  }
  if (typeof out.TRUST_PROXY === 'string') {
    const bad = trustProxyProblem(out.TRUST_PROXY);
    if (bad) problems.push(`TRUST_PROXY ${bad} (got "${out.TRUST_PROXY}")`);
  }
  if (typeof out.METRICS_TOKEN === 'string' && out.METRICS_TOKEN.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');
  if (typeof out.WEBHOOK_RETRY_SCHEDULE_SECONDS === 'string' && !retrySchedule(out.WEBHOOK_RETRY_SCHEDULE_SECONDS))
    problems.push('WEBHOOK_RETRY_SCHEDULE_SECONDS must be comma-separated whole seconds, 1 to 86400 each');
  if (typeof out.WEBHOOK_ALLOWED_HOSTS === 'string') {
    const bad = allowedHostsProblem(out.WEBHOOK_ALLOWED_HOSTS);
    if (bad) problems.push(`WEBHOOK_ALLOWED_HOSTS ${bad}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as AppConfig;
}

/** WEBHOOK_RETRY_SCHEDULE_SECONDS as delays in seconds, or null when malformed. */
export function retrySchedule(raw: string): number[] | null {
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 86400)) return null;
  return parts.map(Number);
}

function allowedHostsProblem(raw: string): string | null {
  for (const entry of raw.split(',').map((s) => s.trim())) {
    if (entry === '') continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    if (bits === undefined && (family || /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i.test(entry))) continue;
    const maxBits = family === 6 ? 128 : 32;
    if (family && extra === undefined && /^\d+$/.test(bits ?? '') && Number(bits) <= maxBits) continue;
    return `must list host names, IP addresses or CIDR ranges (got "${entry}")`;
  }
  return null;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Fastify's trustProxy from TRUST_PROXY: hops (a number) or the trusted proxy addresses; undefined: trust none. */
export function trustProxySetting(raw: string | undefined): number | string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(raw)) return Number(raw);
  return raw.split(',').map((s) => s.trim());
}

function trustProxyProblem(raw: string): string | null {
  const setting = trustProxySetting(raw);
  if (typeof setting === 'number')
    return setting >= 1 && setting <= 10 ? null : 'must be 1 to 10 hops, or proxy addresses';
  for (const entry of setting ?? []) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits)))
      return `must be a number of hops or a list of IP addresses, CIDRs, ${PROXY_NAMES.join(', ')}`;
  }
  return null;
}

/**
 * The AWS SDK's own variables (credentials chain) and HOME, read here like all configuration: they decide whether
 * live rates may be fetched at all (src/infrastructure/aws/live-rates.ts), not how.
 */
/** HOST when given; otherwise loopback on a developer's machine (embedded PostgreSQL), every interface elsewhere. */
export function listenHost(host: string | undefined, embedded: boolean): string {
  return host ?? (embedded ? '127.0.0.1' : '0.0.0.0');
}

export function awsEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('AWS_') || k === 'HOME'));
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
