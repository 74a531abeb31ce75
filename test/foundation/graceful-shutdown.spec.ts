import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../support/keys';
import { dropRedisKeys } from '../support/redis-keys';
import { regionShapedDocuments, serveAll } from '../support/pricelist-fixtures';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp, TEST_REDIS_URL, testDatabaseUrl } from '../support/test-app';

/** Starts the real entry point (src/main.ts) as its own process and waits for its "serving" line. */
async function startMain(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(process.execPath, ['-r', './scripts/ts-register.js', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /streamfit is serving on (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`main exited early (${code}): ${out}`));
    });
  });
  return { child, base, output: () => out };
}

describe('graceful shutdown (SIGTERM) of the real process', () => {
  let app: NestFastifyApplication;
  let priceList: PriceListServer;
  beforeAll(async () => {
    app = await startTestApp();
    priceList = await new PriceListServer().start();
    const docs = regionShapedDocuments('us-west-1');
    serveAll(priceList, docs);
  });
  const cachePrefix = `shutdown-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    await app.close();
    await priceList.close();
    // The child service's rate cards (kept 7 days) go with the test.
    await dropRedisKeys(cachePrefix);
  });

  it('lets a request in flight finish, then stops accepting and exits', async () => {
    const admin = await bearer(app, 'ops', 'admin');
    const { child, base, output } = await startMain({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      CACHE_PREFIX: cachePrefix,
      RATES_LIVE: 'false',
      PRICING_ENDPOINT: priceList.endpoint,
      PRICING_ACCESS_KEY_ID: 'AKIDLOCAL',
      PRICING_SECRET_ACCESS_KEY: 'local',
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // A slow request: the Price List server takes 1.5 s per page.
    priceList.delayMs = 1500;
    const inFlight = fetch(`${base}/v1/rate-cards/us-west-1/refresh`, {
      method: 'POST',
      headers: { authorization: admin },
    });
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { outcome: string }).outcome).toMatch(/UPDATED|UNCHANGED/);
    const { code, signal } = await exited;
    if (!(code === 0 || signal === 'SIGTERM')) console.log(output());
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(output()).toContain('shutting down: finishing in-flight requests');
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });
});
