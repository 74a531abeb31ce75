import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, listenHost, loadConfig } from '../../src/infrastructure/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration', () => {
  it('runs with no variables at all: embedded database, in-process cache, defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.RATES_LIVE).toBe(true);
  });

  it('listens on loopback with the embedded PostgreSQL, on every interface with DATABASE_URL, on HOST when given', () => {
    const unset = loadConfig({});
    expect(unset.HOST).toBeUndefined();
    expect(listenHost(unset.HOST, true)).toBe('127.0.0.1');
    expect(listenHost(unset.HOST, false)).toBe('0.0.0.0');
    expect(listenHost(loadConfig({ HOST: '0.0.0.0' }).HOST, true)).toBe('0.0.0.0');
    expect(listenHost(loadConfig({ HOST: '::1' }).HOST, false)).toBe('::1');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535 (got 70000)'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must use postgres: or postgresql: (got "mysql:")'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL must be a URL (got "not a url")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ RATES_LIVE: 'maybe' }, 'RATES_LIVE must be true or false (got "maybe")'],
    [{ PRICING_ACCESS_KEY_ID: 'AKIA' }, 'PRICING_ACCESS_KEY_ID and PRICING_SECRET_ACCESS_KEY must be set together'],
  ])('rejects %j naming the variable', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', DB_POOL_SIZE: '0' })).toHaveLength(2);
  });

  it('stops the process at start with a message naming the variable', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['-r', './scripts/ts-register.js', 'src/main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT must be a whole number');
  });

  it('.env.example lists every variable and nothing else', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });
});
