/**
 * The one place that reads the environment. Every variable is declared here once, with its
 * type, default and bounds; a bad value stops the process at start with a message naming it.
 * `.env.example` lists the same variables (a test keeps the two in step).
 */

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
  HOST: { kind: 'string', default: '0.0.0.0', description: 'Interface to listen on.' },
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
  GRAPHQL_JIT: {
    kind: 'bool',
    default: 'true',
    description:
      'Run GraphQL queries with graphql-jit (compiled once per query) behind Apollo; false: graphql-js only.',
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
    description: 'Age after which a card whose refresh failed is marked stale.',
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
  if (problems.length > 0) throw new ConfigError(problems);
  return out as AppConfig;
}

/**
 * The AWS SDK's own variables (credentials chain) and HOME, read here like all configuration: they decide whether
 * live rates may be fetched at all (src/infrastructure/aws/live-rates.ts), not how.
 */
export function awsEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('AWS_') || k === 'HOME'));
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
