/**
 * /metrics passes `promtool check metrics` (Prometheus's own linter, Debian package `prometheus`, when installed) and
 * the exposition-format rules it checks, tested here whether or not promtool is installed: every family has one HELP
 * and one TYPE line before its samples, valid names, counters and only counters end in `_total`, base units
 * (`_seconds`, `_bytes`), no duplicate series. And it has the rate-card age gauge: seconds since the card in force for
 * each region was fetched or published.
 */
import { spawnSync } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: Array<{ name: string; labels: string; value: number }>;
}

/** The text exposition format, read strictly: any line that does not parse is a problem. */
function parseExposition(text: string): { families: Map<string, Family>; problems: string[] } {
  const families = new Map<string, Family>();
  const problems: string[] = [];
  const family = (name: string) => families.get(name) ?? families.set(name, { name, samples: [] }).get(name)!;
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const f = family(meta[2]);
      if (f.samples.length) problems.push(`${meta[1]} of ${meta[2]} after its samples`);
      if (meta[1] === 'HELP') {
        if (f.help !== undefined) problems.push(`second HELP for ${meta[2]}`);
        f.help = meta[3];
      } else {
        if (f.type !== undefined) problems.push(`second TYPE for ${meta[2]}`);
        f.type = meta[3];
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)( \d+)?$/.exec(line);
    if (!sample) {
      problems.push(`unparsable line: ${line}`);
      continue;
    }
    const [, name, labels = '', raw] = sample;
    const value = Number(raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw);
    if (Number.isNaN(value) && raw !== 'NaN') problems.push(`bad value in ${line}`);
    if (seen.has(name + labels)) problems.push(`duplicate series ${name}${labels}`);
    seen.add(name + labels);
    const base = [...families.keys()].find(
      (f) => name === f || ['_bucket', '_sum', '_count'].some((s) => name === f + s),
    );
    if (!base) problems.push(`sample ${name} with no HELP/TYPE family`);
    else family(base).samples.push({ name, labels, value });
  }
  return { families, problems };
}

/** The naming rules promtool's linter applies (and the Prometheus naming guide). */
function lint(families: Map<string, Family>): string[] {
  const problems: string[] = [];
  for (const f of families.values()) {
    if (!f.help) problems.push(`${f.name}: no HELP text`);
    if (!f.type || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(f.type))
      problems.push(`${f.name}: TYPE ${f.type}`);
    if (f.type === 'counter' && !f.name.endsWith('_total')) problems.push(`${f.name}: counter without _total`);
    if (f.type !== 'counter' && f.name.endsWith('_total')) problems.push(`${f.name}: non-counter ending in _total`);
    if (/_(milliseconds|millis|ms|microseconds|kilobytes|megabytes|minutes|hours)(_|$)/.test(f.name))
      problems.push(`${f.name}: not a base unit`);
    if (!f.name.startsWith('streamfit_')) problems.push(`${f.name}: not under streamfit_`);
    if (f.name !== f.name.toLowerCase()) problems.push(`${f.name}: not snake_case`);
  }
  return problems;
}

describe('/metrics exposition', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  beforeAll(async () => {
    app = await startTestApp();
    viewer = await bearer(app, 'metrics-exposition', 'viewer');
  });
  afterAll(async () => app.close());

  const scrape = async () => (await request(app.getHttpServer()).get('/metrics')).text;

  it('passes the exposition-format and naming rules, and promtool check metrics where it is installed', async () => {
    // Traffic first, so that labelled counters and histograms have series to show.
    for (const region of ['us-east-1', 'eu-west-1'])
      await request(app.getHttpServer())
        .post('/v1/evaluations')
        .set('authorization', viewer)
        .send({ workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1, region } })
        .expect(200);
    const text = await scrape();
    const { families, problems } = parseExposition(text);
    expect(problems).toEqual([]);
    expect(lint(families)).toEqual([]);
    expect(families.get('streamfit_http_requests_total')?.samples.length).toBeGreaterThan(0);

    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (promtool.error) {
      process.stdout.write('promtool is not installed (apt-get install prometheus): the rules above stand in\n');
      return;
    }
    expect(promtool.stdout + promtool.stderr).toBe('');
    expect(promtool.status).toBe(0);
  });

  it('has the age of the rate card in force per region, from the time it was fetched or published', async () => {
    const cards = await Promise.all(
      ['us-east-1', 'eu-west-1'].map(async (region) => {
        const res = await request(app.getHttpServer()).get(`/v1/rate-cards/${region}`).set('authorization', viewer);
        expect(res.status).toBe(200);
        return res.body as { region: string; source: string; fetchedAt: string };
      }),
    );
    const before = Date.now();
    const { families } = parseExposition(await scrape());
    const after = Date.now();
    const age = families.get('streamfit_rate_card_age_seconds');
    expect(age?.type).toBe('gauge');
    for (const card of cards) {
      const series = age!.samples.find((s) => s.labels === `{region="${card.region}",source="${card.source}"}`);
      expect({ region: card.region, found: Boolean(series) }).toEqual({ region: card.region, found: true });
      const fetched = Date.parse(card.fetchedAt);
      expect(series!.value).toBeGreaterThanOrEqual((before - fetched) / 1000 - 1);
      expect(series!.value).toBeLessThanOrEqual((after - fetched) / 1000 + 1);
      // The bundled snapshot (no AWS access in tests) was published days ago, not a second ago.
      expect(card.source).toBe('BUNDLED_SNAPSHOT');
      expect(series!.value).toBeGreaterThan(86_400);
    }
  });
});
