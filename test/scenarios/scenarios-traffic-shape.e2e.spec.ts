/**
 * Saved scenarios keep a daily profile (hourlyWriteMBps) and a volumeRange, re-price with them, edit them
 * with If-Match, reject bad ones naming the field without losing what is saved, and still read versions
 * saved before ranges existed.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { PrismaService } from '../../src/infrastructure/database/prisma.service';
import { gql } from '../support/graphql';
import { bearer } from '../support/keys';
import { startTestApp } from '../support/test-app';
import { fieldsOf, rest, uniqueTeam } from './scenario-fixtures';

const spikyDay = [...Array(16).fill(1), 40, 40, 40, 40, 1, 1, 1, 1];
const workload = { hourlyWriteMBps: spikyDay, avgRecordSizeKB: 25, sharedConsumers: 1 };
type Option = {
  option: string;
  monthlyCostUsd: number;
  monthlyCostBandUsd: { low: number; expected: number; high: number };
};
const bands = (options: Option[]) => Object.fromEntries(options.map((o) => [o.option, o.monthlyCostBandUsd]));

describe('scenarios with a daily profile and a volume range', () => {
  let app: NestFastifyApplication;
  let editor: string;
  let api: ReturnType<typeof rest>;
  beforeAll(async () => {
    app = await startTestApp();
    editor = await bearer(app, uniqueTeam('shape'), 'editor');
    api = rest(app, editor);
  });
  afterAll(async () => app.close());

  it('saves hourlyWriteMBps and volumeRange, re-prices with them, and edits the range under If-Match', async () => {
    const created = await api.create({ name: 'Nightly batch spikes', workload, volumeRange: { low: 0.5, high: 2 } });
    expect(created.status).toBe(201);
    expect(created.body.workload.hourlyWriteMBps).toEqual(spikyDay);
    expect(created.body.volumeRange).toEqual({ low: 0.5, high: 2 });
    expect(created.body.latest.recommendation.robustness.volumeRange).toEqual({ low: 0.5, high: 2 });
    const id = created.body.id;

    const read = await api.get(id);
    expect(read.body).toMatchObject({ workload: { hourlyWriteMBps: spikyDay }, volumeRange: { low: 0.5, high: 2 } });

    // Re-pricing uses the saved profile and range: the same bands as a fresh estimate of that request.
    const repriced = await api.estimate(id, { rates: 'pinned' });
    expect(repriced.status).toBe(200);
    expect(repriced.body.volumeRange).toEqual({ low: 0.5, high: 2 });
    const fresh = await request(app.getHttpServer())
      .post('/v1/estimates')
      .set('authorization', editor)
      .send({ workload, volumeRange: { low: 0.5, high: 2 } });
    expect(bands(repriced.body.options)).toEqual(bands(fresh.body.options));
    const prov = (repriced.body.options as Array<Option & { sizing: { shards: number } }>).find(
      (o) => o.option === 'KDS_PROVISIONED',
    )!;
    expect(prov.sizing.shards).toBe(48);

    const widened = await api.patch(id, { volumeRange: { high: 3 } }, created.body.version);
    expect(widened.status).toBe(200);
    expect(widened.body.volumeRange).toEqual({ low: 0.5, high: 3 });
    expect(widened.body.latest.recommendation.robustness.volumeRange).toEqual({ low: 0.5, high: 3 });

    const bad = await api.patch(id, { volumeRange: { low: 4 }, workload: { hourlyWriteMBps: [1, 2] } }, 2);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'volumeRange.low', message: 'volumeRange.low (4) must be less than or equal to volumeRange.high (3)' },
        {
          field: 'workload.hourlyWriteMBps',
          message: 'hourlyWriteMBps must hold exactly 24 hourly values (hour 0 = 00:00–01:00); got 2',
        },
      ]),
    );
    const after = await api.get(id);
    expect(after.body).toMatchObject({
      version: 2,
      volumeRange: { low: 0.5, high: 3 },
      workload: { hourlyWriteMBps: spikyDay },
    });

    const reset = await api.patch(id, { volumeRange: null }, 2);
    expect(reset.body.volumeRange).toEqual({ low: 0.8, high: 1.25 });
    const versions = await api.versions(id);
    expect(versions.body.map((v: { version: number; volumeRange: unknown }) => [v.version, v.volumeRange])).toEqual([
      [3, { low: 0.8, high: 1.25 }],
      [2, { low: 0.5, high: 3 }],
      [1, { low: 0.5, high: 2 }],
    ]);
  });

  it('rejects a bad range or profile on create with a 400 naming the field, and saves nothing', async () => {
    const res = await api.create({
      name: 'bad',
      workload: { ...workload, hourlyWriteMBps: [...spikyDay.slice(0, 23), -1] },
      volumeRange: { low: 'a' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual({
      'workload.hourlyWriteMBps[23]': 'hourlyWriteMBps[23] must be greater than or equal to 0',
      'volumeRange.low': 'volumeRange.low must be a finite number',
    });
    const list = await api.list({ search: 'bad' });
    expect(list.body.items).toEqual([]);
  });

  it('GraphQL creates and edits the same fields', async () => {
    const fields =
      'id version volumeRange { low high } workload { hourlyWriteMBps } latest { recommendation { option robustness { volumeRange { low high } holds summary } } }';
    const created = await gql(
      app,
      editor,
      `mutation($w: WorkloadInput!) { createScenario(input: { name: "gql shape", workload: $w, volumeRange: { low: 0.6, high: 1.5 } }) { ${fields} } }`,
      { w: workload },
    );
    expect(created.body.errors).toBeUndefined();
    const s = created.body.data.createScenario;
    expect(s).toMatchObject({ volumeRange: { low: 0.6, high: 1.5 }, workload: { hourlyWriteMBps: spikyDay } });
    expect(s.latest.recommendation.robustness.volumeRange).toEqual({ low: 0.6, high: 1.5 });
    const edited = await gql(
      app,
      editor,
      `mutation { updateScenario(id: "${s.id}", expectedVersion: 1, patch: { volumeRange: { low: 0.9 } }) { ${fields} } }`,
    );
    expect(edited.body.data.updateScenario.volumeRange).toEqual({ low: 0.9, high: 1.5 });
    const bad = await gql(
      app,
      editor,
      `mutation { updateScenario(id: "${s.id}", expectedVersion: 2, patch: { volumeRange: { high: 0.5 } }) { id } }`,
    );
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].extensions.fields.map((f: { field: string }) => f.field)).toContain(
      'patch.volumeRange.high',
    );
  });

  it('a version saved before ranges and robustness existed still reads, with the default range', async () => {
    const created = await api.create({ name: 'older', workload: { ingestGbPerDay: 100, avgRecordSizeKB: 1 } });
    const prisma = app.get(PrismaService);
    await prisma.$executeRaw`UPDATE scenario_versions SET evaluation = (evaluation - 'volumeRange') #- '{recommendation,robustness}' WHERE scenario_id = ${created.body.id}::uuid`;
    const read = await api.get(created.body.id);
    expect(read.status).toBe(200);
    expect(read.body.volumeRange).toEqual({ low: 0.8, high: 1.25 });
    expect(read.body.latest.recommendation.robustness ?? null).toBeNull();
    const graph = await gql(
      app,
      editor,
      `{ scenario(id: "${created.body.id}") { volumeRange { low high } latest { recommendation { option robustness { holds } } } } }`,
    );
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.scenario.latest.recommendation.robustness).toBeNull();
    const repriced = await api.estimate(created.body.id);
    expect(repriced.status).toBe(200);
    expect(repriced.body.volumeRange).toEqual({ low: 0.8, high: 1.25 });
  });
});
