/**
 * The web console at GET /, driven in real headless Chromium (Debian's /usr/bin/chromium through playwright-core)
 * against the real built console served by the real app (PostgreSQL, Redis, bundled rates).
 * Every figure the page shows is checked against what the public API answers for the same request.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import request from 'supertest';
import { csvRecords } from '../../src/evaluation/batch/batch-input';
import { projectRoot } from '../../src/infrastructure/paths';
import { WEB_CONSOLE_CSP } from '../../src/web-console/web-console';
import { buildTestConsole } from '../support/console-build';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { OPTION_CODES } from '../../src/domain';

jest.setTimeout(180000);

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Set to a folder (e.g. docs) to refresh the README's screenshots from this walk. */
const SCREENSHOTS = process.env.STREAMFIT_SCREENSHOTS_DIR;
const GUIDE = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
  retentionHours: 24,
  trafficPattern: 'STEADY',
  region: 'us-east-1',
};
const OPTIONS = [...OPTION_CODES].sort();
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const money = (v: number | null) => (v === null ? '—' : usd.format(v));
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${usd.format(v)}` : usd.format(v));

/**
 * What a phone reader would meet on the page as it is now: a page wider than the screen, text under 11 px (SVG text
 * at its drawn size: font-size times the SVG's scale), a word split across two lines, a table wider than the screen
 * that does not scroll whole in a box of its own. Runs in the page; returns one line per problem.
 */
const PHONE_PROBLEMS = `(() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push('page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    const el = node.parentElement;
    if (!el || !text.trim() || el.closest('.sr-only, title, desc, option, script, style')) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    const svg = el.closest('svg');
    const size = parseFloat(getComputedStyle(el).fontSize) * (svg ? svg.getScreenCTM().a : 1);
    const sample = JSON.stringify(text.trim().slice(0, 50));
    if (size < 11) problems.push('text of ' + size.toFixed(1) + ' px: ' + sample);
    // Each piece of a word up to a place a line may break (a space, or after a hyphen, dash or slash).
    const pieces = /[^\\s\\-\\u2013\\u2014\\/]+[\\-\\u2013\\u2014\\/]?/g;
    for (let m = pieces.exec(text); m; m = pieces.exec(text)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push('word split across lines: ' + JSON.stringify(m[0]) + ' in ' + sample);
    }
  }
  for (const table of document.querySelectorAll('table')) {
    const r = table.getBoundingClientRect();
    if (r.width === 0 || r.right <= root.clientWidth) continue;
    let box = table.parentElement;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    if (!box) problems.push('table wider than the screen, cut off: ' + (table.className || table.querySelector('caption')?.textContent));
  }
  return problems;
})()`;

/** How many pages a PDF has (its page objects). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

interface Watch {
  problems: string[];
  outside: string[];
  graphqlPosts: number;
}

/** Every walk below runs on a laptop screen and on a phone. */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

describe.each(VIEWPORTS)('web console at / at $width × $height (real Chromium, real service)', (screen) => {
  let app: NestFastifyApplication;
  /** What the API answers for `workload` (GraphQL evaluateWorkload, the fields of `selection`): what the page must show. */
  const apiEvaluation = async (key: string, selection: string, workload: Record<string, unknown>) =>
    (await gql(app, key, `query($i: WorkloadInput!) { evaluateWorkload(input: $i) { ${selection} } }`, { i: workload }))
      .body.data.evaluateWorkload;
  let browser: Browser;
  let base: string;
  let consoleDir = '';
  let editor: string;
  let viewer: string;
  const contexts: BrowserContext[] = [];
  const watches: Watch[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
    // chromium.launch starts every run with a fresh temporary profile (user-data dir).
    // The console the service serves is the one built from this tree, into this run's own folder (not dist/web).
    consoleDir = buildTestConsole();
    app = await startTestApp({}, { listen: true, webConsoleDir: consoleDir });
    const address = app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const team = `console-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    editor = await bearer(app, team, 'editor');
    viewer = await bearer(app, team, 'viewer');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  /** A fresh browser context (own sessionStorage) that records console errors, page errors and every request. */
  async function openConsole(viewport = screen): Promise<{ page: Page; watch: Watch }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    const watch: Watch = { problems: [], outside: [], graphqlPosts: 0 };
    watches.push(watch);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') watch.problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => watch.problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) watch.outside.push(url);
      if (url === `${base}/graphql` && r.method() === 'POST') watch.graphqlPosts++;
    });
    page.on('requestfailed', (r) => watch.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    const res = await page.goto(`${base}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe(WEB_CONSOLE_CSP);
    return { page, watch };
  }

  const text = async (page: Page, selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** A README screenshot (only when STREAMFIT_SCREENSHOTS_DIR is set), with `selector` scrolled to the top. */
  async function screenshot(page: Page, name: string, selector?: string) {
    if (!SCREENSHOTS) return;
    if (selector)
      await page
        .locator(selector)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    else await page.evaluate('window.scrollTo(0, 0)');
    // Named for the screen of this walk (the names say 1366x768).
    await page.screenshot({ path: join(SCREENSHOTS, name.replace('1366x768', `${screen.width}x${screen.height}`)) });
  }

  async function evaluateIn(page: Page) {
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.locator('table.options tbody tr[data-option]').nth(5).waitFor();
  }

  it('serves the built console at GET / with a strict CSP; unknown paths keep the JSON 404', async () => {
    const home = await request(app.getHttpServer()).get('/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    // No inline script or style: a CSP of 'self' holds.
    expect(home.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(home.text).not.toMatch(/<style|\sstyle=/);
    expect(home.text).not.toMatch(/https?:\/\//);
    const built = readFileSync(join(consoleDir, 'index.html'), 'utf8');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(built)?.[1];
    expect(asset).toBeDefined();
    const js = await request(app.getHttpServer()).get(asset as string);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    const missing = await request(app.getHttpServer()).get('/v1/no-such-thing').set('authorization', editor);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBeDefined();
  });

  it('an editor pastes a key, evaluates, reads the six options, the charts and the CSV, saves, compares and re-prices', async () => {
    const { page, watch } = await openConsole();
    const key = editor.replace(/^Bearer /, '');

    // First screen: the key field, the guide's example preset, engine tuning folded away.
    await page.getByLabel('API key').fill(key);
    expect(await page.evaluate("sessionStorage.getItem('streamfit.apiKey')")).toBe(key);
    expect(page.url()).not.toContain(key.slice(3, 13));
    await expect(page.getByLabel(/^Ingest/).inputValue()).resolves.toBe('100');
    await expect(page.getByLabel(/^Shared consumers/).inputValue()).resolves.toBe('2');
    await expect(page.getByLabel(/^Retention/).inputValue()).resolves.toBe('24');
    await expect(page.getByLabel(/^Traffic pattern/).inputValue()).resolves.toBe('STEADY');
    expect(await page.getByLabel(/^Partitions/).isVisible()).toBe(false);

    // A client-side hint next to the field, without asking the server.
    await page.getByLabel(/^Average record size/).fill('-1');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.locator('#field-avgRecordSizeKB-error').waitFor();
    expect(await text(page, '#field-avgRecordSizeKB-error')).toBe('avgRecordSizeKB must be greater than 0');
    expect(await page.getByLabel(/^Average record size/).getAttribute('aria-invalid')).toBe('true');
    expect(watch.graphqlPosts).toBe(0);

    // The server's own field error (peak below average is a cross-field rule only the API checks), next to the field.
    await page.getByLabel(/^Average record size/).fill('1');
    await page.getByLabel(/^Peak write/).fill('0.01');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.locator('#field-peakWriteMBps-error').waitFor();
    const serverAnswer = await gql(
      app,
      editor,
      'query($i: WorkloadInput!) { evaluateWorkload(input: $i) { recommendation { option } } }',
      {
        i: { ...GUIDE, peakWriteMBps: 0.01 },
      },
    );
    const serverField = (serverAnswer.body.errors[0].extensions.fields as { field: string; message: string }[]).find(
      (f) => f.field === 'input.peakWriteMBps',
    );
    expect(await text(page, '#field-peakWriteMBps-error')).toBe(serverField?.message);
    expect(await text(page, '[role=alert]')).toContain('attention');
    await page.getByLabel(/^Peak write/).fill('');

    // Evaluate: the recommendation and a real table of the six options, as the API answers them.
    await evaluateIn(page);
    const api = await apiEvaluation(
      editor,
      'decisionTrace { ruleId fired } warnings { code message } rateCard { sourceLabel } recommendation { option headline monthlyCostUsd } options { option label eligible monthlyCostUsd disqualifiedBy { message } lineItems { rateKey } sizing { boundBy } }',
      GUIDE,
    );
    const rows = page.locator('table.options tbody tr[data-option]');
    expect(await rows.count()).toBe(6);
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-option')))).sort()).toEqual(OPTIONS);
    for (const o of api.options as {
      option: string;
      label: string;
      eligible: boolean;
      monthlyCostUsd: number | null;
      sizing: { boundBy: string };
    }[]) {
      const row = page.locator(`table.options tbody tr[data-option="${o.option}"]`);
      const cells = (await row.locator('th, td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim());
      expect(cells[0]).toContain(o.label);
      expect(cells[1]).toBe(o.eligible ? 'Yes' : 'No');
      expect(await text(page, `tr[data-option="${o.option}"] .cost`)).toBe(money(o.monthlyCostUsd));
      expect(cells[4]).toContain(o.sizing.boundBy);
    }
    expect(await text(page, '#rec-title')).toContain(
      api.options.find((o: { option: string }) => o.option === api.recommendation.option).label,
    );
    expect(await text(page, '.recommendation .big')).toContain(money(api.recommendation.monthlyCostUsd));
    // The decision trace, folded: every rule consulted, in the API's order.
    await page.getByText(/^Decision trace/).click();
    const traceIds = (await page.locator('details.trace tbody th').allTextContents()).map((t) => t.trim());
    expect(traceIds).toEqual(api.decisionTrace.map((t: { ruleId: string }) => t.ruleId));
    expect(await page.locator('details.trace tbody tr.fired').count()).toBe(
      api.decisionTrace.filter((t: { fired: boolean }) => t.fired).length,
    );
    await page.getByText(/^Decision trace/).click();
    // Warnings (stale rates, quotas, minimums) are on the page, each as the API words it.
    expect(api.warnings.length).toBeGreaterThan(0);
    const shownWarnings = await text(page, 'section.warnings');
    for (const w of api.warnings as { code: string; message: string }[])
      expect(shownWarnings).toContain(`${w.code} ${w.message}`);

    // Where the prices come from, said once: with live rates off the bundled snapshot is the choice, not a failure.
    expect(await text(page, '.provenance')).toContain(api.rateCard.sourceLabel);
    expect(api.rateCard.sourceLabel).toMatch(/^bundled snapshot of \d{4}-\d{2}-\d{2} \(live rates off\)$/);
    expect(await page.locator('body').innerText()).not.toMatch(/stale|could not be refreshed/i);

    await screenshot(page, 'console-evaluate-1366x768.png');

    // Line items with rate provenance, expanded on demand.
    const rec = api.options.find((o: { option: string }) => o.option === api.recommendation.option);
    const toggle = page.locator(`tr[data-option="${rec.option}"] button[aria-expanded]`);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const lines = page.locator(`#lines-${rec.option} table.lines tbody tr`);
    expect(await lines.count()).toBe(rec.lineItems.length);
    expect(await text(page, `#lines-${rec.option} table.lines`)).toContain(rec.lineItems[0].rateKey);

    // The cost bar chart and the break-even chart (SVG), with the API's crossovers marked.
    expect(await page.locator('svg.bars g.bar').count()).toBe(6);
    await page.locator('svg.breakeven path.series').first().waitFor();
    const be = (
      await gql(
        app,
        editor,
        'query($i: WorkloadInput!) { breakEven(input: $i, vary: INGEST, from: 1, to: 1000, steps: 41, crossovers: ALL) { series { option } crossovers { at cheaperAfter } } }',
        { i: GUIDE },
      )
    ).body.data.breakEven;
    const paths = page.locator('svg.breakeven path.series');
    expect(await paths.count()).toBe(be.series.length);
    for (const d of await paths.evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '')))
      expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+/);
    expect(be.crossovers.length).toBeGreaterThan(0);
    expect(await page.locator('svg.breakeven g.crossover').count()).toBe(be.crossovers.length);
    expect(await page.locator('ul.crossovers li').count()).toBe(be.crossovers.length);
    expect(await page.locator('svg.breakeven').getAttribute('role')).toBe('img');
    await screenshot(page, 'console-charts-1366x768.png', '#bars-title');
    await screenshot(page, 'console-breakeven-1366x768.png', '#be-title');

    // CSV of the estimate: the API's own CSV, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const restCsv = await request(app.getHttpServer())
      .post('/v1/estimates')
      .set('authorization', editor)
      .set('accept', 'text/csv')
      .send({ workload: GUIDE });
    expect(download.suggestedFilename()).toBe('streamfit-estimate.csv');
    expect(csv).toBe(restCsv.text);

    // Save two scenarios.
    const save = async (name: string, tags: string) => {
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByLabel(/^Scenario name/).fill(name);
      await page.getByLabel(/^Tags/).fill(tags);
      await page.getByRole('button', { name: 'Save scenario' }).click();
      await page.getByText(`Saved “${name}” (version 1)`).waitFor();
    };
    // The API's field error for a bad tag appears next to the Tags field; nothing is saved.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel(/^Scenario name/).fill('Console A');
    await page.getByLabel(/^Tags/).fill('Guide!');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await page.locator('#save-tags-error').waitFor();
    const badTag = await gql(app, editor, 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }', {
      i: { name: 'x', tags: ['Guide!'], workload: GUIDE },
    });
    expect(await text(page, '#save-tags-error')).toBe(badTag.body.errors[0].extensions.fields[0].message);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await save('Console A', 'console, guide');
    await page.getByLabel(/^Ingest/).fill('400');
    await evaluateIn(page);
    await page.locator('svg.breakeven path.series').first().waitFor();
    await save('Console B', 'console');

    const listed = (await gql(app, editor, '{ scenarios(search: "Console") { items { id name version tags } } }')).body
      .data.scenarios.items as { id: string; name: string; tags: string[] }[];
    const a = listed.find((s) => s.name === 'Console A');
    const b = listed.find((s) => s.name === 'Console B');
    expect(a?.tags).toEqual(['console', 'guide']);
    expect(b).toBeDefined();

    // The list, then Compare of the two, side by side with deltas as the API computes them.
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByLabel('Select Console A for comparison').check();
    await page.getByLabel('Select Console B for comparison').check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('table.compare').waitFor();
    const cmp = (
      await gql(
        app,
        editor,
        'query($ids: [ID!]!) { compareScenarios(ids: $ids) { scenarios { name options { option monthlyCostUsd } } deltas { options { option absoluteUsd } } } }',
        { ids: [a?.id, b?.id] },
      )
    ).body.data.compareScenarios;
    expect(await page.locator('table.compare thead th').allTextContents()).toEqual([
      'Option',
      expect.stringContaining('Console A'),
      expect.stringContaining('Console B'),
    ]);
    await screenshot(page, 'console-compare-1366x768.png', '.scenarios h2');
    for (const o of cmp.scenarios[1].options as { option: string; monthlyCostUsd: number | null }[]) {
      const cell = (await page.locator(`table.compare tr[data-option="${o.option}"] td`).nth(1).textContent()) ?? '';
      expect(cell).toContain(money(o.monthlyCostUsd));
      const delta = cmp.deltas[0].options.find((d: { option: string }) => d.option === o.option);
      expect(cell).toContain(signed(delta.absoluteUsd));
    }

    // Filter by tag (a tag in the list is a filter too): only the scenario tagged "guide" remains.
    await page.getByRole('button', { name: 'Show only scenarios tagged guide' }).click();
    await page.locator('table.scenario-list tbody tr').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('table.scenario-list tbody th').allTextContents()).toEqual(['Console A']);
    await expect(page.getByLabel('Tag', { exact: true }).inputValue()).resolves.toBe('guide');

    // The scenario view: versions, save the form's workload as version 2, re-price against version 1.
    await page.getByRole('button', { name: 'Console A' }).click();
    await page.locator('table.versions tbody tr').first().waitFor();
    expect(await page.locator('table.versions tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: /Save the form’s workload as version 2/ }).click();
    await page.getByText('Saved version 2').waitFor();
    await page.locator('table.versions tbody tr').nth(1).waitFor();
    await page.getByLabel('Rates').selectOption('CURRENT');
    await page.getByLabel('Against version').selectOption('1');
    await page.getByRole('button', { name: 'Re-price' }).click();
    await page.locator('table.reprice tbody tr').nth(5).waitFor();
    const rp = (
      await gql(
        app,
        editor,
        'query($id: ID!) { repriceScenario(id: $id, rates: CURRENT, baseline: 1) { change { option baselineUsd usageEffectUsd priceEffectUsd repricedUsd totalChangeUsd } } }',
        { id: a?.id },
      )
    ).body.data.repriceScenario;
    for (const c of rp.change as {
      option: string;
      baselineUsd: number | null;
      usageEffectUsd: number | null;
      priceEffectUsd: number | null;
      repricedUsd: number | null;
      totalChangeUsd: number | null;
    }[]) {
      const cells = (await page.locator(`table.reprice tr[data-option="${c.option}"] td`).allTextContents()).map((t) =>
        t.trim(),
      );
      expect(cells).toEqual([
        money(c.baselineUsd),
        signed(c.usageEffectUsd),
        signed(c.priceEffectUsd),
        money(c.repricedUsd),
        signed(c.totalChangeUsd),
      ]);
    }
    expect(rp.change.some((c: { usageEffectUsd: number | null }) => (c.usageEffectUsd ?? 0) !== 0)).toBe(true);
    await screenshot(page, 'console-reprice-1366x768.png', 'table.versions');

    // Someone else saves meanwhile: the page's next save is a 412, explained, and nothing is overwritten.
    const other = await gql(
      app,
      editor,
      'mutation($id: ID!) { updateScenario(id: $id, expectedVersion: 2, patch: { name: "Console A (edited)" }) { version } }',
      { id: a?.id },
    );
    expect(other.body.data.updateScenario.version).toBe(3);
    await page.getByRole('button', { name: /Save the form’s workload as version 3/ }).click();
    await page.getByText('412 conflict').waitFor();
    const after = (await gql(app, editor, 'query($id: ID!) { scenario(id: $id) { name version } }', { id: a?.id })).body
      .data.scenario;
    expect(after).toEqual({ name: 'Console A (edited)', version: 3 });

    // Load a saved workload back into the form (engine tuning included), ready to evaluate again.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('button', { name: 'Console A (edited)' }).click();
    await page.getByRole('button', { name: 'Load into the form' }).click();
    expect(await page.getByRole('tab', { name: 'Evaluate' }).getAttribute('aria-selected')).toBe('true');
    await expect(page.getByLabel(/^Ingest/).inputValue()).resolves.toBe('400');
    await expect(page.getByLabel(/^Shared consumers/).inputValue()).resolves.toBe('2');

    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('prices a 10,000-row inventory CSV: the summary equals the API’s, the table sorts, the download is the answer', async () => {
    // Distinct workloads (the ingest carries the row number), a few record sizes and patterns, some current options.
    const patterns = ['STEADY', 'VARIABLE', 'UNPREDICTABLE'];
    const currents = ['KDS_ON_DEMAND', 'KDS_PROVISIONED', 'MSK_PROVISIONED', ''];
    const lines = ['id,ingestGbPerDay,avgRecordSizeKB,sharedConsumers,trafficPattern,currentOption'];
    for (let i = 1; i <= 10_000; i++)
      lines.push(
        `s${i},${(1 + i * 0.37).toFixed(2)},${[0.5, 1, 4][i % 3]},${1 + (i % 3)},${patterns[i % 3]},${currents[i % 4]}`,
      );
    lines[3] = 's3,-1,1,1,STEADY,'; // one bad row: its own error, not the batch's
    const inventory = `${lines.join('\r\n')}\r\n`;
    // The API's own CSV answer for the same file (a key of another team: each has its minute of units).
    const api = await request(app.getHttpServer())
      .post('/v1/estimates/batch')
      .set('authorization', await bearer(app, `console-batch-${process.pid}-${screen.width}`, 'viewer'))
      .set('content-type', 'text/csv')
      .set('accept', 'text/csv')
      .send(inventory);
    expect(api.status).toBe(200);
    const records = [...csvRecords(api.text)];
    const col = (name: string) => records[0].indexOf(name);
    const summary = records[records.length - 1];
    expect(summary[col('status')]).toBe('SUMMARY');
    expect([summary[col('row')], summary[col('rowsInError')]]).toEqual(['10000', '1']);

    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await page.getByLabel('Inventory CSV').setInputFiles({
      name: 'estate.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(inventory),
    });
    await page.getByRole('button', { name: 'Price inventory' }).click();
    const shown = page.getByTestId('inventory-summary');
    await shown.waitFor({ timeout: 240_000 });
    const field = async (name: string) => {
      const dd = shown.locator(`[data-field="${name}"]`);
      return Number((await dd.getAttribute('data-value')) ?? (await dd.textContent()));
    };
    expect(await field('rows')).toBe(10_000);
    expect(await field('rowsInError')).toBe(1);
    expect(await field('recommendedTotalUsd')).toBe(Number(summary[col('recommendedCostUsd')]));
    expect(await field('currentTotalUsd')).toBe(Number(summary[col('currentCostUsd')]));
    expect(await field('savingUsd')).toBe(Number(summary[col('savingUsd')]));
    expect(await text(page, '[data-field="recommendedTotalUsd"]')).toBe(
      money(Number(summary[col('recommendedCostUsd')])),
    );
    for (const option of OPTIONS)
      expect(
        Number(await page.locator(`table.option-totals td[data-option="${option}"]`).getAttribute('data-value')),
      ).toBe(Number(summary[col(option)]));

    // The table: 100 rows a page, in inventory order; the bad row says which field.
    const rows = page.locator('table.inventory-rows tbody tr');
    expect(await rows.count()).toBe(100);
    expect(await text(page, 'table.inventory-rows caption')).toMatch(/^Rows 1–100 of 10000/);
    expect(await text(page, 'table.inventory-rows tr[data-row="3"]')).toMatch(/ingestGbPerDay: ingestGbPerDay must be/);
    // Sorted by recommended cost, descending: the first row is the API's most expensive recommendation.
    await page.getByRole('button', { name: 'Recommended cost', exact: true }).click();
    const ok = records.filter((r) => r[col('status')] === 'OK');
    const top = ok.reduce((a, b) =>
      Number(b[col('recommendedCostUsd')] || -1) > Number(a[col('recommendedCostUsd')] || -1) ? b : a,
    );
    expect(await rows.first().getAttribute('data-row')).toBe(top[col('row')]);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('Recommended cost');
    await page.getByRole('button', { name: 'Recommended cost', exact: true }).click();
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toBe('Recommended cost');
    await page.getByRole('button', { name: 'Row', exact: true }).click();
    await page.getByRole('button', { name: 'Row', exact: true }).click();
    expect(await rows.first().getAttribute('data-row')).toBe('10000');
    await page.getByRole('button', { name: 'Next rows' }).click();
    expect(await rows.first().getAttribute('data-row')).toBe('9900');

    // The download is the API's CSV answer for the same file, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download result CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('streamfit-batch-estimate.csv');
    expect(readFileSync((await download.path()) as string, 'utf8')).toBe(api.text);
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  }, 420_000);

  it('a viewer evaluates and reads, and is told in words that saving needs an editor key (403), then sees read-only', async () => {
    const { page, watch } = await openConsole({ width: 390, height: 844 });
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await evaluateIn(page);
    // Phone width: nothing wider than the screen but the tables' own scroll boxes.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'console-phone-390.png') });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel(/^Scenario name/).fill('Viewer try');
    await page.getByRole('button', { name: 'Save scenario' }).click();
    const alert = page.locator('dialog [role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not allowed to \(403\).*editor key/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Read-only: this key has the viewer role.').waitFor();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    const none = (await gql(app, viewer, '{ scenarios(search: "Viewer try") { items { id } } }')).body.data.scenarios
      .items;
    expect(none).toEqual([]);

    // Reading works: the team's scenarios are listed; writing stays off.
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByLabel('Select Console B for comparison').waitFor();
    await page.getByRole('button', { name: 'Console B' }).click();
    await page.locator('table.versions tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: /Save the form’s workload/ }).isDisabled()).toBe(true);

    expect(watch.problems).toEqual([]);

    // A wrong key is a 401, explained with how to get a key. (Should the API answer it with HTTP 401, Chromium logs
    // that status on its own; the console adds nothing else.)
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    await page.getByLabel('API key').fill('sf_nope_nope');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.getByText(/did not accept the API key \(401\)/).waitFor();
    expect(watch.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('From CloudWatch: an uploaded export fills the form; the evaluation says what runs costs and the saving', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(editor.replace(/^Bearer /, ''));
    await page.getByText('From CloudWatch: a workload from what runs today').click();
    const example = join(projectRoot(), 'docs/metrics/example-kinesis-get-metric-data.json');

    // A bad export first: each problem is named, the form is untouched.
    const bad = JSON.parse(readFileSync(example, 'utf8'));
    bad.MetricDataResults[1].Values[0] = -1;
    bad.MetricDataResults[2].Values.pop();
    await page.getByLabel('Exported GetMetricData JSON').fill(JSON.stringify(bad));
    await page.getByRole('button', { name: 'Derive workload' }).click();
    const alert = page.locator('.from-cloudwatch [role=alert]');
    await alert.waitFor();
    const alertText = (await alert.textContent()) ?? '';
    expect(alertText).toContain('incomingRecords: Values[0] is negative (-1)');
    expect(alertText).toContain('getRecordsBytes: 336 timestamps but 335 values');
    await expect(page.getByLabel(/^Ingest/).inputValue()).resolves.toBe('100');

    // The real export, uploaded as a file, with what runs stated beside it.
    await page.getByLabel('Exported GetMetricData JSON').fill('');
    await page.getByLabel('Or upload the JSON file').setInputFiles(example);
    await page.getByLabel(/^Stream or topic retention/).fill('48');
    await page.getByLabel('What runs today (for an export)').selectOption('KDS_PROVISIONED');
    await page.getByLabel('Open shards').fill('100');
    await page.getByRole('button', { name: 'Derive workload' }).click();
    await page.locator('.fcw-result').waitFor();
    const body = {
      source: 'KINESIS_STREAM',
      region: 'us-east-1',
      metricData: JSON.parse(readFileSync(example, 'utf8')),
      retentionHours: 48,
      current: { option: 'KDS_PROVISIONED', shards: 100 },
    };
    const api = await request(app.getHttpServer())
      .post('/v1/workloads/from-metrics')
      .set('authorization', editor)
      .send(body);
    expect(await text(page, '.fcw-current')).toBe(
      `What runs: Kinesis Data Streams, provisioned shards, ${money(api.body.current.monthlyCostUsd)}/month at today's rates.`,
    );
    // The form holds the derived workload: the profile in place of the ingest.
    await expect(page.getByLabel(/^Ingest/).inputValue()).resolves.toBe('');
    await expect(page.getByLabel(/^Hourly write profile/).inputValue()).resolves.toBe(
      JSON.stringify(api.body.workload.hourlyWriteMBps),
    );
    await expect(page.getByLabel(/^Peak write/).inputValue()).resolves.toBe(String(api.body.workload.peakWriteMBps));
    await expect(page.getByLabel(/^Traffic pattern/).inputValue()).resolves.toBe('VARIABLE');

    await evaluateIn(page);
    const evaluation = await request(app.getHttpServer()).post('/v1/evaluations').set('authorization', editor).send({
      workload: api.body.workload,
      currentOption: 'KDS_PROVISIONED',
      currentMonthlyCostUsd: api.body.current.monthlyCostUsd,
    });
    expect(await text(page, '.what-runs .headline')).toBe(evaluation.body.current.summary);
    expect(evaluation.body.current.summary).toMatch(/a saving of \$[\d,.]+\/month/);
    expect(await page.locator('.what-runs li').count()).toBe(evaluation.body.current.risksOfMoving.length);
    // Chromium logs the deliberate bad export's HTTP 400 on its own; the console adds nothing else.
    expect(watch.problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('the Region is a choice among the regions the service knows; in eu-west-1 MSK is priced from AWS data and Kinesis names its missing rates', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    const region = page.locator('#field-region');
    await page.locator('#field-region option[value="eu-west-1"]').waitFor({ state: 'attached' });
    expect(await region.evaluate((el) => el.tagName)).toBe('SELECT');
    const choices = await page.locator('#field-region option').allTextContents();
    expect(choices).toEqual(
      expect.arrayContaining([
        'eu-west-1 (EU (Ireland)): offline 3 of 6 options priced',
        'sa-east-1 (South America (Sao Paulo)): offline 2 of 5 options priced; not offered: MSK_SERVERLESS',
        'us-east-1 (US East (N. Virginia)): offline 6 of 6 options priced',
      ]),
    );
    await region.selectOption('eu-west-1');
    await evaluateIn(page);
    expect(await text(page, 'tr[data-option="KDS_PROVISIONED"]')).toMatch(/Not priced: missing kds\.provisioned\./);
    await page.locator('tr[data-option="MSK_PROVISIONED"] button[aria-expanded]').click();
    await page.locator('table.lines .source', { hasText: 'AWS_DOCUMENT V-feed, 2025-04-04' }).first().waitFor();
    const line = await text(page, 'table.lines tr:has(.source)');
    expect(line).toMatch(/EU-Kafka\.[a-z0-9.]+ · BUNDLED_SNAPSHOT · AWS_DOCUMENT V-feed, 2025-04-04/);
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('lists are typed as JSON: an hourly profile replaces the ingest, a delivery is priced, bad JSON is named', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.url() === `${base}/graphql` && r.method() === 'POST') sent.push(r.postDataJSON());
    });

    // Text that is not a JSON list: named next to the field, nothing sent.
    await page.getByLabel(/^Deliver to/).fill('[{"sink": "S3"');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await page.locator('#field-deliverTo-error').waitFor();
    expect(await text(page, '#field-deliverTo-error')).toMatch(/^deliverTo must be a JSON list, e\.g\. \[/);
    expect(await page.getByLabel(/^Deliver to/).getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    // A day's profile instead of the daily total, and a delivery to S3: sent as lists, answered.
    const day = [...Array(8).fill(1), ...Array(12).fill(20), ...Array(4).fill(5)];
    await page.getByLabel(/^Ingest/).fill('');
    await page.getByLabel(/^Hourly write profile/).fill(JSON.stringify(day));
    await page.getByLabel(/^Deliver to/).fill('[{"sink": "S3", "sharePercent": 100}]');
    await evaluateIn(page);
    const input = (sent.at(-1) as { variables: Record<string, Record<string, unknown>> }).variables;
    const workload = Object.values(input)[0];
    expect(workload.hourlyWriteMBps).toEqual(day);
    expect(workload.deliverTo).toEqual([{ sink: 'S3', sharePercent: 100 }]);
    expect(workload.ingestGbPerDay).toBeUndefined();
    expect(await page.locator('#field-deliverTo-error').count()).toBe(0);

    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('MSK Standard kept 30 days: the sizing shows the tiered total and the all-EBS cluster with its total, as the API', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await page.getByLabel(/^Retention/).fill('720');
    await evaluateIn(page);
    const api = await apiEvaluation(
      viewer,
      'options { option monthlyCostUsd sizing { tieredStorage tieredMonthlyCostUsd untieredBrokers untieredBrokerType untieredMonthlyCostUsd } }',
      { ...GUIDE, retentionHours: 720 },
    );
    const msk = api.options.find((o: { option: string }) => o.option === 'MSK_PROVISIONED');
    expect(msk.sizing.tieredStorage).toBe(true);
    expect(msk.sizing.tieredMonthlyCostUsd).toBe(msk.monthlyCostUsd);
    expect(msk.sizing.untieredMonthlyCostUsd).toBeGreaterThan(msk.monthlyCostUsd);
    const row = page.locator('table.options tbody tr[data-option="MSK_PROVISIONED"]');
    const sizing = (await row.locator('th, td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim())[4];
    expect(sizing).toContain(
      `tiered ${money(msk.sizing.tieredMonthlyCostUsd)}, all-EBS ${msk.sizing.untieredBrokers} × ${msk.sizing.untieredBrokerType} ${money(msk.sizing.untieredMonthlyCostUsd)}`,
    );
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core) on the result, the dialog and the scenarios', async () => {
    // axe is injected into the page, which the console's own CSP would refuse: this context alone bypasses it.
    const context = await browser.newContext({ viewport: screen, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill(editor.replace(/^Bearer /, ''));
    await evaluateIn(page);
    await page.locator('svg.breakeven path.series').first().waitFor();
    await page.locator('table.options button[aria-expanded]').first().click();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const audit = async () => {
      const result = await page.evaluate<{
        violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
      }>("axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })");
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    expect(await audit()).toEqual([]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel(/^Scenario name/).waitFor();
    expect(await audit()).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.locator('table.scenario-list').waitFor();
    expect(await audit()).toEqual([]);
    // The audit is live: an unlabelled input added to the page is reported.
    await page.evaluate(
      "document.body.appendChild(Object.assign(document.createElement('input'), { id: 'unlabelled-probe' }))",
    );
    expect(await audit()).toEqual([expect.stringMatching(/^label: #unlabelled-probe$/)]);
  });

  it('is keyboard-operable: tab order reaches the key, the form and Evaluate; arrow keys switch views', async () => {
    const { page, watch } = await openConsole();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('api-key');
    await page.keyboard.type(editor.replace(/^Bearer /, ''));
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('tab');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Scenarios');
    await page.keyboard.press('ArrowLeft');
    await page.locator('#field-ingestGbPerDay').focus();
    await page.keyboard.press('Enter');
    await page.locator('table.options tbody tr[data-option]').nth(5).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('rec-title');
    // Every form control has a label.
    const unlabelled = await page.evaluate(
      `[...document.querySelectorAll('input, select, textarea')].filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).map((el) => el.id || el.outerHTML.slice(0, 60))`,
    );
    expect(unlabelled).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });
  it('on a phone (390 × 844) every view fits the screen: no sideways page, text ≥ 11 px (charts too), no word broken', async () => {
    const tag = `phone-${process.pid}`;
    const ids: string[] = [];
    for (const [name, ingest] of [
      ['Phone A', 100],
      ['Phone B', 400],
    ] as const) {
      const made = await gql(app, editor, 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }', {
        i: { name, tags: [tag], workload: { ...GUIDE, ingestGbPerDay: ingest } },
      });
      ids.push(made.body.data.createScenario.id);
    }
    const { page, watch } = await openConsole({ width: 390, height: 844 });
    const fits = async (where: string) =>
      expect({ where, problems: await page.evaluate<string[]>(PHONE_PROBLEMS) }).toEqual({ where, problems: [] });
    await fits('first screen');
    await page.getByLabel('API key').fill(editor.replace(/^Bearer /, ''));

    // The result: recommendation, options (with a line-item table open), the charts and the break-even numbers.
    await evaluateIn(page);
    await page.locator('svg.breakeven path.series').first().waitFor();
    await page.locator('table.options tbody tr[data-option] button[aria-expanded]').first().click();
    await page.getByText('The numbers behind the chart').click();
    await fits('evaluate result and break-even');
    // The six options are cards: each as wide as the screen's column, nothing to scroll sideways.
    for (const card of await page.locator('table.options tbody tr[data-option]').all())
      expect((await card.boundingBox())?.width).toBeLessThanOrEqual(390);
    expect(
      await page
        .locator('table.options')
        .evaluate((table) => table.parentElement!.scrollWidth <= table.parentElement!.clientWidth),
    ).toBe(true);
    // The charts draw at the width of their box: one SVG unit is one CSS pixel.
    expect(
      await page.evaluate<number[]>("[...document.querySelectorAll('svg.chart')].map((svg) => svg.getScreenCTM().a)"),
    ).toEqual([expect.closeTo(1, 2), expect.closeTo(1, 2)]);

    // Scenarios: the list, a comparison, a scenario with its history.
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByLabel('Tag', { exact: true }).fill(tag);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Select Phone B for comparison').waitFor();
    await fits('scenarios list');
    await page.getByLabel('Select Phone A for comparison').check();
    await page.getByLabel('Select Phone B for comparison').check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('table.compare').waitFor();
    await fits('compare');
    await page.getByRole('button', { name: 'Phone A' }).click();
    await page.locator('table.versions tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Re-price' }).click();
    await page.locator('table.reprice tbody tr').first().waitFor();
    await fits('scenario detail and history');

    // Inventory: a small estate priced, its summary and rows.
    await page.getByRole('tab', { name: 'Inventory' }).click();
    await page.getByLabel('Inventory CSV').setInputFiles({
      name: 'estate.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'id,ingestGbPerDay,avgRecordSizeKB,sharedConsumers,trafficPattern,currentOption\r\nclickstream-eu,120,1,2,STEADY,KDS_PROVISIONED\r\norders,5,4,3,VARIABLE,\r\n',
      ),
    });
    await page.getByRole('button', { name: 'Price inventory' }).click();
    await page.getByTestId('inventory-summary').waitFor();
    await page.locator('table.inventory-rows tbody tr').nth(1).waitFor();
    await fits('inventory');
    expect(ids).toHaveLength(2);
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('the URL carries the evaluated workload and the scenario version: a reload and a shared link show the same', async () => {
    const key = editor.replace(/^Bearer /, '');
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(key);
    await page.getByLabel(/^Ingest/).fill('250');
    await page.getByLabel(/^Shared consumers/).fill('3');
    await evaluateIn(page);
    const link = page.url();
    expect(new URL(link).searchParams.get('w')).toBeTruthy();
    expect(link).not.toContain(key.slice(3, 13));
    const api = await apiEvaluation(
      editor,
      'recommendation { option monthlyCostUsd } options { option monthlyCostUsd }',
      { ...GUIDE, ingestGbPerDay: 250, sharedConsumers: 3 },
    );
    /** The recommendation and each option's cost, as the page shows them; checked against the API's. */
    const shown = async (p: Page) => {
      await p.locator('table.options tbody tr[data-option]').nth(5).waitFor();
      const costs: Record<string, string> = {};
      for (const row of await p.locator('table.options tbody tr[data-option]').all())
        costs[(await row.getAttribute('data-option')) as string] = await text(
          p,
          `tr[data-option="${await row.getAttribute('data-option')}"] .cost`,
        );
      return { recommended: await text(p, '.recommendation .big'), costs };
    };
    const expected = {
      recommended: `${money(api.recommendation.monthlyCostUsd)} per month`,
      costs: Object.fromEntries(
        (api.options as { option: string; monthlyCostUsd: number | null }[]).map((o) => [
          o.option,
          money(o.monthlyCostUsd),
        ]),
      ),
    };
    expect(await shown(page)).toEqual(expected);

    // A reload: the same result (the key is this tab's, in sessionStorage).
    await page.reload();
    expect(await shown(page)).toEqual(expected);
    await expect(page.getByLabel(/^Ingest/).inputValue()).resolves.toBe('250');

    // The link in another browser, whose tab holds its own key the way the console keeps it.
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(other);
    await other.addInitScript(`sessionStorage.setItem('streamfit.apiKey', ${JSON.stringify(key)})`);
    const shared = await other.newPage();
    await shared.goto(link);
    expect(await shown(shared)).toEqual(expected);

    // Without a key: the form holds the link's workload and says what to do; with a key pasted, the same result.
    const keyless = await (await browser.newContext()).newPage();
    contexts.push(keyless.context());
    await keyless.goto(link);
    await keyless.getByText(/This link holds a workload/).waitFor();
    expect(keyless.url()).toBe(link);
    await expect(keyless.getByLabel(/^Shared consumers/).inputValue()).resolves.toBe('3');
    await keyless.getByLabel('API key').fill(key);
    await keyless.getByRole('button', { name: 'Evaluate', exact: true }).click();
    expect(await shown(keyless)).toEqual(expected);

    // A scenario at a version: saved at 100 GB/day, then 400 (version 2); the link to version 1 shows version 1.
    const made = await gql(app, editor, 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }', {
      i: { name: `Link ${process.pid}`, workload: GUIDE },
    });
    const id = made.body.data.createScenario.id as string;
    const updated = await gql(
      app,
      editor,
      'mutation($id: ID!) { updateScenario(id: $id, expectedVersion: 1, patch: { workload: { ingestGbPerDay: 400 } }) { version } }',
      { id },
    );
    expect(updated.body.data.updateScenario.version).toBe(2);
    const versions = (
      await gql(
        app,
        editor,
        'query($id: ID!) { scenarioVersions(id: $id) { version recommendation recommendedMonthlyCostUsd options { option monthlyCostUsd } } }',
        { id },
      )
    ).body.data.scenarioVersions as {
      version: number;
      recommendedMonthlyCostUsd: number;
      options: { option: string; monthlyCostUsd: number | null }[];
    }[];
    const v1 = versions.find((v) => v.version === 1);
    const v2 = versions.find((v) => v.version === 2);
    expect(v1?.recommendedMonthlyCostUsd).not.toBe(v2?.recommendedMonthlyCostUsd);
    const scenarioCosts = async (p: Page) => {
      await p.locator('table.options.compact tbody tr[data-option]').nth(5).waitFor();
      const out: Record<string, string> = {};
      for (const row of await p.locator('table.options.compact tbody tr[data-option]').all())
        out[(await row.getAttribute('data-option')) as string] = (
          (await row.locator('td.num').textContent()) ?? ''
        ).trim();
      return { version: await p.locator('table.options.compact').getAttribute('data-version'), costs: out };
    };
    const costsOf = (v: typeof v1) => ({
      version: String(v?.version),
      costs: Object.fromEntries((v?.options ?? []).map((o) => [o.option, money(o.monthlyCostUsd)])),
    });
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: `Link ${process.pid}` }).click();
    expect(await scenarioCosts(page)).toEqual(costsOf(v2));
    await page.waitForURL((u) => u.searchParams.get('version') === '2');
    expect(new URL(page.url()).searchParams.get('scenario')).toBe(id);
    await page.getByRole('button', { name: 'Show version 1' }).click();
    await page.waitForURL((u) => u.searchParams.get('version') === '1');
    expect(await scenarioCosts(page)).toEqual(costsOf(v1));
    await shared.goto(page.url());
    expect(await scenarioCosts(shared)).toEqual(costsOf(v1));
    expect(await text(shared, '.shown-version')).toContain(money(v1?.recommendedMonthlyCostUsd ?? null));
    await page.reload();
    expect(await scenarioCosts(page)).toEqual(costsOf(v1));
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });

  it('prints an estimate on one page: the recommendation and the six options, without the form and navigation', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await evaluateIn(page);
    await page.locator('svg.breakeven path.series').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('table.options').isVisible()).toBe(true);
    expect(await page.locator('.recommendation .big').isVisible()).toBe(true);
    for (const hidden of ['.inputs', '[role=tablist]', 'form.key', '.actions'])
      expect({ hidden, visible: await page.locator(hidden).first().isVisible() }).toEqual({ hidden, visible: false });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdfPages(pdf)).toBe(1);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'console-print.png'), fullPage: true });
    // The counter counts: the same page without the print stylesheet's rules is several pages.
    await page.evaluate("document.querySelectorAll('link[rel=stylesheet]').forEach((l) => l.remove())");
    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBeGreaterThan(1);
    expect(watch.problems).toEqual([]);
  });

  it('shows what the API computes: each option’s cost band and risks, the robustness and the runner-up', async () => {
    const { page, watch } = await openConsole();
    await page.getByLabel('API key').fill(viewer.replace(/^Bearer /, ''));
    await page.getByLabel(/^Traffic pattern/).selectOption('VARIABLE');
    await evaluateIn(page);
    const api = await apiEvaluation(
      viewer,
      'recommendation { option robustness { holds summary } } options { option label rank eligible priced monthlyCostUsd monthlyCostBandUsd { low high } risks { code message } }',
      { ...GUIDE, trafficPattern: 'VARIABLE' },
    );
    type Option = {
      option: string;
      label: string;
      rank: number;
      eligible: boolean;
      priced: boolean;
      monthlyCostUsd: number | null;
      monthlyCostBandUsd: { low: number; high: number } | null;
      risks: { code: string; message: string }[];
    };
    const options = api.options as Option[];
    expect(options.filter((o) => o.monthlyCostBandUsd).length).toBeGreaterThan(0);
    expect(options.filter((o) => o.risks.length).length).toBeGreaterThan(0);
    for (const o of options) {
      const row = `table.options tr[data-option="${o.option}"]`;
      if (o.monthlyCostBandUsd)
        expect(await text(page, `${row} .band`)).toBe(
          `${money(o.monthlyCostBandUsd.low)} – ${money(o.monthlyCostBandUsd.high)}`,
        );
      else expect(await page.locator(`${row} .band`).count()).toBe(0);
      const risks = await page.locator(`${row} ul.risks li`).allTextContents();
      expect(risks.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(o.risks.map((r) => `${r.code} ${r.message}`));
    }
    const robustness = api.recommendation.robustness;
    expect(await text(page, '.recommendation .robustness')).toBe(
      `${robustness.holds ? 'Robust' : 'Not robust'}: ${robustness.summary}`,
    );
    const rec = options.find((o) => o.option === api.recommendation.option) as Option;
    const second = options.find((o) => o.rank === 2) as Option;
    expect(second.eligible && second.priced).toBe(true);
    const more = Math.round(((second.monthlyCostUsd as number) - (rec.monthlyCostUsd as number)) * 100) / 100;
    expect(await text(page, '.recommendation .runner-up')).toBe(
      `Runner-up: ${second.label} at ${money(second.monthlyCostUsd)} (${signed(more)} per month)`,
    );
    expect(watch.problems).toEqual([]);
    expect(watch.outside).toEqual([]);
  });
});
