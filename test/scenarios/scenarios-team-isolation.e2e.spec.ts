import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from './scenario-fixtures';

const UNKNOWN = '0c7b9a52-1f3e-4d6a-8b2c-9e0f1a2b3c4d';

describe('scenarios: a team never sees another team’s scenarios (REST and GraphQL)', () => {
  let app: NestFastifyApplication;
  let ownerEditor: string;
  let otherEditor: string;
  let theirs: { id: string; version: number };
  let mine: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    ownerEditor = await bearer(app, uniqueTeam('iso-a'), 'editor');
    otherEditor = await bearer(app, uniqueTeam('iso-b'), 'editor');
    theirs = (
      await rest(app, ownerEditor).create({ name: 'Team A secret', tags: ['secret'], workload: aWorkload().build() })
    ).body;
    mine = (await rest(app, otherEditor).create({ name: 'Team B own', workload: aWorkload().build() })).body;
  });
  afterAll(async () => app.close());

  /** The same 404 for another team's id as for an id that never existed: existence does not leak. */
  function expectNotFound(res: { status: number; body: { code: string; message: string } }, id: string) {
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.body.message.replace(id, '<id>')).toBe(`No scenario <id> for your team`);
  }

  it('REST: every endpoint answers 404 for another team’s id, exactly as for an unknown id', async () => {
    const api = rest(app, otherEditor);
    for (const id of [theirs.id, UNKNOWN]) {
      expectNotFound(await api.get(id), id);
      expectNotFound(await api.versions(id), id);
      expectNotFound(await api.estimate(id), id);
      expectNotFound(await api.estimate(id, { rates: 'current' }), id);
      expectNotFound(await api.patch(id, { name: 'hijacked' }, 1), id);
      expectNotFound(await api.remove(id), id);
      expectNotFound(await api.remove(id, 1), id);
      const compared = await api.compare([mine.id, id]);
      expect(compared.status).toBe(404);
      expect(compared.body.details).toEqual({ ids: [id] });
    }
    const listed = await api.list({ limit: 100 });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await api.list({ tag: 'secret' })).body.items).toEqual([]);
    expect((await api.list({ search: 'secret' })).body.items).toEqual([]);
  });

  it('GraphQL: every query and mutation answers NOT_FOUND for another team’s id', async () => {
    const ops: Array<[string, Record<string, unknown>]> = [
      ['query($id: ID!) { scenario(id: $id) { id name } }', {}],
      ['query($id: ID!) { scenarioVersions(id: $id) { version } }', {}],
      ['query($id: ID!) { repriceScenario(id: $id) { version } }', {}],
      ['query($id: ID!) { repriceScenario(id: $id, rates: CURRENT) { version } }', {}],
      ['query($id: ID!, $mine: ID!) { compareScenarios(ids: [$mine, $id]) { baselineId } }', { mine: mine.id }],
      ['mutation($id: ID!) { updateScenario(id: $id, expectedVersion: 1, patch: { name: "hijacked" }) { id } }', {}],
      ['mutation($id: ID!) { deleteScenario(id: $id) { id } }', {}],
      ['mutation($id: ID!) { deleteScenario(id: $id, expectedVersion: 1) { id } }', {}],
    ];
    for (const id of [theirs.id, UNKNOWN]) {
      for (const [query, vars] of ops) {
        const res = await gql(app, otherEditor, query, { id, ...vars });
        expect({ query, data: res.body.data ?? null, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          query,
          data: null,
          code: 'NOT_FOUND',
        });
      }
    }
    const list = await gql(
      app,
      otherEditor,
      '{ scenarios(first: 100) { items { id } } a: scenarios(tag: "secret") { items { id } } }',
    );
    expect(list.body.data.scenarios.items).toEqual([{ id: mine.id }]);
    expect(list.body.data.a.items).toEqual([]);
  });

  it('leaves the owner’s scenario untouched', async () => {
    const owner = rest(app, ownerEditor);
    const res = await owner.get(theirs.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, name: 'Team A secret' });
    expect((await owner.versions(theirs.id)).body).toHaveLength(1);
    expectNotFound(await owner.get(mine.id), mine.id);
  });
});
