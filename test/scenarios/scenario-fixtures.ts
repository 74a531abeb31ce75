/** Builders and request helpers shared by the scenario suites (no jest globals here). */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export type Workload = Record<string, unknown>;

export class WorkloadBuilder {
  private readonly w: Workload = {
    ingestGbPerDay: 100,
    avgRecordSizeKB: 1,
    sharedConsumers: 2,
    retentionHours: 24,
    trafficPattern: 'STEADY',
  };
  withIngestGbPerDay(v: number) {
    this.w.ingestGbPerDay = v;
    return this;
  }
  withRegion(v: string) {
    this.w.region = v;
    return this;
  }
  withSharedConsumers(v: number) {
    this.w.sharedConsumers = v;
    return this;
  }
  withRetentionHours(v: number) {
    this.w.retentionHours = v;
    return this;
  }
  with(field: string, v: unknown) {
    this.w[field] = v;
    return this;
  }
  build(): Workload {
    return { ...this.w };
  }
}
export const aWorkload = () => new WorkloadBuilder();

/** A team name of the suite's own, so suites sharing the run's database never see each other's rows. */
export const uniqueTeam = (label: string) =>
  `t-${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export function rest(app: INestApplication, auth: string) {
  const server = app.getHttpServer();
  return {
    create: (body: unknown) =>
      request(server)
        .post('/v1/scenarios')
        .set('authorization', auth)
        .send(body as object),
    get: (id: string) => request(server).get(`/v1/scenarios/${id}`).set('authorization', auth),
    list: (query: Record<string, string | number> = {}) =>
      request(server).get('/v1/scenarios').query(query).set('authorization', auth),
    patch: (id: string, body: unknown, ifMatch?: string | number) => {
      const req = request(server).patch(`/v1/scenarios/${id}`).set('authorization', auth);
      if (ifMatch !== undefined) req.set('if-match', String(ifMatch));
      return req.send(body as object);
    },
    remove: (id: string, ifMatch?: string | number, prefer?: string) => {
      const req = request(server).delete(`/v1/scenarios/${id}`).set('authorization', auth);
      if (ifMatch !== undefined) req.set('if-match', String(ifMatch));
      if (prefer) req.set('prefer', prefer);
      return req;
    },
    versions: (id: string) => request(server).get(`/v1/scenarios/${id}/versions`).set('authorization', auth),
    compare: (ids: unknown) => request(server).post('/v1/scenarios/compare').set('authorization', auth).send({ ids }),
    estimate: (id: string, query: Record<string, string | number> = {}) =>
      request(server).get(`/v1/scenarios/${id}/estimate`).query(query).set('authorization', auth),
  };
}

export const SCENARIO_FIELDS = `id version name description tags team createdByKeyId updatedByKeyId createdAt updatedAt
  workload { region ingestGbPerDay avgWriteMBps avgRecordSizeKB sharedConsumers retentionHours trafficPattern }
  latest { rateCardId evaluatedAt recommendation { option monthlyCostUsd headline } options { option eligible monthlyCostUsd recommended } }`;

export const fieldsOf = (body: { fields?: Array<{ field: string; message: string }> }) =>
  Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.message]));
