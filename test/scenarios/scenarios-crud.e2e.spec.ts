import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { OPTION_CODES } from '../../src/domain';
import { gql } from '../support/graphql';
import { startTestApp, testDatabaseUrl } from '../support/test-app';
import { aWorkload, fieldsOf, rest, SCENARIO_FIELDS, uniqueTeam } from './scenario-fixtures';

const OPTIONS = [...OPTION_CODES];

describe('scenarios: create, read, edit, history, delete (REST and GraphQL)', () => {
  let app: NestFastifyApplication;
  const team = uniqueTeam('crud');
  let editor: { auth: string; id: string };
  let editor2: { auth: string; id: string };
  let viewer: string;
  let db: Client;

  beforeAll(async () => {
    app = await startTestApp();
    const key = async (role: 'viewer' | 'editor') => {
      const k = await app.get(AuthService).createKey({ team, role });
      return { auth: `Bearer ${k.key}`, id: k.id };
    };
    editor = await key('editor');
    editor2 = await key('editor');
    viewer = (await key('viewer')).auth;
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  it('POST creates version 1, evaluated at the current rates: 201 with ETag and Location', async () => {
    const workload = aWorkload().build();
    const res = await rest(app, editor.auth).create({
      name: 'Clickstream',
      description: 'web',
      tags: ['web', 'team:a'],
      workload,
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/v1/scenarios/${res.body.id}`);
    expect(res.body).toMatchObject({
      version: 1,
      name: 'Clickstream',
      description: 'web',
      tags: ['web', 'team:a'],
      workload,
      team,
      createdByKeyId: editor.id,
      updatedByKeyId: editor.id,
    });
    expect(res.body.latest.options.map((o: { option: string }) => o.option)).toEqual(OPTIONS);
    // The summary is the evaluation the evaluations endpoint gives for the same workload.
    const evaluation = await request(app.getHttpServer())
      .post('/v1/evaluations')
      .set('authorization', viewer)
      .send({ workload });
    expect(res.body.latest.recommendation.option).toBe(evaluation.body.recommendation.option);
    expect(res.body.latest.rateCardId).toBe(evaluation.body.rateCard.id);
    for (const o of evaluation.body.options) {
      expect(res.body.latest.options.find((x: { option: string }) => x.option === o.option)).toEqual({
        option: o.option,
        eligible: o.eligible,
        monthlyCostUsd: o.monthlyCostUsd,
        recommended: o.option === evaluation.body.recommendation.option,
      });
    }
    const stored = await db.query(
      'select v.rate_card_id, v.evaluation, r.id as card from scenario_versions v join rate_card_versions r on r.id = v.rate_card_id where v.scenario_id = $1',
      [res.body.id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].evaluation.recommendation.option).toBe(evaluation.body.recommendation.option);
  });

  it('GET and GraphQL scenario(id) return the same scenario; a viewer reads but cannot write', async () => {
    const created = (await rest(app, editor.auth).create({ name: 'Read me', workload: aWorkload().build() })).body;
    const got = await rest(app, viewer).get(created.id);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(created);
    const g = await gql(app, viewer, `query($id: ID!) { scenario(id: $id) { ${SCENARIO_FIELDS} } }`, {
      id: created.id,
    });
    expect(g.body.errors).toBeUndefined();
    expect(g.body.data.scenario).toMatchObject({
      id: created.id,
      version: 1,
      name: 'Read me',
      description: null,
      tags: [],
      team,
      latest: { rateCardId: created.latest.rateCardId },
    });
    expect(g.body.data.scenario.latest.options).toEqual(created.latest.options);

    expect((await rest(app, viewer).create({ name: 'x', workload: aWorkload().build() })).status).toBe(403);
    expect((await rest(app, viewer).patch(created.id, { name: 'y' }, 1)).status).toBe(403);
    expect((await rest(app, viewer).remove(created.id)).status).toBe(403);
    const m = await gql(
      app,
      viewer,
      'mutation { createScenario(input: { name: "x", workload: { avgRecordSizeKB: 1, ingestGbPerDay: 1 } }) { id } }',
    );
    expect(m.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await rest(app, viewer).get('not-a-uuid')).status).toBe(404);
  });

  it('GraphQL createScenario saves the same way', async () => {
    const res = await gql(
      app,
      editor.auth,
      `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ${SCENARIO_FIELDS} } }`,
      {
        input: {
          name: 'From GraphQL',
          tags: ['gql'],
          workload: { ingestGbPerDay: 50, avgRecordSizeKB: 2, trafficPattern: 'VARIABLE' },
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createScenario).toMatchObject({
      version: 1,
      name: 'From GraphQL',
      tags: ['gql'],
      team,
      createdByKeyId: editor.id,
      workload: { ingestGbPerDay: 50, avgRecordSizeKB: 2, trafficPattern: 'VARIABLE', region: null },
    });
    const got = await rest(app, viewer).get(res.body.data.createScenario.id);
    expect(got.body.workload).toEqual({ ingestGbPerDay: 50, avgRecordSizeKB: 2, trafficPattern: 'VARIABLE' });
  });

  it('lists every bad field at once (REST 400, GraphQL BAD_USER_INPUT)', async () => {
    const res = await rest(app, editor.auth).create({
      name: '',
      description: 'd'.repeat(2001),
      tags: ['Upper', 'ok', 'ok', ...Array.from({ length: 20 }, (_, i) => `t${i}`)],
      workload: { ingestGbPerDay: -1, avgRecordSizeKB: 0, colour: 'red' },
      owner: 'me',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res.body)).toMatchObject({
      owner: 'owner is not a known field',
      name: 'name must be 1 to 200 characters, not blank',
      description: 'description must be at most 2000 characters',
      tags: 'tags must hold at most 20 tags',
      'tags[0]': expect.stringContaining('a tag must be 1-40 lowercase letters'),
      'tags[2]': 'tag ok is given twice',
      'workload.ingestGbPerDay': 'ingestGbPerDay must be greater than or equal to 0',
      'workload.avgRecordSizeKB': 'avgRecordSizeKB must be greater than 0',
      'workload.colour': 'colour is not a known workload field',
    });
    const missing = await rest(app, editor.auth).create({});
    expect(fieldsOf(missing.body)).toEqual({ name: 'name is required', workload: 'workload is required' });
    const g = await gql(
      app,
      editor.auth,
      'mutation { createScenario(input: { name: "", workload: { avgRecordSizeKB: -1, ingestGbPerDay: 1 } }) { id } }',
    );
    expect(g.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(g.body.errors[0].extensions)).toEqual({
      'input.name': 'name must be 1 to 200 characters, not blank',
      'input.workload.avgRecordSizeKB': 'avgRecordSizeKB must be greater than 0',
    });
  });

  it('PATCH needs If-Match: 428 without, 412 when stale (with currentVersion), 400 when malformed; accepts 3, "3" and W/"3"', async () => {
    const api = rest(app, editor.auth);
    const s = (await api.create({ name: 'v', workload: aWorkload().build() })).body;
    const none = await api.patch(s.id, { name: 'v2' });
    expect(none.status).toBe(428);
    expect(none.body.code).toBe('PRECONDITION_REQUIRED');
    const bad = await api.patch(s.id, { name: 'v2' }, 'abc');
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldsOf(bad.body))).toEqual(['If-Match']);
    expect((await api.patch(s.id, { name: 'v2' }, 1)).body.version).toBe(2);
    expect((await api.patch(s.id, { name: 'v3' }, '"2"')).body.version).toBe(3);
    const w = await api.patch(s.id, { name: 'v4' }, 'W/"3"');
    expect(w.status).toBe(200);
    expect(w.headers.etag).toBe('"4"');
    const stale = await api.patch(s.id, { name: 'lost' }, '"2"');
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 4, expectedVersion: 2 } });
    expect((await api.get(s.id)).body.name).toBe('v4');
    expect((await api.patch('6f1c1d0e-0000-4000-8000-000000000000', { name: 'x' }, 1)).status).toBe(404);
  });

  it('PATCH workload is a JSON merge patch: null removes, the rest merges, the result is validated', async () => {
    const api = rest(app, editor.auth);
    const s = (
      await api.create({
        name: 'merge',
        description: 'keep?',
        tags: ['a'],
        workload: aWorkload().withRetentionHours(48).build(),
      })
    ).body;
    const r1 = await api.patch(s.id, { workload: { retentionHours: null, sharedConsumers: 3 }, description: null }, 1);
    expect(r1.status).toBe(200);
    expect(r1.body.workload).toEqual({
      ingestGbPerDay: 100,
      avgRecordSizeKB: 1,
      sharedConsumers: 3,
      trafficPattern: 'STEADY',
    });
    expect(r1.body.description).toBeNull();
    expect(r1.body.tags).toEqual(['a']);
    const r2 = await api.patch(s.id, { workload: { ingestGbPerDay: null, avgWriteMBps: 5 }, tags: null }, 2);
    expect(r2.body.workload).toEqual({
      avgWriteMBps: 5,
      avgRecordSizeKB: 1,
      sharedConsumers: 3,
      trafficPattern: 'STEADY',
    });
    expect(r2.body.tags).toEqual([]);
    expect(r2.body.latest.options).not.toEqual(r1.body.latest.options);
    // The answer is what was stored: the same as reading it back.
    expect((await api.get(s.id)).body).toEqual(r2.body);
    expect(r2.body.updatedAt >= r2.body.createdAt).toBe(true);
    expect(r2.body.latest.evaluatedAt).toBe(r2.body.updatedAt);

    const invalid = await api.patch(s.id, { workload: { avgRecordSizeKB: null, retentionHours: 0 } }, 3);
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid.body)).toEqual({
      'workload.avgRecordSizeKB': 'avgRecordSizeKB is required',
      'workload.retentionHours': 'retentionHours must be greater than or equal to 1',
    });
    expect(fieldsOf((await api.patch(s.id, { workload: null }, 3)).body)).toEqual({
      workload: 'workload cannot be removed',
    });
    expect(fieldsOf((await api.patch(s.id, { name: null, extra: 1 }, 3)).body)).toEqual({
      name: 'name cannot be removed',
      extra: 'extra is not a known field',
    });
    expect((await api.patch(s.id, {}, 3)).status).toBe(400);
    expect((await api.get(s.id)).body.version).toBe(3);
  });

  it('GraphQL updateScenario: a null workload field leaves the saved value; a stale expectedVersion is CONFLICT', async () => {
    const api = rest(app, editor.auth);
    const s = (await api.create({ name: 'gql edit', workload: aWorkload().withRetentionHours(48).build() })).body;
    const mutation = `mutation($id: ID!, $v: Int!, $patch: ScenarioPatchInput!) { updateScenario(id: $id, expectedVersion: $v, patch: $patch) { ${SCENARIO_FIELDS} } }`;
    const ok = await gql(app, editor2.auth, mutation, {
      id: s.id,
      v: 1,
      patch: { name: 'renamed', workload: { retentionHours: null, sharedConsumers: 5 } },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.updateScenario).toMatchObject({
      version: 2,
      name: 'renamed',
      updatedByKeyId: editor2.id,
      createdByKeyId: editor.id,
      workload: { retentionHours: 48, sharedConsumers: 5 },
    });
    const stale = await gql(app, editor.auth, mutation, { id: s.id, v: 1, patch: { name: 'lost' } });
    expect(stale.body.errors[0].extensions).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
    const invalid = await gql(app, editor.auth, mutation, {
      id: s.id,
      v: 2,
      patch: { workload: { retentionHours: 0 } },
    });
    expect(fieldsOf(invalid.body.errors[0].extensions)).toEqual({
      'patch.workload.retentionHours': 'retentionHours must be greater than or equal to 1',
    });
  });

  it('keeps every version, immutable and gap-free, newest first (REST and GraphQL)', async () => {
    const api = rest(app, editor.auth);
    const s = (await api.create({ name: 'h1', tags: ['x'], workload: aWorkload().build() })).body;
    const first = (await api.versions(s.id)).body;
    expect(first).toHaveLength(1);
    await api.patch(s.id, { name: 'h2', workload: { ingestGbPerDay: 400 } }, 1);
    await rest(app, editor2.auth).patch(s.id, { name: 'h3', tags: ['y'] }, 2);
    const res = await rest(app, viewer).versions(s.id);
    expect(res.status).toBe(200);
    expect(res.body.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(res.body.map((v: { name: string }) => v.name)).toEqual(['h3', 'h2', 'h1']);
    expect(res.body.map((v: { createdByKeyId: string }) => v.createdByKeyId)).toEqual([
      editor2.id,
      editor.id,
      editor.id,
    ]);
    expect(res.body[2]).toEqual(first[0]);
    expect(res.body[1].workload.ingestGbPerDay).toBe(400);
    expect(res.body[0]).toMatchObject({
      tags: ['y'],
      rateCardId: s.latest.rateCardId,
      recommendation: expect.any(String),
    });
    expect(res.body[0].options.map((o: { option: string }) => o.option)).toEqual(OPTIONS);
    const latest = (await api.get(s.id)).body;
    expect(res.body[0].options).toEqual(latest.latest.options);
    const g = await gql(
      app,
      viewer,
      'query($id: ID!) { scenarioVersions(id: $id) { version name rateCardId recommendation options { option monthlyCostUsd } } }',
      { id: s.id },
    );
    expect(g.body.data.scenarioVersions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const rows = await db.query<{ version: number }>(
      'select version from scenario_versions where scenario_id = $1 order by version',
      [s.id],
    );
    expect(rows.rows.map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('DELETE is soft: 204, then 404 everywhere, with every saved version still in the database', async () => {
    const api = rest(app, editor.auth);
    const s = (await api.create({ name: 'to delete', workload: aWorkload().build() })).body;
    await api.patch(s.id, { name: 'to delete 2' }, 1);
    const stale = await api.remove(s.id, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.details.currentVersion).toBe(2);
    const del = await api.remove(s.id, '"2"');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await api.get(s.id)).status).toBe(404);
    expect((await api.versions(s.id)).status).toBe(404);
    expect((await api.patch(s.id, { name: 'x' }, 2)).status).toBe(404);
    expect((await api.remove(s.id)).status).toBe(404);
    expect((await api.list({ search: 'to delete' })).body.items.map((i: { id: string }) => i.id)).not.toContain(s.id);
    const row = await db.query('select deleted_at, version from scenarios where id = $1', [s.id]);
    expect(row.rows[0].deleted_at).toBeInstanceOf(Date);
    expect(
      (await db.query('select count(*)::int as n from scenario_versions where scenario_id = $1', [s.id])).rows[0].n,
    ).toBe(2);

    const other = (await api.create({ name: 'deleted with representation', workload: aWorkload().build() })).body;
    const rep = await api.remove(other.id, undefined, 'return=representation');
    expect(rep.status).toBe(200);
    expect(rep.body).toMatchObject({ id: other.id, version: 1, deletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const viaGql = (await api.create({ name: 'gql delete', workload: aWorkload().build() })).body;
    const m = 'mutation($id: ID!, $v: Int) { deleteScenario(id: $id, expectedVersion: $v) { id version deletedAt } }';
    expect((await gql(app, editor.auth, m, { id: viaGql.id, v: 5 })).body.errors[0].extensions.code).toBe('CONFLICT');
    const gd = await gql(app, editor.auth, m, { id: viaGql.id });
    expect(gd.body.data.deleteScenario).toMatchObject({ id: viaGql.id, version: 1 });
    expect((await gql(app, editor.auth, m, { id: viaGql.id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('documents every scenario endpoint in OpenAPI, bodies with an example, answers with a schema', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json')).body;
    const expected: Array<[string, string, string]> = [
      ['/v1/scenarios', 'post', '201'],
      ['/v1/scenarios', 'get', '200'],
      ['/v1/scenarios/compare', 'post', '200'],
      ['/v1/scenarios/{id}', 'get', '200'],
      ['/v1/scenarios/{id}', 'patch', '200'],
      ['/v1/scenarios/{id}', 'delete', '204'],
      ['/v1/scenarios/{id}/versions', 'get', '200'],
      ['/v1/scenarios/{id}/estimate', 'get', '200'],
    ];
    for (const [path, method, status] of expected) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, documented: Boolean(op?.responses?.[status]) }).toEqual({
        path,
        method,
        documented: true,
      });
      if (op.requestBody) expect(op.requestBody.content['application/json'].schema.example).toEqual(expect.any(Object));
    }
    expect(doc.paths['/v1/scenarios/{id}'].patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'If-Match', required: true })]),
    );
    expect(
      doc.paths['/v1/scenarios/{id}/estimate'].get.parameters.find((p: { name: string }) => p.name === 'rates').schema
        .enum,
    ).toEqual(['pinned', 'current']);
  });
});
