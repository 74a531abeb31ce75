/**
 * Scenario create and edit checked at the edge (CreateScenarioDto, ScenarioPatchDto): class-validator fields and
 * the workload check merged into one error, in a stable order, over REST and GraphQL; unknown fields refused as
 * before; the DTOs' bounds in /docs-json.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AuthService } from '../../src/auth/auth.service';
import { gql } from '../support/graphql';
import { startTestApp } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from './scenario-fixtures';

const BAD_NAME = { field: 'name', message: 'name must be 1 to 200 characters, not blank' };
const BAD_SIZE = { field: 'workload.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' };
const under = (arg: string, f: { field: string; message: string }) => ({ ...f, field: `${arg}.${f.field}` });

describe('scenario content DTOs: one error for every bad field (REST and GraphQL), unknown fields, OpenAPI', () => {
  let app: NestFastifyApplication;
  let editor: string;
  beforeAll(async () => {
    app = await startTestApp();
    editor = `Bearer ${(await app.get(AuthService).createKey({ team: uniqueTeam('dto'), role: 'editor' })).key}`;
  });
  afterAll(async () => app.close());

  it('create: a bad name and a bad workload field in one 400, in a stable order (unknown, name, description, tags, workload, range)', async () => {
    const body = {
      volumeRange: { low: 2 },
      workload: aWorkload().with('avgRecordSizeKB', 0).build(),
      tags: ['ok', 'ok'],
      description: 7,
      name: ' ',
      owner: 'me',
    };
    const res = await rest(app, editor).create(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const expected = [
      { field: 'owner', message: 'owner is not a known field' },
      BAD_NAME,
      { field: 'description', message: 'description must be a string' },
      { field: 'tags[1]', message: 'tag ok is given twice' },
      BAD_SIZE,
      {
        field: 'volumeRange.low',
        message: 'volumeRange.low (2) must be less than or equal to volumeRange.high (1.25)',
      },
      {
        field: 'volumeRange.low',
        message: 'volumeRange.low must be between 0 and 1: the range must contain the expected volume (1)',
      },
    ];
    expect(res.body.fields).toEqual(expected);
    // The same body again: the same list in the same order.
    expect((await rest(app, editor).create(body)).body.fields).toEqual(expected);

    const g = await gql(app, editor, 'mutation($i: CreateScenarioInput!) { createScenario(input: $i) { id } }', {
      i: { name: '', workload: aWorkload().with('avgRecordSizeKB', 0).build(), tags: ['A'] },
    });
    expect(g.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(g.body.errors[0].extensions.fields).toEqual([
      under('input', BAD_NAME),
      {
        field: 'input.tags[0]',
        message:
          'a tag must be 1-40 lowercase letters, digits, dots, colons, dashes or underscores, starting with a letter or digit',
      },
      under('input', BAD_SIZE),
    ]);
  });

  it('edit: the patch’s own bad fields with its bad workload values in one 400; the merged workload checked whole when the rest is good', async () => {
    const api = rest(app, editor);
    const s = (await api.create({ name: 'edit me', workload: aWorkload().build() })).body;
    const both = await api.patch(s.id, { name: '', workload: { avgRecordSizeKB: -1, colour: 'red' } }, 1);
    expect(both.status).toBe(400);
    expect(both.body.fields).toEqual([
      BAD_NAME,
      BAD_SIZE,
      { field: 'workload.colour', message: 'colour is not a known workload field' },
    ]);
    // Only the merged workload can say this one: ingestGbPerDay is saved, avgWriteMBps would be a second rate.
    const merged = await api.patch(s.id, { workload: { avgWriteMBps: 5, retentionHours: 0 } }, 1);
    expect(merged.body.fields).toEqual([
      { field: 'workload.retentionHours', message: 'retentionHours must be greater than or equal to 1' },
      { field: 'workload.ingestGbPerDay', message: 'give exactly one of ingestGbPerDay or avgWriteMBps, not both' },
      { field: 'workload.avgWriteMBps', message: 'give exactly one of ingestGbPerDay or avgWriteMBps, not both' },
    ]);
    expect((await api.get(s.id)).body.version).toBe(1);

    const m = `mutation($id: ID!, $p: ScenarioPatchInput!) { updateScenario(id: $id, expectedVersion: 1, patch: $p) { id } }`;
    const g = await gql(app, editor, m, { id: s.id, p: { name: '', workload: { avgRecordSizeKB: -1 } } });
    expect(g.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(g.body.errors[0].extensions.fields).toEqual([under('patch', BAD_NAME), under('patch', BAD_SIZE)]);
    const gm = await gql(app, editor, m, { id: s.id, p: { workload: { avgWriteMBps: 5 } } });
    expect(gm.body.errors[0].extensions.fields.map((f: { field: string }) => f.field)).toEqual([
      'patch.workload.ingestGbPerDay',
      'patch.workload.avgWriteMBps',
    ]);
    const none = await gql(app, editor, m, { id: s.id, p: {} });
    expect(none.body.errors[0].extensions.fields).toEqual([
      { field: 'patch', message: 'give at least one of name, description, tags, workload or volumeRange' },
    ]);
  });

  it('refuses unknown fields as before, the inherited names included, and If-Match still comes first', async () => {
    const api = rest(app, editor);
    const W = aWorkload().build();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      headers: { authorization: editor, 'content-type': 'application/json' },
      payload: `{"name":"x","workload":${JSON.stringify(W)},"constructor":1,"owner":"me"}`,
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().fields).toEqual([
      { field: 'constructor', message: 'constructor is not a known field' },
      { field: 'owner', message: 'owner is not a known field' },
    ]);
    const s = (await api.create({ name: 'unknowns', workload: W })).body;
    expect((await api.patch(s.id, { extra: 1 }, 1)).body.fields).toEqual([
      { field: 'extra', message: 'extra is not a known field' },
      { field: '(body)', message: 'give at least one of name, description, tags, workload or volumeRange' },
    ]);
    expect((await api.patch(s.id, { volumeRange: { mid: 1 } }, 1)).body.fields).toEqual([
      { field: 'volumeRange.mid', message: 'mid is not a known field of volumeRange' },
    ]);
    // A bad body without If-Match is still 428, with a malformed one still the If-Match 400.
    expect((await api.patch(s.id, { extra: 1 })).status).toBe(428);
    const malformed = await api.patch(s.id, [1], 'abc');
    expect(malformed.body.fields.map((f: { field: string }) => f.field)).toEqual(['If-Match']);
    expect((await api.get(s.id)).body.version).toBe(1);
  });

  it('documents the DTOs in /docs-json with the bounds the checks use', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json')).body;
    // Inline in the operation (src/common/openapi-document.ts), as the evaluation bodies are.
    const bodyOf = (method: string, path: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(doc.components.schemas.CreateScenarioDto).toBeUndefined();
    const create = bodyOf('post', '/v1/scenarios');
    expect(create.required).toEqual(['name', 'workload']);
    expect(create.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    expect(create.properties.description).toMatchObject({ type: 'string', maxLength: 2000, nullable: true });
    expect(create.properties.tags).toMatchObject({
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9][a-z0-9._:-]{0,39}$' },
    });
    expect(create.properties.workload.properties.avgRecordSizeKB).toMatchObject({ minimum: 0, exclusiveMinimum: true });
    expect(create.properties.volumeRange.properties.high).toMatchObject({ minimum: 1, maximum: 100 });
    const patch = bodyOf('patch', '/v1/scenarios/{id}');
    expect(patch.required ?? []).toEqual([]);
    expect(patch.properties.name).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(patch.properties.workload.properties.retentionHours).toMatchObject({ minimum: 1, nullable: true });
  });
});
