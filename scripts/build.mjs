// The build behind `npm run build` (and so `npm start`): three steps, each run only when its inputs changed
// since it last succeeded, so a restart with nothing changed starts at once instead of rebuilding (~36 s).
//   prisma   prisma generate                      (prisma/schema.prisma, prisma.config.ts, package-lock.json)
//   server   tsc -p tsconfig.build.json           (src/, bench/support/, tsconfig*.json, package-lock.json)
//   web      console codegen + vite → dist/web    (web/ but its generated types, schema.gql, package-lock.json)
// A step's inputs are hashed (paths and contents); the hashes of the last successful run sit in
// dist/.build-stamps.json. The console is built into a fresh folder and swapped in, so a running service never
// serves a half-written or emptied dist/web.
// The tests build their own console with --web-out=DIR (codegen + vite into DIR, no stamps), so `npm test` beside
// a running `npm start` never rewrites the dist/web it serves (whose files it routes one by one at start).
//   node scripts/build.mjs [--force] [--only=prisma,server,web] [--web-out=DIR]
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = join(root, 'dist', '.build-stamps.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Every file under `paths` (files or folders, relative to root), minus `exclude` prefixes, sorted. */
export function filesOf(base, paths, exclude = []) {
  const out = [];
  const walk = (abs) => {
    const rel = relative(base, abs);
    if (exclude.some((e) => rel === e || rel.startsWith(`${e}/`))) return;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOTDIR') return void out.push(rel);
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) walk(join(abs, entry.name));
  };
  for (const p of paths) walk(join(base, p));
  return out.sort();
}

/** One hash over the inputs' paths and contents. */
export function hashInputs(base, paths, exclude = []) {
  const hash = createHash('sha256');
  for (const file of filesOf(base, paths, exclude)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(base, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export const STEPS = [
  {
    name: 'prisma',
    inputs: ['prisma/schema.prisma', 'prisma.config.ts', 'package-lock.json'],
    outputs: ['src/generated/prisma'],
    run: () => execFileSync(bin('prisma'), ['generate'], { cwd: root, stdio: 'inherit' }),
  },
  {
    name: 'server',
    inputs: ['src', 'bench/support', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    outputs: ['dist/src/main.js'],
    run: () => execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  {
    name: 'web',
    inputs: ['web', 'schema.gql', 'package-lock.json'],
    exclude: ['web/src/generated'],
    outputs: ['dist/web/index.html'],
    run: () => {
      const next = join(root, 'dist', `web.next-${process.pid}`);
      const old = join(root, 'dist', `web.old-${process.pid}`);
      try {
        buildConsole(next);
        // Swap: the live folder is never empty or half-written (two renames, no copy).
        if (existsSync(join(root, 'dist', 'web'))) renameSync(join(root, 'dist', 'web'), old);
        renameSync(next, join(root, 'dist', 'web'));
      } finally {
        rmSync(next, { recursive: true, force: true });
        rmSync(old, { recursive: true, force: true });
      }
    },
  },
];

/** The console's typed operations (codegen from schema.gql) and its bundle (vite), written into `outDir`. */
export function buildConsole(outDir, stdio = 'inherit') {
  execFileSync(process.execPath, [join(root, 'web', 'codegen.mjs')], { cwd: root, stdio });
  execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.mjs'], {
    cwd: root,
    stdio,
    env: { ...process.env, WEB_OUT_DIR: outDir },
  });
}

function readStamps() {
  try {
    return JSON.parse(readFileSync(STAMPS, 'utf8'));
  } catch {
    return {};
  }
}

/** The steps whose inputs changed since their last success, or whose outputs are missing. */
export function plan(stamps, steps = STEPS, base = root) {
  return steps
    .map((step) => ({ step, hash: hashInputs(base, step.inputs, step.exclude) }))
    .filter(({ step, hash }) => stamps[step.name] !== hash || step.outputs.some((o) => !existsSync(join(base, o))));
}

function main() {
  const args = process.argv.slice(2);
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const force = args.includes('--force');
  const webOut = args.find((a) => a.startsWith('--web-out='))?.slice('--web-out='.length);
  if (webOut) {
    buildConsole(resolve(webOut));
    process.stdout.write(`build: console built into ${webOut}\n`);
    return;
  }
  for (const step of only ? STEPS.filter((s) => only.includes(s.name)) : STEPS) {
    // Planned one step at a time: a step's inputs may be an earlier step's outputs (src/generated).
    const [pending] = plan(force ? {} : readStamps(), [step]);
    if (!pending) {
      process.stdout.write(`build: ${step.name} up to date\n`);
      continue;
    }
    const started = Date.now();
    step.run();
    const stamps = readStamps();
    stamps[step.name] = pending.hash;
    mkdirSync(dirname(STAMPS), { recursive: true });
    writeFileSync(STAMPS, JSON.stringify(stamps, null, 2) + '\n');
    process.stdout.write(`build: ${step.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
