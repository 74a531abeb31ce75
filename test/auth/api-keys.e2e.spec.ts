import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';

describe('API keys managed by admins (REST and GraphQL), each in their own team', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let otherAdmin: string;
  let editor: string;
  const team = `keys-${Date.now()}`;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await bearer(app, team, 'admin');
    editor = await bearer(app, team, 'editor');
    otherAdmin = await bearer(app, `${team}-other`, 'admin');
  });
  afterAll(async () => app.close());
  const http = () => request(app.getHttpServer());

  it("creates a key in the admin's team, shown once, that works with its role; lists keys without secrets", async () => {
    const created = await http()
      .post('/v1/api-keys')
      .set('authorization', admin)
      .send({ role: 'viewer', name: 'portal backend' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ team, role: 'viewer', name: 'portal backend', revokedAt: null });
    expect(created.body.key.startsWith(`sf_${created.body.prefix}_`)).toBe(true);
    const use = await http().get('/v1/decision-rules').set('authorization', `Bearer ${created.body.key}`);
    expect(use.status).toBe(200);
    const scenarioWrite = await http()
      .post('/v1/scenarios')
      .set('authorization', `Bearer ${created.body.key}`)
      .send({ name: 'x', workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 } });
    expect(scenarioWrite.status).toBe(403);

    const list = await http().get('/v1/api-keys').set('authorization', admin);
    expect(list.status).toBe(200);
    expect(list.body.map((k: { prefix: string }) => k.prefix)).toContain(created.body.prefix);
    expect(list.body.every((k: { team: string }) => k.team === team)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.some((k: Record<string, unknown>) => 'key' in k || 'secretHash' in k)).toBe(false);
  });

  it('revokes: the key answers 401 at once; another team cannot see or revoke it (404)', async () => {
    const created = await http().post('/v1/api-keys').set('authorization', admin).send({ role: 'editor' });
    const key = `Bearer ${created.body.key}`;
    expect((await http().get('/v1/decision-rules').set('authorization', key)).status).toBe(200);
    const foreign = await http().delete(`/v1/api-keys/${created.body.prefix}`).set('authorization', otherAdmin);
    expect(foreign.status).toBe(404);
    expect(
      (await http().get('/v1/api-keys').set('authorization', otherAdmin)).body.map((k: { prefix: string }) => k.prefix),
    ).not.toContain(created.body.prefix);
    const revoked = await http().delete(`/v1/api-keys/${created.body.prefix}`).set('authorization', admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await http().get('/v1/decision-rules').set('authorization', key)).status).toBe(401);
    expect((await http().delete('/v1/api-keys/nope').set('authorization', admin)).status).toBe(404);
  });

  it('needs the admin role, and rejects a bad body listing every field', async () => {
    expect((await http().get('/v1/api-keys').set('authorization', editor)).status).toBe(403);
    expect((await http().post('/v1/api-keys').set('authorization', editor).send({ role: 'viewer' })).status).toBe(403);
    const bad = await http()
      .post('/v1/api-keys')
      .set('authorization', admin)
      .send({ role: 'owner', name: '', team: 'someone-else' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'role', 'team']);
  });

  it('does the same over GraphQL', async () => {
    const created = await gql(
      app,
      admin,
      'mutation { createApiKey(role: VIEWER, name: "graph") { prefix team role name key } }',
    );
    expect(created.body.errors).toBeUndefined();
    const k = created.body.data.createApiKey;
    expect(k).toMatchObject({ team, role: 'VIEWER', name: 'graph' });
    const list = await gql(app, admin, '{ apiKeys { prefix revokedAt } }');
    expect(list.body.data.apiKeys.map((x: { prefix: string }) => x.prefix)).toContain(k.prefix);
    const forbidden = await gql(app, editor, '{ apiKeys { prefix } }');
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const foreign = await gql(app, otherAdmin, `mutation { revokeApiKey(prefix: "${k.prefix}") { prefix } }`);
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const revoked = await gql(app, admin, `mutation { revokeApiKey(prefix: "${k.prefix}") { prefix revokedAt } }`);
    expect(revoked.body.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect((await http().get('/v1/decision-rules').set('authorization', `Bearer ${k.key}`)).status).toBe(401);
  });
});
