/**
 * `npm run build` (and so `npm start`) runs a step only when its inputs changed (scripts/build.mjs). The plan is
 * checked here on a scratch tree; scripts/smoke.sh checks that a second build of the real tree runs no step.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'build.mjs');

/** Runs `body` as an ES module with build.mjs's exports in scope; returns what it prints as JSON. */
function withBuild(body: string): unknown {
  const code = `import { hashInputs, plan } from ${JSON.stringify(script)};\n${body}`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }));
}

describe('incremental build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamfit-build-'));
    mkdirSync(join(dir, 'src', 'generated'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'src', 'generated', 'g.ts'), 'x');
    writeFileSync(join(dir, 'out.js'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const steps = `const steps = [{ name: 'one', inputs: ['src'], exclude: ['src/generated'], outputs: ['out.js'] }];`;

  it('a step whose inputs are unchanged and whose outputs exist is skipped; a change, a new file or a missing output runs it', () => {
    const result = withBuild(`${steps}
      const base = ${JSON.stringify(dir)};
      const fs = await import('node:fs');
      const stamp = { one: hashInputs(base, ['src'], ['src/generated']) };
      const runs = () => plan(stamp, steps, base).map((p) => p.step.name);
      const out = { fresh: plan({}, steps, base).length, same: runs() };
      fs.writeFileSync(base + '/src/generated/g.ts', 'changed');
      out.excludedChange = runs();
      fs.writeFileSync(base + '/src/a.ts', 'export const a = 2;\\n');
      out.changed = runs();
      stamp.one = hashInputs(base, ['src'], ['src/generated']);
      fs.writeFileSync(base + '/src/b.ts', '');
      out.added = runs();
      stamp.one = hashInputs(base, ['src'], ['src/generated']);
      fs.rmSync(base + '/out.js');
      out.outputMissing = runs();
      console.log(JSON.stringify(out));`);
    expect(result).toEqual({
      fresh: 1,
      same: [],
      excludedChange: [],
      changed: ['one'],
      added: ['one'],
      outputMissing: ['one'],
    });
  });

  it('a renamed file changes the hash even with the same contents', () => {
    const result = withBuild(`
      const base = ${JSON.stringify(dir)};
      const fs = await import('node:fs');
      const before = hashInputs(base, ['src']);
      fs.renameSync(base + '/src/a.ts', base + '/src/c.ts');
      console.log(JSON.stringify(before === hashInputs(base, ['src'])));`);
    expect(result).toBe(false);
  });
});
