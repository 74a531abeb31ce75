/**
 * The OpenAPI document passes Redocly's recommended ruleset with no errors and no warnings (the linter runs here,
 * offline). No rule is switched off; the three places .redocly.lint-ignore.yaml names are ignored, for the reasons
 * it and README "API" give, and the test holds them to exactly those three.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/test-app';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer?: string }>;
}

describe('OpenAPI lint (Redocly recommended)', () => {
  let app: NestFastifyApplication;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'streamfit-openapi-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('reports 0 errors and 0 warnings on /docs-json', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json')).body;
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    // Redocly reads the ignore file from the working directory, keyed by the linted file's name (openapi.json).
    copyFileSync(join(__dirname, '..', '..', '.redocly.lint-ignore.yaml'), join(dir, '.redocly.lint-ignore.yaml'));
    const cli = join(__dirname, '..', '..', 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', file, '--extends', 'recommended', '--format', 'json'], {
      encoding: 'utf8',
      cwd: dir,
      timeout: 120000,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
    });
    const start = run.stdout.indexOf('{');
    expect(start).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(run.stdout.slice(start)) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: Problem[];
    };
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    const warnings = report.problems
      .filter((p) => p.severity === 'warn')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 3 });
    expect(run.status).toBe(0);
  });
});
