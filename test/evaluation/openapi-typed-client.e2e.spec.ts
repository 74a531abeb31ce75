/**
 * A typed client uses the OpenAPI document as it is: openapi-typescript generates the types from the served
 * /docs-json, a client written with openapi-fetch (evaluate, read the recommendation and a total, read the
 * totals operation, create a scenario, read an error's code) compiles with `tsc --noEmit` under `strict` with no
 * cast, no non-null assertion and no type test beyond openapi-fetch's own `{ data } | { error }`; then the same
 * client runs against the started service and reads real answers.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ts from 'typescript';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const FETCH_CJS = join(ROOT, 'node_modules', 'openapi-fetch', 'dist', 'index.cjs');

const CLIENT = `import createClient from 'openapi-fetch';
import type { components, paths } from './api';

type Option = components['schemas']['EvaluationView']['recommendation']['option'];

export async function run(baseUrl: string, authorization: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization } });
  const workload = { ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2 };

  const evaluated = await client.POST('/v1/evaluations', { body: { workload } });
  if (evaluated.error) throw new Error(evaluated.error.code + ': ' + evaluated.error.message);
  const recommended: Option = evaluated.data.recommendation.option;
  const firstTotal: number | null | undefined = evaluated.data.options[0].monthlyCostUsd;
  const lineCount: number = evaluated.data.options[0].lineItems.length;

  const totals = await client.POST('/v1/evaluations/totals', { body: { workload } });
  if (totals.error) throw new Error(totals.error.message);
  const briefOption: Option = totals.data.recommendation.option;
  const totalOfFirst: number | null = totals.data.totals[0].monthlyCostUsd;

  const created = await client.POST('/v1/scenarios', { body: { name: 'typed client', workload } });
  if (created.error) throw new Error(created.error.message);
  const id: string = created.data.id;
  const version: number = created.data.version;

  const refused = await client.POST('/v1/evaluations', { body: { workload: { ...workload, avgRecordSizeKB: 0 } } });
  const refusal: string | undefined = refused.error?.code;
  const badField: string | undefined = refused.error?.fields?.[0]?.field;

  return { recommended, firstTotal, lineCount, briefOption, totalOfFirst, id, version, refusal, badField };
}
`;

describe('OpenAPI: a typed client (openapi-typescript + openapi-fetch) as it is', () => {
  let app: NestFastifyApplication;
  let dir: string;
  let baseUrl: string;
  beforeAll(async () => {
    app = await startTestApp({}, { listen: true });
    baseUrl = await app.getUrl();
    dir = mkdtempSync(join(tmpdir(), 'streamfit-typed-client-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('generates the types from /docs-json, compiles the typed calls strictly and runs them', async () => {
    writeFileSync(join(dir, 'openapi.json'), await (await fetch(`${baseUrl}/docs-json`)).text());
    const generate = node([
      join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
      'openapi.json',
      '-o',
      'api.ts',
    ]);
    expect(generate.status).toBe(0);
    expect(CLIENT).not.toMatch(/\bas\b|!\.|!\[|<any>|: any\b|@ts-/);
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: true,
          paths: { 'openapi-fetch': [join(ROOT, 'node_modules', 'openapi-fetch')] },
        },
        files: ['client.ts'],
      }),
    );
    const tsc = node([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    // The same client, run in its own process: transpiled as it was type-checked, on openapi-fetch's CommonJS build.
    const js = ts.transpileModule(CLIENT, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    writeFileSync(
      join(dir, 'client.cjs'),
      js.replace('require("openapi-fetch")', `require(${JSON.stringify(FETCH_CJS)})`),
    );
    writeFileSync(
      join(dir, 'main.cjs'),
      'require("./client.cjs").run(process.argv[2], process.argv[3]).then((r) => process.stdout.write(JSON.stringify(r)));',
    );
    const authorization = await bearer(app, 'typed-client', 'editor');
    const ran = await runNode([join(dir, 'main.cjs'), baseUrl, authorization]);
    expect(ran.stderr).toBe('');
    const result = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      recommended: 'KDS_PROVISIONED',
      briefOption: 'KDS_PROVISIONED',
      version: 1,
      refusal: 'VALIDATION_FAILED',
      badField: 'workload.avgRecordSizeKB',
    });
    expect(result.firstTotal).toBeGreaterThan(0);
    expect(result.totalOfFirst).toBeGreaterThan(0);
    expect(result.lineCount).toBeGreaterThan(0);
    expect(result.id).toMatch(/\S/);
  });

  /** A tool run to the end in the scratch folder (it needs no server). */
  function node(args: string[]) {
    return spawnSync(process.execPath, args, { encoding: 'utf8', cwd: dir, timeout: 120000 });
  }

  /** The client's process, which calls this test's server: run without blocking the event loop that serves it. */
  function runNode(args: string[]): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, args, { cwd: dir, timeout: 60000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
      );
    });
  }
});
