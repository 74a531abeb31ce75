/**
 * The console's price changes, in real headless Chromium against the real built console: the Price changes tab
 * and a scenario's own list show what GET /v1/price-changes answers after a real refresh changed a price.
 */
import { execFileSync } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Browser, chromium } from 'playwright-core';
import request from 'supertest';
import { projectRoot } from '../../src/infrastructure/paths';
import { bearer } from '../support/keys';
import { PriceListServer } from '../support/pricelist-server';
import { startTestApp } from '../support/test-app';
import { until } from '../support/until';
import { aWorkload } from '../scenarios/scenario-fixtures';
import { serveRegion, watchEnv } from './receiver';

jest.setTimeout(180000);

const REGION = 'ap-south-1';
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });

describe('console: price changes (real Chromium, real app, local Price List)', () => {
  let server: PriceListServer;
  let app: NestFastifyApplication;
  let browser: Browser;

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build:web'], { cwd: projectRoot(), stdio: 'pipe' });
    server = await new PriceListServer().start();
    serveRegion(server, REGION);
    app = await startTestApp(watchEnv(server), { listen: true });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await server?.close();
  });

  it('lists the team’s price changes and shows a scenario’s own under it', async () => {
    const http = app.getHttpServer();
    const team = `console-watch-${process.pid}-${Date.now().toString(36)}`;
    const admin = await bearer(app, team, 'admin');
    const viewer = await bearer(app, team, 'viewer');
    expect((await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin)).status).toBe(200);
    const saved = await request(http)
      .post('/v1/scenarios')
      .set('authorization', admin)
      .send({ name: 'Console watch', workload: aWorkload().withRegion(REGION).withIngestGbPerDay(200).build() });
    expect(saved.status).toBe(201);
    serveRegion(server, REGION, '0.0300000000');
    expect((await request(http).post(`/v1/rate-cards/${REGION}/refresh`).set('authorization', admin)).status).toBe(200);
    const api = await until(
      async () => (await request(http).get('/v1/price-changes').set('authorization', viewer)).body.items ?? [],
      (items: unknown[]) => items.length === 1,
      20000,
    );
    const change = api[0] as { maxChangeUsd: number; rates: Array<{ key: string; old: string; new: string }> };

    const address = http.address() as { port: number };
    const page = await (await browser.newContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${address.port}/`);
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await page.getByRole('tab', { name: 'Price changes' }).click();
    const row = page.locator('table.price-change-list tbody tr').first();
    await row.waitFor();
    const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Console watch');
    expect(text).toContain(`${change.rates[0].key} ${change.rates[0].old} → ${change.rates[0].new}`);
    expect(text).toContain(`+${usd.format(change.maxChangeUsd)}`);
    expect(await page.locator('table.price-change-list tbody tr').count()).toBe(1);

    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Console watch' }).click();
    const own = page.locator('section.price-changes table.price-change-list tbody tr');
    await own.first().waitFor();
    expect(await own.count()).toBe(1);
    expect((await own.first().textContent()) ?? '').toContain(change.rates[0].key);
    expect(problems).toEqual([]);
  });
});
