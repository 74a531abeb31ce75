import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { AuthService } from '../../src/auth/auth.service';
import { evaluate } from '../../src/domain';
import { RatesService } from '../../src/rates/rates.service';
import { ScenarioRepository } from '../../src/scenarios/scenario.repository';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp, testDatabaseUrl } from '../support/test-app';
import { aWorkload, rest, uniqueTeam } from './scenario-fixtures';

describe('scenarios: concurrent edits of one scenario', () => {
  let app: NestFastifyApplication;
  let editor: string;
  const team = uniqueTeam('race');

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000' });
    editor = await bearer(app, team, 'editor');
  });
  afterAll(async () => app.close());

  async function storedVersions(id: string): Promise<Array<{ version: number; name: string; ingest: number }>> {
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        "select version, name, (workload->>'ingestGbPerDay')::float as ingest from scenario_versions where scenario_id = $1 order by version",
        [id],
      );
      return rows;
    } finally {
      await db.end();
    }
  }

  it('50 PATCHes with the same If-Match: exactly one wins, 49 get 412, history is 1..2 with the winner stored', async () => {
    const api = rest(app, editor);
    const s = (await api.create({ name: 'contended', workload: aWorkload().build() })).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api
          .patch(s.id, { name: `racer ${i}`, workload: { ingestGbPerDay: 200 + i } }, `"${s.version}"`)
          .then((res) => ({ i, res })),
      ),
    );
    const winners = results.filter((r) => r.res.status === 200);
    const losers = results.filter((r) => r.res.status === 412);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const { res } of losers)
      expect(res.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1 } });
    const winner = winners[0].i;
    expect(winners[0].res.body).toMatchObject({ version: 2, name: `racer ${winner}` });

    const now = (await api.get(s.id)).body;
    expect(now).toMatchObject({ version: 2, name: `racer ${winner}`, workload: { ingestGbPerDay: 200 + winner } });
    expect(await storedVersions(s.id)).toEqual([
      { version: 1, name: 'contended', ingest: 100 },
      { version: 2, name: `racer ${winner}`, ingest: 200 + winner },
    ]);
    expect((await api.versions(s.id)).body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('GraphQL: concurrent updateScenario with one expectedVersion → one result, the rest CONFLICT', async () => {
    const s = (await rest(app, editor).create({ name: 'contended gql', workload: aWorkload().build() })).body;
    const mutation =
      'mutation($id: ID!, $name: String!) { updateScenario(id: $id, expectedVersion: 1, patch: { name: $name }) { version name } }';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gql(app, editor, mutation, { id: s.id, name: `g${i}` })),
    );
    const ok = results.filter((r) => r.body.data?.updateScenario);
    const conflicts = results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts[0].body.errors[0].extensions).toMatchObject({
      domainCode: 'VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
    expect((await storedVersions(s.id)).map((v) => v.version)).toEqual([1, 2]);
    expect((await rest(app, editor).get(s.id)).body.name).toBe(ok[0].body.data.updateScenario.name);
  });

  it('sequential edits from two stale readers: the second is refused, never silently overwrites', async () => {
    const api = rest(app, editor);
    const s = (await api.create({ name: 'two readers', workload: aWorkload().build() })).body;
    const readA = (await api.get(s.id)).headers.etag;
    const readB = (await api.get(s.id)).headers.etag;
    expect((await api.patch(s.id, { name: 'A' }, readA)).status).toBe(200);
    expect((await api.patch(s.id, { name: 'B' }, readB)).status).toBe(412);
    expect((await api.get(s.id)).body.name).toBe('A');
  });

  it('the conditional write itself: 20 writers at the same expected version, all past any read, exactly one lands', async () => {
    const s = (await rest(app, editor).create({ name: 'conditional', workload: aWorkload().build() })).body;
    const { id: keyId } = await app.get(AuthService).createKey({ team, role: 'editor' });
    const card = await app.get(RatesService).current('us-east-1');
    const repository = app.get(ScenarioRepository);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const workload = { ingestGbPerDay: 300 + i, avgRecordSizeKB: 1 };
        return repository.update(team, s.id, 1, {
          name: `writer ${i}`,
          description: null,
          tags: [],
          workload,
          evaluation: evaluate(workload, card),
          rateCardId: card.id,
          keyId,
        });
      }),
    );
    expect(outcomes.filter((o) => o.status === 'ok')).toEqual([
      { status: 'ok', version: 2, updatedAt: expect.stringMatching(/^\d{4}-/) },
    ]);
    expect(outcomes.filter((o) => o.status === 'conflict')).toHaveLength(19);
    for (const o of outcomes) if (o.status === 'conflict') expect(o.currentVersion).toBe(2);
    const stored = await storedVersions(s.id);
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
    const winner = outcomes.findIndex((o) => o.status === 'ok');
    expect(stored[1]).toEqual({ version: 2, name: `writer ${winner}`, ingest: 300 + winner });
    expect(
      await repository.update('another-team', s.id, 2, {
        name: 'x',
        description: null,
        tags: [],
        workload: { ingestGbPerDay: 1, avgRecordSizeKB: 1 },
        evaluation: evaluate({ ingestGbPerDay: 1, avgRecordSizeKB: 1 }, card),
        rateCardId: card.id,
        keyId,
      }),
    ).toEqual({ status: 'missing' });
  });
});
