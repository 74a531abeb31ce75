import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp, testDatabaseUrl } from '../support/test-app';

const root = join(__dirname, '..', '..');
const keys = (args: string[]) =>
  spawnSync(process.execPath, ['-r', './scripts/ts-register.js', 'src/cli/keys.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: testDatabaseUrl(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
    timeout: 60000,
  });

describe('npm run keys', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('creates a key, printed once, that the API accepts with its role; lists and revokes it', async () => {
    const created = keys(['create', '--team', 'cli-team', '--role', 'editor', '--name', 'ci bot']);
    expect(created.status).toBe(0);
    const key = /sf_([a-z0-9]{10})_[A-Za-z0-9_-]+/.exec(created.stdout);
    expect(key).not.toBeNull();
    const res = await request(app.getHttpServer()).get('/v1/decision-rules').set('authorization', `Bearer ${key![0]}`);
    expect(res.status).toBe(200);
    const refresh = await request(app.getHttpServer())
      .post('/v1/rate-cards/us-east-1/refresh')
      .set('authorization', `Bearer ${key![0]}`);
    expect(refresh.status).toBe(403);

    const listed = keys(['list', '--team', 'cli-team']);
    expect(listed.stdout).toContain(`${key![1]}\tcli-team\teditor\tactive`);
    expect(listed.stdout).not.toContain(key![0]);

    expect(keys(['revoke', '--prefix', key![1]]).status).toBe(0);
    expect(keys(['list', '--team', 'cli-team']).stdout).toContain(`${key![1]}\tcli-team\teditor\trevoked`);
  });

  it('refuses a bad team or role with a clear message and stores nothing', () => {
    const bad = keys(['create', '--team', 'Bad Team', '--role', 'owner']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('team must be 1-63 lowercase letters');
    expect(bad.stderr).toContain('role must be one of viewer, editor, admin');
    expect(keys(['list', '--team', 'Bad Team']).stdout).toBe('');
    expect(keys([]).status).toBe(64);
  });
});
