/**
 * GraphQL enums in one case: every enum value of the served schema is UPPER_CASE, as GraphQL convention has it.
 * REST and JSON keep the values the spec gives (roles `viewer`, `rates=current`, `vary: "ingest"`, broker family
 * `m7g`); the GraphQL edge maps one to the other, both ways.
 */
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, isEnumType } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { gql } from '../support/graphql';
import { useViewerApp } from '../support/viewer-app';
import { bearer } from '../support/keys';

const UPPER = /^[A-Z][A-Z0-9_]*$/;
const workload = { ingestGbPerDay: 100, avgRecordSizeKB: 1, sharedConsumers: 2 };

describe('GraphQL enums: UPPER_CASE at the GraphQL edge, the spec’s values on REST', () => {
  const suite = useViewerApp('enum-case');

  it('names every enum value of the served schema, and of schema.gql, in UPPER_CASE', async () => {
    const intro = await gql(suite.app, suite.viewer, getIntrospectionQuery());
    const schema = buildClientSchema(intro.body.data as IntrospectionQuery);
    const lower = Object.values(schema.getTypeMap())
      .filter((t) => isEnumType(t) && !t.name.startsWith('__'))
      .flatMap((t) => (isEnumType(t) ? t.getValues().map((v) => `${t.name}.${v.name}`) : []))
      .filter((name) => !UPPER.test(name.split('.')[1]));
    expect(lower).toEqual([]);
    const file = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    const values = [...file.matchAll(/^enum \w+ \{\n([^}]*)\}/gm)].flatMap((m) =>
      m[1]
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('"')),
    );
    expect(values.length).toBeGreaterThan(20);
    expect(values.filter((v) => !UPPER.test(v))).toEqual([]);
  });

  it('maps role, break-even variable, re-price rates and broker family both ways', async () => {
    const admin = await bearer(suite.app, 'enum-case', 'admin');
    const key = await gql(suite.app, admin, 'mutation { createApiKey(role: EDITOR) { role key } }');
    expect(key.body.errors).toBeUndefined();
    expect(key.body.data.createApiKey.role).toBe('EDITOR');
    const editor = `Bearer ${key.body.data.createApiKey.key}`;
    const listed = await request(suite.app.getHttpServer()).get('/v1/api-keys').set('authorization', admin);
    expect(listed.body.map((k: { role: string }) => k.role)).toContain('editor');

    const be = await gql(
      suite.app,
      suite.viewer,
      'query($w: WorkloadInput!) { breakEven(input: $w, vary: RETENTION, from: 24, to: 96, steps: 3) { vary field } }',
      { w: { ...workload, mskBrokerFamily: 'M5' } },
    );
    expect(be.body.errors).toBeUndefined();
    expect(be.body.data.breakEven).toEqual({ vary: 'RETENTION', field: 'retentionHours' });
    const rest = await request(suite.app.getHttpServer())
      .post('/v1/break-even')
      .set('authorization', suite.viewer)
      .send({ workload: { ...workload, mskBrokerFamily: 'm5' }, vary: 'retention', from: 24, to: 96, steps: 3 });
    expect(rest.body.vary).toBe('retention');

    const created = await gql(
      suite.app,
      editor,
      'mutation($w: WorkloadInput!) { createScenario(input: { name: "enums", workload: $w }) { id workload { mskBrokerFamily } } }',
      { w: { ...workload, mskBrokerFamily: 'M7G' } },
    );
    expect(created.body.errors).toBeUndefined();
    const { id } = created.body.data.createScenario;
    expect(created.body.data.createScenario.workload.mskBrokerFamily).toBe('M7G');
    const saved = await request(suite.app.getHttpServer()).get(`/v1/scenarios/${id}`).set('authorization', editor);
    expect(saved.body.workload.mskBrokerFamily).toBe('m7g');

    const repriced = await gql(
      suite.app,
      editor,
      'query($id: ID!) { a: repriceScenario(id: $id, rates: CURRENT) { rates } b: repriceScenario(id: $id) { rates } }',
      { id },
    );
    expect(repriced.body.errors).toBeUndefined();
    expect(repriced.body.data).toEqual({ a: { rates: 'CURRENT' }, b: { rates: 'PINNED' } });
    const restRepriced = await request(suite.app.getHttpServer())
      .get(`/v1/scenarios/${id}/estimate?rates=current`)
      .set('authorization', editor);
    expect(restRepriced.body.rates).toBe('current');

    // The old lower-case names are refused by GraphQL's own validation (a 400 naming the value), not accepted.
    const old = await gql(suite.app, admin, 'mutation { createApiKey(role: viewer) { role } }');
    expect(old.body.errors[0].message).toMatch(/viewer/);
  });
});
