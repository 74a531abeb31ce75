/**
 * README examples that cannot drift. Every block marked `<!-- example: name -->` in README.md is a ```bash block
 * followed by the output it gives; here they run, in order, in one bash session (as a reader pastes them), against
 * a started service (a real server on port 0, a real admin key in $KEY, http://localhost:3000 pointed at it), and
 * each real output must equal the README's, ids, times and keys aside. `UPDATE_README=1` writes the real outputs
 * into README.md instead.
 *
 * The decision guide's table is checked against its own curl and the quick-start curl: every figure of its
 * streamfit column is what the API answers for the inputs that row names.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

const README = join(__dirname, '..', '..', 'README.md');
const EXAMPLE = /<!-- example: ([a-z-]+) -->\n\n```bash\n([\s\S]*?)\n```\n\n```([a-z]+)\n([\s\S]*?)```\n/g;
const TASKS = ['evaluate', 'csv', 'save', 'patch', 'compare', 'reprice', 'break-even', 'batch', 'graphql'];

interface Example {
  name: string;
  command: string;
  language: string;
  output: string;
  /** Where the output block's content starts and ends in README.md. */
  start: number;
  end: number;
}

export function readmeExamples(text: string): Example[] {
  return [...text.matchAll(EXAMPLE)].map((m) => {
    const start = m.index! + m[0].length - 4 - m[4].length;
    return { name: m[1], command: m[2], language: m[3], output: m[4], start, end: start + m[4].length };
  });
}

/** What differs from run to run: scenario ids, times, keys, request ids. */
export function normalize(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/sf_[a-z0-9]{10}_[A-Za-z0-9_-]+/g, '<key>')
    .replace(/W\/"[^"]*"/g, '<etag>')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** One bash process for the whole README: variables set by one example (ID) are there for the next. */
class Shell {
  private readonly bash: ChildProcessWithoutNullStreams;
  private output = '';
  private count = 0;

  constructor(cwd: string, env: Record<string, string>) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    this.bash.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.bash.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.output += chunk));
    this.bash.stdin.write('exec 2>&1\n');
  }

  async run(command: string, timeoutMs = 60000): Promise<string> {
    const marker = `__readme_example_${++this.count}__`;
    this.output = '';
    this.bash.stdin.write(`${command}\necho; echo ${marker}\n`);
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(marker)) {
      if (Date.now() > deadline) throw new Error(`example timed out; output so far:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // CSV answers end their lines with CRLF (RFC 4180): the README prints them as lines.
    return this.output.slice(0, this.output.indexOf(marker)).replace(/\r\n/g, '\n').replace(/\n+$/, '');
  }

  close(): void {
    this.bash.stdin.end();
    this.bash.kill();
  }
}

/** `$1,178.98` → 1178.98 */
const dollars = (cell: string) => Number(cell.replace(/[$,*\s]/g, ''));

describe('README examples', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let key: string;
  let dir: string;
  let shell: Shell;
  const readme = readFileSync(README, 'utf8');
  const examples = readmeExamples(readme);
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp({}, { listen: true });
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    key = (await bearer(app, 'readme-examples', 'admin')).slice('Bearer '.length);
    dir = mkdtempSync(join(tmpdir(), 'streamfit-readme-'));
    shell = new Shell(dir, { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KEY: key, LC_ALL: 'C.UTF-8' });
    for (const example of examples)
      outputs.set(example.name, await shell.run(example.command.replaceAll('http://localhost:3000', baseUrl)));
  });
  afterAll(async () => {
    shell?.close();
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it('has one marked example per task, each with an output block', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining([...TASKS, 'decision-guide']));
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
    for (const e of examples)
      expect({ name: e.name, copyPaste: e.command.includes('$KEY') }).toEqual({ name: e.name, copyPaste: true });
  });

  it('prints what each example really gives (UPDATE_README=1 rewrites the outputs)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(TASKS.length + 1);
    if (process.env.UPDATE_README === '1') {
      let text = readme;
      for (const e of [...examples].reverse())
        // A CSV's byte order mark is not printed here (the README says every CSV starts with one).
        text = text.slice(0, e.start) + `${(outputs.get(e.name) ?? '').replace(/^\uFEFF/, '')}\n` + text.slice(e.end);
      writeFileSync(README, text);
      return;
    }
    for (const e of examples) {
      const real = outputs.get(e.name) ?? '';
      expect({ example: e.name, output: normalize(real) }).toEqual({ example: e.name, output: normalize(e.output) });
      // Not an error, not empty: the example did what it says.
      expect({
        example: e.name,
        failed: /"(statusCode|errors)"|curl: \(|jq: error|command not found/.test(real),
      }).toEqual({
        example: e.name,
        failed: false,
      });
    }
  });

  it('reconciles the decision guide table with its curl and the quick-start curl', async () => {
    const section = readme.slice(readme.indexOf("## The decision guide's own example"));
    const table = section.slice(0, section.indexOf('\n## '));
    const rows = new Map(
      [...table.matchAll(/^\| ([^|]+?) \| (\$[\d,.]+) \|/gm)].map((m) => [m[1], dollars(m[2])] as [string, number]),
    );
    const guide = examples.find((e) => e.name === 'decision-guide')!;
    const body = JSON.parse(/-d '([^']+)'/.exec(guide.command)![1]) as { workload: Record<string, unknown> };
    const totals = async (workload: Record<string, unknown>) => {
      const res = await request(app.getHttpServer())
        .post('/v1/evaluations/totals')
        .set('authorization', `Bearer ${key}`)
        .send({ workload });
      expect(res.status).toBe(200);
      return new Map(
        (res.body.totals as Array<{ option: string; monthlyCostUsd: number }>).map((t) => [t.option, t.monthlyCostUsd]),
      );
    };
    const m5 = await totals(body.workload);
    const m5Month = await totals({ ...body.workload, retentionHours: 720 });
    // The quick-start curl of "Two commands", as it is printed there.
    const quickStart = JSON.parse(
      /-d '(\{"workload":[^']+)'\s*\\?\s*\n\s*http:\/\/localhost:3000\/v1\/evaluations\n/.exec(readme)![1],
    ) as {
      workload: Record<string, unknown>;
    };
    const m7g = await totals(quickStart.workload);
    const expected: Array<[RegExp, number | undefined]> = [
      [/^Kinesis provisioned/, m5.get('KDS_PROVISIONED')],
      [/^Kinesis on-demand$/, m5.get('KDS_ON_DEMAND')],
      [/^MSK provisioned, 24 h retention$/, m5.get('MSK_PROVISIONED')],
      [/^MSK provisioned, 30 days retention$/, m5Month.get('MSK_PROVISIONED')],
      [/^MSK Serverless$/, m5.get('MSK_SERVERLESS')],
      [/^MSK provisioned without `mskBrokerFamily`/, m7g.get('MSK_PROVISIONED')],
    ];
    expect(rows.size).toBe(expected.length);
    for (const [label, value] of rows) {
      const match = expected.find(([pattern]) => pattern.test(label));
      expect({ label, matched: Boolean(match) }).toEqual({ label, matched: true });
      expect({ label, usd: value }).toEqual({ label, usd: match![1] });
    }
    // And the curl's own printed output agrees with the table.
    const printed = new Map(
      (outputs.get('decision-guide') ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as [string, number]),
    );
    expect(printed.get('MSK_PROVISIONED')).toBe(rows.get('MSK provisioned, 24 h retention'));
  });
});
