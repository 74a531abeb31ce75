/**
 * The Node flags the service runs with are part of how it performs (README "Configuration", "Benchmarks"):
 * `npm start`, `npm run start:prod` and the container's CMD give the same ones, and the README names them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** The `--flags` of a command line, in order. */
const flagsOf = (command: string): string[] => command.split(/\s+/).filter((part) => part.startsWith('--'));

describe('Node flags of the service', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const start = flagsOf(scripts.start);

  it('npm start caps the old generation and keeps a 16 MB young generation', () => {
    expect(start).toEqual(['--max-semi-space-size=16', '--max-old-space-size=1024']);
  });

  it('start:prod and the Dockerfile CMD run with the same flags as npm start', () => {
    expect(flagsOf(scripts['start:prod'])).toEqual(start);
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
    expect(cmd).not.toBeNull();
    const argv = JSON.parse(cmd![1]) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.filter((a) => a.startsWith('--'))).toEqual(start);
  });

  it('the README states the flags', () => {
    expect(read('README.md')).toContain(`node ${start.join(' ')}`);
  });
});
